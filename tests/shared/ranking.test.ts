/**
 * Ranking: config bounds, full orders only, Borda points worked out by hand, tie-breaks by
 * first places then by config order, ties that remain sharing a rank, the spread per item,
 * totals kept up to date as orders change and go, views free of anyone's order, the summary,
 * presets, and a replay of the log.
 */
import { describe, expect, it } from 'vitest';
import {
  getExercise,
  replay,
  participantPublicView as sessionPublicView,
  type Actor,
  type RoundSpec,
  type SessionCommand,
} from '@playfield/shared';
import {
  bordaPoints,
  isFullOrder,
  rangeLabel,
  rankItems,
  rankLabel,
  ranking,
  rankingConfigSchema,
  rankingPresets,
  type RankingConfig,
  type RankingParticipantAction,
  type RankingState,
} from '@playfield/shared/exercises/ranking/index';
import {
  FACILITATOR as SESSION_FACILITATOR,
  exerciseContext,
  participant,
  recordedSession,
  refusal,
} from './sessionHarness.ts';

const items = (...labels: string[]) => labels.map((label) => ({ label, description: '' }));
const config = (overrides: Partial<RankingConfig> = {}): RankingConfig => ({
  question: 'Which sin do we commit most?',
  items: items('Apathy', 'Brush-off', 'Coldness', 'Robotism'),
  ...overrides,
});
const ctx = exerciseContext([
  { id: 'p1', name: 'Ana' },
  { id: 'p2', name: 'Ben' },
  { id: 'p3', name: 'Cai' },
]);
const FACILITATOR: Actor = { role: 'facilitator' };
const phone = (id: string): Actor => ({ role: 'participant', participantId: id });
const submit = (...order: number[]): RankingParticipantAction => ({ type: 'submit', order });

function apply(
  state: RankingState,
  ...steps: [Actor, RankingParticipantAction | { type: 'reset' }][]
) {
  for (const [actor, action] of steps) {
    const result = ranking.reduce(state, action, actor, ctx);
    if (!result.ok) throw new Error(result.error.message);
    state = result.data;
  }
  return state;
}

describe('ranking config', () => {
  it('accepts the default and every preset', () => {
    expect(rankingConfigSchema.safeParse(ranking.defaultConfig()).success).toBe(true);
    for (const preset of Object.values(rankingPresets))
      expect(rankingConfigSchema.safeParse(preset.config).success).toBe(true);
    expect(rankingPresets.sevenSins.config.items).toHaveLength(7);
  });

  it('refuses fewer than 3 or more than 10 items and duplicates, with readable messages', () => {
    const parse = (input: unknown) => getExercise('ranking')?.parseConfig(input);
    expect(parse(config({ items: items('A', 'B') }))).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('at least 3 items') as unknown },
    });
    expect(parse(config({ items: items(...'ABCDEFGHIJK') }))).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('at most 10 items') as unknown },
    });
    expect(parse(config({ items: items('A', 'B', 'a') }))).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('different') as unknown },
    });
  });
});

describe('Borda count', () => {
  it('gives n-1 points for first place down to 0 for last', () => {
    expect([0, 1, 2, 3].map((p) => bordaPoints(4, p))).toEqual([3, 2, 1, 0]);
  });

  it('accepts only full orders: every item exactly once', () => {
    expect(isFullOrder([2, 0, 1], 3)).toBe(true);
    expect(isFullOrder([0, 1], 3)).toBe(false);
    expect(isFullOrder([0, 0, 1], 3)).toBe(false);
    expect(isFullOrder([0, 1, 3], 3)).toBe(false);
  });

  it('adds up points by hand and keeps the spread per item', () => {
    // Ana: A B C D; Ben: B A D C; Cai: B C A D.
    // A: 3 + 2 + 1 = 6; B: 2 + 3 + 3 = 8; C: 1 + 0 + 2 = 3; D: 0 + 1 + 0 = 1.
    const state = apply(
      ranking.init(config(), 'seed'),
      [phone('p1'), submit(0, 1, 2, 3)],
      [phone('p2'), submit(1, 0, 3, 2)],
      [phone('p3'), submit(1, 2, 0, 3)],
    );
    expect(state.points).toEqual([6, 8, 3, 1]);
    const ranked = ranking.facilitatorView(state, ctx).ranking;
    expect(ranked.map((r) => [r.label, r.points, r.rank, r.firsts])).toEqual([
      ['Brush-off', 8, 1, 2],
      ['Apathy', 6, 2, 1],
      ['Coldness', 3, 3, 0],
      ['Robotism', 1, 4, 0],
    ]);
    const apathy = ranked[1];
    expect(apathy && [apathy.best, apathy.worst, apathy.places]).toEqual([1, 3, [1, 1, 1, 0]]);
    expect(apathy?.meanPlace).toBeCloseTo(2);
    expect(apathy && rangeLabel(apathy)).toBe('1–3');
    expect(ranked[3] && rangeLabel(ranked[3])).toBe('3–4');
  });

  it('breaks ties by most first places, then config order, and lets remaining ties share a rank', () => {
    // Points [4, 4, 4, 0]: A and B have 1 first place each, C none; so B's tie with A
    // remains (shared rank 1), C is 3rd, D 4th.
    const ranked = rankItems(
      ['A', 'B', 'C', 'D'],
      [4, 4, 4, 0],
      [
        [1, 0, 1, 0],
        [1, 0, 1, 0],
        [0, 2, 0, 0],
        [0, 0, 0, 2],
      ],
    );
    expect(ranked.map((r) => [r.label, rankLabel(r)])).toEqual([
      ['A', '=1'],
      ['B', '=1'],
      ['C', '3'],
      ['D', '4'],
    ]);
    // Equal points, different first places: no shared rank.
    const broken = rankItems(
      ['A', 'B', 'C'],
      [2, 2, 2],
      [
        [0, 2, 0],
        [1, 0, 1],
        [1, 0, 1],
      ],
    );
    expect(broken.map((r) => [r.label, rankLabel(r)])).toEqual([
      ['B', '=1'],
      ['C', '=1'],
      ['A', '3'],
    ]);
    // Before any order everything is tied.
    const empty = ranking.facilitatorView(ranking.init(config(), 's'), ctx).ranking;
    expect(empty.map((r) => rankLabel(r))).toEqual(['=1', '=1', '=1', '=1']);
    expect(empty[0] && rangeLabel(empty[0])).toBe('–');
  });

  it('keeps totals right when an order changes or is withdrawn', () => {
    let state = apply(
      ranking.init(config(), 'seed'),
      [phone('p1'), submit(0, 1, 2, 3)],
      [phone('p2'), submit(3, 2, 1, 0)],
      [phone('p1'), submit(3, 2, 1, 0)],
    );
    expect(state.points).toEqual([0, 2, 4, 6]);
    expect(state.submitted).toBe(2);
    state = apply(state, [phone('p2'), { type: 'withdraw' }]);
    expect(state.points).toEqual([0, 1, 2, 3]);
    expect(state.places[3]).toEqual([1, 0, 0, 0]);
    expect(state.submitted).toBe(1);
    expect(ranking.participantOwnView(state, 'p2', ctx).order).toBeNull();
    state = apply(state, [FACILITATOR, { type: 'reset' }]);
    expect(state.points).toEqual([0, 0, 0, 0]);
    expect(state.submitted).toBe(0);
  });
});

describe('ranking actions and views', () => {
  it('refuses partial orders, the wrong side and locked rounds, changing nothing', () => {
    const state = ranking.init(config(), 'seed');
    expect(ranking.reduce(state, submit(0, 1, 2), phone('p1'), ctx)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ACTION', message: 'Place each of the 4 items once' },
    });
    expect(ranking.reduce(state, submit(0, 1, 1, 2), phone('p1'), ctx)).toMatchObject({
      ok: false,
    });
    expect(ranking.reduce(state, submit(0, 1, 2, 3), FACILITATOR, ctx)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(ranking.reduce(state, { type: 'reset' }, phone('p1'), ctx)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      ranking.reduce(state, submit(0, 1, 2, 3), phone('p1'), { ...ctx, isOpen: false }),
    ).toMatchObject({ ok: false, error: { code: 'ROUND_LOCKED' } });
    expect(
      ranking.participantActionSchema.safeParse(submit(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)).success,
    ).toBe(false);
    expect(ranking.participantActionSchema.safeParse(submit(0, 1.5, 2)).success).toBe(false);
  });

  it('shows each phone only its own order and results only after the reveal', () => {
    const state = apply(ranking.init(config(), 'seed'), [phone('p1'), submit(2, 0, 1, 3)]);
    expect(ranking.participantOwnView(state, 'p1', ctx).order).toEqual([2, 0, 1, 3]);
    expect(ranking.participantOwnView(state, 'constructor', ctx).order).toBeNull();
    expect(ranking.participantPublicView(state, ctx).results).toBeNull();
    expect(ranking.screenView(state, ctx).results).toBeNull();
    const revealed = { ...ctx, isRevealed: true };
    expect(ranking.screenView(state, revealed).results?.[0]?.label).toBe('Coldness');
    for (const view of [
      ranking.facilitatorView(state, revealed),
      ranking.participantPublicView(state, revealed),
      ranking.screenView(state, revealed),
    ])
      expect(JSON.stringify(view)).not.toMatch(/p1|Ana/);
  });

  it('summarises with Borda bars and a table, naming shared first places', () => {
    const state = apply(
      ranking.init(config({ items: items('A', 'B', 'C') }), 'seed'),
      [phone('p1'), submit(0, 1, 2)],
      [phone('p2'), submit(1, 0, 2)],
    );
    const summary = ranking.summary(state, ctx);
    expect(summary.headline).toBe('Which sin do we commit most?: “A” and “B” share first place');
    expect(summary.blocks).toContainEqual({
      type: 'bars',
      labels: ['=1. A', '=1. B', '3. C'],
      values: [3, 3, 0],
      unit: 'points',
    });
    expect(summary.blocks).toContainEqual({
      type: 'table',
      columns: ['Rank', 'Item', 'Points', 'First places', 'Places', 'Mean place'],
      rows: [
        ['=1', 'A', '3', '1', '1–2', '1.5'],
        ['=1', 'B', '3', '1', '1–2', '1.5'],
        ['3', 'C', '0', '0', '3', '3'],
      ],
    });
  });
});

describe('ranking replay', () => {
  const ROUND = 'rk';
  const spec: RoundSpec = { id: ROUND, kind: 'ranking', title: 'Sins', config: config() };
  const act = (action: unknown): SessionCommand => ({ type: 'round.act', roundId: ROUND, action });

  it('rebuilds the same orders, totals and views when the log is replayed', () => {
    const live = recordedSession([spec], ['Ana', 'Ben', 'Cai']);
    const [ana = '', ben = '', cai = ''] = live.ids;
    live.must(act(submit(0, 1, 2, 3)), participant(ana));
    live.must(act(submit(1, 0, 3, 2)), participant(ben));
    live.must(act(submit(1, 2, 0, 3)), participant(cai));
    live.must(act(submit(3, 2, 1, 0)), participant(ana));
    expect(refusal(live.state, act(submit(0, 1)), participant(cai)).code).toBe('BAD_REQUEST');
    expect(refusal(live.state, act(submit(0, 1, 2, 2)), participant(cai)).code).toBe(
      'INVALID_ACTION',
    );
    live.must({ type: 'round.reveal' }, SESSION_FACILITATOR);

    const replayed = replay(live.log);
    expect(replayed).toEqual(live.state);
    const half = Math.floor(live.log.length / 2);
    expect(replay(live.log.slice(half), replay(live.log.slice(0, half)))).toEqual(live.state);
    expect(sessionPublicView(replayed, 0)).toEqual(sessionPublicView(live.state, 0));
    const round = replayed.rounds[ROUND]?.state as RankingState;
    expect(round.points).toEqual([3, 7, 4, 4]);
  });
});
