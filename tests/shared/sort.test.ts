/**
 * The sort exercise: config bounds with readable messages, placing statements, refusals that
 * change nothing, the spread and scores worked out by hand, privacy of every view, the
 * summary blocks, the presets, and a replay of a session's log.
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
  mostDivided,
  scoreSpread,
  sort,
  sortConfigSchema,
  sortScore,
  tallySort,
  type SortConfig,
  type SortFacilitatorAction,
  type SortParticipantAction,
  type SortState,
} from '@playfield/shared/exercises/sort/index';
import { sortPresets } from '@playfield/shared/exercises/sort/presets';
import {
  FACILITATOR as SESSION_FACILITATOR,
  refusal,
  recordedSession,
  participant,
  exerciseContext,
} from './sessionHarness.ts';

type Action = SortParticipantAction | SortFacilitatorAction;

const ANA = { id: 'p-ana-51c', name: 'Ana Lindqvist' };
const BEN = { id: 'p-ben-0e2', name: 'Benoît Okafor' };
const CAI = { id: 'p-cai-7d4', name: 'Cai Moreno' };
const DEE = { id: 'p-dee-93a', name: 'Dee Hartmann' };
const PEOPLE = [ANA, BEN, CAI, DEE];
const FAC: Actor = { role: 'facilitator' };
const as = (id: string): Actor => ({ role: 'participant', participantId: id });

const ctx = (overrides: Partial<RoundContext> = {}): RoundContext =>
  exerciseContext(PEOPLE, { at: 5000, ...overrides });

/** Three statements: A expects category 0, B expects 1, C has no right answer. */
function config(overrides: Partial<SortConfig> = {}): SortConfig {
  return {
    prompt: 'Product or service?',
    categories: ['Product', 'Service'],
    items: [
      { text: 'Samples sent out', answer: 0 },
      { text: 'Produced with the customer present', answer: 1 },
      { text: 'Priced per hour', answer: null },
    ],
    ...overrides,
  };
}

function init(overrides: Partial<SortConfig> = {}): SortState {
  return sort.init(config(overrides), 'seed');
}

function act(state: SortState, steps: [Actor, Action][], context = ctx()): SortState {
  return steps.reduce((s, [actor, action]) => {
    const result = sort.reduce(s, action, actor, context);
    if (!result.ok) throw new Error(result.error.message);
    return result.data;
  }, state);
}

const place = (item: number, category: number): SortParticipantAction => ({
  type: 'place',
  item,
  category,
});

/** Each person's placements as steps; null leaves a statement unsorted. */
function sorted(state: SortState, answers: [string, (number | null)[]][]): SortState {
  const steps: [Actor, Action][] = answers.flatMap(([id, cats]) =>
    cats.flatMap((c, item): [Actor, Action][] => (c === null ? [] : [[as(id), place(item, c)]])),
  );
  return act(state, steps);
}

/**
 * The worked example:
 *   Ana [0, 1, 0]  Ben [0, 0, 1]  Cai [1, 1, -]  Dee [0, -, -]
 * Statement A: 3 Product, 1 Service; 3 of 4 as expected, agreement 3/4.
 * Statement B: 1 Product, 2 Service; 2 of 3 as expected, agreement 2/3.
 * Statement C: 1 and 1; no answer, agreement 1/2.
 * Answers on scorable statements: 4 + 3 = 7, of which 3 + 2 = 5 as expected.
 * Scores (of 2): Ana 2, Ben 1, Cai 1, Dee 1.
 */
function workedExample(): SortState {
  return sorted(init(), [
    [ANA.id, [0, 1, 0]],
    [BEN.id, [0, 0, 1]],
    [CAI.id, [1, 1, null]],
    [DEE.id, [0, null, null]],
  ]);
}

function refused(state: SortState, action: Action, actor: Actor, context = ctx()): AppError {
  const before = structuredClone(state);
  const result = sort.reduce(state, action, actor, context);
  expect(state).toEqual(before);
  if (result.ok) throw new Error('accepted');
  return result.error;
}

describe('sort config', () => {
  it('accepts the default config and every preset', () => {
    expect(sortConfigSchema.safeParse(sort.defaultConfig()).success).toBe(true);
    for (const preset of Object.values(sortPresets)) {
      expect(sortConfigSchema.safeParse(preset.config).success, preset.title).toBe(true);
    }
  });

  it.each<[string, Partial<SortConfig>, string]>([
    ['one category', { categories: ['Only'] }, 'A sort needs at least 2 categories'],
    [
      'five categories',
      { categories: ['A', 'B', 'C', 'D', 'E'] },
      'A sort has at most 4 categories',
    ],
    [
      'thirty-one statements',
      { items: Array.from({ length: 31 }, (_, i) => ({ text: `S${i}`, answer: null })) },
      'A sort has at most 30 statements',
    ],
    ['no statements', { items: [] }, 'A sort needs at least 1 statement'],
    [
      'duplicate categories ignoring case',
      { categories: ['Yes', 'yes'] },
      'Each category must be different',
    ],
    [
      'duplicate statements',
      {
        items: [
          { text: 'Same', answer: 0 },
          { text: 'same', answer: 1 },
        ],
      },
      'Each statement must be different',
    ],
    [
      'an expected category past the last one',
      { items: [{ text: 'Odd', answer: 2 }] },
      'Statement 1 expects a category that does not exist',
    ],
    [
      'an empty statement',
      { items: [{ text: '   ', answer: null }] },
      'A statement must not be empty',
    ],
    [
      'a statement of 201 characters',
      { items: [{ text: 'x'.repeat(201), answer: null }] },
      'A statement has at most 200 characters',
    ],
    ['an empty prompt', { prompt: ' ' }, 'The prompt must not be empty'],
  ])('rejects a config with %s, saying so', (_label, overrides, message) => {
    const parsed = sortConfigSchema.safeParse(config(overrides));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toContain(message);
  });

  it('explains a bad config in the registry’s words when a round is parsed', () => {
    const parsed = getExercise('sort')?.parseConfig(config({ categories: ['Only'] }));
    expect(parsed).toEqual({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: 'Invalid Sort settings: categories: A sort needs at least 2 categories',
      },
    });
  });

  it('starts with no placements and nothing on screen when initialised', () => {
    expect(init()).toEqual({ config: config(), placements: {}, focus: null });
  });
});

describe('sort reduce', () => {
  it('records one statement and leaves the rest unsorted when a participant places it', () => {
    const state = act(init(), [[as(ANA.id), place(1, 0)]]);
    expect(state.placements).toEqual({ [ANA.id]: [null, 0, null] });
  });

  it('replaces an earlier placement when the participant changes their mind', () => {
    const state = act(init(), [
      [as(ANA.id), place(1, 0)],
      [as(ANA.id), place(0, 1)],
      [as(ANA.id), place(1, 1)],
    ]);
    expect(state.placements[ANA.id]).toEqual([1, 1, null]);
  });

  it('keeps each participant’s placements apart', () => {
    const state = workedExample();
    expect(state.placements).toEqual({
      [ANA.id]: [0, 1, 0],
      [BEN.id]: [0, 0, 1],
      [CAI.id]: [1, 1, null],
      [DEE.id]: [0, null, null],
    });
  });

  it('does not mutate the previous state when reducing', () => {
    const before = workedExample();
    const snapshot = structuredClone(before);
    act(before, [
      [as(ANA.id), place(0, 1)],
      [FAC, { type: 'focus', item: 2 }],
      [FAC, { type: 'reset' }],
    ]);
    expect(before).toEqual(snapshot);
  });

  it('clears every placement but keeps the screen’s focus when the facilitator resets', () => {
    const state = act(workedExample(), [
      [FAC, { type: 'focus', item: 1 }],
      [FAC, { type: 'reset' }],
    ]);
    expect(state.placements).toEqual({});
    expect(state.focus).toBe(1);
  });

  it('puts a statement on the screen and takes it off again when the facilitator focuses', () => {
    const focused = act(init(), [[FAC, { type: 'focus', item: 2 }]], ctx({ isOpen: false }));
    expect(focused.focus).toBe(2);
    expect(act(focused, [[FAC, { type: 'focus', item: null }]]).focus).toBeNull();
  });

  it.each<[string, Action, Actor, AppError['code'], string, Partial<RoundContext>]>([
    [
      'a placement when locked',
      place(0, 0),
      as(ANA.id),
      'ROUND_LOCKED',
      'Answers are locked for this sort',
      { isOpen: false },
    ],
    [
      'a placement after the reveal',
      place(0, 0),
      as(ANA.id),
      'ROUND_LOCKED',
      'The results are out: answers can no longer change',
      { isRevealed: true },
    ],
    [
      'a statement past the end',
      place(3, 0),
      as(ANA.id),
      'INVALID_ACTION',
      'That statement does not exist',
      {},
    ],
    [
      'a category past the end',
      place(0, 2),
      as(ANA.id),
      'INVALID_ACTION',
      'That category does not exist',
      {},
    ],
    [
      'a placement by the facilitator',
      place(0, 0),
      FAC,
      'FORBIDDEN',
      'Participants sort for themselves',
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
      'a focus by a participant',
      { type: 'focus', item: 0 },
      as(ANA.id),
      'FORBIDDEN',
      'Only the facilitator chooses what the screen shows',
      {},
    ],
    [
      'a focus past the end',
      { type: 'focus', item: 3 },
      FAC,
      'INVALID_ACTION',
      'That statement does not exist',
      {},
    ],
  ])('refuses %s and changes nothing', (_label, action, actor, code, message, context) => {
    expect(refused(workedExample(), action, actor, ctx(context))).toEqual({ code, message });
  });
});

describe('sort action parsing through the registry', () => {
  const exercise = getExercise('sort');

  it.each([
    { type: 'place', item: -1, category: 0 },
    { type: 'place', item: 0.5, category: 0 },
    { type: 'place', item: 30, category: 0 },
    { type: 'place', item: 0, category: 4 },
    { type: 'place', item: 0 },
    { type: 'place', item: '0', category: 0 },
    { type: 'sort' },
  ])('refuses as BAD_REQUEST a participant sending %j', (action) => {
    const result = exercise?.parseAction('participant', action);
    expect(result?.ok).toBe(false);
    if (result && !result.ok) expect(result.error.code).toBe('BAD_REQUEST');
  });

  it('names the field in the message when a placement is malformed', () => {
    const result = exercise?.parseAction('participant', { type: 'place', item: 0.5, category: 0 });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: 'Invalid answer: item: The statement must be a whole number',
      },
    });
  });

  it.each([
    ['participant', { type: 'reset' }, 'Only the facilitator can do that'],
    ['participant', { type: 'focus', item: 1 }, 'Only the facilitator can do that'],
    ['facilitator', { type: 'place', item: 0, category: 0 }, 'Participants do that themselves'],
  ] as const)('refuses as FORBIDDEN a %s sending the other side’s %j', (role, action, message) => {
    expect(exercise?.parseAction(role, action)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message },
    });
  });
});

describe('sort results', () => {
  it('tallies the spread, agreement and share as expected per statement', () => {
    const results = tallySort(workedExample());
    expect(results.items).toEqual([
      { counts: [3, 1], placed: 4, answer: 0, correctShare: 0.75, agreement: 0.75 },
      { counts: [1, 2], placed: 3, answer: 1, correctShare: 2 / 3, agreement: 2 / 3 },
      { counts: [1, 1], placed: 2, answer: null, correctShare: null, agreement: 0.5 },
    ]);
    expect(results.respondents).toBe(4);
    expect(results.finished).toBe(2);
    expect(results.averageCorrectShare).toBeCloseTo(5 / 7, 12);
  });

  it('scores each participant against the statements that have an expected category', () => {
    const state = workedExample();
    expect(PEOPLE.map((p) => sortScore(state, p.id))).toEqual([
      { correct: 2, scorable: 2 },
      { correct: 1, scorable: 2 },
      { correct: 1, scorable: 2 },
      { correct: 1, scorable: 2 },
    ]);
    expect(sortScore(state, 'nobody')).toEqual({ correct: 0, scorable: 2 });
  });

  it('counts how many people got each score', () => {
    expect(scoreSpread(workedExample())).toEqual([0, 3, 1]);
  });

  it('has no score spread when no statement has an expected category', () => {
    const state = sorted(init({ items: [{ text: 'Only', answer: null }] }), [[ANA.id, [1]]]);
    expect(scoreSpread(state)).toEqual([]);
    expect(tallySort(state).averageCorrectShare).toBeNull();
  });

  it('lists the statements the room disagreed on most, lowest agreement first', () => {
    expect(mostDivided(tallySort(workedExample()), 3)).toEqual([2, 1, 0]);
    expect(mostDivided(tallySort(workedExample()), 1)).toEqual([2]);
  });

  it('leaves out statements everyone agreed on or nobody sorted when listing disagreements', () => {
    const state = sorted(init(), [
      [ANA.id, [0, 1, null]],
      [BEN.id, [0, 0, null]],
    ]);
    expect(mostDivided(tallySort(state), 3)).toEqual([1]);
  });

  it('returns zeros and no shares when nobody sorted', () => {
    expect(tallySort(init())).toEqual({
      items: [
        { counts: [0, 0], placed: 0, answer: 0, correctShare: null, agreement: null },
        { counts: [0, 0], placed: 0, answer: 1, correctShare: null, agreement: null },
        { counts: [0, 0], placed: 0, answer: null, correctShare: null, agreement: null },
      ],
      respondents: 0,
      finished: 0,
      averageCorrectShare: null,
    });
  });

  it('counts everyone who placed something as submitted', () => {
    expect(sort.submittedCount(init())).toBe(0);
    expect(sort.submittedCount(workedExample())).toBe(4);
  });
});

describe('sort summary', () => {
  it('gives a table with spread and right answer, bars of % as expected and the disagreements', () => {
    expect(sort.summary(workedExample(), ctx())).toEqual({
      headline: 'Product or service?: 4 people sorted 3 statements; 71% of answers as expected',
      blocks: [
        {
          type: 'table',
          columns: ['Statement', 'Product', 'Service', 'Expected', 'Sorted as expected'],
          rows: [
            ['Samples sent out', '3 (75%)', '1 (25%)', '✓ Product', '75%'],
            ['Produced with the customer present', '1 (33%)', '2 (67%)', '✓ Service', '67%'],
            ['Priced per hour', '1 (50%)', '1 (50%)', 'none', '–'],
          ],
        },
        {
          type: 'bars',
          labels: ['Samples sent out', 'Produced with the customer present'],
          values: [75, 67],
          unit: '% sorted as expected',
        },
        {
          type: 'list',
          title: 'Where the room disagreed most',
          items: [
            '“Priced per hour”: 1 Product, 1 Service',
            '“Produced with the customer present”: 1 Product, 2 Service',
            '“Samples sent out”: 3 Product, 1 Service',
          ],
        },
        { type: 'text', text: '4 people sorted; 2 sorted every statement.' },
      ],
    });
  });

  it('drops the expected columns and bars when no statement has a right answer', () => {
    const state = sorted(init({ items: [{ text: 'Only', answer: null }] }), [[ANA.id, [1]]]);
    const summary = sort.summary(state, ctx());
    expect(summary.headline).toBe('Product or service?: 1 person sorted 1 statements');
    expect(summary.blocks).toEqual([
      {
        type: 'table',
        columns: ['Statement', 'Product', 'Service'],
        rows: [['Only', '0 (0%)', '1 (100%)']],
      },
      { type: 'text', text: '1 person sorted; 1 sorted every statement.' },
    ]);
  });

  it('shortens long statements in the bars labels only', () => {
    const long = 'A statement that goes on and on about the service the customer receives today';
    const state = sorted(init({ items: [{ text: long, answer: 0 }] }), [[ANA.id, [0]]]);
    const bars = sort.summary(state, ctx()).blocks.find((b) => b.type === 'bars');
    expect(bars).toMatchObject({ labels: [`${long.slice(0, 57)}…`], values: [100] });
  });

  it('asks a concrete question that names the prompt in the action plan prompt', () => {
    expect(sort.actionPlanPrompt(config())).toBe(
      'Take the statement from “Product or service?” that the room disagreed on most: what will I do differently in my own work because of it, and what is my first step?',
    );
  });
});

describe('sort views', () => {
  it('keeps the expected categories off the phones until the reveal', () => {
    const state = workedExample();
    expect(sort.participantPublicView(state, ctx())).toEqual({
      prompt: 'Product or service?',
      categories: ['Product', 'Service'],
      items: ['Samples sent out', 'Produced with the customer present', 'Priced per hour'],
      hasAnswers: true,
      results: null,
    });
  });

  it('leaves the phones’ shared view unchanged when someone places a statement before the reveal', () => {
    const before = sort.participantPublicView(init(), ctx());
    const after = sort.participantPublicView(workedExample(), ctx());
    expect(after).toEqual(before);
  });

  it('shows the room’s results to every phone once revealed', () => {
    const shown = ctx({ isRevealed: true });
    expect(sort.participantPublicView(workedExample(), shown).results).toEqual(
      tallySort(workedExample()),
    );
  });

  it.each([false, true])(
    'never puts a name or id in the facilitator, public or screen views (revealed: %s)',
    (isRevealed) => {
      const state = act(workedExample(), [[FAC, { type: 'focus', item: 0 }]]);
      const context = ctx({ isRevealed });
      const views = {
        facilitator: sort.facilitatorView(state, context),
        participantPublic: sort.participantPublicView(state, context),
        screen: sort.screenView(state, context),
        summary: sort.summary(state, context),
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

  it('shows a participant their own placements, and their score only once revealed', () => {
    const state = workedExample();
    expect(sort.participantOwnView(state, CAI.id, ctx())).toEqual({
      placements: [1, 1, null],
      score: null,
    });
    expect(sort.participantOwnView(state, CAI.id, ctx({ isRevealed: true }))).toEqual({
      placements: [1, 1, null],
      score: { correct: 1, scorable: 2 },
    });
  });

  it('gives someone who never sorted an all-unsorted own view', () => {
    expect(sort.participantOwnView(workedExample(), '', ctx({ isRevealed: true }))).toEqual({
      placements: [null, null, null],
      score: { correct: 0, scorable: 2 },
    });
  });

  it('gives no score when no statement has an expected category', () => {
    const state = sorted(init({ items: [{ text: 'Only', answer: null }] }), [[ANA.id, [1]]]);
    expect(sort.participantOwnView(state, ANA.id, ctx({ isRevealed: true })).score).toBeNull();
  });

  it('shows progress and the focused statement without its result on the screen before the reveal', () => {
    const state = act(workedExample(), [[FAC, { type: 'focus', item: 1 }]]);
    expect(sort.screenView(state, ctx())).toEqual({
      prompt: 'Product or service?',
      categories: ['Product', 'Service'],
      itemCount: 3,
      respondents: 4,
      finished: 2,
      focus: { index: 1, text: 'Produced with the customer present', result: null },
      results: null,
    });
  });

  it('shows every statement’s result and the focused one’s spread on the screen after the reveal', () => {
    const state = act(workedExample(), [[FAC, { type: 'focus', item: 1 }]]);
    const view = sort.screenView(state, ctx({ isRevealed: true }));
    expect(view.focus).toEqual({
      index: 1,
      text: 'Produced with the customer present',
      result: { counts: [1, 2], placed: 3, answer: 1, correctShare: 2 / 3, agreement: 2 / 3 },
    });
    expect(view.results?.items.map((i) => [i.text, i.correctShare])).toEqual([
      ['Samples sent out', 0.75],
      ['Produced with the customer present', 2 / 3],
      ['Priced per hour', null],
    ]);
    expect(view.results?.averageCorrectShare).toBeCloseTo(5 / 7, 12);
    expect(view.results?.divided).toEqual([2, 1, 0]);
  });

  it('gives the facilitator the expected categories, live results and score spread', () => {
    const view = sort.facilitatorView(workedExample(), ctx());
    expect(view.items).toEqual(config().items);
    expect(view.results.items.map((i) => i.counts)).toEqual([
      [3, 1],
      [1, 2],
      [1, 1],
    ]);
    expect(view.scoreSpread).toEqual([0, 3, 1]);
    expect(view.isRevealed).toBe(false);
  });
});

describe('sort presets', () => {
  it('uses the deck’s product and service statements with the expected side for each', () => {
    const { config: preset } = sortPresets.productOrService;
    expect(preset.categories).toEqual(['Product performance', 'Service performance']);
    const side = (answer: number) =>
      preset.items.filter((i) => i.answer === answer).map((i) => i.text);
    expect(side(0)).toContain('Tangible, stackable, weighable');
    expect(side(0)).toContain('Produced in the customer’s absence');
    expect(side(1)).toContain('Produced with the customer present');
    expect(side(1)).toContain('The receiver’s quality standards prevail');
    expect(preset.items.every((i) => i.answer !== null)).toBe(true);
  });

  it('sorts the executives’ first answers as internal tactical measures', () => {
    const { config: preset } = sortPresets.tacticalOrStrategic;
    const tactical = preset.items.filter((i) => i.answer === 0).map((i) => i.text);
    expect(tactical).toEqual(
      expect.arrayContaining(['Line fill', 'Case fill', 'Answering the phone in 30 seconds']),
    );
    expect(preset.items.filter((i) => i.answer === 1).length).toBeGreaterThan(3);
  });
});

describe('sort replay', () => {
  const ROUND = 'srt';
  const spec: RoundSpec = { id: ROUND, kind: 'sort', title: 'Warm-up sort', config: config() };

  const roundAct = (action: Action): SessionCommand => ({
    type: 'round.act',
    roundId: ROUND,
    action,
  });

  it('rebuilds the same state and views when the log of a whole round is replayed', () => {
    const live = recordedSession([spec], ['Ana', 'Ben', 'Cai']);
    const [ana = '', ben = '', cai = ''] = live.ids;
    const by = (id: string, action: Action) => live.must(roundAct(action), participant(id));
    by(ana, place(0, 0));
    by(ben, place(0, 1));
    by(ana, place(1, 1));
    by(cai, place(2, 0));
    by(ben, place(0, 0));

    // A refused placement leaves the session exactly as it was.
    const error = refusal(live.state, roundAct(place(0, 2)), {
      role: 'participant',
      participantId: cai,
    });
    expect(error.code).toBe('INVALID_ACTION');

    live.must(roundAct({ type: 'focus', item: 1 }), SESSION_FACILITATOR);
    live.must({ type: 'round.lock' }, SESSION_FACILITATOR);
    live.must({ type: 'round.reveal' }, SESSION_FACILITATOR);

    const roundState = live.state.rounds[ROUND]?.state as SortState;
    expect(roundState.placements).toEqual({
      [ana]: [0, 1, null],
      [ben]: [0, null, null],
      [cai]: [null, null, 0],
    });
    expect(roundState.focus).toBe(1);

    const replayed = replay(live.log);
    expect(replayed).toEqual(live.state);
    const half = Math.floor(live.log.length / 2);
    expect(replay(live.log.slice(half), replay(live.log.slice(0, half)))).toEqual(live.state);
    expect(sessionPublicView(replayed, 0)).toEqual(sessionPublicView(live.state, 0));
  });
});
