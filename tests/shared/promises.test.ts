import { describe, expect, it } from 'vitest';
import {
  getExercise,
  participantOwnView,
  participantPublicView,
  replay,
  screenView,
  type Actor,
  type RoundSpec,
} from '@playfield/shared';
import {
  promises,
  promisesConfigSchema,
  simulatePromise,
  simulatePromises,
  type PromisesState,
} from '@playfield/shared/exercises/promises/index';
import { exerciseContext, FACILITATOR, participant, recordedSession } from './sessionHarness.ts';

const ANA = { id: 'p-ana', name: 'Ana' };
const BEN = { id: 'p-ben', name: 'Ben' };
const ctx = (overrides = {}) => exerciseContext([ANA, BEN], overrides);
const asP = (id: string): Actor => ({ role: 'participant', participantId: id });

function init(): PromisesState {
  return promises.init(promises.defaultConfig(), 'seed');
}

describe('the customer-base model', () => {
  it('tells the seed’s story: under keeps fewer, realistic grows, over wins then loses', () => {
    const [under, realistic, over] = simulatePromises(1000, 8);
    expect(under?.outcome).toBe('grows');
    expect(realistic?.outcome).toBe('grows');
    expect(over?.outcome).toBe('shrinks');
    // Over-promising wins more customers at first…
    expect(over?.customers[1]).toBeGreaterThan(realistic?.customers[1] ?? Infinity);
    expect(over?.customers[1]).toBeGreaterThan(under?.customers[1] ?? Infinity);
    // …then ends with the fewest, and the fewest satisfied.
    expect(over?.customers.at(-1)).toBeLessThan(300);
    // Under-promising: fewer customers than realistic, but the most satisfied share.
    expect(under?.customers.at(-1)).toBeLessThan(realistic?.customers.at(-1) ?? 0);
    const share = (s: typeof under) => (s?.satisfied.at(-1) ?? 0) / (s?.customers.at(-1) ?? 1);
    expect(share(under)).toBeGreaterThan(share(realistic));
    expect(share(realistic)).toBeGreaterThan(share(over));
  });

  it('is deterministic and sized by its settings', () => {
    expect(simulatePromise('over', 500, 12)).toEqual(simulatePromise('over', 500, 12));
    const series = simulatePromise('realistic', 500, 12);
    expect(series.customers).toHaveLength(13);
    expect(series.customers[0]).toBe(500);
    // By hand: 500 x 0.92 + 50 = 510; reputation 0.03, so 510 x 0.92 + 51.5 = 520.7.
    expect(series.customers.slice(0, 3)).toEqual([500, 510, 521]);
  });
});

describe('promises settings', () => {
  it('accepts the default and refuses sizes out of range with readable messages', () => {
    expect(promisesConfigSchema.safeParse(promises.defaultConfig()).success).toBe(true);
    const bad = promisesConfigSchema.safeParse({ ...promises.defaultConfig(), periods: 40 });
    expect(bad.error?.issues[0]?.message).toBe('Run at most 16 periods');
    const blank = promisesConfigSchema.safeParse({
      ...promises.defaultConfig(),
      promises: { under: ' ', realistic: 'x', over: 'y' },
    });
    expect(blank.error?.issues[0]?.message).toBe('The under-promise must not be empty');
  });
});

describe('predictions', () => {
  it('keeps one prediction per promise and person, with tallies kept as they change', () => {
    let state = init();
    for (const [actor, scenario, outcome] of [
      [asP(ANA.id), 'over', 'grows'],
      [asP(BEN.id), 'over', 'shrinks'],
      [asP(ANA.id), 'under', 'shrinks'],
      [asP(ANA.id), 'over', 'steady'],
    ] as const) {
      const result = promises.reduce(state, { type: 'predict', scenario, outcome }, actor, ctx());
      if (!result.ok) throw new Error(result.error.message);
      state = result.data;
    }
    expect(state.tallies).toEqual({ under: [0, 0, 1], realistic: [0, 0, 0], over: [0, 1, 1] });
    expect(state.predictors).toBe(2);
    expect(promises.participantOwnView(state, ANA.id, ctx())).toEqual({
      predictions: { over: 'steady', under: 'shrinks' },
    });
    expect(promises.submittedCount(state)).toBe(2);
  });

  it('refuses predictions when closed or revealed, and from the facilitator', () => {
    const state = init();
    const predict = { type: 'predict', scenario: 'over', outcome: 'grows' } as const;
    const code = (r: ReturnType<typeof promises.reduce>) => (r.ok ? 'OK' : r.error.code);
    expect(code(promises.reduce(state, predict, asP(ANA.id), ctx({ isOpen: false })))).toBe(
      'ROUND_LOCKED',
    );
    expect(code(promises.reduce(state, predict, asP(ANA.id), ctx({ isRevealed: true })))).toBe(
      'ROUND_LOCKED',
    );
    expect(code(promises.reduce(state, predict, FACILITATOR, ctx()))).toBe('FORBIDDEN');
    const parse = getExercise('promises')?.parseAction('participant', {
      type: 'predict',
      scenario: '__proto__',
      outcome: 'grows',
    });
    expect(parse?.ok).toBe(false);
  });

  it('shows the curves to the room only once revealed, and never a name', () => {
    let state = init();
    const r = promises.reduce(
      state,
      { type: 'predict', scenario: 'over', outcome: 'grows' },
      asP(ANA.id),
      ctx(),
    );
    if (r.ok) state = r.data;
    expect(promises.screenView(state, ctx()).results).toBeNull();
    expect(promises.participantPublicView(state, ctx()).results).toBeNull();
    const shown = promises.screenView(state, ctx({ isRevealed: true }));
    expect(shown.results?.tallies.over).toEqual([1, 0, 0]);
    expect(JSON.stringify(shown)).not.toContain('Ana');
    expect(JSON.stringify(promises.facilitatorView(state, ctx()))).not.toContain('Ana');
    const summary = promises.summary(state, ctx());
    expect(JSON.stringify(summary)).not.toContain('Ana');
    const block = summary.blocks[2];
    expect(block?.type === 'list' ? block.items : []).toContainEqual(
      expect.stringMatching(
        /^Over-promise: shrinks to \d+ customers, \d+% satisfied; 0 of 1 predicted it\.$/,
      ),
    );
  });
});

describe('a promises round in a session', () => {
  it('replays its log to the same state and views', () => {
    const round = {
      id: 'r1',
      kind: 'promises',
      title: 'Promises',
      config: promises.defaultConfig(),
    } as RoundSpec;
    const room = recordedSession([round], ['Ana', 'Ben', 'Cleo']);
    room.must({ type: 'round.open' }, FACILITATOR);
    const outcomes = ['grows', 'steady', 'shrinks'] as const;
    room.ids.forEach((id, i) => {
      for (const scenario of ['under', 'realistic', 'over'] as const) {
        room.must(
          {
            type: 'round.act',
            roundId: 'r1',
            action: { type: 'predict', scenario, outcome: outcomes[i % 3] },
          },
          participant(id),
        );
      }
    });
    room.must({ type: 'round.reveal' }, FACILITATOR);
    const replayed = replay(room.log);
    expect(replayed).toEqual(room.state);
    const at = 2_000_000_000_000;
    expect(screenView(replayed, new Set(), at)).toEqual(screenView(room.state, new Set(), at));
    expect(participantPublicView(replayed, at)).toEqual(participantPublicView(room.state, at));
    expect(participantOwnView(replayed, room.ids[0] ?? '', at)).toEqual(
      participantOwnView(room.state, room.ids[0] ?? '', at),
    );
  });
});
