/**
 * "Expected vs actual" as an exercise: config bounds with readable messages, the reducer
 * (each rating a separate, changeable answer), refusals that change nothing, the gap
 * statistics against hand-worked values, privacy of every view, the summary, and a replay
 * of the session's log.
 */
import { describe, expect, it } from 'vitest';
import {
  getExercise,
  replay,
  type Actor,
  type AppError,
  type RoundContext,
  type RoundSpec,
} from '@playfield/shared';
import {
  formatGap,
  gapRating,
  gapRatingPresets,
  gapResults,
  type GapRatingConfig,
  type GapRatingFacilitatorAction,
  type GapRatingParticipantAction,
  type GapRatingState,
} from '@playfield/shared/exercises/gapRating/index';
import { gapProgress, gapStats, sampleSd } from '@playfield/shared/exercises/gapRating/stats';
import {
  FACILITATOR as SESSION_FACILITATOR,
  run,
  recordedSession,
  exerciseContext,
} from './sessionHarness.ts';

type Action = GapRatingParticipantAction | GapRatingFacilitatorAction;

const ANA = { id: 'p-ana-3c1', name: 'Ana Lindqvist' };
const BEN = { id: 'p-ben-8d2', name: 'Ben Okafor' };
const CAI = { id: 'p-cai-5e7', name: 'Cai Moreau' };
const DEE = { id: 'p-dee-1f9', name: 'Dee Varga' };
const PEOPLE = [ANA, BEN, CAI, DEE];
const FACILITATOR: Actor = { role: 'facilitator' };
const as = (participantId: string): Actor => ({ role: 'participant', participantId });

const ctx = (overrides: Partial<RoundContext> = {}): RoundContext =>
  exerciseContext(PEOPLE, { at: 1000, ...overrides });

function config(overrides: Partial<GapRatingConfig> = {}): GapRatingConfig {
  return {
    question: 'How good do customers expect our service to be, and how good is it?',
    measures: ['Speed', 'Price'],
    scale: { min: 1, max: 7, lowLabel: 'Very poor', highLabel: 'Excellent' },
    ...overrides,
  };
}

const init = (overrides: Partial<GapRatingConfig> = {}) => gapRating.init(config(overrides), 's');

function step(state: GapRatingState, actor: Actor, action: Action, context = ctx()) {
  const result = gapRating.reduce(state, action, actor, context);
  if (!result.ok) throw new Error(`${action.type} was refused: ${result.error.message}`);
  return result.data;
}

function act(state: GapRatingState, steps: [Actor, Action][], context = ctx()): GapRatingState {
  return steps.reduce((s, [actor, action]) => step(s, actor, action, context), state);
}

/** An action that must be refused; also checks it left the state exactly as it was. */
function refused(state: GapRatingState, actor: Actor, action: Action, context = ctx()): AppError {
  const before = structuredClone(state);
  const result = gapRating.reduce(state, action, actor, context);
  if (result.ok) throw new Error(`${action.type} was accepted`);
  expect(state).toEqual(before);
  return result.error;
}

const rate = (measure: number, side: 'expected' | 'actual', value: number): Action => ({
  type: 'rate',
  measure,
  side,
  value,
});

/**
 * The hand-worked room (Speed, Price on 1-7):
 *   Ana  Speed 6 -> 4 (gap -2)   Price 5 -> 5 (gap 0)
 *   Ben  Speed 7 -> 4 (gap -3)   Price 3 -> 6 (gap +3)
 *   Cai  Speed 5 -> 5 (gap 0)    Price 4 -> (not rated)
 *   Dee  Speed - -> 2            Price not rated
 */
function handWorked(): GapRatingState {
  return act(init(), [
    [as(ANA.id), rate(0, 'expected', 6)],
    [as(ANA.id), rate(0, 'actual', 4)],
    [as(ANA.id), rate(1, 'expected', 5)],
    [as(ANA.id), rate(1, 'actual', 5)],
    [as(BEN.id), rate(0, 'expected', 7)],
    [as(BEN.id), rate(0, 'actual', 4)],
    [as(BEN.id), rate(1, 'expected', 3)],
    [as(BEN.id), rate(1, 'actual', 6)],
    [as(CAI.id), rate(0, 'expected', 5)],
    [as(CAI.id), rate(0, 'actual', 5)],
    [as(CAI.id), rate(1, 'expected', 4)],
    [as(DEE.id), rate(0, 'actual', 2)],
  ]);
}

describe('gapRating config', () => {
  it('accepts the default config, which is the eleven measures of service quality', () => {
    const defaults = gapRating.defaultConfig();
    expect(gapRating.configSchema.safeParse(defaults).success).toBe(true);
    expect(defaults.measures).toHaveLength(11);
    expect(defaults.scale).toEqual({
      min: 1,
      max: 7,
      lowLabel: 'Very poor',
      highLabel: 'Excellent',
    });
  });

  it('offers the "Expected vs actual service" preset with the measures from the deck', () => {
    const preset = gapRatingPresets.expectedVsActual;
    expect(preset.title).toBe('Expected vs actual service');
    expect(gapRating.configSchema.safeParse(preset.config).success).toBe(true);
    expect(preset.config.measures.map((m) => m.toLowerCase())).toEqual([
      'friendliness of our service staff',
      'speed',
      'accuracy of the information we provide',
      'technical expertise and knowledge',
      'quality of the equipment or service',
      'access and control over dealings with us',
      'being treated as an individual',
      'being recognised as important',
      'flexibility with unusual requests',
      'ability to communicate',
      'price',
    ]);
  });

  it('gives each call of defaultConfig its own copy when the caller edits it', () => {
    const a = gapRating.defaultConfig();
    a.measures.push('Parking');
    expect(gapRating.defaultConfig().measures).toHaveLength(11);
  });

  it.each<[string, Partial<GapRatingConfig>, RegExp]>([
    ['no measures', { measures: [] }, /at least one measure/],
    [
      'seventeen measures',
      { measures: Array.from({ length: 17 }, (_, i) => `M${i}`) },
      /at most 16 measures/,
    ],
    ['the same measure twice ignoring case', { measures: ['Speed', 'speed'] }, /must be different/],
    ['an empty measure', { measures: ['Speed', '  '] }, /Each measure must not be empty/],
    ['a measure of 81 characters', { measures: ['x'.repeat(81)] }, /at most 80 characters/],
    [
      'a scale from 1 to 2',
      { scale: { min: 1, max: 2, lowLabel: 'Low', highLabel: 'High' } },
      /at least 3/,
    ],
    [
      'a scale from 0 to 10 (eleven points)',
      { scale: { min: 0, max: 10, lowLabel: 'Low', highLabel: 'High' } },
      /at most 10 points/,
    ],
    [
      'a scale starting at 2',
      { scale: { min: 2, max: 7, lowLabel: 'Low', highLabel: 'High' } },
      /starts at 0 or 1/,
    ],
    [
      'an empty end label',
      { scale: { min: 1, max: 7, lowLabel: ' ', highLabel: 'High' } },
      /low end must not be empty/,
    ],
    ['an empty question', { question: '' }, /question must not be empty/],
  ])('refuses %s with a readable message', (_label, overrides, message) => {
    const parsed = getExercise('gapRating')?.parseConfig(config(overrides));
    expect(parsed?.ok).toBe(false);
    if (parsed && !parsed.ok) {
      expect(parsed.error.code).toBe('BAD_REQUEST');
      expect(parsed.error.message).toMatch(message);
      expect(parsed.error.message).not.toMatch(/too (small|big)|expected number|>=|<=/i);
    }
  });

  it('starts with nobody’s ratings when initialised', () => {
    expect(init()).toEqual({ config: config(), ratings: {} });
  });
});

describe('gapRating reduce', () => {
  it('records one rating on its own when a participant rates one side of one measure', () => {
    const state = act(init(), [[as(ANA.id), rate(1, 'actual', 3)]]);
    expect(state.ratings).toEqual({ [ANA.id]: { expected: [null, null], actual: [null, 3] } });
  });

  it('replaces the rating when the participant changes it, leaving the other side alone', () => {
    const state = act(init(), [
      [as(ANA.id), rate(0, 'expected', 6)],
      [as(ANA.id), rate(0, 'actual', 2)],
      [as(ANA.id), rate(0, 'actual', 5)],
    ]);
    expect(state.ratings[ANA.id]).toEqual({ expected: [6, null], actual: [5, null] });
  });

  it('takes back one rating when the participant unrates it', () => {
    const state = act(init(), [
      [as(ANA.id), rate(0, 'expected', 6)],
      [as(ANA.id), rate(0, 'actual', 2)],
      [as(ANA.id), { type: 'unrate', measure: 0, side: 'expected' }],
    ]);
    expect(state.ratings[ANA.id]).toEqual({ expected: [null, null], actual: [2, null] });
  });

  it('no longer counts a participant as answering when they unrate their last rating', () => {
    const state = act(init(), [
      [as(ANA.id), rate(0, 'expected', 6)],
      [as(ANA.id), { type: 'unrate', measure: 0, side: 'expected' }],
    ]);
    expect(state.ratings).toEqual({});
    expect(gapRating.submittedCount(state)).toBe(0);
  });

  it('accepts the ends of the scale when the scale runs from 0 to 9', () => {
    const scale = { min: 0, max: 9, lowLabel: 'Awful', highLabel: 'Superb' };
    const state = act(init({ scale }), [
      [as(ANA.id), rate(0, 'expected', 0)],
      [as(ANA.id), rate(0, 'actual', 9)],
    ]);
    expect(state.ratings[ANA.id]).toEqual({ expected: [0, null], actual: [9, null] });
  });

  it('does not mutate the previous state when reducing', () => {
    const before = handWorked();
    const snapshot = structuredClone(before);
    act(before, [
      [as(ANA.id), rate(0, 'expected', 1)],
      [as(DEE.id), { type: 'unrate', measure: 0, side: 'actual' }],
      [FACILITATOR, { type: 'reset' }],
    ]);
    expect(before).toEqual(snapshot);
  });

  it.each<[string, Actor, Action, RoundContext, AppError['code'], RegExp]>([
    [
      'a rating below the scale',
      as(ANA.id),
      rate(0, 'actual', 0),
      ctx(),
      'INVALID_ACTION',
      /1 to 7/,
    ],
    [
      'a rating above the scale',
      as(ANA.id),
      rate(0, 'actual', 8),
      ctx(),
      'INVALID_ACTION',
      /1 to 7/,
    ],
    [
      'a measure past the end',
      as(ANA.id),
      rate(2, 'actual', 4),
      ctx(),
      'INVALID_ACTION',
      /measure/,
    ],
    [
      'an unrate of a measure past the end',
      as(ANA.id),
      { type: 'unrate', measure: 5, side: 'actual' },
      ctx(),
      'INVALID_ACTION',
      /measure/,
    ],
    [
      'a rating when the round is locked',
      as(ANA.id),
      rate(0, 'actual', 4),
      ctx({ isOpen: false }),
      'ROUND_LOCKED',
      /locked/,
    ],
    [
      'an unrate when the round is locked',
      as(ANA.id),
      { type: 'unrate', measure: 0, side: 'expected' },
      ctx({ isOpen: false }),
      'ROUND_LOCKED',
      /locked/,
    ],
    [
      'a rating from the facilitator',
      FACILITATOR,
      rate(0, 'actual', 4),
      ctx(),
      'FORBIDDEN',
      /rate/,
    ],
    [
      'a reset from a participant',
      as(ANA.id),
      { type: 'reset' },
      ctx(),
      'FORBIDDEN',
      /facilitator/,
    ],
  ])('refuses %s and changes nothing', (_label, actor, action, context, code, message) => {
    const error = refused(handWorked(), actor, action, context);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('clears every rating when the facilitator resets, even when locked', () => {
    const state = act(handWorked(), [[FACILITATOR, { type: 'reset' }]], ctx({ isOpen: false }));
    expect(state.ratings).toEqual({});
  });
});

describe('gapRating action parsing through the registry', () => {
  const exercise = getExercise('gapRating');

  it.each([
    { type: 'rate', measure: 0, side: 'expected', value: 3.5 },
    { type: 'rate', measure: -1, side: 'expected', value: 3 },
    { type: 'rate', measure: 0, side: 'wanted', value: 3 },
    { type: 'rate', measure: 0, side: 'actual' },
    { type: 'rate', measure: 99, side: 'actual', value: 3 },
    { type: 'rate', measure: 0, side: 'actual', value: 1e9 },
    { type: 'cheer' },
  ])('refuses as BAD_REQUEST a participant sending %j', (action) => {
    const result = exercise?.parseAction('participant', action);
    expect(result?.ok).toBe(false);
    if (result && !result.ok) expect(result.error.code).toBe('BAD_REQUEST');
  });

  it('refuses as FORBIDDEN a participant sending the facilitator’s reset', () => {
    expect(exercise?.parseAction('participant', { type: 'reset' })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only the facilitator can do that' },
    });
  });

  it('refuses as FORBIDDEN a facilitator sending a participant’s rating', () => {
    const result = exercise?.parseAction('facilitator', rate(0, 'actual', 3));
    expect(result?.ok === false && result.error.code).toBe('FORBIDDEN');
  });
});

describe('gap statistics', () => {
  it('computes means, gaps and the sample standard deviation when worked by hand', () => {
    const [speed, price] = gapStats(['Speed', 'Price'], Object.values(handWorked().ratings));

    // Speed: expected 6, 7, 5 -> 6; actual 4, 4, 5, 2 -> 3.75; gaps -2, -3, 0 -> -5/3.
    expect(speed?.expected).toEqual({ mean: 6, n: 3 });
    expect(speed?.actual).toEqual({ mean: 3.75, n: 4 });
    expect(speed?.gap.mean).toBeCloseTo(-5 / 3, 12);
    // Deviations -1/3, -4/3, 5/3: squares sum to 42/9 = 14/3; over n - 1 = 2 gives 7/3.
    expect(speed?.gap.sd).toBeCloseTo(Math.sqrt(7 / 3), 12);
    expect(speed?.gap.sd).toBeCloseTo(1.5275, 4);
    expect(speed?.gap).toMatchObject({ min: -3, max: 0, n: 3 });
    expect(speed?.isSatisfied).toBe(false);
    // The mean gap is not the difference of the means (3.75 - 6 = -2.25): Dee rated one side.
    expect(speed?.gap.mean).not.toBeCloseTo(-2.25, 2);

    // Price: expected 5, 3, 4 -> 4; actual 5, 6 -> 5.5; gaps 0, +3 -> 1.5, sd sqrt(4.5).
    expect(price?.expected).toEqual({ mean: 4, n: 3 });
    expect(price?.actual).toEqual({ mean: 5.5, n: 2 });
    expect(price?.gap).toEqual({ mean: 1.5, sd: Math.sqrt(4.5), min: 0, max: 3, n: 2 });
    expect(price?.isSatisfied).toBe(true);
  });

  it('counts a gap of exactly zero as satisfied', () => {
    const [only] = gapStats(['Speed'], [{ expected: [4], actual: [4] }]);
    expect(only?.gap).toEqual({ mean: 0, sd: null, min: 0, max: 0, n: 1 });
    expect(only?.isSatisfied).toBe(true);
  });

  it('leaves the gap, spread and verdict empty when nobody rated both sides', () => {
    const [only] = gapStats(['Speed'], [{ expected: [4], actual: [null] }]);
    expect(only).toEqual({
      measure: 'Speed',
      expected: { mean: 4, n: 1 },
      actual: { mean: null, n: 0 },
      gap: { mean: null, sd: null, min: null, max: null, n: 0 },
      isSatisfied: null,
    });
  });

  it('uses the n - 1 divisor in sampleSd, not the population one', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: population sd 2, sample sd sqrt(32 / 7).
    expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(sampleSd([3])).toBeNull();
    expect(sampleSd([])).toBeNull();
  });

  it('counts respondents, completions and ratings given when worked by hand', () => {
    // Ana and Ben gave 4 of 4, Cai 3, Dee 1: 12 ratings of the 16 the four could give.
    expect(gapProgress(2, Object.values(handWorked().ratings))).toEqual({
      respondents: 4,
      completed: 2,
      ratings: 12,
      possible: 16,
    });
  });

  it('rounds figures to two decimals in the results', () => {
    expect(gapResults(handWorked())).toEqual({
      respondents: 4,
      measures: [
        {
          measure: 'Speed',
          expected: 6,
          actual: 3.75,
          gap: -1.67,
          sd: 1.53,
          min: -3,
          max: 0,
          n: 3,
          isSatisfied: false,
        },
        {
          measure: 'Price',
          expected: 4,
          actual: 5.5,
          gap: 1.5,
          sd: 2.12,
          min: 0,
          max: 3,
          n: 2,
          isSatisfied: true,
        },
      ],
    });
  });

  it('writes gaps with their sign', () => {
    expect([formatGap(1.5), formatGap(-1.666), formatGap(0)]).toEqual(['+1.5', '-1.67', '0']);
  });
});

describe('gapRating views', () => {
  const secrets = PEOPLE.flatMap((p) => [p.id, p.name]);

  it('shows the facilitator live progress and figures before the reveal', () => {
    const view = gapRating.facilitatorView(handWorked(), ctx());
    expect(view.progress).toEqual({ respondents: 4, completed: 2, ratings: 12, possible: 16 });
    expect(view.results.measures[0]?.gap).toBe(-1.67);
  });

  it('keeps the public and screen results back until the reveal', () => {
    const state = handWorked();
    expect(gapRating.participantPublicView(state, ctx()).results).toBeNull();
    expect(gapRating.screenView(state, ctx()).results).toBeNull();
    expect(gapRating.screenView(state, ctx()).progress).toEqual({ respondents: 4, completed: 2 });

    const shown = ctx({ isRevealed: true });
    expect(gapRating.participantPublicView(state, shown).results).toEqual(gapResults(state));
    expect(gapRating.screenView(state, shown).results).toEqual(gapResults(state));
  });

  it('does not change the public view when someone rates before the reveal', () => {
    const before = JSON.stringify(gapRating.participantPublicView(init(), ctx()));
    const after = JSON.stringify(gapRating.participantPublicView(handWorked(), ctx()));
    expect(after).toBe(before);
  });

  it('shows a participant only their own ratings in the own view', () => {
    const state = handWorked();
    expect(gapRating.participantOwnView(state, CAI.id, ctx())).toEqual({
      expected: [5, 4],
      actual: [5, null],
    });
    expect(gapRating.participantOwnView(state, 'nobody', ctx())).toEqual({
      expected: [null, null],
      actual: [null, null],
    });
  });

  it.each([false, true])(
    'never names or identifies a participant in a shared view (revealed: %s)',
    (isRevealed) => {
      const state = handWorked();
      const context = ctx({ isRevealed });
      const views = {
        facilitator: gapRating.facilitatorView(state, context),
        participantPublic: gapRating.participantPublicView(state, context),
        screen: gapRating.screenView(state, context),
        summary: gapRating.summary(state, context),
      };
      for (const [audience, view] of Object.entries(views)) {
        const json = JSON.stringify(view);
        for (const secret of secrets)
          expect(json, `${audience} leaks ${secret}`).not.toContain(secret);
      }
    },
  );
});

describe('gapRating summary', () => {
  it('writes the gaps as bars and the full table when people rated', () => {
    const summary = gapRating.summary(handWorked(), ctx());
    expect(summary.headline).toBe(
      'Expected vs actual: 1 of 2 measures meet expectations; the widest gap is Speed (-1.67)',
    );
    expect(summary.blocks[0]).toEqual({
      type: 'bars',
      labels: ['Speed', 'Price'],
      values: [-1.67, 1.5],
      unit: 'gap (actual minus expected)',
    });
    expect(summary.blocks[1]).toEqual({
      type: 'table',
      columns: ['Measure', 'Expected', 'Actual', 'Gap', 'Spread (SD)', 'Satisfied?'],
      rows: [
        ['Speed', '6.0', '3.8', '-1.67', '1.53', 'No'],
        ['Price', '4.0', '5.5', '+1.5', '2.12', 'Yes'],
      ],
    });
    expect(summary.blocks[2]).toMatchObject({ type: 'text' });
    expect(JSON.stringify(summary.blocks[2])).toMatch(
      /4 people rated on a scale of 1 \(Very poor\)/,
    );
  });

  it('leaves unrated measures out of the bars but in the table when a measure has no gap', () => {
    const state = act(init({ measures: ['Speed', 'Price', 'Parking'] }), [
      [as(ANA.id), rate(0, 'expected', 3)],
      [as(ANA.id), rate(0, 'actual', 5)],
    ]);
    const summary = gapRating.summary(state, ctx());
    expect(summary.headline).toBe('Expected vs actual: 1 of 1 measures meet expectations');
    expect(summary.blocks[0]).toMatchObject({ labels: ['Speed'], values: [2] });
    expect(summary.blocks[1]).toMatchObject({
      rows: [
        ['Speed', '3.0', '5.0', '+2', '-', 'Yes'],
        ['Price', '-', '-', '-', '-', '-'],
        ['Parking', '-', '-', '-', '-', '-'],
      ],
    });
  });

  it('says nobody rated when the round is empty', () => {
    expect(gapRating.summary(init(), ctx()).headline).toBe(
      'Expected vs actual: nobody rated both sides of a measure',
    );
  });

  it('asks a concrete question for the action plan', () => {
    expect(gapRating.actionPlanPrompt(config())).toMatch(/what one thing will I do/);
  });
});

describe('gapRating replay', () => {
  const ROUND = 'gap';
  const spec: RoundSpec = {
    id: ROUND,
    kind: 'gapRating',
    title: 'Expected vs actual',
    config: config(),
  };

  it('gives the same state and results when the session log is replayed', () => {
    const live = recordedSession([spec], ['Ana', 'Ben', 'Cai']);
    const { ids, must } = live;
    const by = (i: number, action: Action) =>
      must(
        { type: 'round.act', roundId: ROUND, action },
        { role: 'participant', participantId: ids[i] ?? '' },
      );
    by(0, rate(0, 'expected', 6));
    by(0, rate(0, 'actual', 3));
    by(1, rate(0, 'expected', 5));
    by(1, rate(0, 'actual', 6));
    by(1, rate(1, 'expected', 2));
    by(2, rate(1, 'actual', 4));
    by(0, rate(0, 'actual', 4));
    by(2, { type: 'unrate', measure: 1, side: 'actual' });
    must({ type: 'round.lock' }, SESSION_FACILITATOR);
    // Refused after the lock: not logged, so the replay must not see it either.
    expect(
      run(
        live.state,
        { type: 'round.act', roundId: ROUND, action: rate(1, 'actual', 1) },
        {
          role: 'participant',
          participantId: ids[1] ?? '',
        },
      ).result.ok,
    ).toBe(false);
    must({ type: 'round.reveal' }, SESSION_FACILITATOR);

    const replayed = replay(live.log);
    expect(replayed).toEqual(live.state);
    const roundState = replayed.rounds[ROUND]?.state as GapRatingState;
    expect(Object.keys(roundState.ratings)).toHaveLength(2);
    expect(gapResults(roundState).measures[0]).toMatchObject({ gap: -0.5, n: 2, sd: 2.12 });
  });
});
