import { own } from '../../own.ts';
import type { ControlChartView, RosterEntry } from '../types.ts';
import { controlChart } from '../../stats/controlChart.ts';
import { expectedRed } from './sampler.ts';
import { bucketSpec, type RedBeadState, type RedBeadSystem, type WorkerSlot } from './model.ts';

/** How a worker is shown: the participant's name, or the simulated worker's. */
export function workerName(
  slot: WorkerSlot,
  roster: Readonly<Record<string, RosterEntry>>,
): string {
  return (slot.participantId && own(roster, slot.participantId)?.name) || slot.name;
}

/** Who drew a paddle: the participant who dipped it, or the simulated worker. */
export function drawerName(
  state: RedBeadState,
  draw: { workerId: string; participantId: string | null },
  roster: Readonly<Record<string, RosterEntry>>,
): string {
  const slot = state.workers.find((w) => w.id === draw.workerId);
  if (draw.participantId)
    return own(roster, draw.participantId)?.name ?? slot?.name ?? draw.workerId;
  return slot?.name ?? draw.workerId;
}

/**
 * A worker slot as its record is shown: everyone who drew for it, in order ("Cleo /
 * Worker C" when Cleo handed over to a simulated worker), or its current holder.
 */
export function slotLabel(
  state: RedBeadState,
  workerId: string,
  roster: Readonly<Record<string, RosterEntry>>,
): string {
  const names = [
    ...new Set(
      state.draws.filter((d) => d.workerId === workerId).map((d) => drawerName(state, d, roster)),
    ),
  ];
  const slot = state.workers.find((w) => w.id === workerId);
  return names.length ? names.join(' / ') : slot ? workerName(slot, roster) : workerId;
}

/** The system a recorded draw came from. */
export function eraOf(state: RedBeadState, drawPosition: number): RedBeadSystem {
  const era = [...state.eras].reverse().find((e) => e.startDraw <= drawPosition) ?? state.eras[0];
  return (
    era ?? { redSharePercent: state.config.redSharePercent, paddleHoles: state.config.paddleHoles }
  );
}

/** A worker's record so far: total red and paddles drawn. */
export interface WorkerTotal {
  workerId: string;
  red: number;
  draws: number;
}

/** Totals per worker, in line order; workers who never drew have zero draws. */
export function workerTotals(state: RedBeadState, upToDay = Infinity): WorkerTotal[] {
  return state.workers.map((w) => {
    const mine = state.draws.filter((d) => d.workerId === w.id && d.day <= upToDay);
    return { workerId: w.id, red: mine.reduce((n, d) => n + d.red, 0), draws: mine.length };
  });
}

/**
 * Management's ranking: fewest red per paddle first. The experiment's point is that it
 * means nothing, since the system, not the worker, makes the red beads.
 */
export function ranking(state: RedBeadState, upToDay = Infinity): WorkerTotal[] {
  return workerTotals(state, upToDay)
    .filter((t) => t.draws > 0)
    .sort((a, b) => a.red / a.draws - b.red / b.draws || a.workerId.localeCompare(b.workerId));
}

/** The best and worst workers so far among those still working (null before any draw). */
export function bestAndWorst(state: RedBeadState): { best: string | null; worst: string | null } {
  const working = new Set(state.workers.filter((w) => w.status !== 'fired').map((w) => w.id));
  const ranked = ranking(state).filter((t) => working.has(t.workerId));
  return { best: ranked[0]?.workerId ?? null, worst: ranked.at(-1)?.workerId ?? null };
}

/** Red per paddle each day: the total, the number of paddles and their average. */
export function dayTotals(
  state: RedBeadState,
): { day: number; red: number; draws: number; average: number }[] {
  const days = [...new Set(state.draws.map((d) => d.day))].sort((a, b) => a - b);
  return days.map((day) => {
    const today = state.draws.filter((d) => d.day === day);
    const red = today.reduce((n, d) => n + d.red, 0);
    return { day, red, draws: today.length, average: red / today.length };
  });
}

/** The recorder's board: one row per worker, one column per day, the counts of each paddle. */
export function recordTable(
  state: RedBeadState,
  roster: Readonly<Record<string, RosterEntry>>,
): {
  columns: string[];
  rows: {
    workerId: string;
    name: string;
    status: WorkerSlot['status'];
    cells: number[][];
    total: number;
  }[];
} {
  const days = Array.from({ length: state.config.days }, (_, i) => i + 1);
  return {
    columns: ['Worker', ...days.map((d) => `Day ${d}`), 'Total'],
    rows: state.workers.map((w) => {
      const cells = days.map((day) =>
        state.draws.filter((d) => d.workerId === w.id && d.day === day).map((d) => d.red),
      );
      return {
        workerId: w.id,
        name: slotLabel(state, w.id, roster),
        status: w.status,
        cells,
        total: cells.flat().reduce((a, b) => a + b, 0),
      };
    }),
  };
}

/** The control chart of every recorded paddle, split where the system changed. */
export function redBeadChart(
  state: RedBeadState,
  roster: Readonly<Record<string, RosterEntry>>,
): ControlChartView {
  const { kind, basis } = state.chart;
  const eras = state.eras.filter((e, i) => i === 0 || e.startDraw < state.draws.length);
  const segmentStarts = eras.map((e) => e.startDraw).filter((s, i) => i === 0 || s > 0);
  const usedEras = eras.slice(eras.length - segmentStarts.length);
  const markers = state.interventions
    .filter((i) => i.beforeDraw <= state.draws.length)
    .map((i) => ({
      beforePoint: i.beforeDraw,
      label: i.text,
      isSystemChange: i.kind === 'newSupplier' || i.kind === 'newPaddle',
    }));
  // The expected value of the system as it stands now (it moves with a system change).
  const now = eraOf(state, state.draws.length);
  const expected =
    kind === 'np' ? expectedRed(bucketSpec(state.config, now)) : now.redSharePercent / 100;
  if (state.draws.length === 0) {
    return {
      title: 'Red beads per paddle',
      kind,
      unit: kind === 'np' ? 'red beads' : 'share red',
      points: [],
      segments: [],
      cumulative: [],
      expected,
      markers,
      signals: [],
    };
  }
  const chart = controlChart({
    samples: state.draws.map((d) => ({ count: d.red, sampleSize: d.sampleSize })),
    basis,
    theoreticalP: usedEras.map((e) => e.redSharePercent / 100),
    segmentStarts: segmentStarts.length ? segmentStarts : [0],
    kind,
  });
  return {
    title: kind === 'np' ? 'Red beads per paddle (np chart)' : 'Share of red per paddle (p chart)',
    kind,
    unit: kind === 'np' ? 'red beads' : 'share red',
    points: chart.points.map((p, i) => {
      const draw = state.draws[i];
      return {
        value: p.value,
        label: draw ? `Day ${draw.day}, ${drawerName(state, draw, roster)}` : '',
        isBeyondLimits: p.isBeyondLimits,
      };
    }),
    segments: chart.segments.map((s) => ({
      start: s.start,
      end: s.end,
      center: s.center,
      lower: s.lower,
      upper: s.upper,
    })),
    cumulative: chart.cumulativeAverages,
    signals: chart.segments.flatMap((s) =>
      s.violations.map((v) => ({ index: v.index, rule: v.rule, description: v.description })),
    ),
    expected,
    markers,
  };
}
