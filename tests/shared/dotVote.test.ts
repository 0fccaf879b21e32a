/**
 * The dot vote: config bounds with readable messages, both modes (choose several with a
 * minimum rule, spread dots with a cap), examples with opaque ids the facilitator can hide,
 * refusals that change nothing, the ranking and the shortfall worked out by hand, privacy
 * of every view (anonymous votes name nobody, anywhere), the summary, presets and replay.
 */
import { describe, expect, it } from 'vitest';
import {
  getExercise,
  replay,
  participantPublicView as sessionPublicView,
  type Actor,
  type AppError,
  type RoundContext,
  type RoundSpec,
  type SessionCommand,
} from '@playfield/shared';
import {
  SCREEN_EXAMPLES,
  dotVote,
  dotVoteConfigSchema,
  dotVoteExamples,
  dotVoteShortfall,
  rankDotVote,
  shortfallNames,
  shortfallText,
  tallyDotVote,
  type DotVoteConfig,
  type DotVoteFacilitatorAction,
  type DotVoteParticipantAction,
  type DotVoteState,
} from '@playfield/shared/exercises/dotVote/index';
import { dotVotePresets } from '@playfield/shared/exercises/dotVote/presets';
import {
  FACILITATOR as SESSION_FACILITATOR,
  refusal,
  recordedSession,
  participant,
  exerciseContext,
} from './sessionHarness.ts';

type Action = DotVoteParticipantAction | DotVoteFacilitatorAction;

const ANA = { id: 'p-ana-51c', name: 'Ana Lindqvist' };
const BEN = { id: 'p-ben-0e2', name: 'Benoît Okafor' };
const CAI = { id: 'p-cai-7d4', name: 'Cai Moreno' };
const DEE = { id: 'p-dee-93a', name: 'Dee Hartmann' };
const PEOPLE = [ANA, BEN, CAI, DEE];
const FAC: Actor = { role: 'facilitator' };
const as = (id: string): Actor => ({ role: 'participant', participantId: id });

const ctx = (overrides: Partial<RoundContext> = {}): RoundContext =>
  exerciseContext(PEOPLE, { at: 5000, ...overrides });

const LABELS = ['Letters', 'Complaints', 'Survey cards', 'CSI'];

/** Four sources, choose 3 or 4 ("at least three"), examples optional, a named vote. */
function chooseConfig(overrides: Partial<DotVoteConfig> = {}): DotVoteConfig {
  return {
    question: 'Which sources do you use?',
    options: LABELS.map((label) => ({ label, description: '' })),
    rule: { mode: 'choose', min: 3, max: 4 },
    exampleMode: 'optional',
    isAnonymous: false,
    showShortfallNames: false,
    ...overrides,
  };
}

/** Three options, 5 dots each, at most 3 on one option. */
function dotsConfig(overrides: Partial<DotVoteConfig> = {}): DotVoteConfig {
  return chooseConfig({
    options: ['Speed', 'Friendliness', 'Price'].map((label) => ({ label, description: '' })),
    rule: { mode: 'dots', dots: 5, maxPerOption: 3 },
    exampleMode: 'off',
    ...overrides,
  });
}

function init(config: DotVoteConfig = chooseConfig()): DotVoteState {
  return dotVote.init(config, 'round-seed');
}

function act(state: DotVoteState, steps: [Actor, Action][], context = ctx()): DotVoteState {
  return steps.reduce((s, [actor, action]) => {
    const result = dotVote.reduce(s, action, actor, context);
    if (!result.ok) throw new Error(result.error.message);
    return result.data;
  }, state);
}

/** A ballot choosing these options, one vote each, with examples where given. */
function choose(...choices: (number | [number, string])[]): DotVoteParticipantAction {
  return {
    type: 'vote',
    choices: choices.map((c) =>
      typeof c === 'number'
        ? { option: c, dots: 1, example: null }
        : { option: c[0], dots: 1, example: c[1] },
    ),
  };
}

const spend = (...dots: [number, number][]): DotVoteParticipantAction => ({
  type: 'vote',
  choices: dots.map(([option, n]) => ({ option, dots: n, example: null })),
});

/**
 * The worked example in choose mode (min 3):
 *   Ana: Letters, Complaints ("Weekly complaint log"), Survey cards   -> 3
 *   Ben: Complaints                                                   -> 1, short
 *   Cai: Complaints, Survey cards, CSI ("Quarterly CSI report")       -> 3
 *   Dee: none of these                                                -> 0, short
 * Counts: Letters 1, Complaints 3, Survey cards 2, CSI 1; 4 voters, 2 short (50%).
 */
function workedExample(config = chooseConfig()): DotVoteState {
  return act(init(config), [
    [as(ANA.id), choose(0, [1, 'Weekly complaint log'], 2)],
    [as(BEN.id), choose(1)],
    [as(CAI.id), choose(1, 2, [3, 'Quarterly CSI report'])],
    [as(DEE.id), choose()],
  ]);
}

function refused(state: DotVoteState, action: Action, actor: Actor, context = ctx()): AppError {
  const before = structuredClone(state);
  const result = dotVote.reduce(state, action, actor, context);
  expect(state).toEqual(before);
  if (result.ok) throw new Error('accepted');
  return result.error;
}

function idOf(state: DotVoteState, text: string): string {
  const example = dotVoteExamples(state).find((e) => e.text === text);
  if (!example) throw new Error(`No example "${text}"`);
  return example.id;
}

describe('dot vote config', () => {
  it('accepts the default config and every preset', () => {
    expect(dotVoteConfigSchema.safeParse(dotVote.defaultConfig()).success).toBe(true);
    for (const preset of Object.values(dotVotePresets)) {
      const parsed = dotVoteConfigSchema.safeParse(preset.config);
      expect(parsed.error?.issues, preset.title).toBeUndefined();
    }
  });

  it.each<[string, Partial<DotVoteConfig>, string]>([
    [
      'one option',
      { options: [{ label: 'Only', description: '' }] },
      'A vote needs at least 2 options',
    ],
    [
      'twenty-one options',
      { options: Array.from({ length: 21 }, (_, i) => ({ label: `O${i}`, description: '' })) },
      'A vote has at most 20 options',
    ],
    [
      'duplicate options ignoring case',
      {
        options: [
          { label: 'CSI', description: '' },
          { label: 'csi', description: '' },
        ],
      },
      'Each option must be different',
    ],
    [
      'a minimum above the maximum',
      { rule: { mode: 'choose', min: 4, max: 3 } },
      'The minimum number of choices cannot be more than the maximum',
    ],
    [
      'a maximum above the number of options',
      { rule: { mode: 'choose', min: 0, max: 5 } },
      'The maximum number of choices cannot be more than the 4 options',
    ],
    [
      'a cap per option above the dots',
      { rule: { mode: 'dots', dots: 3, maxPerOption: 4 } },
      'The dots allowed on one option cannot be more than the dots each person has',
    ],
    [
      'fifty-one dots',
      { rule: { mode: 'dots', dots: 51, maxPerOption: 3 } },
      'The number of dots can be at most 50',
    ],
    [
      'names of who falls short in an anonymous vote',
      { isAnonymous: true, showShortfallNames: true },
      'An anonymous vote cannot name who falls short',
    ],
    [
      'a description of 201 characters',
      {
        options: [
          { label: 'A', description: 'x'.repeat(201) },
          { label: 'B', description: '' },
        ],
      },
      'A description has at most 200 characters',
    ],
  ])('rejects a config with %s, saying so', (_label, overrides, message) => {
    const parsed = dotVoteConfigSchema.safeParse(chooseConfig(overrides));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toContain(message);
  });

  it('names the modes when the mode is unknown', () => {
    const parsed = getExercise('dotVote')?.parseConfig({
      ...chooseConfig(),
      rule: { mode: 'rank' },
    });
    expect(parsed).toEqual({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message:
          'Invalid Dot vote / choose several settings: rule.mode: The voting mode must be "choose" or "dots"',
      },
    });
  });

  it('starts with no ballots, no examples and nothing on screen when initialised', () => {
    expect(init()).toEqual({
      config: chooseConfig(),
      seed: 'round-seed',
      exampleCount: 0,
      ballots: {},
      focus: null,
    });
  });
});

describe('dot vote reduce: choosing several', () => {
  it('keeps each ballot in option order with its examples', () => {
    const state = act(init(), [[as(ANA.id), choose(2, [1, 'Weekly complaint log'], 0)]]);
    const id = idOf(state, 'Weekly complaint log');
    expect(id).toMatch(/^ex_[a-z0-9]{10}$/);
    expect(state.ballots[ANA.id]).toEqual([
      { option: 0, dots: 1, example: null },
      {
        option: 1,
        dots: 1,
        example: {
          id,
          text: 'Weekly complaint log',
          isHidden: false,
        },
      },
      { option: 2, dots: 1, example: null },
    ]);
    expect(state.exampleCount).toBe(1);
  });

  it('accepts fewer choices than the minimum, since the minimum is the rule the vote checks', () => {
    const state = act(init(), [[as(BEN.id), choose(1)]]);
    expect(state.ballots[BEN.id]).toHaveLength(1);
  });

  it('records "none of these" when a ballot is empty', () => {
    const state = act(init(), [[as(DEE.id), choose()]]);
    expect(state.ballots).toEqual({ [DEE.id]: [] });
    expect(dotVote.submittedCount(state)).toBe(1);
  });

  it('replaces the ballot when a participant votes again, and withdraws it when they clear', () => {
    const state = act(init(), [
      [as(ANA.id), choose(0, 1, 2)],
      [as(ANA.id), choose(3)],
    ]);
    expect(state.ballots[ANA.id]).toEqual([{ option: 3, dots: 1, example: null }]);
    expect(act(state, [[as(ANA.id), { type: 'clear' }]]).ballots).toEqual({});
  });

  it('cleans the example text when it is parsed: invisible characters out, spaces collapsed', () => {
    const parsed = getExercise('dotVote')?.parseAction(
      'participant',
      choose([1, '  Weekly\u200B   complaint\nlog ']),
    );
    expect(parsed).toEqual({ ok: true, data: choose([1, 'Weekly complaint log']) });
  });

  it.each<[string, DotVoteConfig, Action, string]>([
    ['an option past the end', chooseConfig(), choose(4), 'That option does not exist'],
    ['the same option twice', chooseConfig(), choose(1, 1), 'Choose each option once'],
    [
      'more choices than the maximum',
      chooseConfig({ rule: { mode: 'choose', min: 0, max: 2 } }),
      choose(0, 1, 2),
      'Choose at most 2',
    ],
    [
      'two votes on one option when choosing',
      chooseConfig(),
      spend([0, 2]),
      'Each choice counts once in this vote',
    ],
    [
      'an example when examples are off',
      chooseConfig({ exampleMode: 'off' }),
      choose([0, 'Letters pile up']),
      'This vote takes no examples',
    ],
    [
      'a choice without an example when they are required',
      chooseConfig({ exampleMode: 'required' }),
      choose([0, 'A letter'], 1),
      'Add an example for “Complaints”',
    ],
  ])('refuses %s as INVALID_ACTION and changes nothing', (_label, config, action, message) => {
    const earlier = config.exampleMode === 'required' ? choose([0, 'A letter']) : choose(0);
    const state = act(init(config), [[as(BEN.id), earlier]]);
    expect(refused(state, action, as(ANA.id))).toEqual({ code: 'INVALID_ACTION', message });
  });
});

describe('dot vote reduce: spreading dots', () => {
  it('accepts dots up to the cap per option and the total, and fewer than all of them', () => {
    const state = act(init(dotsConfig()), [
      [as(ANA.id), spend([0, 3], [1, 2])],
      [as(BEN.id), spend([1, 3], [2, 1])],
    ]);
    expect(tallyDotVote(state)).toEqual({ counts: [3, 5, 1], voters: [1, 2, 1], respondents: 2 });
  });

  it.each<[string, Action, string]>([
    ['more dots on one option than the cap', spend([0, 4]), 'At most 3 dots on one option'],
    ['more dots than each person has', spend([0, 3], [1, 3]), 'You have 5 dots to place'],
  ])('refuses %s and changes nothing', (_label, action, message) => {
    const state = act(init(dotsConfig()), [[as(BEN.id), spend([2, 1])]]);
    expect(refused(state, action, as(ANA.id))).toEqual({ code: 'INVALID_ACTION', message });
  });

  it('says "dot" for one dot when the cap is one', () => {
    const state = init(dotsConfig({ rule: { mode: 'dots', dots: 1, maxPerOption: 1 } }));
    expect(refused(state, spend([0, 2]), as(ANA.id)).message).toBe('At most 1 dot on one option');
  });
});

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

describe('dot vote results', () => {
  it('counts votes and voters per option and everyone who handed in a ballot', () => {
    expect(tallyDotVote(workedExample())).toEqual({
      counts: [1, 3, 2, 1],
      voters: [1, 3, 2, 1],
      respondents: 4,
    });
  });

  it('ranks options by votes, ties in option order', () => {
    const state = workedExample();
    expect(rankDotVote(state, tallyDotVote(state))).toEqual([
      { option: 1, label: 'Complaints', count: 3, voters: 3 },
      { option: 2, label: 'Survey cards', count: 2, voters: 2 },
      { option: 0, label: 'Letters', count: 1, voters: 1 },
      { option: 3, label: 'CSI', count: 1, voters: 1 },
    ]);
  });

  it('counts who falls short of the minimum among those who voted', () => {
    expect(dotVoteShortfall(workedExample())).toEqual({
      min: 3,
      count: 2,
      respondents: 4,
      share: 0.5,
    });
    expect(shortfallText({ min: 3, count: 2, respondents: 4, share: 0.5 })).toBe(
      '2 of 4 voters (50%) chose fewer than 3',
    );
    expect(shortfallText({ min: 3, count: 0, respondents: 1, share: 0 })).toBe(
      '0 of 1 voter (0%) chose fewer than 3',
    );
  });

  it('has no shortfall when there is no minimum or the vote spreads dots', () => {
    expect(
      dotVoteShortfall(workedExample(chooseConfig({ rule: { mode: 'choose', min: 0, max: 4 } }))),
    ).toBeNull();
    expect(dotVoteShortfall(init(dotsConfig()))).toBeNull();
  });

  it('gives a share of null when nobody voted yet', () => {
    expect(dotVoteShortfall(init())).toEqual({ min: 3, count: 0, respondents: 0, share: null });
  });

  it('names who falls short only when asked to and the vote is named', () => {
    const roster = ctx().roster;
    expect(shortfallNames(workedExample(), roster)).toBeUndefined();
    expect(
      shortfallNames(workedExample(chooseConfig({ showShortfallNames: true })), roster),
    ).toEqual([BEN.name, DEE.name]);
    // Even a state whose config slipped past the schema never names voters of an anonymous vote.
    const forced = workedExample(chooseConfig({ showShortfallNames: true, isAnonymous: true }));
    expect(shortfallNames(forced, roster)).toBeUndefined();
  });
});

describe('dot vote views', () => {
  it('keeps results off the phones until the reveal, and the phones’ view still as people vote', () => {
    const before = dotVote.participantPublicView(init(), ctx());
    const after = dotVote.participantPublicView(workedExample(), ctx());
    expect(after).toEqual(before);
    expect(after).toEqual({
      question: 'Which sources do you use?',
      options: LABELS.map((label) => ({ label, description: '' })),
      rule: { mode: 'choose', min: 3, max: 4 },
      exampleMode: 'optional',
      isAnonymous: false,
      results: null,
    });
  });

  it('shows every phone the ranking and the shortfall as counts once revealed', () => {
    const state = workedExample(chooseConfig({ showShortfallNames: true }));
    const view = dotVote.participantPublicView(state, ctx({ isRevealed: true }));
    expect(view.results).toEqual({
      ranking: rankDotVote(state, tallyDotVote(state)),
      respondents: 4,
      shortfall: { min: 3, count: 2, respondents: 4, share: 0.5 },
    });
    expect(JSON.stringify(view)).not.toContain(BEN.name);
  });

  it('shows a participant only their own ballot, with their examples', () => {
    const state = workedExample();
    expect(dotVote.participantOwnView(state, CAI.id, ctx())).toEqual({
      hasVoted: true,
      choices: [
        { option: 1, dots: 1, example: null },
        { option: 2, dots: 1, example: null },
        { option: 3, dots: 1, example: 'Quarterly CSI report' },
      ],
    });
    expect(dotVote.participantOwnView(state, DEE.id, ctx())).toEqual({
      hasVoted: true,
      choices: [],
    });
    expect(dotVote.participantOwnView(state, '', ctx())).toEqual({ hasVoted: false, choices: [] });
  });

  it('gives the facilitator live counts, the shortfall and every example without authors', () => {
    const state = workedExample(chooseConfig({ showShortfallNames: true }));
    const view = dotVote.facilitatorView(state, ctx());
    expect(view.tally.counts).toEqual([1, 3, 2, 1]);
    expect(view.shortfall).toEqual({
      min: 3,
      count: 2,
      respondents: 4,
      share: 0.5,
      names: [BEN.name, DEE.name],
    });
    expect(view.examples.map(({ option, text, isHidden }) => ({ option, text, isHidden }))).toEqual(
      [
        { option: 1, text: 'Weekly complaint log', isHidden: false },
        { option: 3, text: 'Quarterly CSI report', isHidden: false },
      ],
    );
    const examplesJson = JSON.stringify(view.examples);
    for (const person of PEOPLE) expect(examplesJson).not.toContain(person.id);
  });

  it('shows the screen only the count of voters before the reveal', () => {
    const state = act(workedExample(), [[FAC, { type: 'focus', option: 1 }]]);
    expect(dotVote.screenView(state, ctx())).toEqual({
      question: 'Which sources do you use?',
      options: LABELS,
      rule: { mode: 'choose', min: 3, max: 4 },
      respondents: 4,
      results: null,
    });
  });

  it('shows the screen the ranking, the shortfall and the focused option’s examples after the reveal', () => {
    const state = act(workedExample(chooseConfig({ showShortfallNames: true })), [
      [FAC, { type: 'focus', option: 1 }],
    ]);
    expect(dotVote.screenView(state, ctx({ isRevealed: true })).results).toEqual({
      ranking: rankDotVote(state, tallyDotVote(state)),
      shortfall: { min: 3, count: 2, respondents: 4, share: 0.5, names: [BEN.name, DEE.name] },
      examples: { option: 1, label: 'Complaints', texts: ['Weekly complaint log'], more: 0 },
    });
  });

  it('keeps hidden examples off the screen and out of the summary', () => {
    const state = workedExample();
    const hidden = act(state, [
      [
        FAC,
        { type: 'hideExample', exampleId: idOf(state, 'Weekly complaint log'), isHidden: true },
      ],
      [FAC, { type: 'focus', option: 1 }],
    ]);
    const revealed = ctx({ isRevealed: true });
    expect(dotVote.screenView(hidden, revealed).results?.examples).toEqual({
      option: 1,
      label: 'Complaints',
      texts: [],
      more: 0,
    });
    expect(JSON.stringify(dotVote.screenView(hidden, revealed))).not.toContain(
      'Weekly complaint log',
    );
    expect(JSON.stringify(dotVote.summary(hidden, revealed))).not.toContain('Weekly complaint log');
    expect(JSON.stringify(dotVote.participantPublicView(hidden, revealed))).not.toContain('Weekly');
    // The console still lists it, marked hidden, so it can be shown again.
    expect(dotVote.facilitatorView(hidden, revealed).examples[0]).toMatchObject({
      text: 'Weekly complaint log',
      isHidden: true,
    });
  });

  it(`shows at most ${SCREEN_EXAMPLES} examples on the screen and counts the rest`, () => {
    const voters = Array.from({ length: 9 }, (_, i) => `p-voter-${i}`);
    const state = act(init(chooseConfig({ rule: { mode: 'choose', min: 0, max: 4 } })), [
      ...voters.map((id, i): [Actor, Action] => [as(id), choose([2, `Card number ${i}`])]),
      [FAC, { type: 'focus', option: 2 }],
    ]);
    const examples = dotVote.screenView(state, ctx({ isRevealed: true })).results?.examples;
    expect(examples?.texts).toHaveLength(SCREEN_EXAMPLES);
    expect(examples?.more).toBe(9 - SCREEN_EXAMPLES);
  });

  it.each([false, true])(
    'never exposes a name or id in any view or the summary when the vote is anonymous (revealed: %s)',
    (isRevealed) => {
      const state = act(workedExample(chooseConfig({ isAnonymous: true })), [
        [FAC, { type: 'focus', option: 1 }],
      ]);
      const context = ctx({ isRevealed });
      const views = {
        facilitator: dotVote.facilitatorView(state, context),
        participantPublic: dotVote.participantPublicView(state, context),
        screen: dotVote.screenView(state, context),
        summary: dotVote.summary(state, context),
      };
      for (const [audience, view] of Object.entries(views)) {
        const json = JSON.stringify(view);
        for (const person of PEOPLE) {
          expect(json, `${audience} leaks ${person.name}`).not.toContain(person.name);
          expect(json, `${audience} leaks ${person.id}`).not.toContain(person.id);
        }
      }
    },
  );

  it('names nobody anywhere when the vote is named but naming is off', () => {
    const state = workedExample();
    const context = ctx({ isRevealed: true });
    for (const view of [
      dotVote.facilitatorView(state, context),
      dotVote.screenView(state, context),
      dotVote.summary(state, context),
    ]) {
      for (const person of PEOPLE) expect(JSON.stringify(view)).not.toContain(person.name);
    }
  });
});

describe('dot vote summary', () => {
  it('gives the ranking as bars, the shortfall line and the examples per option', () => {
    const state = act(workedExample(chooseConfig({ showShortfallNames: true })), [
      [as('p-eve'), choose([1, 'Weekly complaint log'], 2, 3)],
    ]);
    expect(dotVote.summary(state, ctx())).toEqual({
      headline: 'Which sources do you use?: “Complaints” first with 4 votes',
      blocks: [
        {
          type: 'bars',
          labels: ['Complaints', 'Survey cards', 'CSI', 'Letters'],
          values: [4, 3, 2, 1],
          unit: 'votes',
        },
        { type: 'text', text: '5 people voted.' },
        { type: 'text', text: `2 of 5 voters (40%) chose fewer than 3: ${BEN.name}, ${DEE.name}.` },
        { type: 'list', title: 'Examples: Complaints', items: ['Weekly complaint log (×2)'] },
        { type: 'list', title: 'Examples: CSI', items: ['Quarterly CSI report'] },
      ],
    });
  });

  it('counts dots and leaves out the shortfall when spreading dots', () => {
    const state = act(init(dotsConfig()), [
      [as(ANA.id), spend([0, 3], [1, 2])],
      [as(BEN.id), spend([1, 3], [2, 1])],
    ]);
    expect(dotVote.summary(state, ctx())).toEqual({
      headline: 'Which sources do you use?: “Friendliness” first with 5 dots',
      blocks: [
        {
          type: 'bars',
          labels: ['Friendliness', 'Speed', 'Price'],
          values: [5, 3, 1],
          unit: 'dots',
        },
        { type: 'text', text: '2 people voted.' },
      ],
    });
  });

  it('says nobody voted when there are no votes', () => {
    expect(dotVote.summary(init(), ctx()).headline).toBe('Which sources do you use?: no votes');
  });

  it('asks about the minimum rule in the action plan prompt when there is one', () => {
    expect(dotVote.actionPlanPrompt(chooseConfig())).toBe(
      '“Which sources do you use?”: the rule is at least 3. Which one will I add or use more in my own team, and what is my first step?',
    );
    expect(dotVote.actionPlanPrompt(dotsConfig())).toBe(
      'Of the options the room put first in “Which sources do you use?”, which one will I act on in my own work, and what is my first step?',
    );
  });
});

describe('dot vote presets', () => {
  it('lists the nine listening sources with the rule "at least three"', () => {
    const { config } = dotVotePresets.listeningSources;
    expect(config.options.map((o) => o.label)).toEqual([
      'Letters',
      'Focus groups',
      'Complaints',
      'One-on-ones',
      'Survey cards',
      'Market research',
      'Loyalty and defection rates',
      'Panel groups',
      'CSI',
    ]);
    expect(config.rule).toEqual({ mode: 'choose', min: 3, max: 9 });
    expect(config.showShortfallNames).toBe(false);
  });

  it('describes each of the seven sins and asks for an example of each, anonymously', () => {
    const { config } = dotVotePresets.sevenSins;
    expect(config.options.map((o) => o.label)).toEqual([
      'Apathy',
      'Brush-off',
      'Coldness',
      'Condescension',
      'Robotism',
      'Rule book',
      'Runaround',
    ]);
    expect(config.options.every((o) => o.description.length > 0)).toBe(true);
    expect(config.exampleMode).toBe('required');
    expect(config.isAnonymous).toBe(true);
  });

  it('has a dots preset that spreads a fixed number of dots with a cap', () => {
    expect(dotVotePresets.improveFirst.config.rule).toEqual({
      mode: 'dots',
      dots: 5,
      maxPerOption: 3,
    });
  });
});

describe('dot vote replay', () => {
  const ROUND = 'dv';
  const spec: RoundSpec = { id: ROUND, kind: 'dotVote', title: 'Sources', config: chooseConfig() };

  const roundAct = (action: Action): SessionCommand => ({
    type: 'round.act',
    roundId: ROUND,
    action,
  });

  it('rebuilds the same ballots, example ids and views when the log is replayed', () => {
    const live = recordedSession([spec], ['Ana', 'Ben', 'Cai']);
    const [ana = '', ben = '', cai = ''] = live.ids;
    const by = (id: string, action: Action) => live.must(roundAct(action), participant(id));
    by(ana, choose(0, [1, 'Weekly complaint log'], 2));
    by(ben, choose([1, 'Angry letters go to legal']));
    by(cai, choose(1, 2, 3));
    by(ben, choose([1, 'Angry letters go to legal'], 3));

    const roundState = () => live.state.rounds[ROUND]?.state as DotVoteState;
    const hideId = idOf(roundState(), 'Angry letters go to legal');
    expect(
      refusal(live.state, roundAct(choose(0, 0)), { role: 'participant', participantId: cai }).code,
    ).toBe('INVALID_ACTION');
    live.must(
      roundAct({ type: 'hideExample', exampleId: hideId, isHidden: true }),
      SESSION_FACILITATOR,
    );
    live.must(roundAct({ type: 'focus', option: 1 }), SESSION_FACILITATOR);
    live.must({ type: 'round.reveal' }, SESSION_FACILITATOR);

    expect(tallyDotVote(roundState()).counts).toEqual([1, 3, 2, 2]);
    const replayed = replay(live.log);
    expect(replayed).toEqual(live.state);
    const half = Math.floor(live.log.length / 2);
    expect(replay(live.log.slice(half), replay(live.log.slice(0, half)))).toEqual(live.state);
    expect(sessionPublicView(replayed, 0)).toEqual(sessionPublicView(live.state, 0));
  });
});
