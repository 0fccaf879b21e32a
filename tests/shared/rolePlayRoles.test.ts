/**
 * The role-play as an exercise: config bounds and presets, the group-forming rule for
 * every head count, roles and their rotation, newcomers, who may score, the room's step
 * statistics against hand-worked values, what each audience may see, the summary, and a
 * replay of a whole session's log.
 *
 * This file covers roles and their rotation, newcomers and who may score; the other rolePlay*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { type Actor, type AppError, type RoundContext } from '@playfield/shared';
import { rolePlay, type RolePlayState } from '@playfield/shared/exercises/rolePlay/index';
import {
  type Action,
  FAC,
  as,
  PEOPLE,
  GONE,
  rosterOf,
  ctx,
  init,
  act,
  scorerOf,
  score,
  scoreCard,
} from './rolePlayFixtures.ts';

/** An action that must be refused: returns the error, and checks nothing changed. */
function refused(
  state: RolePlayState,
  action: Action,
  actor: Actor,
  context: RoundContext,
): AppError {
  const before = structuredClone(state);
  const result = rolePlay.reduce(state, action, actor, context);
  if (result.ok) throw new Error(`${JSON.stringify(action)} was accepted`);
  expect(state).toEqual(before);
  return result.error;
}

function memberOf(state: RolePlayState, groupId: string, slot: number): string {
  const member = state.groups.find((g) => g.id === groupId)?.members[slot];
  if (!member) throw new Error(`no slot ${slot} in ${groupId}`);
  return member;
}

describe('role-play reduce', () => {
  it('forms groups from everyone present, leaving out who left', () => {
    const state = act(init(), [[FAC, { type: 'form' }]], ctx(7));
    expect(state.play).toBe(1);
    expect(state.formations).toBe(1);
    expect(state.groups.map((g) => g.members.length)).toEqual([3, 2, 2]);
    const placed = state.groups.flatMap((g) => g.members).sort();
    expect(placed).toEqual(PEOPLE.slice(0, 7).map((p) => p.id));
    expect(placed).not.toContain(GONE.id);
  });

  it('forms pairs when configured, with one trio for an odd count', () => {
    const state = act(init({ groupSize: 'pairs' }), [[FAC, { type: 'form' }]], ctx(5));
    expect(state.groups.map((g) => g.members.length)).toEqual([3, 2]);
  });

  it('refuses to form groups when fewer than two people are present', () => {
    expect(refused(init(), { type: 'form' }, FAC, ctx(1))).toEqual({
      code: 'INVALID_ACTION',
      message: 'Groups need at least two people in the session',
    });
  });

  it('re-forms groups with a new shuffle and keeps the earlier scores in the archive', () => {
    const c = ctx(9);
    let state = act(init(), [[FAC, { type: 'form' }]], c);
    const first = state.groups;
    state = scoreCard(state, 'G1', [4, 4, 4, 4], c);
    state = act(state, [[FAC, { type: 'form' }]], c);
    expect(state.groups).not.toEqual(first);
    expect(state.play).toBe(2);
    expect(state.scorecards).toEqual({});
    expect(state.archive).toEqual([{ groupId: 'G1', play: 1, scores: [4, 4, 4, 4], comment: '' }]);
  });

  it('rotates roles so the customer provides, the provider observes and the observer complains', () => {
    const c = ctx(6);
    const formed = act(init(), [[FAC, { type: 'form' }]], c);
    const [customer, provider, observer] = formed.groups[0]?.members ?? [];
    const rotated = act(formed, [[FAC, { type: 'rotate' }]], c);
    expect(rotated.play).toBe(2);
    expect(rotated.groups[0]?.members).toEqual([observer, customer, provider]);
    const own = rolePlay.participantOwnView(rotated, customer ?? '', c);
    expect(own.group?.role).toBe('provider');
  });

  it('refuses to rotate or place newcomers before groups are formed', () => {
    expect(refused(init(), { type: 'rotate' }, FAC, ctx(4)).code).toBe('INVALID_ACTION');
    expect(refused(init(), { type: 'placeNewcomers' }, FAC, ctx(4))).toEqual({
      code: 'INVALID_ACTION',
      message: 'Form the groups first',
    });
  });

  it('holds a late joiner out of the groups until placed, then puts them in the smallest group', () => {
    const before = ctx(5);
    const formed = act(init(), [[FAC, { type: 'form' }]], before);
    expect(formed.groups.map((g) => g.members.length)).toEqual([3, 2]);
    const late = { id: 'p-zoe-late', name: 'Zoe', hasLeft: false };
    const after = ctx(5, { roster: rosterOf(5, [late]) });
    expect(rolePlay.participantOwnView(formed, late.id, after)).toEqual({ group: null });
    expect(rolePlay.facilitatorView(formed, after).waiting).toEqual([{ id: late.id, name: 'Zoe' }]);

    const placed = act(formed, [[FAC, { type: 'placeNewcomers' }]], after);
    expect(placed.groups[1]?.members).toHaveLength(3);
    expect(placed.groups[1]?.members[2]).toBe(late.id);
    expect(placed.play).toBe(formed.play);
    // In what was a pair, the newcomer observes and takes over the scoring.
    expect(rolePlay.participantOwnView(placed, late.id, after).group).toMatchObject({
      label: 'Group 2',
      role: 'observer',
      isScorer: true,
    });
    expect(refused(placed, { type: 'placeNewcomers' }, FAC, after)).toEqual({
      code: 'INVALID_ACTION',
      message: 'Nobody is waiting for a group',
    });
  });

  it('records a score when the group’s observer scores a step, and replaces it when changed', () => {
    const c = ctx(6);
    let state = act(init(), [[FAC, { type: 'form' }]], c);
    const observer = as(scorerOf(state, 'G2'));
    state = act(
      state,
      [
        [observer, score('Empathise', 2)],
        [observer, score('Empathise', 4)],
        [observer, { type: 'comment', text: 'Let the customer finish' }],
      ],
      c,
    );
    expect(state.scorecards).toEqual({
      G2: {
        groupId: 'G2',
        play: 1,
        scores: [null, 4, null, null],
        comment: 'Let the customer finish',
      },
    });
  });

  it('drops a scorecard that is emptied again', () => {
    const c = ctx(6);
    let state = act(init(), [[FAC, { type: 'form' }]], c);
    const observer = as(scorerOf(state, 'G1'));
    state = act(
      state,
      [
        [observer, score('Clarify', 3)],
        [observer, score('Clarify', null)],
      ],
      c,
    );
    expect(state.scorecards).toEqual({});
    expect(rolePlay.submittedCount(state)).toBe(0);
  });

  it('lets the customer score in a pair', () => {
    const c = ctx(4);
    let state = act(init({ groupSize: 'pairs' }), [[FAC, { type: 'form' }]], c);
    const customer = memberOf(state, 'G1', 0);
    state = act(state, [[as(customer), score('Correct', 5)]], c);
    expect(state.scorecards.G1?.scores).toEqual([null, null, null, 5]);
    expect(refused(state, score('Correct', 1), as(memberOf(state, 'G1', 1)), c)).toEqual({
      code: 'FORBIDDEN',
      message: 'Only your pair’s customer scores the role-play',
    });
  });

  describe('refusals that change nothing', () => {
    const c = ctx(6);
    const formed = act(init(), [[FAC, { type: 'form' }]], c);
    const observer = as(scorerOf(formed, 'G1'));

    it('refuses a score from the customer or provider of a trio', () => {
      for (const slot of [0, 1]) {
        expect(refused(formed, score('Clarify', 3), as(memberOf(formed, 'G1', slot)), c)).toEqual({
          code: 'FORBIDDEN',
          message: 'Only your group’s observer scores the role-play',
        });
      }
    });

    it('refuses a score from someone in no group', () => {
      const late = { id: 'p-late', name: 'Late', hasLeft: false };
      const withLate = ctx(6, { roster: rosterOf(6, [late]) });
      expect(refused(formed, score('Clarify', 3), as(late.id), withLate)).toEqual({
        code: 'FORBIDDEN',
        message: 'You are not in a group yet',
      });
    });

    it('refuses a score before groups are formed', () => {
      expect(refused(init(), score('Clarify', 3), as(PEOPLE[0]?.id ?? ''), c).code).toBe(
        'FORBIDDEN',
      );
    });

    it('refuses a step the config does not have', () => {
      expect(refused(formed, score('Apologise', 3), observer, c)).toEqual({
        code: 'INVALID_ACTION',
        message: 'There is no step called “Apologise”',
      });
    });

    it('refuses a score above the configured scale', () => {
      expect(refused(formed, score('Clarify', 6), observer, c)).toEqual({
        code: 'INVALID_ACTION',
        message: 'Scores go from 1 to 5',
      });
    });

    it('refuses scores and notes once the round is locked', () => {
      const locked = { ...c, isOpen: false };
      expect(refused(formed, score('Clarify', 3), observer, locked).code).toBe('ROUND_LOCKED');
      expect(refused(formed, { type: 'comment', text: 'x' }, observer, locked).code).toBe(
        'ROUND_LOCKED',
      );
    });

    it('refuses a score sent as the facilitator and a facilitator action sent by a phone', () => {
      expect(refused(formed, score('Clarify', 3), FAC, c).code).toBe('FORBIDDEN');
      expect(refused(formed, { type: 'rotate' }, observer, c)).toEqual({
        code: 'FORBIDDEN',
        message: 'Only the facilitator can do that',
      });
    });
  });
});
