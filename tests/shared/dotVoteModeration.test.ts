/**
 * The dot vote: config bounds with readable messages, both modes (choose several with a
 * minimum rule, spread dots with a cap), examples with opaque ids the facilitator can hide,
 * refusals that change nothing, the ranking and the shortfall worked out by hand, privacy
 * of every view (anonymous votes name nobody, anywhere), the summary, presets and replay.
 *
 * This file covers phases, roles and moderation, and action parsing through the registry; the other dotVote*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { getExercise, type Actor, type AppError, type RoundContext } from '@playfield/shared';
import { dotVote, dotVoteExamples } from '@playfield/shared/exercises/dotVote/index';
import {
  type Action,
  ANA,
  BEN,
  FAC,
  as,
  ctx,
  chooseConfig,
  init,
  act,
  choose,
  workedExample,
  refused,
  idOf,
} from './dotVoteFixtures.ts';

describe('dot vote reduce: phases, roles and moderation', () => {
  it.each<[string, Action, Actor, AppError['code'], string, Partial<RoundContext>]>([
    [
      'a vote when locked',
      choose(0),
      as(ANA.id),
      'ROUND_LOCKED',
      'Voting is closed for this round',
      { isOpen: false },
    ],
    [
      'a clear when locked',
      { type: 'clear' },
      as(ANA.id),
      'ROUND_LOCKED',
      'Voting is closed for this round',
      { isOpen: false },
    ],
    [
      'a vote after the reveal',
      choose(0),
      as(ANA.id),
      'ROUND_LOCKED',
      'The results are out: votes can no longer change',
      { isRevealed: true },
    ],
    [
      'a vote by the facilitator',
      choose(0),
      FAC,
      'FORBIDDEN',
      'Participants vote for themselves',
      {},
    ],
    [
      'a reset by a participant',
      { type: 'reset' },
      as(ANA.id),
      'FORBIDDEN',
      'Only the facilitator can reset',
      {},
    ],
    [
      'hiding by a participant',
      { type: 'hideExample', exampleId: 'ex_aaaaaaaaaa', isHidden: true },
      as(ANA.id),
      'FORBIDDEN',
      'Only the facilitator can hide an example',
      {},
    ],
    [
      'a focus by a participant',
      { type: 'focus', option: 0 },
      as(ANA.id),
      'FORBIDDEN',
      'Only the facilitator chooses what the screen shows',
      {},
    ],
    [
      'a focus past the end',
      { type: 'focus', option: 4 },
      FAC,
      'INVALID_ACTION',
      'That option does not exist',
      {},
    ],
    [
      'hiding an example that is not there',
      { type: 'hideExample', exampleId: 'ex_aaaaaaaaaa', isHidden: true },
      FAC,
      'NOT_FOUND',
      'That example is no longer there',
      {},
    ],
  ])('refuses %s and changes nothing', (_label, action, actor, code, message, context) => {
    expect(refused(workedExample(), action, actor, ctx(context))).toEqual({ code, message });
  });

  it('hides and shows an example again by its id when the facilitator moderates', () => {
    const state = workedExample();
    const id = idOf(state, 'Weekly complaint log');
    const hidden = act(state, [[FAC, { type: 'hideExample', exampleId: id, isHidden: true }]]);
    expect(dotVoteExamples(hidden).find((e) => e.id === id)?.isHidden).toBe(true);
    const shown = act(hidden, [[FAC, { type: 'hideExample', exampleId: id, isHidden: false }]]);
    expect(shown).toEqual(state);
  });

  it('keeps an example’s id and hidden mark when its author re-votes with the same text', () => {
    const state = workedExample();
    const id = idOf(state, 'Weekly complaint log');
    const revoted = act(state, [
      [FAC, { type: 'hideExample', exampleId: id, isHidden: true }],
      [as(ANA.id), choose([1, 'Weekly complaint log'], 3)],
    ]);
    expect(dotVoteExamples(revoted).find((e) => e.text === 'Weekly complaint log')).toEqual({
      option: 1,
      id,
      text: 'Weekly complaint log',
      isHidden: true,
    });
  });

  it('gives a changed example a new id, shown until moderated again', () => {
    const state = workedExample();
    const id = idOf(state, 'Weekly complaint log');
    const changed = act(state, [
      [FAC, { type: 'hideExample', exampleId: id, isHidden: true }],
      [as(ANA.id), choose([1, 'Complaints read at every team meeting'])],
    ]);
    const example = dotVoteExamples(changed).find((e) => e.option === 1);
    expect(example?.id).not.toBe(id);
    expect(example?.isHidden).toBe(false);
    expect(changed.exampleCount).toBe(3);
  });

  it('draws example ids from the seed alone, so they say nothing about the author', () => {
    const one = act(init(), [[as(ANA.id), choose([1, 'Same words'])]]);
    const other = act(init(), [[as(BEN.id), choose([1, 'Same words'])]]);
    expect(idOf(one, 'Same words')).toBe(idOf(other, 'Same words'));
    const elsewhere = act(dotVote.init(chooseConfig(), 'another-seed'), [
      [as(ANA.id), choose([1, 'Same words'])],
    ]);
    expect(idOf(elsewhere, 'Same words')).not.toBe(idOf(one, 'Same words'));
  });

  it('clears every ballot when the facilitator resets, even when locked', () => {
    const state = act(workedExample(), [[FAC, { type: 'reset' }]], ctx({ isOpen: false }));
    expect(state.ballots).toEqual({});
  });

  it('does not mutate the previous state when reducing', () => {
    const before = workedExample();
    const snapshot = structuredClone(before);
    act(before, [
      [
        FAC,
        { type: 'hideExample', exampleId: idOf(before, 'Quarterly CSI report'), isHidden: true },
      ],
      [as(ANA.id), choose(3)],
      [FAC, { type: 'focus', option: 1 }],
      [FAC, { type: 'reset' }],
    ]);
    expect(before).toEqual(snapshot);
  });
});

describe('dot vote action parsing through the registry', () => {
  const exercise = getExercise('dotVote');

  it.each([
    { type: 'vote' },
    { type: 'vote', choices: [{ option: -1, dots: 1, example: null }] },
    { type: 'vote', choices: [{ option: 0, dots: 0, example: null }] },
    { type: 'vote', choices: [{ option: 0, dots: 1 }] },
    { type: 'vote', choices: [{ option: 0, dots: 1, example: 'x'.repeat(281) }] },
    { type: 'vote', choices: [{ option: 0, dots: 1, example: '   ' }] },
    {
      type: 'vote',
      choices: Array.from({ length: 21 }, (_, option) => ({ option, dots: 1, example: null })),
    },
    { type: 'rank' },
  ])('refuses as BAD_REQUEST a participant sending %j', (action) => {
    const result = exercise?.parseAction('participant', action);
    expect(result?.ok).toBe(false);
    if (result && !result.ok) expect(result.error.code).toBe('BAD_REQUEST');
  });

  it('says how long an example may be when it is too long', () => {
    const result = exercise?.parseAction('participant', {
      type: 'vote',
      choices: [{ option: 0, dots: 1, example: 'x'.repeat(281) }],
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: 'Invalid answer: choices.0.example: At most 280 characters',
      },
    });
  });

  it.each([
    ['participant', { type: 'reset' }, 'Only the facilitator can do that'],
    [
      'participant',
      { type: 'hideExample', exampleId: 'ex_abcdefghij', isHidden: true },
      'Only the facilitator can do that',
    ],
    ['facilitator', { type: 'clear' }, 'Participants do that themselves'],
    ['facilitator', { type: 'vote', choices: [] }, 'Participants do that themselves'],
  ] as const)('refuses as FORBIDDEN a %s sending the other side’s %j', (role, action, message) => {
    expect(exercise?.parseAction(role, action)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message },
    });
  });
});
