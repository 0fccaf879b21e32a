import { describe, expect, it } from 'vitest';
import { getExercise, type Actor, type AppError, type RoundContext } from '@playfield/shared';
import {
  answersByParticipant,
  poll,
  pollConfigSchema,
  pollVoters,
  tallyPoll,
  type PollConfig,
  type PollParticipantAction,
  type PollFacilitatorAction,
  type PollState,
} from '@playfield/shared/exercises/poll/index';
import { Draft } from '@playfield/shared/exercises/records';
import { pollConfig } from './sessionHarness.ts';

const ANA = { id: 'p-ana-7f3', name: 'Ana Wanderlust' };
const BEN = { id: 'p-ben-9c1', name: 'Benedikt Quorum' };
const FACILITATOR: Actor = { role: 'facilitator' };
const asParticipant = (id: string): Actor => ({ role: 'participant', participantId: id });

function ctx(overrides: Partial<RoundContext> = {}): RoundContext {
  return {
    isOpen: true,
    isRevealed: false,
    roster: {
      [ANA.id]: { ...ANA, hasLeft: false },
      [BEN.id]: { ...BEN, hasLeft: false },
    },
    at: 1000,
    ...overrides,
  };
}

function init(overrides: Partial<PollConfig> = {}): PollState {
  return poll.init(pollConfig(overrides), 'seed');
}

/** Applies actions that must all be accepted. */
function act(
  state: PollState,
  steps: [Actor, PollParticipantAction | PollFacilitatorAction][],
  context = ctx(),
): PollState {
  return steps.reduce((s, [actor, action]) => {
    const result = poll.reduce(s, action, actor, context);
    if (!result.ok) throw new Error(result.error.message);
    return result.data;
  }, state);
}

function refused(
  state: PollState,
  action: PollParticipantAction | PollFacilitatorAction,
  actor: Actor,
  context = ctx(),
): AppError {
  const result = poll.reduce(state, action, actor, context);
  if (result.ok) throw new Error('accepted');
  return result.error;
}

const answer = (...choices: number[]): PollParticipantAction => ({ type: 'answer', choices });

describe('poll config', () => {
  it('accepts the default config', () => {
    expect(pollConfigSchema.safeParse(poll.defaultConfig()).success).toBe(true);
  });

  it.each([
    ['one option', { options: ['Only'] }],
    ['thirteen options', { options: Array.from({ length: 13 }, (_, i) => `O${i}`) }],
    ['duplicate options ignoring case', { options: ['Yes', 'yes'] }],
    ['an empty option', { options: ['Yes', '   '] }],
    ['an empty question', { question: '  ' }],
  ])('rejects a config with %s', (_label, overrides) => {
    expect(pollConfigSchema.safeParse(pollConfig(overrides)).success).toBe(false);
  });

  it('trims the question and options when parsing', () => {
    const parsed = pollConfigSchema.parse(pollConfig({ question: ' Q? ', options: [' A', 'B '] }));
    expect(parsed.question).toBe('Q?');
    expect(parsed.options).toEqual(['A', 'B']);
  });

  it('starts with no answers when initialised', () => {
    expect(init()).toEqual({ config: pollConfig(), answers: {} });
    expect(answersByParticipant(init())).toEqual({});
  });
});

describe('poll reduce', () => {
  it('records an answer when a participant answers an open poll', () => {
    const state = act(init(), [[asParticipant(ANA.id), answer(1)]]);
    expect(answersByParticipant(state)).toEqual({ [ANA.id]: [1] });
  });

  it('replaces the answer when a participant changes it', () => {
    const state = act(init(), [
      [asParticipant(ANA.id), answer(1)],
      [asParticipant(ANA.id), answer(2)],
    ]);
    expect(answersByParticipant(state)).toEqual({ [ANA.id]: [2] });
  });

  it('removes the answer when a participant clears it', () => {
    const state = act(init(), [
      [asParticipant(ANA.id), answer(1)],
      [asParticipant(BEN.id), answer(0)],
      [asParticipant(ANA.id), { type: 'clear' }],
    ]);
    expect(answersByParticipant(state)).toEqual({ [BEN.id]: [0] });
  });

  it('accepts a clear when the participant never answered', () => {
    expect(answersByParticipant(act(init(), [[asParticipant(ANA.id), { type: 'clear' }]]))).toEqual(
      {},
    );
  });

  it('sorts and deduplicates choices when a multiple-choice answer arrives', () => {
    const state = act(init({ isMultipleChoice: true }), [[asParticipant(ANA.id), answer(2, 0, 2)]]);
    expect(answersByParticipant(state)[ANA.id]).toEqual([0, 2]);
  });

  it('accepts one repeated choice when the poll is single choice', () => {
    const state = act(init(), [[asParticipant(ANA.id), answer(1, 1)]]);
    expect(answersByParticipant(state)[ANA.id]).toEqual([1]);
  });

  it('does not mutate the previous state when reducing', () => {
    const before = act(init(), [[asParticipant(ANA.id), answer(0)]]);
    const snapshot = structuredClone(before);
    act(before, [
      [asParticipant(ANA.id), answer(2)],
      [asParticipant(BEN.id), answer(1)],
      [asParticipant(ANA.id), { type: 'clear' }],
    ]);
    expect(before).toEqual(snapshot);
  });

  it.each<
    [
      string,
      Partial<PollConfig>,
      PollParticipantAction | PollFacilitatorAction,
      Actor,
      AppError['code'],
      RoundContext,
    ]
  >([
    [
      'two choices in a single-choice poll',
      {},
      answer(0, 1),
      asParticipant(ANA.id),
      'INVALID_ACTION',
      ctx(),
    ],
    ['an option past the end', {}, answer(3), asParticipant(ANA.id), 'INVALID_ACTION', ctx()],
    [
      'one bad choice among good ones',
      { isMultipleChoice: true },
      answer(0, 9),
      asParticipant(ANA.id),
      'INVALID_ACTION',
      ctx(),
    ],
    [
      'an answer to a locked poll',
      {},
      answer(0),
      asParticipant(ANA.id),
      'ROUND_LOCKED',
      ctx({ isOpen: false }),
    ],
    [
      'a clear on a locked poll',
      {},
      { type: 'clear' },
      asParticipant(ANA.id),
      'ROUND_LOCKED',
      ctx({ isOpen: false }),
    ],
    ['an answer from the facilitator', {}, answer(0), FACILITATOR, 'FORBIDDEN', ctx()],
    ['a clear from the facilitator', {}, { type: 'clear' }, FACILITATOR, 'FORBIDDEN', ctx()],
    [
      'a reset from a participant',
      {},
      { type: 'reset' },
      asParticipant(ANA.id),
      'FORBIDDEN',
      ctx(),
    ],
  ])('refuses %s', (_label, config, action, actor, code, context) => {
    const state = act(init(config), [[asParticipant(BEN.id), answer(0)]]);
    expect(refused(state, action, actor, context).code).toBe(code);
  });

  it('clears every answer when the facilitator resets, even when locked', () => {
    const answered = act(init(), [
      [asParticipant(ANA.id), answer(0)],
      [asParticipant(BEN.id), answer(1)],
    ]);
    const state = act(answered, [[FACILITATOR, { type: 'reset' }]], ctx({ isOpen: false }));
    expect(answersByParticipant(state)).toEqual({});
  });
});

describe('poll action parsing through the registry', () => {
  const exercise = getExercise('poll');

  it.each([
    ['participant', { type: 'answer', choices: [] }],
    ['participant', { type: 'answer', choices: [-1] }],
    ['participant', { type: 'answer', choices: [0.5] }],
    ['participant', { type: 'answer', choices: Array(13).fill(0) }],
    ['participant', { type: 'vote' }],
  ] as const)('refuses as BAD_REQUEST a %s sending %j', (role, action) => {
    const result = exercise?.parseAction(role, action);
    expect(result?.ok).toBe(false);
    if (result && !result.ok) expect(result.error.code).toBe('BAD_REQUEST');
  });

  it.each([
    ['participant', { type: 'reset' }, 'Only the facilitator can do that'],
    ['facilitator', { type: 'answer', choices: [0] }, 'Participants do that themselves'],
  ] as const)('refuses as FORBIDDEN a %s sending the other side’s %j', (role, action, message) => {
    expect(exercise?.parseAction(role, action)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message },
    });
  });
});

describe('tallyPoll', () => {
  it('counts answers per option and respondents when single choice', () => {
    const state = act(init(), [
      [asParticipant(ANA.id), answer(2)],
      [asParticipant(BEN.id), answer(2)],
      [asParticipant('p3'), answer(0)],
    ]);
    expect(tallyPoll(state)).toEqual({ counts: [1, 0, 2], respondents: 3 });
  });

  it('counts each chosen option once per person when multiple choice', () => {
    const state = act(init({ isMultipleChoice: true }), [
      [asParticipant(ANA.id), answer(0, 1, 2)],
      [asParticipant(BEN.id), answer(1)],
    ]);
    expect(tallyPoll(state)).toEqual({ counts: [1, 2, 1], respondents: 2 });
  });

  it('returns zeros when nobody answered', () => {
    expect(tallyPoll(init())).toEqual({ counts: [0, 0, 0], respondents: 0 });
  });

  it('matches submittedCount and the summary when answers exist', () => {
    const state = act(init(), [
      [asParticipant(ANA.id), answer(0)],
      [asParticipant(BEN.id), answer(1)],
    ]);
    expect(poll.submittedCount(state)).toBe(2);
    expect(poll.summary(state, ctx())).toEqual({
      headline: state.config.question,
      blocks: [
        { type: 'bars', labels: state.config.options, values: [1, 1, 0], unit: 'answers' },
        { type: 'text', text: '2 people answered.' },
      ],
    });
  });

  it('says "person" in the summary when exactly one answered', () => {
    const state = act(init(), [[asParticipant(ANA.id), answer(0)]]);
    expect(poll.summary(state, ctx()).blocks[1]).toEqual({
      type: 'text',
      text: '1 person answered.',
    });
  });
});

describe('poll views', () => {
  const answered = (config: Partial<PollConfig>) =>
    act(init(config), [
      [asParticipant(ANA.id), answer(0)],
      [asParticipant(BEN.id), answer(2)],
    ]);

  it('shows voters by name to the facilitator when the poll is named', () => {
    const view = poll.facilitatorView(answered({}), ctx());
    expect(view.voters).toEqual([[ANA.name], [], [BEN.name]]);
    expect(view.results).toEqual({ counts: [1, 0, 1], respondents: 2 });
  });

  it('names a voter "Unknown" when they are missing from the roster', () => {
    const state = act(init(), [[asParticipant('ghost'), answer(1)]]);
    expect(pollVoters(state, ctx())).toEqual([[], ['Unknown'], []]);
  });

  it('keeps the name of a voter who has left when the poll is named', () => {
    const roster = { [ANA.id]: { ...ANA, hasLeft: true } };
    const state = act(init(), [[asParticipant(ANA.id), answer(1)]]);
    expect(poll.facilitatorView(state, ctx({ roster })).voters).toEqual([[], [ANA.name], []]);
  });

  it('leaves voters out of the facilitator view when the poll is anonymous', () => {
    const view = poll.facilitatorView(answered({ isAnonymous: true }), ctx());
    expect(view).not.toHaveProperty('voters');
    expect(pollVoters(answered({ isAnonymous: true }), ctx())).toBeUndefined();
    expect(view.results.counts).toEqual([1, 0, 1]);
  });

  it.each([false, true])(
    'never exposes a participant id or name in any view when anonymous (revealed: %s)',
    (isRevealed) => {
      const state = act(init({ isAnonymous: true, isMultipleChoice: true }), [
        [asParticipant(ANA.id), answer(0, 1)],
        [asParticipant(BEN.id), answer(2)],
      ]);
      const context = ctx({ isRevealed });
      const views = {
        facilitator: poll.facilitatorView(state, context),
        participantPublic: poll.participantPublicView(state, context),
        ownAna: poll.participantOwnView(state, ANA.id, context),
        ownBen: poll.participantOwnView(state, BEN.id, context),
        screen: poll.screenView(state, context),
        summary: poll.summary(state, context),
      };
      for (const [audience, view] of Object.entries(views)) {
        const json = JSON.stringify(view);
        for (const secret of [ANA.id, ANA.name, BEN.id, BEN.name]) {
          expect(json, `${audience} view leaks ${secret}`).not.toContain(secret);
        }
      }
    },
  );

  it('hides results from the public and screen views until revealed', () => {
    const state = answered({});
    expect(poll.participantPublicView(state, ctx()).results).toBeNull();
    expect(poll.screenView(state, ctx()).results).toBeNull();
    expect(poll.screenView(state, ctx()).respondents).toBe(2);

    const shown = ctx({ isRevealed: true });
    expect(poll.participantPublicView(state, shown).results).toEqual({
      counts: [1, 0, 1],
      respondents: 2,
    });
    expect(poll.screenView(state, shown).results).toEqual({ counts: [1, 0, 1], respondents: 2 });
  });

  it('never puts voter names in the public or screen view when the poll is named', () => {
    const state = answered({});
    const shown = ctx({ isRevealed: true });
    for (const view of [poll.participantPublicView(state, shown), poll.screenView(state, shown)]) {
      const json = JSON.stringify(view);
      expect(json).not.toContain(ANA.name);
      expect(json).not.toContain(ANA.id);
    }
  });

  it('shows a participant only their own choices in the own view', () => {
    const state = answered({});
    expect(poll.participantOwnView(state, ANA.id, ctx())).toEqual({ choices: [0] });
    expect(poll.participantOwnView(state, BEN.id, ctx())).toEqual({ choices: [2] });
    expect(poll.participantOwnView(state, 'someone-else', ctx())).toEqual({ choices: [] });
  });

  it('copies the config into the public view', () => {
    const view = poll.participantPublicView(init({ isMultipleChoice: true }), ctx());
    expect(view).toEqual({
      question: pollConfig().question,
      options: pollConfig().options,
      isMultipleChoice: true,
      isAnonymous: false,
      results: null,
    });
  });

  it('mentions the question in the action plan prompt', () => {
    expect(poll.actionPlanPrompt(pollConfig())).toContain(pollConfig().question);
  });
});

describe('poll answer storage', () => {
  const ids = Array.from({ length: 2000 }, (_, i) => `p-${i.toString(36)}-seat`);
  const roster = Object.fromEntries(
    ids.map((id, i) => [id, { id, name: `Person ${i}`, hasLeft: false }]),
  );
  const big = ctx({ roster });
  const answerAll = (state: PollState, draft?: Draft) =>
    ids.reduce((s, id, i) => {
      const result = poll.reduce(
        s,
        answer(i % 3),
        asParticipant(id),
        draft ? { ...big, draft } : big,
      );
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    }, state);

  /** A state as a snapshot written before the buckets holds it: flat answers, read from JSON. */
  const oldSnapshot = (answers: Record<string, number[]>): PollState =>
    JSON.parse(JSON.stringify({ config: pollConfig(), answers })) as PollState;

  it('copies one bucket per answer and leaves every other bucket and the earlier state as they were', () => {
    const before = answerAll(init());
    const frozen = JSON.stringify(before);
    const after = act(before, [[asParticipant(ids[7] ?? ''), answer(2)]], big);
    const buckets = Object.keys(before.answerBuckets ?? {});
    const copied = buckets.filter((b) => after.answerBuckets?.[b] !== before.answerBuckets?.[b]);
    expect(buckets.length).toBeGreaterThan(16);
    expect(copied).toHaveLength(1);
    expect(JSON.stringify(before)).toBe(frozen);
    expect(poll.submittedCount?.(after)).toBe(2000);
    expect(poll.participantOwnView(after, ids[7] ?? '', big)).toEqual({ choices: [2] });
  });

  it('writes in place within one batch (a draft) and gives the same state as answer by answer', () => {
    const start = answerAll(init());
    const frozen = JSON.stringify(start);
    const batched = answerAll(start, new Draft());
    expect(JSON.stringify(start)).toBe(frozen);
    expect(batched).toEqual(answerAll(start));
    expect(tallyPoll(batched)).toEqual({ counts: [667, 667, 666], respondents: 2000 });
  });

  it('reads an old snapshot’s flat answers with the same views and summary as new answers', () => {
    const answers = { [ANA.id]: [0], [BEN.id]: [2] };
    const old = oldSnapshot(answers);
    const fresh = act(init(), [
      [asParticipant(ANA.id), answer(0)],
      [asParticipant(BEN.id), answer(2)],
    ]);
    for (const isRevealed of [false, true]) {
      const c = ctx({ isRevealed });
      expect(poll.facilitatorView(old, c)).toEqual(poll.facilitatorView(fresh, c));
      expect(poll.participantPublicView(old, c)).toEqual(poll.participantPublicView(fresh, c));
      expect(poll.screenView(old, c)).toEqual(poll.screenView(fresh, c));
      expect(poll.participantOwnView(old, ANA.id, c)).toEqual({ choices: [0] });
    }
    expect(poll.summary(old, ctx())).toEqual(poll.summary(fresh, ctx()));
    expect(poll.submittedCount?.(old)).toBe(2);
    expect(answersByParticipant(old)).toEqual(answers);
  });

  it('moves an old snapshot’s answers into buckets on the next answer or clear, and counts right', () => {
    const old = oldSnapshot({ [ANA.id]: [0], [BEN.id]: [2], carla: [1] });
    const changed = act(old, [[asParticipant(BEN.id), answer(1)]]);
    expect(changed.answers).toEqual({});
    expect(answersByParticipant(changed)).toEqual({ [ANA.id]: [0], [BEN.id]: [1], carla: [1] });
    expect(poll.submittedCount?.(changed)).toBe(3);
    const cleared = act(old, [[asParticipant(ANA.id), { type: 'clear' }]]);
    expect(answersByParticipant(cleared)).toEqual({ [BEN.id]: [2], carla: [1] });
    expect(poll.screenView(cleared, ctx()).respondents).toBe(2);
    expect(answersByParticipant(old)).toEqual({ [ANA.id]: [0], [BEN.id]: [2], carla: [1] });
  });

  it('lists voters in the order they first answered, a changed answer keeping its place', () => {
    const c = ctx({
      roster: { ...ctx().roster, carla: { id: 'carla', name: 'Carla', hasLeft: false } },
    });
    const old = oldSnapshot({ [BEN.id]: [0], carla: [0] });
    expect(pollVoters(old, c)).toEqual([[BEN.name, 'Carla'], [], []]);
    const next = act(old, [
      [asParticipant(ANA.id), answer(0)],
      [asParticipant(BEN.id), answer(1)],
      [asParticipant(BEN.id), answer(0)],
    ]);
    expect(pollVoters(next, c)).toEqual([[BEN.name, 'Carla', ANA.name], [], []]);
    const again = act(next, [
      [asParticipant(BEN.id), { type: 'clear' }],
      [asParticipant(BEN.id), answer(0)],
    ]);
    expect(pollVoters(again, c)).toEqual([['Carla', ANA.name, BEN.name], [], []]);
  });

  it('keeps a reserved key in an old snapshot as an answer, never as a prototype', () => {
    const old = JSON.parse(
      `{"config":${JSON.stringify(pollConfig())},"answers":{"__proto__":[1],"toString":[0]}}`,
    ) as PollState;
    expect(tallyPoll(old)).toEqual({ counts: [1, 1, 0], respondents: 2 });
    const next = act(old, [[asParticipant('constructor'), answer(2)]]);
    expect(tallyPoll(next)).toEqual({ counts: [1, 1, 1], respondents: 3 });
    expect(poll.participantOwnView(next, 'hasOwnProperty', ctx())).toEqual({ choices: [] });
    expect(poll.participantOwnView(next, '__proto__', ctx())).toEqual({ choices: [1] });
  });
});
