/**
 * What the phones are sent when the vote opens on a full board (2,000 notes): the board
 * once for the whole room, compact, and each phone's own part only its notes and dots.
 */
import { describe, expect, it } from 'vitest';
import type { RoundContext } from '@playfield/shared';
import {
  brainstorm,
  BRAINSTORM_LIMITS,
  PHONE_RANKED,
  type BrainstormState,
} from '@playfield/shared/exercises/brainstorm/index';
import type {
  BrainstormFacilitatorAction,
  BrainstormParticipantAction,
} from '@playfield/shared/exercises/brainstorm/model';

type Action = BrainstormParticipantAction | BrainstormFacilitatorAction;

const AUTHORS = 1000;
const people = Array.from({ length: AUTHORS }, (_, i) => ({
  id: `seat${String(i).padStart(8, '0')}`,
  name: `Person ${i + 1}`,
  hasLeft: false,
}));
const roster: RoundContext['roster'] = Object.fromEntries(people.map((p) => [p.id, p]));
const ctx: RoundContext = { isOpen: true, isRevealed: false, roster, at: 0 };

/** A note of about 80 characters, different for every n. */
const text = (n: number) =>
  `Idea ${n}: call the customer back within the hour when the first answer did not solve it`;

function step(state: BrainstormState, actor: string | null, action: Action): BrainstormState {
  const who =
    actor === null
      ? { role: 'facilitator' as const }
      : { role: 'participant' as const, participantId: actor };
  const result = brainstorm.reduce(state, action, who, ctx);
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

function fullBoard(): BrainstormState {
  let state = brainstorm.init({ ...brainstorm.defaultConfig(), maxNotesPerPerson: 2 }, 'seed');
  for (let n = 0; n < BRAINSTORM_LIMITS.notesOnBoard; n++)
    state = step(state, people[n % AUTHORS]!.id, { type: 'addNote', text: text(n), tag: null });
  state = step(state, null, { type: 'phase', phase: 'cluster' });
  state = step(state, null, {
    type: 'createCluster',
    name: 'Call backs',
    noteIds: ['n1', 'n2', 'n3'],
  });
  return step(state, null, { type: 'phase', phase: 'vote' });
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('the vote opening on a full board (2,000 notes of 86 characters)', () => {
  const state = fullBoard();
  const voter = people[5]?.id ?? '';

  it('sends the room one compact board, and each phone only its notes and dots', () => {
    const board = brainstorm.participantPublicView(state, ctx);
    const voted = step(state, voter, { type: 'vote', itemId: 'n10', dots: 2 });
    const own = brainstorm.participantOwnView(voted, voter, ctx);
    console.log(
      `vote opens at 2,000 notes: the room's board ${bytes(board)} bytes (was 571,442), a phone's own view ${bytes(own)}`,
    );
    expect(board.items).toHaveLength(1998);
    // The notes' text alone is 174 KB: the board adds about 40 bytes a note to it.
    expect(bytes(board)).toBeLessThan(260_000);
    expect(board.items?.[1]).toEqual({ id: 'n4', kind: 'note', text: text(3) });
    // Dots do not touch the room's board: it is sent once for the whole vote.
    expect(brainstorm.participantPublicView(voted, ctx)).toEqual(board);
    // A phone's own part is its two notes and its dots, not the board.
    expect(own.dots).toEqual({ n10: 2 });
    expect(bytes(own)).toBeLessThan(400);
  });

  it('sends the top of the ranking in the results, without the board', () => {
    const voted = step(state, voter, { type: 'vote', itemId: 'n10', dots: 2 });
    const results = step(voted, null, { type: 'phase', phase: 'results' });
    const view = brainstorm.participantPublicView(results, { ...ctx, isRevealed: true });
    console.log(`results at 2,000 notes: the room's view ${bytes(view)} bytes (was 884,849)`);
    expect(view.items).toBeNull();
    expect(view.ranking).toHaveLength(PHONE_RANKED);
    expect(view.ranking?.[0]).toMatchObject({ id: 'n10', dots: 2 });
    expect(view.moreRanked).toBe(1998 - PHONE_RANKED);
    expect(bytes(view)).toBeLessThan(5_000);
  });
});
