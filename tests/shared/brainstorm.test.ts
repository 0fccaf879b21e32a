/**
 * The brainstorm as an exercise: config bounds, notes from phones, the facilitator's board
 * (clusters, hiding, merging), dot voting with its limits, the ranking and summary worked
 * out by hand, the privacy of every view, refusals that change nothing, and replay.
 */
import { describe, expect, it } from 'vitest';
import {
  createRandom,
  getExercise,
  replay,
  participantPublicView as sessionPublicView,
  type Actor,
  type AppError,
  type CommandActor,
  type EventEnvelope,
  type RoundContext,
  type RoundSpec,
  type SessionCommand,
  type SessionState,
} from '@playfield/shared';
import {
  brainstorm,
  BRAINSTORM_LIMITS,
  PHONE_NOTES_PER_ITEM,
  SCREEN_GROUPS,
  SCREEN_NOTES_PER_GROUP,
  type BrainstormState,
} from '@playfield/shared/exercises/brainstorm/index';
import {
  buildBoard,
  resolvedVotes,
  tallyVotes,
} from '@playfield/shared/exercises/brainstorm/board';
import {
  brainstormConfigSchema,
  type BrainstormConfig,
  type BrainstormFacilitatorAction,
  type BrainstormParticipantAction,
} from '@playfield/shared/exercises/brainstorm/model';
import { brainstormPresets } from '@playfield/shared/exercises/brainstorm/presets';
import { FACILITATOR as SESSION_FACILITATOR, createSession, run } from './sessionHarness.ts';

type Action = BrainstormParticipantAction | BrainstormFacilitatorAction;

const FAC: Actor = { role: 'facilitator' };
const as = (participantId: string): Actor => ({ role: 'participant', participantId });

// Distinctive ids and names, so a leak shows up in any JSON.
const ANA = 'p-ana-7f3';
const BEN = 'p-ben-9c1';
const CAI = 'p-cai-2d8';
const DEE = 'p-dee-5e0';
const NAMES: Record<string, string> = {
  [ANA]: 'Ana Wanderlust',
  [BEN]: 'Benedikt Quorum',
  [CAI]: 'Cairo Pemberton',
  [DEE]: 'Delphine Oyelaran',
};
const ROSTER: RoundContext['roster'] = Object.fromEntries(
  Object.entries(NAMES).map(([id, name]) => [id, { id, name, hasLeft: false }]),
);

function ctx(overrides: Partial<RoundContext> = {}): RoundContext {
  return { isOpen: true, isRevealed: false, roster: ROSTER, at: 1000, ...overrides };
}

function config(overrides: Partial<BrainstormConfig> = {}): BrainstormConfig {
  return { ...brainstorm.defaultConfig(), ...overrides };
}

function init(overrides: Partial<BrainstormConfig> = {}): BrainstormState {
  return brainstorm.init(config(overrides), 'seed');
}

/** Applies one action that must be accepted. */
function step(state: BrainstormState, actor: Actor, action: Action, c = ctx()): BrainstormState {
  const result = brainstorm.reduce(state, action, actor, c);
  if (!result.ok) throw new Error(`${action.type} was refused: ${result.error.message}`);
  return result.data;
}

function act(state: BrainstormState, steps: [Actor, Action][], c = ctx()): BrainstormState {
  return steps.reduce((s, [actor, action]) => step(s, actor, action, c), state);
}

/** An action that must be refused, and must leave the state exactly as it was. */
function refused(state: BrainstormState, actor: Actor, action: Action, c = ctx()): AppError {
  const before = structuredClone(state);
  const result = brainstorm.reduce(state, action, actor, c);
  if (result.ok) throw new Error(`${action.type} was accepted`);
  expect(state).toEqual(before);
  return result.error;
}

const note = (text: string, tag: string | null = null): Action => ({ type: 'addNote', text, tag });
const phase = (p: 'collect' | 'cluster' | 'vote' | 'results'): Action => ({
  type: 'phase',
  phase: p,
});
const vote = (itemId: string, dots: number): Action => ({ type: 'vote', itemId, dots });

/**
 * The worked example: five notes from four people, "Speed" (n1, n2) and "Care" (n4) as
 * clusters, an empty "Later" cluster, n3 and n5 on their own.
 */
function clustered(overrides: Partial<BrainstormConfig> = {}): BrainstormState {
  return act(init(overrides), [
    [as(ANA), note('Same-day delivery everywhere')],
    [as(BEN), note('Next-hour delivery in cities')],
    [as(CAI), note('Free returns forever')],
    [as(DEE), note('A named account manager for every customer')],
    [as(ANA), note('Price match guarantee')],
    [FAC, phase('cluster')],
    [FAC, { type: 'createCluster', name: 'Speed', noteIds: ['n1', 'n2'] }],
    [FAC, { type: 'createCluster', name: 'Care' }],
    [FAC, { type: 'moveNote', noteId: 'n4', clusterId: 'c2' }],
    [FAC, { type: 'createCluster', name: 'Later' }],
  ]);
}

/** The worked example with everyone's three dots placed. */
function voted(): BrainstormState {
  return act(clustered(), [
    [FAC, phase('vote')],
    [as(ANA), vote('c1', 2)],
    [as(ANA), vote('n3', 1)],
    [as(BEN), vote('c1', 1)],
    [as(BEN), vote('c2', 2)],
    [as(CAI), vote('n3', 2)],
    [as(CAI), vote('n5', 1)],
    [as(DEE), vote('c2', 1)],
    [as(DEE), vote('n5', 1)],
    [as(DEE), vote('c1', 1)],
  ]);
}

describe('brainstorm config', () => {
  it('accepts the defaults and every preset when parsed', () => {
    expect(brainstormConfigSchema.safeParse(brainstorm.defaultConfig()).success).toBe(true);
    for (const [key, preset] of Object.entries(brainstormPresets)) {
      expect(brainstormConfigSchema.safeParse(preset.config).success, key).toBe(true);
      expect(getExercise('brainstorm')?.parseConfig(preset.config).ok, key).toBe(true);
    }
  });

  it('offers the four workshop presets with the seeds’ questions', () => {
    expect(Object.values(brainstormPresets).map((p) => p.title)).toEqual([
      'Worst nightmare',
      'When do we need to pound the table?',
      'Recognition wall',
      'Service culture stories',
    ]);
    expect(brainstormPresets.worstNightmare?.config.prompt).toBe(
      'What could a competitor do that would be your worst nightmare?',
    );
    expect(brainstormPresets.recognitionWall?.config).toMatchObject({
      isAnonymous: false,
      tags: ['Better', 'Faster', 'Different'],
    });
    expect(brainstormPresets.serviceCultureStories?.config.tags).toEqual([
      'The culture we want',
      'The culture we have',
    ]);
  });

  it.each<[string, Partial<BrainstormConfig>, RegExp]>([
    ['an empty prompt', { prompt: '   ' }, /prompt must not be empty/],
    ['no notes per person', { maxNotesPerPerson: 0 }, /notes per person must be at least 1/],
    ['notes of 10 characters', { noteLength: 10 }, /length of a note must be at least 20/],
    ['notes of 501 characters', { noteLength: 501 }, /length of a note can be at most 500/],
    ['seven tags', { tags: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }, /At most 6 tags/],
    ['the same tag twice', { tags: ['Better', 'better'] }, /Each tag must be different/],
    ['an empty tag', { tags: ['Better', ' '] }, /A tag must not be empty/],
    [
      'more dots on one item than a person has',
      { dotsPerPerson: 2, maxDotsPerItem: 3 },
      /dots allowed on one item cannot be more than the dots each person has/,
    ],
    ['half a dot', { dotsPerPerson: 2.5 }, /dots per person must be a whole number/],
  ])('refuses %s with a readable message', (_, overrides, message) => {
    const parsed = getExercise('brainstorm')?.parseConfig(config(overrides));
    expect(parsed?.ok).toBe(false);
    if (parsed && !parsed.ok) {
      expect(parsed.error.code).toBe('BAD_REQUEST');
      expect(parsed.error.message).toMatch(message);
      expect(parsed.error.message).not.toMatch(/too (small|big)|expected|>=|<=/i);
    }
  });

  it('starts collecting with an empty board when initialised', () => {
    expect(init()).toEqual({
      config: config(),
      phase: 'collect',
      notes: [],
      clusters: [],
      nextNote: 1,
      nextCluster: 1,
      votes: {},
    });
  });
});

describe('brainstorm action parsing through the registry', () => {
  const exercise = getExercise('brainstorm');

  it.each([
    ['an empty note', { type: 'addNote', text: '  \n ', tag: null }, /Write something/],
    ['a note of 501 characters', { type: 'addNote', text: 'x'.repeat(501), tag: null }, /500/],
    ['a note without its tag field', { type: 'addNote', text: 'Hi' }, /tag/],
    ['a vote of 1.5 dots', { type: 'vote', itemId: 'c1', dots: 1.5 }, /whole number/],
    ['a vote of -1 dots', { type: 'vote', itemId: 'c1', dots: -1 }, /negative/],
    ['a vote on a made-up id', { type: 'vote', itemId: 'p-ana', dots: 1 }, /Unknown item/],
    ['an edit of a cluster id', { type: 'editNote', noteId: 'c1', text: 'x', tag: null }, /note/],
  ])('refuses as BAD_REQUEST a participant sending %s', (_, action, message) => {
    const result = exercise?.parseAction('participant', action);
    expect(result?.ok).toBe(false);
    if (result && !result.ok) {
      expect(result.error.code).toBe('BAD_REQUEST');
      expect(result.error.message).toMatch(message);
    }
  });

  it('cleans invisible characters and spaces out of a note when parsing', () => {
    const result = exercise?.parseAction('participant', {
      type: 'addNote',
      text: '  Free\u200B  returns\n\nforever ',
      tag: null,
    });
    expect(result).toEqual({
      ok: true,
      data: { type: 'addNote', text: 'Free returns forever', tag: null },
    });
  });

  it.each([
    ['participant', { type: 'createCluster', name: 'Speed' }, 'Only the facilitator can do that'],
    [
      'participant',
      { type: 'hideNote', noteId: 'n1', isHidden: true },
      'Only the facilitator can do that',
    ],
    ['participant', { type: 'phase', phase: 'vote' }, 'Only the facilitator can do that'],
    ['facilitator', { type: 'addNote', text: 'Hi', tag: null }, 'Participants do that themselves'],
    ['facilitator', { type: 'vote', itemId: 'c1', dots: 1 }, 'Participants do that themselves'],
  ] as const)('refuses as FORBIDDEN a %s sending the other side’s %j', (role, action, message) => {
    expect(exercise?.parseAction(role, action)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message },
    });
  });
});

describe('notes', () => {
  it('numbers notes in posting order and keeps them in the round when participants post', () => {
    const s = act(init(), [
      [as(ANA), note('Same-day delivery')],
      [as(BEN), note('Free returns')],
    ]);
    expect(s.notes.map((n) => [n.id, n.authorId, n.text, n.clusterId])).toEqual([
      ['n1', ANA, 'Same-day delivery', null],
      ['n2', BEN, 'Free returns', null],
    ]);
    expect(s.nextNote).toBe(3);
    expect(brainstorm.submittedCount(s)).toBe(2);
  });

  it('lets the author edit and delete their own note while collecting', () => {
    let s = act(init(), [
      [as(ANA), note('Sme-day delivery')],
      [as(ANA), note('Price match')],
    ]);
    s = step(s, as(ANA), { type: 'editNote', noteId: 'n1', text: 'Same-day delivery', tag: null });
    s = step(s, as(ANA), { type: 'deleteNote', noteId: 'n2' });
    expect(s.notes.map((n) => [n.id, n.text])).toEqual([['n1', 'Same-day delivery']]);
    // A deleted note's number is not given out again.
    s = step(s, as(ANA), note('Loyalty points'));
    expect(s.notes.map((n) => n.id)).toEqual(['n1', 'n3']);
  });

  it('requires exactly one of the configured tags when the brainstorm has tags', () => {
    const tags = ['Better', 'Faster', 'Different'];
    const s = step(init({ tags }), as(ANA), note('Kim rebooked a stranded family', 'Faster'));
    expect(s.notes[0]?.tag).toBe('Faster');
    expect(refused(s, as(ANA), note('No tag'))).toEqual({
      code: 'INVALID_ACTION',
      message: 'Choose one tag for the note: Better, Faster or Different',
    });
    expect(refused(s, as(ANA), note('Made-up tag', 'Cheaper')).code).toBe('INVALID_ACTION');
    expect(refused(s, as(ANA), { type: 'editNote', noteId: 'n1', text: 'x', tag: null }).code).toBe(
      'INVALID_ACTION',
    );
  });

  it('refuses a tag when the brainstorm has none', () => {
    expect(refused(init(), as(ANA), note('Hi', 'Better'))).toEqual({
      code: 'INVALID_ACTION',
      message: 'This brainstorm has no tags',
    });
  });

  it('refuses a note longer than the configured length, with the count', () => {
    expect(refused(init({ noteLength: 20 }), as(ANA), note('x'.repeat(21)))).toEqual({
      code: 'INVALID_ACTION',
      message: 'A note has at most 20 characters (this one has 21)',
    });
  });

  it('refuses a note past the per-person limit, counting hidden notes', () => {
    let s = act(init({ maxNotesPerPerson: 2 }), [
      [as(ANA), note('One')],
      [as(ANA), note('Two')],
    ]);
    s = step(s, FAC, { type: 'hideNote', noteId: 'n2', isHidden: true });
    expect(refused(s, as(ANA), note('Three'))).toEqual({
      code: 'INVALID_ACTION',
      message: 'You have posted your 2 notes: edit or delete one to add another',
    });
    // Others are not held back by Ana's notes.
    expect(step(s, as(BEN), note('Mine')).notes).toHaveLength(3);
  });

  it('tells the room the board is nearly full at nine-tenths, then refuses the 2,001st note', () => {
    const limit = BRAINSTORM_LIMITS.notesOnBoard;
    const space = (s: BrainstormState) => ({
      phones: brainstorm.participantPublicView(s, ctx()).boardSpace,
      console: brainstorm.facilitatorView(s, ctx()).boardSpace,
      screen: brainstorm.screenView(s, ctx()).boardSpace,
    });
    const seen: Record<number, ReturnType<typeof space>> = {};
    // Twenty notes per seat: 100 seats fill the board.
    let s = init({ maxNotesPerPerson: 20 });
    for (let i = 0; i < limit; i++) {
      s = step(s, as(`p-${Math.floor(i / 20)}`), note(`Idea ${i}`));
      if ([limit * 0.9 - 1, limit * 0.9, limit].includes(s.notes.length))
        seen[s.notes.length] = space(s);
    }
    expect(seen).toEqual({
      [limit * 0.9 - 1]: { phones: 'open', console: 'open', screen: 'open' },
      [limit * 0.9]: { phones: 'nearlyFull', console: 'nearlyFull', screen: 'nearlyFull' },
      [limit]: { phones: 'full', console: 'full', screen: 'full' },
    });
    expect(refused(s, as('p-late'), note('Too late'))).toEqual({
      code: 'INVALID_ACTION',
      message: 'The board is full: no more notes fit',
    });
  });

  it.each<[string, Action, AppError]>([
    [
      'an edit of someone else’s note',
      { type: 'editNote', noteId: 'n1', text: 'Mine now', tag: null },
      { code: 'FORBIDDEN', message: 'You can only change your own notes' },
    ],
    [
      'a delete of someone else’s note',
      { type: 'deleteNote', noteId: 'n1' },
      { code: 'FORBIDDEN', message: 'You can only change your own notes' },
    ],
    [
      'an edit of a note that does not exist',
      { type: 'editNote', noteId: 'n9', text: 'x', tag: null },
      { code: 'NOT_FOUND', message: 'That note is no longer on the board' },
    ],
  ])('refuses %s', (_, action, error) => {
    const s = step(init(), as(ANA), note('Same-day delivery'));
    expect(refused(s, as(BEN), action)).toEqual(error);
  });

  it('refuses notes once clustering starts and when the round is locked', () => {
    const s = act(init(), [
      [as(ANA), note('Same-day delivery')],
      [FAC, phase('cluster')],
    ]);
    expect(refused(s, as(BEN), note('Late idea'))).toEqual({
      code: 'CONFLICT',
      message: 'Notes are closed: the room is clustering',
    });
    expect(refused(s, as(ANA), { type: 'deleteNote', noteId: 'n1' }).code).toBe('CONFLICT');
    const locked = ctx({ isOpen: false });
    expect(refused(init(), as(ANA), note('Late'), locked)).toEqual({
      code: 'ROUND_LOCKED',
      message: 'The facilitator has locked this brainstorm',
    });
  });

  it('refuses a note when the facilitator sends it, and board work when a participant does', () => {
    const s = step(init(), as(ANA), note('Same-day delivery'));
    expect(refused(s, FAC, note('From the console')).code).toBe('FORBIDDEN');
    expect(refused(s, as(ANA), { type: 'createCluster', name: 'Mine' }).code).toBe('FORBIDDEN');
    expect(refused(s, as(ANA), { type: 'hideNote', noteId: 'n1', isHidden: true }).code).toBe(
      'FORBIDDEN',
    );
    expect(refused(s, as(ANA), phase('vote')).code).toBe('FORBIDDEN');
  });
});

describe('the facilitator’s board', () => {
  it('groups notes into named clusters and lays out the board in order', () => {
    const board = buildBoard(clustered());
    expect(board.clusters.map((c) => [c.id, c.label, c.entries.map((e) => e.note.id)])).toEqual([
      ['c1', 'Speed', ['n1', 'n2']],
      ['c2', 'Care', ['n4']],
    ]);
    expect(board.loose.map((i) => i.id)).toEqual(['n3', 'n5']);
    expect(board.items.map((i) => i.id)).toEqual(['c1', 'c2', 'n3', 'n5']);
    expect(board.emptyClusters.map((c) => c.name)).toEqual(['Later']);
  });

  it('renames a cluster and refuses a name another cluster has, ignoring case', () => {
    const s = step(clustered(), FAC, { type: 'renameCluster', clusterId: 'c1', name: 'Faster' });
    expect(s.clusters.map((c) => c.name)).toEqual(['Faster', 'Care', 'Later']);
    expect(refused(s, FAC, { type: 'renameCluster', clusterId: 'c2', name: 'later' })).toEqual({
      code: 'CONFLICT',
      message: 'There is already a cluster called "later"',
    });
    expect(refused(s, FAC, { type: 'createCluster', name: 'CARE' }).code).toBe('CONFLICT');
    // Renaming a cluster to its own name in other letters is fine.
    expect(
      step(s, FAC, { type: 'renameCluster', clusterId: 'c2', name: 'CARE' }).clusters[1]?.name,
    ).toBe('CARE');
  });

  it('puts a deleted cluster’s notes back among the ungrouped notes', () => {
    const s = step(clustered(), FAC, { type: 'deleteCluster', clusterId: 'c1' });
    expect(s.clusters.map((c) => c.id)).toEqual(['c2', 'c3']);
    expect(buildBoard(s).loose.map((i) => i.id)).toEqual(['n1', 'n2', 'n3', 'n5']);
  });

  it('moves a note out of a cluster when the target is null', () => {
    const s = step(clustered(), FAC, { type: 'moveNote', noteId: 'n2', clusterId: null });
    expect(buildBoard(s).items.map((i) => i.id)).toEqual(['c1', 'c2', 'n2', 'n3', 'n5']);
  });

  it('shows a merged note once, under its twin, and counts it with the twin', () => {
    const s = step(clustered(), FAC, { type: 'mergeNote', noteId: 'n5', intoNoteId: 'n1' });
    const board = buildBoard(s);
    const speed = board.clusters[0];
    expect(speed?.entries.map((e) => [e.note.id, e.absorbed.map((n) => n.id)])).toEqual([
      ['n1', ['n5']],
      ['n2', []],
    ]);
    expect(speed?.noteCount).toBe(3);
    expect(board.loose.map((i) => i.id)).toEqual(['n3']);
  });

  it('merges into the twin when the target was itself absorbed, and moves a group as one', () => {
    let s = act(clustered(), [
      [FAC, { type: 'mergeNote', noteId: 'n2', intoNoteId: 'n1' }],
      [FAC, { type: 'mergeNote', noteId: 'n3', intoNoteId: 'n2' }],
    ]);
    expect(s.notes.filter((n) => n.mergedInto === 'n1').map((n) => n.id)).toEqual(['n2', 'n3']);
    // Moving an absorbed note moves its twin, with every duplicate.
    s = step(s, FAC, { type: 'moveNote', noteId: 'n3', clusterId: 'c3' });
    const board = buildBoard(s);
    expect(board.clusters.map((c) => [c.label, c.noteCount])).toEqual([
      ['Care', 1],
      ['Later', 3],
    ]);
  });

  it('brings an absorbing note’s duplicates along when it is merged in turn', () => {
    const s = act(clustered(), [
      [FAC, { type: 'mergeNote', noteId: 'n2', intoNoteId: 'n1' }],
      [FAC, { type: 'mergeNote', noteId: 'n1', intoNoteId: 'n4' }],
    ]);
    expect(s.notes.filter((n) => n.mergedInto === 'n4').map((n) => n.id)).toEqual(['n1', 'n2']);
    expect(buildBoard(s).clusters.map((c) => [c.label, c.noteCount])).toEqual([['Care', 3]]);
  });

  it('stands a merged note on its own again, beside its twin, when split', () => {
    const s = act(clustered(), [
      [FAC, { type: 'mergeNote', noteId: 'n5', intoNoteId: 'n4' }],
      [FAC, { type: 'splitNote', noteId: 'n5' }],
    ]);
    expect(s.notes.find((n) => n.id === 'n5')).toMatchObject({ mergedInto: null, clusterId: 'c2' });
  });

  it.each<[string, Action, AppError['code']]>([
    [
      'a note absorbing itself',
      { type: 'mergeNote', noteId: 'n1', intoNoteId: 'n1' },
      'INVALID_ACTION',
    ],
    [
      'a merge with an unknown note',
      { type: 'mergeNote', noteId: 'n1', intoNoteId: 'n99' },
      'NOT_FOUND',
    ],
    ['a split of a note that stands alone', { type: 'splitNote', noteId: 'n1' }, 'INVALID_ACTION'],
    [
      'a move into an unknown cluster',
      { type: 'moveNote', noteId: 'n1', clusterId: 'c9' },
      'NOT_FOUND',
    ],
    [
      'a rename of an unknown cluster',
      { type: 'renameCluster', clusterId: 'c9', name: 'X' },
      'NOT_FOUND',
    ],
    ['a delete of an unknown cluster', { type: 'deleteCluster', clusterId: 'c9' }, 'NOT_FOUND'],
    ['a hide of an unknown note', { type: 'hideNote', noteId: 'n99', isHidden: true }, 'NOT_FOUND'],
    [
      'a new cluster with an unknown note',
      { type: 'createCluster', name: 'X', noteIds: ['n99'] },
      'NOT_FOUND',
    ],
    ['moving to the phase the room is in', phase('cluster'), 'CONFLICT'],
  ])('refuses %s and changes nothing', (_, action, code) => {
    expect(refused(clustered(), FAC, action).code).toBe(code);
  });

  it('refuses to merge a hidden note', () => {
    const s = step(clustered(), FAC, { type: 'hideNote', noteId: 'n3', isHidden: true });
    expect(refused(s, FAC, { type: 'mergeNote', noteId: 'n3', intoNoteId: 'n1' })).toEqual({
      code: 'INVALID_ACTION',
      message: 'Show a hidden note again before merging it',
    });
    expect(refused(s, FAC, { type: 'mergeNote', noteId: 'n1', intoNoteId: 'n3' }).code).toBe(
      'INVALID_ACTION',
    );
  });

  it('refuses more than 40 clusters', () => {
    let s = init();
    for (let i = 1; i <= 40; i++) s = step(s, FAC, { type: 'createCluster', name: `Theme ${i}` });
    expect(refused(s, FAC, { type: 'createCluster', name: 'One more' })).toEqual({
      code: 'INVALID_ACTION',
      message: 'At most 40 clusters',
    });
  });

  it('refuses board changes under the dots, until the room goes back to clustering', () => {
    const s = step(clustered(), FAC, phase('vote'));
    expect(refused(s, FAC, { type: 'moveNote', noteId: 'n3', clusterId: 'c1' })).toEqual({
      code: 'CONFLICT',
      message: 'Go back to clustering to change the board',
    });
    const back = step(s, FAC, phase('cluster'));
    expect(step(back, FAC, { type: 'moveNote', noteId: 'n3', clusterId: 'c1' }).phase).toBe(
      'cluster',
    );
  });

  it('refuses to open the vote when the board is empty or every note is hidden', () => {
    expect(refused(init(), FAC, phase('vote'))).toEqual({
      code: 'INVALID_ACTION',
      message: 'There is nothing to vote on yet: the board has no notes',
    });
    const s = act(init(), [
      [as(ANA), note('Rant')],
      [FAC, { type: 'hideNote', noteId: 'n1', isHidden: true }],
    ]);
    expect(refused(s, FAC, phase('vote')).code).toBe('INVALID_ACTION');
  });

  it('releases the duplicates a note absorbed when its author deletes it', () => {
    let s = act(init(), [
      [as(ANA), note('Same-day delivery')],
      [as(BEN), note('Same day delivery!')],
      [FAC, { type: 'createCluster', name: 'Speed', noteIds: ['n1'] }],
      [FAC, { type: 'mergeNote', noteId: 'n2', intoNoteId: 'n1' }],
    ]);
    s = step(s, as(ANA), { type: 'deleteNote', noteId: 'n1' });
    expect(s.notes).toEqual([
      expect.objectContaining({ id: 'n2', mergedInto: null, clusterId: 'c1' }),
    ]);
  });
});

describe('dot voting', () => {
  it('counts dots per item and ranks them, ties broken by notes then board order', () => {
    const tally = tallyVotes(voted());
    // Speed: Ana 2 + Ben 1 + Dee 1 = 4; Care: Ben 2 + Dee 1 = 3; n3: Ana 1 + Cai 2 = 3;
    // n5: Cai 1 + Dee 1 = 2. Care and n3 tie on 3 dots and 1 note: Care is earlier.
    expect(tally.ranking.map((r) => [r.id, r.label, r.dots, r.notes, r.voters])).toEqual([
      ['c1', 'Speed', 4, 2, 3],
      ['c2', 'Care', 3, 1, 2],
      ['n3', 'Free returns forever', 3, 1, 2],
      ['n5', 'Price match guarantee', 2, 1, 2],
    ]);
    expect(tally.voters).toBe(4);
    expect(tally.dotsPlaced).toBe(12);
  });

  it('puts the item with more notes first when two items tie on dots', () => {
    const s = act(clustered(), [
      [FAC, phase('vote')],
      [as(ANA), vote('n3', 2)],
      [as(BEN), vote('c1', 2)],
    ]);
    expect(
      tallyVotes(s)
        .ranking.slice(0, 2)
        .map((r) => r.id),
    ).toEqual(['c1', 'n3']);
  });

  it('sets, not adds, the dots on an item, and removes them at zero', () => {
    let s = step(clustered(), FAC, phase('vote'));
    s = act(s, [
      [as(ANA), vote('c1', 1)],
      [as(ANA), vote('c1', 2)],
      [as(ANA), vote('n3', 1)],
    ]);
    expect(s.votes[ANA]).toEqual({ c1: 2, n3: 1 });
    s = step(s, as(ANA), vote('c1', 0));
    expect(s.votes[ANA]).toEqual({ n3: 1 });
    s = step(s, as(ANA), { type: 'clearVotes' });
    expect(s.votes[ANA]).toBeUndefined();
  });

  it.each<[string, Action[], Action, AppError]>([
    [
      'three dots on one item when the cap is two',
      [],
      vote('c1', 3),
      { code: 'INVALID_ACTION', message: 'At most 2 dots on one item' },
    ],
    [
      'a fourth dot when each person has three',
      [vote('c1', 2), vote('c2', 1)],
      vote('n3', 1),
      {
        code: 'INVALID_ACTION',
        message: 'You have 3 dots in all: take one off another item first',
      },
    ],
    [
      'dots on an empty cluster',
      [],
      vote('c3', 1),
      { code: 'NOT_FOUND', message: 'That item is no longer on the board: pick another' },
    ],
    [
      'dots on a note that is part of a cluster',
      [],
      vote('n1', 1),
      { code: 'NOT_FOUND', message: 'That item is no longer on the board: pick another' },
    ],
  ])('refuses %s', (_, before, action, error) => {
    const s = act(
      step(clustered(), FAC, phase('vote')),
      before.map((a): [Actor, Action] => [as(ANA), a]),
    );
    expect(refused(s, as(ANA), action)).toEqual(error);
  });

  it('refuses dots outside the vote, when locked, and from the facilitator', () => {
    expect(refused(clustered(), as(ANA), vote('c1', 1))).toEqual({
      code: 'CONFLICT',
      message: 'Voting is not open: the room is clustering',
    });
    const s = step(clustered(), FAC, phase('vote'));
    expect(refused(s, as(ANA), vote('c1', 1), ctx({ isOpen: false })).code).toBe('ROUND_LOCKED');
    expect(refused(s, FAC, vote('c1', 1)).code).toBe('FORBIDDEN');
    expect(refused(step(s, FAC, phase('results')), as(ANA), vote('c1', 1)).code).toBe('CONFLICT');
  });

  it('moves dots with the notes, caps them after a merge, and refunds dots on a hidden note', () => {
    let s = act(clustered(), [
      [FAC, phase('vote')],
      [as(ANA), vote('n3', 2)],
      [as(ANA), vote('n5', 1)],
      [FAC, phase('cluster')],
      // n3 joins Care; n5 is merged into n4, which is in Care too: 2 + 1 dots, capped at 2.
      [FAC, { type: 'moveNote', noteId: 'n3', clusterId: 'c2' }],
      [FAC, { type: 'mergeNote', noteId: 'n5', intoNoteId: 'n4' }],
      [FAC, phase('vote')],
    ]);
    const board = buildBoard(s);
    expect(resolvedVotes(s, board, ANA)).toEqual({ c2: 2 });
    expect(brainstorm.participantOwnView(s, ANA, ctx())).toMatchObject({
      dots: { c2: 2 },
      dotsLeft: 1,
    });
    // Ana may now spend the dot that came back.
    s = step(s, as(ANA), vote('c1', 1));
    expect(s.votes[ANA]).toEqual({ c2: 2, c1: 1 });

    s = act(s, [
      [FAC, phase('cluster')],
      [FAC, { type: 'hideNote', noteId: 'n1', isHidden: true }],
      [FAC, { type: 'hideNote', noteId: 'n2', isHidden: true }],
      [FAC, phase('vote')],
    ]);
    // Speed has no visible note left: its dot goes back to Ana.
    expect(brainstorm.participantOwnView(s, ANA, ctx())).toMatchObject({
      dots: { c2: 2 },
      dotsLeft: 1,
    });
    expect(tallyVotes(s).ranking.map((r) => r.id)).toEqual(['c2']);
  });
});

describe('views', () => {
  it('keeps the public view identical while notes come in, even when revealed', () => {
    const empty = init();
    const before = JSON.stringify(brainstorm.participantPublicView(empty, ctx()));
    const s = act(empty, [
      [as(ANA), note('Same-day delivery')],
      [as(BEN), note('Free returns')],
      [as(ANA), { type: 'editNote', noteId: 'n1', text: 'Same-day delivery!', tag: null }],
    ]);
    for (const c of [ctx(), ctx({ isRevealed: true })]) {
      expect(JSON.stringify(brainstorm.participantPublicView(s, c))).toBe(before);
    }
    expect(brainstorm.participantPublicView(s, ctx())).toEqual({
      prompt: config().prompt,
      isAnonymous: true,
      tags: [],
      maxNotesPerPerson: 3,
      noteLength: 200,
      dotsPerPerson: 3,
      maxDotsPerItem: 2,
      phase: 'collect',
      items: null,
      ranking: null,
      moreRanked: 0,
      boardSpace: 'open',
    });
  });

  it('keeps the public view identical while dots are placed', () => {
    const s = step(clustered(), FAC, phase('vote'));
    const before = JSON.stringify(brainstorm.participantPublicView(s, ctx()));
    expect(JSON.stringify(brainstorm.participantPublicView(voted(), ctx()))).toBe(before);
  });

  it('shows phones the board when the clusters are revealed, and always for the vote', () => {
    const s = clustered();
    expect(brainstorm.participantPublicView(s, ctx()).items).toBeNull();
    const shown = brainstorm.participantPublicView(s, ctx({ isRevealed: true })).items;
    // A lone note is sent as itself: no label repeating its text, no empty tag or count.
    expect(shown).toEqual([
      {
        id: 'c1',
        kind: 'cluster',
        label: 'Speed',
        notes: [
          { id: 'n1', text: 'Same-day delivery everywhere' },
          { id: 'n2', text: 'Next-hour delivery in cities' },
        ],
        noteCount: 2,
      },
      {
        id: 'c2',
        kind: 'cluster',
        label: 'Care',
        notes: [{ id: 'n4', text: 'A named account manager for every customer' }],
        noteCount: 1,
      },
      { id: 'n3', kind: 'note', text: 'Free returns forever' },
      { id: 'n5', kind: 'note', text: 'Price match guarantee' },
    ]);
    const voting = brainstorm.participantPublicView(step(s, FAC, phase('vote')), ctx());
    expect(voting.items).toEqual(shown);
    expect(voting.ranking).toBeNull();
  });

  it('sends phones the first ten notes of a big cluster, with the full count', () => {
    let s = init({ maxNotesPerPerson: 20 });
    for (let i = 1; i <= 14; i++) s = step(s, as(ANA), note(`Idea ${i}`));
    const noteIds = Array.from({ length: 14 }, (_, i) => `n${i + 1}`);
    s = act(s, [
      [FAC, { type: 'createCluster', name: 'Everything', noteIds }],
      [FAC, phase('vote')],
    ]);
    const [item] = brainstorm.participantPublicView(s, ctx()).items ?? [];
    if (item?.kind !== 'cluster') throw new Error('expected the cluster first');
    expect(item.notes.map((n) => n.id)).toEqual(noteIds.slice(0, PHONE_NOTES_PER_ITEM));
    expect(item.noteCount).toBe(14);
  });

  it('gives phones the ranking in the results phase, and no longer the board', () => {
    const s = step(voted(), FAC, phase('results'));
    const view = brainstorm.participantPublicView(s, ctx());
    expect(view.ranking?.map((r) => [r.label, r.dots])).toEqual([
      ['Speed', 4],
      ['Care', 3],
      ['Free returns forever', 3],
      ['Price match guarantee', 2],
    ]);
    expect(view.moreRanked).toBe(0);
    expect(view.items).toBeNull();
  });

  it('shows a participant only their own notes, notes left and dots left', () => {
    const s = voted();
    expect(brainstorm.participantOwnView(s, ANA, ctx())).toEqual({
      notes: [
        { id: 'n1', text: 'Same-day delivery everywhere', tag: null, isMerged: false },
        { id: 'n5', text: 'Price match guarantee', tag: null, isMerged: false },
      ],
      setAside: 0,
      notesLeft: 1,
      dots: { c1: 2, n3: 1 },
      dotsLeft: 0,
    });
    // The blank view phones assume before they have done anything.
    expect(brainstorm.participantOwnView(s, '', ctx())).toEqual({
      notes: [],
      setAside: 0,
      notesLeft: 3,
      dots: {},
      dotsLeft: 3,
    });
  });

  it('tells an author their note was merged, and only counts a hidden one', () => {
    const s = act(clustered(), [
      [FAC, { type: 'mergeNote', noteId: 'n2', intoNoteId: 'n1' }],
      [FAC, { type: 'hideNote', noteId: 'n5', isHidden: true }],
    ]);
    expect(brainstorm.participantOwnView(s, BEN, ctx()).notes).toEqual([
      { id: 'n2', text: 'Next-hour delivery in cities', tag: null, isMerged: true },
    ]);
    expect(brainstorm.participantOwnView(s, ANA, ctx())).toMatchObject({
      notes: [{ id: 'n1' }],
      setAside: 1,
      notesLeft: 1,
    });
  });

  it('shows the facilitator the whole board with hidden notes and live dots', () => {
    const s = act(voted(), [
      [FAC, phase('cluster')],
      [FAC, { type: 'mergeNote', noteId: 'n2', intoNoteId: 'n1' }],
      [FAC, { type: 'hideNote', noteId: 'n5', isHidden: true }],
      [FAC, phase('vote')],
    ]);
    const view = brainstorm.facilitatorView(s, ctx());
    expect(view.clusters).toEqual([
      {
        id: 'c1',
        name: 'Speed',
        notes: [
          {
            id: 'n1',
            text: 'Same-day delivery everywhere',
            tag: null,
            absorbed: [{ id: 'n2', text: 'Next-hour delivery in cities', tag: null }],
          },
        ],
        noteCount: 2,
      },
      {
        id: 'c2',
        name: 'Care',
        notes: [
          { id: 'n4', text: 'A named account manager for every customer', tag: null, absorbed: [] },
        ],
        noteCount: 1,
      },
      { id: 'c3', name: 'Later', notes: [], noteCount: 0 },
    ]);
    expect(view.loose.map((n) => n.id)).toEqual(['n3']);
    expect(view.hidden).toEqual([{ id: 'n5', text: 'Price match guarantee', tag: null }]);
    expect(view.counts).toEqual({ notes: 4, hidden: 1, authors: 4, voters: 4 });
    // n5's dots (Cai 1, Dee 1) went back to their voters when it was hidden.
    expect(view.ranking?.map((r) => [r.id, r.dots])).toEqual([
      ['c1', 4],
      ['c2', 3],
      ['n3', 3],
    ]);
  });

  it('names authors for the facilitator and on the revealed board when the brainstorm is named', () => {
    const s = clustered({ isAnonymous: false });
    const view = brainstorm.facilitatorView(s, ctx());
    expect(view.clusters[0]?.notes.map((n) => n.author)).toEqual([NAMES[ANA], NAMES[BEN]]);
    const [first] = brainstorm.participantPublicView(s, ctx({ isRevealed: true })).items ?? [];
    if (first?.kind !== 'cluster') throw new Error('expected the cluster first');
    expect(first.notes.map((n) => n.author)).toEqual([NAMES[ANA], NAMES[BEN]]);
    // Before the reveal, no phone learns who wrote what.
    const hidden = JSON.stringify(brainstorm.participantPublicView(s, ctx()));
    for (const name of Object.values(NAMES)) expect(hidden).not.toContain(name);
  });

  it.each([false, true])(
    'never exposes who wrote a note in any view or the summary when anonymous (revealed: %s)',
    (isRevealed) => {
      const c = ctx({ isRevealed });
      const base = voted();
      const states = {
        collect: clustered(),
        vote: base,
        merged: act(base, [
          [FAC, phase('cluster')],
          [FAC, { type: 'mergeNote', noteId: 'n2', intoNoteId: 'n1' }],
          [FAC, { type: 'hideNote', noteId: 'n3', isHidden: true }],
          [FAC, phase('results')],
        ]),
      };
      for (const [when, s] of Object.entries(states)) {
        const views = {
          facilitator: brainstorm.facilitatorView(s, c),
          public: brainstorm.participantPublicView(s, c),
          screen: brainstorm.screenView(s, c),
          summary: brainstorm.summary(s, c),
          ...Object.fromEntries(
            Object.keys(NAMES).map((id) => [`own ${id}`, brainstorm.participantOwnView(s, id, c)]),
          ),
        };
        for (const [audience, view] of Object.entries(views)) {
          const json = JSON.stringify(view);
          expect(json, `${when}/${audience} has an author field`).not.toContain('"author"');
          for (const [id, name] of Object.entries(NAMES)) {
            expect(json, `${when}/${audience} leaks ${id}`).not.toContain(id);
            expect(json, `${when}/${audience} leaks ${name}`).not.toContain(name);
          }
        }
      }
    },
  );

  it('never lets a hidden note reach the screen, the phones or the summary', () => {
    const secret = 'SECRET rant about a named colleague';
    let s = act(init({ isAnonymous: false }), [
      [as(ANA), note('Same-day delivery')],
      [as(BEN), note(secret)],
      [as(CAI), note('Free returns')],
      [FAC, { type: 'hideNote', noteId: 'n2', isHidden: true }],
      [FAC, { type: 'createCluster', name: 'Speed', noteIds: ['n1'] }],
    ]);
    const shown = ctx({ isRevealed: true });
    const leaks = (state: BrainstormState) =>
      [
        brainstorm.participantPublicView(state, shown),
        brainstorm.screenView(state, shown),
        brainstorm.summary(state, shown),
        ...Object.keys(NAMES).map((id) => brainstorm.participantOwnView(state, id, shown)),
      ].filter((view) => JSON.stringify(view).includes('SECRET'));
    for (const p of ['cluster', 'vote', 'results'] as const) {
      s = step(s, FAC, phase(p));
      expect(leaks(s), p).toEqual([]);
    }
    // The facilitator still has it, to show it again if it was hidden by mistake.
    expect(brainstorm.facilitatorView(s, shown).hidden.map((n) => n.text)).toEqual([secret]);
  });

  it('shows the room screen counts only, until revealed', () => {
    const s = clustered();
    const view = brainstorm.screenView(s, ctx());
    expect(view).toEqual({
      prompt: config().prompt,
      isAnonymous: true,
      tags: [],
      phase: 'cluster',
      dotsPerPerson: 3,
      counts: { notes: 5, authors: 4, voters: 0 },
      tagCounts: null,
      board: null,
      ranking: null,
      moreRanked: 0,
      moreRankedDots: 0,
      boardSpace: 'open',
    });
  });

  it('shows the revealed board on the screen by cluster, with the ungrouped notes last', () => {
    const view = brainstorm.screenView(clustered(), ctx({ isRevealed: true }));
    expect(view.board).toEqual({
      groups: [
        {
          name: 'Speed',
          noteCount: 2,
          notes: [
            { id: 'n1', text: 'Same-day delivery everywhere', tag: null, similar: 0 },
            { id: 'n2', text: 'Next-hour delivery in cities', tag: null, similar: 0 },
          ],
        },
        {
          name: 'Care',
          noteCount: 1,
          notes: [
            { id: 'n4', text: 'A named account manager for every customer', tag: null, similar: 0 },
          ],
        },
        {
          name: null,
          noteCount: 2,
          notes: [
            { id: 'n3', text: 'Free returns forever', tag: null, similar: 0 },
            { id: 'n5', text: 'Price match guarantee', tag: null, similar: 0 },
          ],
        },
      ],
      moreGroups: 0,
    });
  });

  it('cuts the screen board to the busiest groups and the first notes when there are many', () => {
    let s = init({ maxNotesPerPerson: 20 });
    for (let i = 1; i <= 40; i++) s = step(s, as(`p${i % 7}`), note(`Idea ${i}`));
    // Ten clusters of 1 to 4 notes: c1 gets n1, c2 gets n2-n3, ... cycling sizes.
    let next = 1;
    for (let c = 1; c <= 10; c++) {
      const size = (c % 4) + 1;
      const noteIds = Array.from({ length: size }, () => `n${next++}`);
      s = step(s, FAC, { type: 'createCluster', name: `Theme ${c}`, noteIds });
    }
    const view = brainstorm.screenView(s, ctx({ isRevealed: true }));
    const groups = view.board?.groups ?? [];
    expect(groups).toHaveLength(SCREEN_GROUPS);
    for (const g of groups) expect(g.notes.length).toBeLessThanOrEqual(SCREEN_NOTES_PER_GROUP);
    // Sizes 2,3,4,1,2,3,4,1,2,3 use n1-n25; n26-n40 stay ungrouped (15). Of the 11 groups
    // the 6 largest stay, in board order; ties on size go to the earlier group.
    expect(view.board?.moreGroups).toBe(5);
    expect(groups.map((g) => [g.name, g.noteCount])).toEqual([
      ['Theme 2', 3],
      ['Theme 3', 4],
      ['Theme 6', 3],
      ['Theme 7', 4],
      ['Theme 10', 3],
      [null, 15],
    ]);
    expect(groups.at(-1)?.notes.map((n) => n.text)).toEqual(['Idea 26', 'Idea 27', 'Idea 28']);
  });

  it('shows the ranking on the screen in the results phase once revealed', () => {
    const s = step(voted(), FAC, phase('results'));
    expect(brainstorm.screenView(s, ctx()).ranking).toBeNull();
    const view = brainstorm.screenView(s, ctx({ isRevealed: true }));
    expect(view.ranking?.map((r) => r.dots)).toEqual([4, 3, 3, 2]);
    expect(view.counts.voters).toBe(4);
    expect(view.moreRanked).toBe(0);
  });

  it('puts the top six on the screen and sums the rest, so shares are of all dots', () => {
    let s = init({ maxNotesPerPerson: 10, dotsPerPerson: 10, maxDotsPerItem: 8 });
    for (let i = 1; i <= 8; i++) s = step(s, as(ANA), note(`Idea ${i}`));
    s = step(s, FAC, phase('vote'));
    // Idea i gets 9 - i dots: 8, 7, ... 1, from four people with ten dots each.
    s = act(s, [
      [as(BEN), vote('n1', 8)],
      [as(BEN), vote('n7', 2)],
      [as(CAI), vote('n2', 7)],
      [as(CAI), vote('n6', 3)],
      [as(DEE), vote('n3', 6)],
      [as(DEE), vote('n5', 4)],
      [as(ANA), vote('n4', 5)],
      [as(ANA), vote('n8', 1)],
    ]);
    s = step(s, FAC, phase('results'));
    const view = brainstorm.screenView(s, ctx({ isRevealed: true }));
    expect(view.ranking?.map((r) => [r.label, r.dots])).toEqual([
      ['Idea 1', 8],
      ['Idea 2', 7],
      ['Idea 3', 6],
      ['Idea 4', 5],
      ['Idea 5', 4],
      ['Idea 6', 3],
    ]);
    expect([view.moreRanked, view.moreRankedDots]).toEqual([2, 3]);
  });

  it('counts notes per tag on the screen when tags are configured', () => {
    const tags = ['The culture we want', 'The culture we have'];
    const s = act(init({ tags }), [
      [as(ANA), note('A manager drove a part to a customer at night', tags[0])],
      [as(BEN), note('“Not my department”', tags[1])],
      [as(CAI), note('Refunds need three signatures', tags[1])],
    ]);
    expect(brainstorm.screenView(s, ctx({ isRevealed: true })).tagCounts).toEqual([1, 2]);
    expect(brainstorm.screenView(s, ctx()).tagCounts).toBeNull();
  });
});

describe('summary', () => {
  it('ranks the items with bars and a table, and lists each cluster’s notes', () => {
    const summary = brainstorm.summary(voted(), ctx());
    expect(summary.headline).toBe(
      'What could a competitor do that would be your worst nightmare? Top: “Speed” with 4 dots',
    );
    expect(summary.blocks).toEqual([
      {
        type: 'text',
        text: '5 notes from 4 people, 2 clusters; 4 people placed 12 dots (3 dots each, at most 2 on one item).',
      },
      {
        type: 'bars',
        labels: ['Speed', 'Care', 'Free returns forever', 'Price match guarantee'],
        values: [4, 3, 3, 2],
        unit: 'dots',
      },
      {
        type: 'table',
        columns: ['Rank', 'Item', 'Dots', 'Notes'],
        rows: [
          ['1', 'Speed', '4', '2'],
          ['2', 'Care', '3', '1'],
          ['3', 'Free returns forever', '3', '1'],
          ['4', 'Price match guarantee', '2', '1'],
        ],
      },
      {
        type: 'list',
        title: '1. Speed (4 dots)',
        items: ['Same-day delivery everywhere', 'Next-hour delivery in cities'],
      },
      {
        type: 'list',
        title: '2. Care (3 dots)',
        items: ['A named account manager for every customer'],
      },
      {
        type: 'list',
        title: 'Notes in no cluster',
        items: ['Free returns forever', 'Price match guarantee'],
      },
    ]);
  });

  it('counts notes per group instead of dots when nobody voted', () => {
    const summary = brainstorm.summary(clustered(), ctx());
    expect(summary.headline).toBe(
      'What could a competitor do that would be your worst nightmare? 5 notes',
    );
    expect(summary.blocks[0]).toEqual({
      type: 'text',
      text: '5 notes from 4 people, 2 clusters; no dots were placed.',
    });
    expect(summary.blocks[1]).toEqual({
      type: 'bars',
      labels: ['Speed', 'Care', 'Free returns forever', 'Price match guarantee'],
      values: [2, 1, 1, 1],
      unit: 'notes',
    });
  });

  it('adds tags, duplicates and authors to the note lines of a named, tagged brainstorm', () => {
    const tags = ['Better', 'Faster', 'Different'];
    const s = act(init({ tags, isAnonymous: false }), [
      [as(ANA), note('Kim rebooked a stranded family in minutes', 'Faster')],
      [as(BEN), note('Kim rebooked the Lees fast', 'Faster')],
      [as(CAI), note('Sam redesigned the returns form', 'Better')],
      [FAC, { type: 'mergeNote', noteId: 'n2', intoNoteId: 'n1' }],
    ]);
    const summary = brainstorm.summary(s, ctx());
    expect(summary.blocks).toContainEqual({
      type: 'list',
      title: 'Notes in no cluster',
      items: [
        `[Faster] Kim rebooked a stranded family in minutes (+1 similar) (${NAMES[ANA]})`,
        `[Better] Sam redesigned the returns form (${NAMES[CAI]})`,
      ],
    });
    expect(summary.blocks.at(-1)).toEqual({
      type: 'bars',
      labels: tags,
      values: [1, 2, 0],
      unit: 'notes by tag',
    });
  });

  it('asks a concrete question for the action plan', () => {
    expect(brainstorm.actionPlanPrompt(config())).toBe(
      'From what the room ranked highest for “What could a competitor do that would be your worst nightmare?”, which one idea will I act on first, and what is my first step this week?',
    );
  });
});

describe('replay', () => {
  const ROUND = 'bs';
  const spec: RoundSpec = {
    id: ROUND,
    kind: 'brainstorm',
    title: 'Worst nightmare',
    config: config(),
  };

  interface Live {
    state: SessionState;
    log: EventEnvelope[];
  }

  function must(live: Live, command: SessionCommand, actor: CommandActor): Live {
    const stepped = run(live.state, command, actor);
    if (!stepped.result.ok) {
      throw new Error(`${JSON.stringify(command)} was refused: ${stepped.result.error.message}`);
    }
    return { state: stepped.state, log: [...live.log, ...stepped.envelopes] };
  }
  const roundAct = (action: unknown): SessionCommand => ({
    type: 'round.act',
    roundId: ROUND,
    action,
  });
  const roundState = (s: SessionState) => s.rounds[ROUND]?.state as BrainstormState;

  it('folds the stored log back into the same state, also from a snapshot half way', () => {
    let live: Live = createSession([spec]);
    const ids: string[] = [];
    for (const name of ['Ana', 'Ben', 'Cai', 'Dee']) {
      const before = live.log.length;
      live = must(live, { type: 'participant.join', name }, { role: 'system' });
      const event = live.log[before]?.event;
      if (event?.type !== 'participant.joined') throw new Error(`${name} did not join`);
      ids.push(event.participantId);
    }
    const by = (i: number, action: unknown) => {
      live = must(live, roundAct(action), { role: 'participant', participantId: ids[i] ?? '' });
    };
    const fac = (action: unknown) => {
      live = must(live, roundAct(action), SESSION_FACILITATOR);
    };
    live = must(live, { type: 'session.start' }, SESSION_FACILITATOR);
    by(0, { type: 'addNote', text: 'Same-day delivery everywhere', tag: null });
    by(1, { type: 'addNote', text: '  Next-hour delivery\u200B in cities ', tag: null });
    by(2, { type: 'addNote', text: 'Free returns forever', tag: null });
    by(3, { type: 'addNote', text: 'A named account manager', tag: null });
    by(3, { type: 'editNote', noteId: 'n4', text: 'A named account manager for all', tag: null });
    by(0, { type: 'addNote', text: 'Price match', tag: null });
    by(0, { type: 'deleteNote', noteId: 'n5' });
    fac({ type: 'phase', phase: 'cluster' });
    fac({ type: 'createCluster', name: 'Speed', noteIds: ['n1'] });
    fac({ type: 'mergeNote', noteId: 'n2', intoNoteId: 'n1' });
    fac({ type: 'createCluster', name: 'Care' });
    fac({ type: 'moveNote', noteId: 'n4', clusterId: 'c2' });
    fac({ type: 'renameCluster', clusterId: 'c2', name: 'Customer care' });
    live = must(live, { type: 'round.reveal' }, SESSION_FACILITATOR);
    fac({ type: 'phase', phase: 'vote' });
    by(0, { type: 'vote', itemId: 'c1', dots: 2 });
    by(1, { type: 'vote', itemId: 'n3', dots: 2 });
    by(1, { type: 'vote', itemId: 'c2', dots: 1 });
    by(2, { type: 'vote', itemId: 'c1', dots: 1 });
    by(2, { type: 'clearVotes' });
    by(3, { type: 'vote', itemId: 'c2', dots: 2 });
    fac({ type: 'phase', phase: 'results' });

    const final = roundState(live.state);
    expect(final.notes[1]?.text).toBe('Next-hour delivery in cities');
    expect(tallyVotes(final).ranking.map((r) => [r.label, r.dots])).toEqual([
      ['Customer care', 3],
      ['Speed', 2],
      ['Free returns forever', 2],
    ]);
    const replayed = replay(live.log);
    expect(replayed).toEqual(live.state);
    const half = Math.floor(live.log.length / 2);
    expect(replay(live.log.slice(half), replay(live.log.slice(0, half)))).toEqual(live.state);
    expect(sessionPublicView(replayed, 0)).toEqual(sessionPublicView(live.state, 0));
  });

  /** Set BRAINSTORM_FUZZ_SEED to replay one failing run. */
  const SEEDS = process.env.BRAINSTORM_FUZZ_SEED
    ? [process.env.BRAINSTORM_FUZZ_SEED]
    : ['bs-1', 'bs-2', 'bs-3'];

  it.each(SEEDS)(
    'keeps its limits and replays exactly when driven at random by seed %s',
    (seed) => {
      const random = createRandom(seed);
      const pick = <T>(xs: readonly T[]): T => xs[random.int(xs.length)] as T;
      const people = [ANA, BEN, CAI, DEE];
      const cfg = config({ maxNotesPerPerson: 4, tags: ['Better', 'Faster'] });
      let s = brainstorm.init(cfg, seed);
      const accepted: [Actor, Action][] = [];
      for (let i = 0; i < 400; i++) {
        const noteId = `n${1 + random.int(s.nextNote + 1)}`;
        const clusterId = `c${1 + random.int(s.nextCluster + 1)}`;
        const candidates: [Actor, Action][] = [
          [as(pick(people)), note(`Idea ${i}`, pick(['Better', 'Faster', null]))],
          [as(pick(people)), { type: 'editNote', noteId, text: `Edit ${i}`, tag: 'Better' }],
          [as(pick(people)), { type: 'deleteNote', noteId }],
          [as(pick(people)), vote(pick([noteId, clusterId]), random.int(4))],
          [as(pick(people)), { type: 'clearVotes' }],
          [FAC, phase(pick(['collect', 'cluster', 'vote', 'results'] as const))],
          [FAC, { type: 'createCluster', name: `Theme ${random.int(8)}`, noteIds: [noteId] }],
          [FAC, { type: 'moveNote', noteId, clusterId: pick([clusterId, null]) }],
          [FAC, { type: 'hideNote', noteId, isHidden: random.next() < 0.7 }],
          [FAC, { type: 'mergeNote', noteId, intoNoteId: `n${1 + random.int(s.nextNote)}` }],
          [FAC, { type: 'splitNote', noteId }],
          [FAC, { type: 'deleteCluster', clusterId }],
        ];
        const [actor, action] = pick(candidates);
        const c = ctx({ isOpen: random.next() < 0.9 });
        const before = JSON.stringify(s);
        const result = brainstorm.reduce(s, action, actor, c);
        if (!result.ok) {
          expect(JSON.stringify(s), `seed ${seed}: a refusal changed the state`).toBe(before);
          continue;
        }
        s = result.data;
        accepted.push([actor, action]);
        // Invariants: merges one level deep, clusters exist, dots within the limits.
        const byId = new Map(s.notes.map((n) => [n.id, n]));
        for (const n of s.notes) {
          if (n.mergedInto !== null) {
            expect(byId.get(n.mergedInto)?.mergedInto, `seed ${seed}`).toBeNull();
            expect(n.clusterId, `seed ${seed}`).toBeNull();
          }
          if (n.clusterId !== null) {
            expect(
              s.clusters.some((cl) => cl.id === n.clusterId),
              `seed ${seed}`,
            ).toBe(true);
          }
        }
        const board = buildBoard(s);
        for (const person of people) {
          const mine = resolvedVotes(s, board, person);
          expect(
            Object.values(mine).every((d) => d <= cfg.maxDotsPerItem),
            `seed ${seed}`,
          ).toBe(true);
          expect(
            Object.values(mine).reduce((a, b) => a + b, 0),
            `seed ${seed}`,
          ).toBeLessThanOrEqual(cfg.dotsPerPerson);
        }
      }
      expect(accepted.length, `seed ${seed}`).toBeGreaterThan(40);
      const replayed = accepted.reduce(
        (state, [actor, action]) => step(state, actor, action),
        brainstorm.init(cfg, seed),
      );
      expect(JSON.stringify(replayed), `seed ${seed}: replay differed`).toBe(JSON.stringify(s));
    },
  );
});
