/**
 * Scales: config bounds with readable messages, ratings kept as running tallies (changed,
 * skipped, taken back), mean and median worked out by hand, the slider's bands, views free of
 * anyone's answers, paging the screen, before -> after matched by statement text, the summary
 * read back as a baseline, presets, and a replay of the log.
 */
import { describe, expect, it } from 'vitest';
import {
  getExercise,
  replay,
  participantPublicView as sessionPublicView,
  screenView as sessionScreenView,
  type Actor,
  type RoundSpec,
  type SessionCommand,
} from '@playfield/shared';
import {
  baselineFromSummary,
  binsOf,
  formatChange,
  meanOf,
  medianOf,
  scale,
  scaleConfigSchema,
  scalePresets,
  statementKey,
  type ScaleConfig,
  type ScaleFacilitatorAction,
  type ScaleParticipantAction,
  type ScaleState,
} from '@playfield/shared/exercises/scale/index';
import { SHARD_COUNT, shardOf } from '@playfield/shared/exercises/scale/shards';
import {
  FACILITATOR as SESSION_FACILITATOR,
  exerciseContext,
  participant,
  recordedSession,
  refusal,
} from './sessionHarness.ts';

const config = (overrides: Partial<ScaleConfig> = {}): ScaleConfig => ({
  question: 'How true is each statement of our team today?',
  statements: ['We listen to customers.', 'We keep our promises.', 'We fix problems at source.'],
  scale: '1-5',
  lowLabel: 'Strongly disagree',
  highLabel: 'Strongly agree',
  allowSkip: true,
  showLive: false,
  compareWith: null,
  ...overrides,
});

const PEOPLE = [
  { id: 'p1', name: 'Ana' },
  { id: 'p2', name: 'Ben' },
  { id: 'p3', name: 'Cai' },
  { id: 'p4', name: 'Dee' },
];
const ctx = exerciseContext(PEOPLE);
const FACILITATOR: Actor = { role: 'facilitator' };
const phone = (id: string): Actor => ({ role: 'participant', participantId: id });
const rate = (statement: number, value: number | 'skip' | null): ScaleParticipantAction => ({
  type: 'rate',
  statement,
  value,
});

/** Applies actions that must be accepted. */
function apply(
  state: ScaleState,
  ...steps: [Actor, ScaleParticipantAction | ScaleFacilitatorAction][]
): ScaleState {
  for (const [actor, action] of steps) {
    const result = scale.reduce(state, action, actor, ctx);
    if (!result.ok) throw new Error(result.error.message);
    state = result.data;
  }
  return state;
}

describe('scale config', () => {
  it('accepts the default and every preset', () => {
    expect(scaleConfigSchema.safeParse(scale.defaultConfig()).success).toBe(true);
    for (const preset of Object.values(scalePresets))
      expect(scaleConfigSchema.safeParse(preset.config).success).toBe(true);
  });

  it('refuses no statements, more than 12, duplicates and unknown scales with readable messages', () => {
    const problems = (input: unknown) => getExercise('scale')?.parseConfig(input);
    expect(problems(config({ statements: [] }))).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('at least one statement') as unknown },
    });
    expect(
      problems(config({ statements: Array.from({ length: 13 }, (_, i) => `S${i}`) })),
    ).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('At most 12') as unknown },
    });
    expect(problems(config({ statements: ['Same.', 'same'] }))).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('different') as unknown },
    });
    expect(problems({ ...config(), scale: '1-7' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('1-5, 1-10 or 0-100') as unknown },
    });
    expect(problems(config({ lowLabel: 'x'.repeat(41) }))).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('at most 40') as unknown },
    });
    expect(problems(config({ compareWith: '__proto__' }))).toMatchObject({ ok: false });
  });

  it('cleans statement text and matches statements by text, ignoring case and end punctuation', () => {
    const parsed = scaleConfigSchema.parse(config({ statements: ['  We\u200B listen  \n now '] }));
    expect(parsed.statements).toEqual(['We listen now']);
    expect(statementKey('We keep our promises.')).toBe(statementKey('we keep  our promises'));
  });
});

describe('scale statistics', () => {
  it('works out mean and median from counts by hand', () => {
    // Ratings 1, 2, 2, 4, 5 -> mean 14/5 = 2.8, median 2.
    expect(meanOf([1, 2, 0, 1, 1], 1)).toBeCloseTo(2.8);
    expect(medianOf([1, 2, 0, 1, 1], 1)).toBe(2);
    // Ratings 2, 2, 4, 5 -> median (2 + 4) / 2 = 3.
    expect(medianOf([0, 2, 0, 1, 1], 1)).toBe(3);
    expect(meanOf([0, 0, 0, 0, 0], 1)).toBeNull();
    expect(medianOf([0, 0, 0], 1)).toBeNull();
  });

  it('bands the 0-100 slider into ten bars, the last one holding 100', () => {
    const counts = Array.from({ length: 101 }, () => 0);
    counts[0] = 1;
    counts[9] = 1;
    counts[10] = 1;
    counts[100] = 2;
    const bins = binsOf(counts, '0-100');
    expect(bins).toHaveLength(10);
    expect(bins[0]).toEqual({ label: '0-9', count: 2 });
    expect(bins[1]).toEqual({ label: '10-19', count: 1 });
    expect(bins[9]).toEqual({ label: '90-100', count: 2 });
  });

  it('words a change of the mean', () => {
    expect(formatChange(3.1, 3.84)).toBe('+0.7');
    expect(formatChange(4, 3)).toBe('-1');
    expect(formatChange(3, 3)).toBe('±0');
    expect(formatChange(null, 3)).toBeNull();
  });

  it('spreads participants over every shard', () => {
    const shards = new Set(Array.from({ length: 2000 }, (_, i) => shardOf(`p_${i}`)));
    expect(shards.size).toBe(SHARD_COUNT);
  });
});

describe('scale ratings', () => {
  it('keeps tallies, respondents, means and medians up to date as ratings change, skip and go', () => {
    let state = scale.init(config(), 'seed');
    state = apply(
      state,
      [phone('p1'), rate(0, 1)],
      [phone('p2'), rate(0, 2)],
      [phone('p3'), rate(0, 2)],
      [phone('p4'), rate(0, 5)],
      [phone('p4'), rate(0, 4)], // changed: 5 -> 4
      [phone('p1'), rate(1, 'skip')],
      [phone('p2'), rate(2, 3)],
      [phone('p2'), rate(2, null)], // taken back
    );
    expect(state.tallies[0]).toEqual({ counts: [1, 2, 0, 1, 0], skipped: 0 });
    expect(state.tallies[1]).toEqual({ counts: [0, 0, 0, 0, 0], skipped: 1 });
    expect(state.tallies[2]).toEqual({ counts: [0, 0, 0, 0, 0], skipped: 0 });
    expect(state.respondents).toBe(4);
    const view = scale.facilitatorView(state, ctx);
    expect(view.statements[0]).toMatchObject({ count: 4, mean: 2.25, median: 2, skipped: 0 });
    expect(view.statements[1]).toMatchObject({ count: 0, mean: null, median: null, skipped: 1 });
    expect(scale.submittedCount(state)).toBe(4);
    // Taking back every answer leaves the respondents.
    state = apply(state, [phone('p1'), rate(0, null)], [phone('p1'), rate(1, null)]);
    expect(state.respondents).toBe(3);
  });

  it('refuses values off the scale, skips when not allowed, unknown statements and locked rounds', () => {
    const state = scale.init(config({ allowSkip: false }), 'seed');
    const refuse = (action: ScaleParticipantAction, c = ctx) => {
      const result = scale.reduce(state, action, phone('p1'), c);
      expect(result.ok).toBe(false);
      return result.ok ? null : result.error;
    };
    expect(refuse(rate(0, 6))?.message).toBe('A rating on this scale is from 1 to 5');
    expect(refuse(rate(0, 0))?.code).toBe('INVALID_ACTION');
    expect(refuse(rate(0, 'skip'))?.message).toContain('every statement');
    expect(refuse(rate(3, 1))?.message).toBe('That statement does not exist');
    expect(refuse(rate(0, 3), { ...ctx, isOpen: false })?.code).toBe('ROUND_LOCKED');
    expect(scale.reduce(state, rate(0, 3), FACILITATOR, ctx)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(scale.reduce(state, { type: 'reset' }, phone('p1'), ctx)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(scale.participantActionSchema.safeParse(rate(0, 2.5)).success).toBe(false);
    expect(scale.participantActionSchema.safeParse(rate(12, 2)).success).toBe(false);
  });

  it('accepts 0 to 100 on the slider', () => {
    let state = scale.init(config({ scale: '0-100' }), 'seed');
    state = apply(
      state,
      [phone('p1'), rate(0, 0)],
      [phone('p2'), rate(0, 100)],
      [phone('p3'), rate(0, 35)],
    );
    const [first] = scale.facilitatorView(state, ctx).statements;
    expect(first).toMatchObject({ count: 3, mean: 45, median: 35 });
    expect(first?.bins.map((b) => b.count)).toEqual([1, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
  });

  it('shows each phone only its own answers, the room nobody’s, and the screen after the reveal', () => {
    let state = scale.init(config(), 'seed');
    state = apply(state, [phone('p1'), rate(0, 5)], [phone('p2'), rate(1, 2)]);
    expect(scale.participantOwnView(state, 'p1', ctx).answers).toEqual([5, null, null]);
    expect(scale.participantOwnView(state, 'p3', ctx).answers).toEqual([null, null, null]);
    expect(scale.participantOwnView(state, '__proto__', ctx).answers).toEqual([null, null, null]);
    expect(scale.participantPublicView(state, ctx).results).toBeNull();
    expect(scale.screenView(state, ctx).results).toBeNull();
    const revealed = { ...ctx, isRevealed: true };
    expect(scale.screenView(state, revealed).results?.[0]).toMatchObject({ mean: 5, count: 1 });
    expect(
      scale.screenView(scale.init(config({ showLive: true }), 's'), ctx).results,
    ).not.toBeNull();
    // No view carries an id or a name.
    for (const view of [
      scale.facilitatorView(state, revealed),
      scale.participantPublicView(state, revealed),
      scale.screenView(state, revealed),
    ]) {
      expect(JSON.stringify(view)).not.toMatch(/p1|p2|Ana|Ben/);
    }
  });

  it('pages the screen four statements at a time', () => {
    const twelve = config({
      statements: Array.from({ length: 10 }, (_, i) => `Statement ${i + 1}`),
    });
    let state = scale.init(twelve, 'seed');
    expect(scale.screenView(state, ctx)).toMatchObject({ page: 0, pageCount: 3 });
    expect(scale.screenView(state, ctx).statements.map((s) => s.index)).toEqual([0, 1, 2, 3]);
    state = apply(state, [phone('p1'), rate(9, 4)], [FACILITATOR, { type: 'page', page: 2 }]);
    const view = scale.screenView(state, { ...ctx, isRevealed: true });
    expect(view.statements).toEqual([
      { index: 8, text: 'Statement 9' },
      { index: 9, text: 'Statement 10' },
    ]);
    expect(view.results?.map((r) => [r.index, r.mean])).toEqual([
      [8, null],
      [9, 4],
    ]);
    expect(scale.reduce(state, { type: 'page', page: 3 }, FACILITATOR, ctx)).toMatchObject({
      ok: false,
      error: { message: 'That page does not exist' },
    });
  });

  it('clears every rating on reset', () => {
    let state = apply(scale.init(config(), 'seed'), [phone('p1'), rate(0, 5)]);
    state = apply(state, [FACILITATOR, { type: 'reset' }]);
    expect(state.respondents).toBe(0);
    expect(scale.participantOwnView(state, 'p1', ctx).answers).toEqual([null, null, null]);
  });
});

describe('scale before -> after', () => {
  const before = () => {
    let state = scale.init(config(), 'seed');
    state = apply(
      state,
      [phone('p1'), rate(0, 2)],
      [phone('p2'), rate(0, 3)],
      [phone('p1'), rate(1, 4)],
      [phone('p3'), rate(2, 'skip')],
    );
    return state;
  };

  it('reads an earlier round’s summary back as a baseline and matches statements by text', () => {
    const summary = scale.summary(before(), ctx);
    const baseline = baselineFromSummary('r1', 'Before', summary);
    expect(baseline?.statements).toEqual([
      { text: 'We listen to customers.', count: 2, mean: 2.5, median: 2.5 },
      { text: 'We keep our promises.', count: 1, mean: 4, median: 4 },
      { text: 'We fix problems at source.', count: 0, mean: null, median: null },
    ]);

    const after = config({
      compareWith: 'r1',
      statements: ['we listen to customers', 'A new statement.', 'We keep our promises.'],
    });
    let state = scale.init(after, 'seed2');
    state = apply(
      state,
      [phone('p1'), rate(0, 4)],
      [phone('p2'), rate(0, 5)],
      [phone('p1'), rate(2, 3)],
      [
        FACILITATOR,
        {
          type: 'baseline',
          roundId: 'r1',
          title: 'Before',
          statements: baseline?.statements ?? [],
        },
      ],
    );
    const view = scale.facilitatorView(state, ctx);
    expect(view.baseline).toEqual({ roundId: 'r1', title: 'Before', matched: 2 });
    expect(view.statements.map((s) => s.before?.mean ?? null)).toEqual([2.5, null, 4]);
    expect(scale.screenView(state, { ...ctx, isRevealed: true }).comparedWith).toBe('Before');

    const blocks = scale.summary(state, ctx).blocks;
    const compare = blocks.find((b) => b.type === 'table' && b.columns[1] === 'Mean before');
    expect(compare).toEqual({
      type: 'table',
      columns: [
        'Statement',
        'Mean before',
        'Mean after',
        'Change',
        'Median before',
        'Median after',
        'Answers before',
        'Answers after',
      ],
      rows: [
        ['we listen to customers', '2.5', '4.5', '+2', '2.5', '4.5', '2', '2'],
        ['We keep our promises.', '4', '3', '-1', '4', '3', '1', '1'],
      ],
    });
    expect(blocks).toContainEqual({
      type: 'text',
      text: 'Compared with “Before”: 2 of 3 statements matched by their text.',
    });
  });

  it('refuses figures for another round, off the scale, or when the round compares with none', () => {
    const state = scale.init(config({ compareWith: 'r1' }), 'seed');
    const baseline = (roundId: string, mean: number): ScaleFacilitatorAction => ({
      type: 'baseline',
      roundId,
      title: 'Before',
      statements: [{ text: 'We listen to customers.', count: 3, mean, median: mean }],
    });
    expect(scale.reduce(state, baseline('r9', 3), FACILITATOR, ctx)).toMatchObject({
      ok: false,
      error: { message: 'Those figures are not from the round this one compares with' },
    });
    expect(scale.reduce(state, baseline('r1', 7), FACILITATOR, ctx)).toMatchObject({
      ok: false,
      error: { message: 'The earlier figures must be on the same 1-5 scale' },
    });
    expect(
      scale.reduce(scale.init(config(), 's'), baseline('r1', 3), FACILITATOR, ctx),
    ).toMatchObject({
      ok: false,
    });
    expect(scale.reduce(state, baseline('r1', 3), phone('p1'), ctx)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const set = apply(
      state,
      [FACILITATOR, baseline('r1', 3)],
      [FACILITATOR, { type: 'clearBaseline' }],
    );
    expect(set.baseline).toBeNull();
  });
});

describe('scale summary', () => {
  it('gives per-statement mean, median, count and distribution', () => {
    const summary = scale.summary(
      apply(scale.init(config(), 'seed'), [phone('p1'), rate(0, 2)], [phone('p2'), rate(0, 5)]),
      ctx,
    );
    expect(summary.headline).toBe(
      'How true is each statement of our team today?: highest “We listen to customers.” (mean 3.5)',
    );
    expect(summary.blocks).toContainEqual({
      type: 'table',
      columns: ['Statement', '1', '2', '3', '4', '5'],
      rows: [
        ['We listen to customers.', '0', '1', '0', '0', '1'],
        ['We keep our promises.', '0', '0', '0', '0', '0'],
        ['We fix problems at source.', '0', '0', '0', '0', '0'],
      ],
    });
    expect(summary.blocks).toContainEqual({
      type: 'bars',
      labels: config().statements,
      values: [3.5, 0, 0],
      unit: 'mean (1 to 5)',
    });
  });
});

describe('scale replay', () => {
  const ROUND = 'sc';
  const spec: RoundSpec = { id: ROUND, kind: 'scale', title: 'Temperature', config: config() };
  const act = (action: ScaleParticipantAction | ScaleFacilitatorAction): SessionCommand => ({
    type: 'round.act',
    roundId: ROUND,
    action,
  });

  it('rebuilds the same ratings, tallies and views when the log is replayed', () => {
    const live = recordedSession([spec], ['Ana', 'Ben', 'Cai']);
    const [ana = '', ben = '', cai = ''] = live.ids;
    live.must(act(rate(0, 4)), participant(ana));
    live.must(act(rate(0, 2)), participant(ben));
    live.must(act(rate(1, 'skip')), participant(cai));
    live.must(act(rate(0, 5)), participant(ana));
    expect(refusal(live.state, act(rate(0, 9)), participant(cai)).code).toBe('INVALID_ACTION');
    expect(refusal(live.state, act({ type: 'reset' }), participant(cai)).code).toBe('FORBIDDEN');
    live.must({ type: 'round.reveal' }, SESSION_FACILITATOR);
    live.must({ type: 'round.lock' }, SESSION_FACILITATOR);
    expect(refusal(live.state, act(rate(0, 1)), participant(ben)).code).toBe('ROUND_LOCKED');

    const replayed = replay(live.log);
    expect(replayed).toEqual(live.state);
    const half = Math.floor(live.log.length / 2);
    expect(replay(live.log.slice(half), replay(live.log.slice(0, half)))).toEqual(live.state);
    expect(JSON.parse(JSON.stringify(replayed))).toEqual(JSON.parse(JSON.stringify(live.state)));
    expect(sessionPublicView(replayed, 0)).toEqual(sessionPublicView(live.state, 0));
    const screen = sessionScreenView(replayed, new Set(), 0).round;
    expect(screen?.kind === 'scale' && screen.view.results?.[0]).toMatchObject({
      mean: 3.5,
      count: 2,
    });
  });
});
