import { describe, expect, it } from 'vitest';
import { applyViewPatch, createRandom, diffViews, type PatchOp } from '@playfield/shared';

/** What a view looks like after a trip through JSON, as the console receives it. */
const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Diffs, sends ops and base through JSON, applies: the console must end up with `after`. */
function roundTrip(before: unknown, after: unknown): { result: unknown; ops: PatchOp[] } {
  const ops = diffViews(before, after);
  const result = applyViewPatch(wire(before), wire(ops));
  return { result, ops };
}

const roster = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `p${i}`,
    name: `Person ${i}`,
    isOnline: i % 2 === 0,
  }));

describe('console view patches', () => {
  it('turns one view into the next through JSON, for every kind of change', () => {
    const before = {
      session: { id: 's1', title: 'Workshop', phase: 'live' },
      roster: roster(5),
      round: { kind: 'poll', view: { counts: [1, 2, 0], voters: [['A'], ['B', 'C'], []] } },
      timer: { endsAt: 10, remainingMs: 5 },
      qa: { questions: [] },
    };
    const after = {
      session: { id: 's1', title: 'Workshop renamed', phase: 'live' },
      roster: [...roster(5).slice(0, 4), { id: 'p4', name: 'Person 4', isOnline: true }],
      round: { kind: 'poll', view: { counts: [1, 3, 0], voters: [['A'], ['B', 'C', 'D'], []] } },
      timer: null,
      qa: { questions: [{ id: 'q1', text: 'Why?' }] },
      teams: { list: [] },
    };
    const { result, ops } = roundTrip(before, after);
    expect(result).toEqual(after);
    // Small changes travel as small operations, not as the whole view.
    expect(JSON.stringify(ops).length).toBeLessThan(JSON.stringify(after).length / 2);
  });

  it('sends nothing for the same view, and skips parts that are the same object', () => {
    const shared = roster(3000);
    expect(diffViews({ roster: shared, n: 1 }, { roster: shared, n: 1 })).toEqual([]);
    expect(diffViews({ roster: shared, n: 1 }, { roster: shared, n: 2 })).toEqual([
      ['s', ['n'], 2],
    ]);
  });

  it('appends to and cuts arrays, deletes keys, and reads undefined as JSON does', () => {
    const before = { list: [1, 2, 3], gone: 'x', maybe: 1, nested: { a: [{ b: 1 }] } };
    const after = { list: [1, 2], maybe: undefined, nested: { a: [{ b: 1 }, { b: 2 }] } };
    const { result } = roundTrip(before, after);
    expect(result).toEqual(wire(after));
    expect(roundTrip(after, before).result).toEqual(before);
    expect(roundTrip([1, 2], [1, 2, 3, 4]).result).toEqual([1, 2, 3, 4]);
    expect(roundTrip({ a: 1 }, [1]).result).toEqual([1]);
    expect(roundTrip(null, { a: 1 }).result).toEqual({ a: 1 });
  });

  it('sends an array whole when an insertion at its start shifts every element', () => {
    const before = roster(200);
    const after = [{ id: 'new', name: 'First', isOnline: true }, ...before];
    const { result, ops } = roundTrip(before, after);
    expect(result).toEqual(after);
    expect(ops).toHaveLength(1);
  });

  it('leaves the view it patches untouched and shares every part a patch leaves alone', () => {
    const before = { roster: roster(10), round: { counts: [0, 0] }, other: { a: 1 } };
    const frozen = structuredClone(before);
    const ops: PatchOp[] = [
      ['s', ['round', 'counts', 0], 1],
      ['s', ['round', 'counts', 1], 1],
    ];
    const after = applyViewPatch(before, ops);
    expect(before).toEqual(frozen);
    expect(after.round.counts).toEqual([1, 1]);
    expect(after.roster).toBe(before.roster);
    expect(after.other).toBe(before.other);
  });

  it('refuses a patch that does not fit the view or that reaches a prototype', () => {
    expect(() => applyViewPatch({ a: 1 }, [['s', ['a', 'b', 'c'], 1]])).toThrow();
    expect(() => applyViewPatch({ list: [1] }, [['s', ['list', 5], 1]])).toThrow();
    expect(() => applyViewPatch({ a: {} }, [['s', ['a', '__proto__', 'polluted'], 1]])).toThrow();
    expect(() => applyViewPatch({ a: 1 }, [['l', ['a'], 0]])).toThrow();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('round-trips random edits of a large view (seeded)', () => {
    const random = createRandom('view-patch');
    let view: { roster: { id: string; name: string; isOnline: boolean }[]; counts: number[] } = {
      roster: roster(50),
      counts: [0, 0, 0],
    };
    let held = wire(view);
    for (let step = 0; step < 300; step++) {
      const next = { roster: [...view.roster], counts: [...view.counts] };
      const pick = random.int(4);
      if (pick === 0) next.roster.push({ id: `n${step}`, name: `N ${step}`, isOnline: true });
      if (pick === 1 && next.roster.length > 0)
        next.roster.splice(random.int(next.roster.length), 1);
      if (pick === 2) {
        const i = random.int(next.roster.length);
        const seat = next.roster[i];
        if (seat) next.roster[i] = { ...seat, isOnline: !seat.isOnline };
      }
      if (pick === 3) next.counts[random.int(3)] = random.int(100);
      held = applyViewPatch(held, wire(diffViews(view, next)));
      view = next;
      expect(held).toEqual(view);
    }
  });
});
