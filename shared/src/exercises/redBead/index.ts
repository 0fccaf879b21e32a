import { dict, own } from '../../own.ts';
import type { ControlChartView, ExerciseDefinition, RosterEntry, RoundContext } from '../types.ts';
import { expectedRed } from './sampler.ts';
import {
  redBeadDebrief,
  predictionOutcome,
  type PredictionOutcome,
  type RedBeadDebrief,
} from './debrief.ts';
import {
  bucketSpec,
  redBeadConfigSchema,
  redBeadFacilitatorActionSchema,
  redBeadParticipantActionSchema,
  type Intervention,
  type Prediction,
  type RedBeadConfig,
  type RedBeadFacilitatorAction,
  type RedBeadParticipantAction,
  type RedBeadRole,
  type RedBeadStage,
  type RedBeadState,
  type RedBeadSystem,
  type WorkerSlot,
} from './model.ts';
import { currentWorker, predictionsOn, reduceRedBead, roleOf } from './reduce.ts';
import { scriptFor, type ScriptSuggestion } from './script.ts';
import { drawerName, recordTable, redBeadChart, workerName, workerTotals } from './stats.ts';

export type {
  RedBeadConfig,
  RedBeadState,
  RedBeadRole,
  RedBeadDebrief,
  PredictionOutcome,
  ScriptSuggestion,
};

/** A worker as the screens show them. */
export interface RedBeadWorkerView {
  id: string;
  name: string;
  status: WorkerSlot['status'];
  hasDoubleShift: boolean;
  isSimulated: boolean;
  red: number;
  draws: number;
}

/** The paddle on show: its beads in hole order, and how far inspection has got. */
export interface RedBeadPaddleView {
  index: number;
  workerId: string;
  workerName: string;
  beads: ('red' | 'white')[];
  red: number;
  confirmations: number;
  isRecorded: boolean;
}

/** What every audience sees of the plant. */
export interface RedBeadCommonView {
  stage: RedBeadStage;
  day: number;
  days: number;
  workers: RedBeadWorkerView[];
  currentWorkerId: string | null;
  paddle: RedBeadPaddleView | null;
  table: ReturnType<typeof recordTable>;
  quota: number | null;
  slogan: string | null;
  interventions: Intervention[];
  system: RedBeadSystem;
  expectedRed: number;
  averageRed: number | null;
  inspectorsNeeded: number;
  /** How the observers' forecasts fared on the last day that ended. */
  lastPredictions: PredictionOutcome | null;
  /** The debrief, once the experiment is over. */
  debrief: RedBeadDebrief | null;
}

export interface RedBeadFacilitatorView extends RedBeadCommonView {
  config: RedBeadConfig;
  roles: {
    workers: { slot: number; workerId: string; participantId: string | null }[];
    inspectors: (string | null)[];
    chief: string | null;
    recorder: string | null;
  };
  /** People present, to assign roles from. */
  people: { id: string; name: string; role: RedBeadRole }[];
  chart: ControlChartView;
  chartSettings: RedBeadState['chart'];
  demo: RedBeadState['demo'];
  predictionsToday: number;
  suggestions: ScriptSuggestion[];
}

export interface RedBeadScreenView extends RedBeadCommonView {
  chart: ControlChartView;
  predictionsToday: number;
}

export interface RedBeadOwnView {
  role: RedBeadRole;
  /** How this participant's own forecast for the last day that ended fared, if they made one. */
  lastPrediction: { day: number; guessedBest: boolean | null; guessedTrend: boolean | null } | null;
  /** The participant's worker slot, when they are a worker. */
  workerId: string | null;
  /** Has this inspector confirmed the paddle waiting for inspection? */
  hasConfirmed: boolean;
  prediction: Prediction | null;
}

export interface RedBeadViews {
  facilitator: RedBeadFacilitatorView;
  participantPublic: RedBeadCommonView;
  participantOwn: RedBeadOwnView;
  screen: RedBeadScreenView;
}

const SLOT_LETTERS = 'ABCDEFGHIJKL';

function system(state: RedBeadState): RedBeadSystem {
  const era = state.eras.at(-1);
  return era
    ? { redSharePercent: era.redSharePercent, paddleHoles: era.paddleHoles }
    : { redSharePercent: state.config.redSharePercent, paddleHoles: state.config.paddleHoles };
}

function lastEndedDay(state: RedBeadState): number {
  return state.stage === 'dayEnded' || state.stage === 'finished' ? state.day : state.day - 1;
}

function commonView(
  state: RedBeadState,
  roster: Readonly<Record<string, RosterEntry>>,
): RedBeadCommonView {
  const totals = new Map(workerTotals(state).map((t) => [t.workerId, t]));
  const paddle = state.lastDraw;
  const redTotal = state.draws.reduce((n, d) => n + d.red, 0);
  return {
    stage: state.stage,
    day: state.day,
    days: state.config.days,
    workers: state.workers.map((w) => ({
      id: w.id,
      name: workerName(w, roster),
      status: w.status,
      hasDoubleShift: w.hasDoubleShift,
      isSimulated: w.participantId === null,
      red: totals.get(w.id)?.red ?? 0,
      draws: totals.get(w.id)?.draws ?? 0,
    })),
    currentWorkerId: currentWorker(state)?.id ?? null,
    paddle: paddle && {
      index: paddle.index,
      workerId: paddle.workerId,
      workerName: drawerName(state, paddle, roster),
      beads: paddle.beads,
      red: paddle.red,
      confirmations: paddle.confirmedBy.length,
      isRecorded: state.pending?.index !== paddle.index,
    },
    table: recordTable(state, roster),
    quota: state.quota,
    slogan: state.slogan,
    interventions: state.interventions,
    system: system(state),
    expectedRed: expectedRed(bucketSpec(state.config, system(state))),
    averageRed: state.draws.length ? redTotal / state.draws.length : null,
    inspectorsNeeded: state.inspectors.filter((i) => i !== null).length,
    lastPredictions: predictionOutcome(state, lastEndedDay(state), roster),
    debrief: state.stage === 'finished' ? redBeadDebrief(state, roster) : null,
  };
}

function predictionsToday(state: RedBeadState): number {
  return state.stage === 'predicting' ? Object.keys(predictionsOn(state, state.day)).length : 0;
}

/** Deming's Red Bead Experiment: willing workers, a bucket of beads, and management's theatre. */
export const redBead: ExerciseDefinition<
  RedBeadConfig,
  RedBeadState,
  RedBeadParticipantAction,
  RedBeadFacilitatorAction,
  RedBeadViews
> = {
  kind: 'redBead',
  label: 'Red Bead Experiment',
  description:
    'Willing workers dip a paddle into a bucket of red and white beads while management rewards, punishes and exhorts them; the control chart shows the system decides.',
  configSchema: redBeadConfigSchema,
  defaultConfig: () => ({
    beads: 4000,
    redSharePercent: 20,
    paddleHoles: 50,
    workers: 6,
    days: 4,
    hasMechanicalBias: false,
    seed: 'red-beads',
  }),
  participantActionSchema: redBeadParticipantActionSchema,
  facilitatorActionSchema: redBeadFacilitatorActionSchema,

  init: (config) => ({
    config,
    workers: Array.from({ length: config.workers }, (_, i) => ({
      id: SLOT_LETTERS[i] ?? String(i),
      name: `Worker ${SLOT_LETTERS[i] ?? i + 1}`,
      participantId: null,
      status: 'working',
      hasDoubleShift: false,
    })),
    inspectors: [null, null],
    chiefInspector: null,
    recorder: null,
    stage: 'setup',
    day: 0,
    turns: [],
    turnIndex: 0,
    pending: null,
    lastDraw: null,
    draws: [],
    dipCount: 0,
    eras: [
      { redSharePercent: config.redSharePercent, paddleHoles: config.paddleHoles, startDraw: 0 },
    ],
    interventions: [],
    quota: null,
    slogan: null,
    isPlantClosed: false,
    predictions: dict(),
    volunteerPicks: 0,
    chart: { kind: 'np', basis: 'theory' },
    demo: { isOn: false, intervalMs: 1500 },
  }),

  reduce: reduceRedBead,

  facilitatorView(state, ctx) {
    const upcoming =
      state.stage === 'working' || state.stage === 'predicting' ? state.day : state.day + 1;
    return {
      ...commonView(state, ctx.roster),
      config: state.config,
      roles: {
        workers: state.workers.map((w, slot) => ({
          slot,
          workerId: w.id,
          participantId: w.participantId,
        })),
        inspectors: state.inspectors,
        chief: state.chiefInspector,
        recorder: state.recorder,
      },
      people: Object.values(ctx.roster)
        .filter((p) => !p.hasLeft)
        .map((p) => ({ id: p.id, name: p.name, role: roleOf(state, p.id) })),
      chart: redBeadChart(state, ctx.roster),
      chartSettings: state.chart,
      demo: state.demo,
      predictionsToday: predictionsToday(state),
      suggestions: state.stage === 'finished' ? [] : scriptFor(upcoming, state.config.days),
    };
  },

  participantPublicView: (state, ctx) => commonView(state, ctx.roster),

  participantOwnView(state, participantId, ctx) {
    const role = roleOf(state, participantId);
    const outcome = predictionOutcome(state, lastEndedDay(state), ctx.roster);
    const mine = outcome ? own(predictionsOn(state, outcome.day), participantId) : undefined;
    return {
      role,
      lastPrediction:
        outcome && mine
          ? {
              day: outcome.day,
              guessedBest:
                mine.bestWorkerId === null
                  ? null
                  : outcome.bestWorkerIds.includes(mine.bestWorkerId),
              guessedTrend:
                mine.trend === null || outcome.trend === null ? null : mine.trend === outcome.trend,
            }
          : null,
      workerId:
        state.workers.find((w) => w.participantId === participantId && w.status !== 'fired')?.id ??
        null,
      hasConfirmed: state.pending?.confirmedBy.includes(participantId) ?? false,
      prediction:
        state.stage === 'predicting'
          ? (own(predictionsOn(state, state.day), participantId) ?? null)
          : null,
    };
  },

  screenView: (state, ctx) => ({
    ...commonView(state, ctx.roster),
    chart: redBeadChart(state, ctx.roster),
    predictionsToday: predictionsToday(state),
  }),

  // The chief's announcement clears the inspectors' "confirmed" marks on their phones.
  hasSharedOwnViews: true,

  // "Lock answers" pauses the plant; there are no hidden results to reveal.
  roundControls: ['open'],
  submittedCount: (state) => state.draws.length,

  summary(state, ctx: RoundContext) {
    const debrief = redBeadDebrief(state, ctx.roster);
    const table = recordTable(state, ctx.roster);
    const average =
      debrief.averageRed === null
        ? 'no paddles drawn'
        : `${debrief.averageRed.toFixed(1)} red per paddle`;
    return {
      headline: `Red beads: ${average} (expected ${debrief.expectedRed.toFixed(1)}); ${debrief.pointsBeyondLimits} of ${debrief.draws} beyond the control limits`,
      blocks: [
        { type: 'controlChart', chart: redBeadChart(state, ctx.roster) },
        {
          type: 'table',
          columns: table.columns,
          rows: table.rows.map((r) => [
            `${r.name}${r.status === 'fired' ? ' (fired)' : ''}`,
            ...r.cells.map((c) => c.join(' + ')),
            String(r.total),
          ]),
        },
        {
          type: 'list',
          title: 'The ranking that meant nothing',
          items: debrief.ranking.map(
            (r, i) => `${i + 1}. ${r.name}: ${r.average.toFixed(1)} red per paddle`,
          ),
        },
        {
          type: 'list',
          title: 'Interventions',
          items: debrief.interventions.map(
            (i) =>
              `Day ${i.day}: ${i.text}` +
              (i.averageBefore !== null && i.averageAfter !== null
                ? ` (average ${i.averageBefore.toFixed(1)} before, ${i.averageAfter.toFixed(1)} after)`
                : ''),
          ),
        },
        { type: 'list', title: 'Questions for discussion', items: debrief.questions },
      ],
    };
  },

  actionPlanPrompt: () =>
    'Which result in my own team do I judge people by, when the system decides it? What will I change about that?',

  automation(state) {
    if (!state.demo.isOn) return null;
    const worker = currentWorker(state);
    // Simulated workers dip on their own; people still dip, inspect and record themselves.
    if (worker && worker.participantId === null)
      return { action: { type: 'dip' }, delayMs: state.demo.intervalMs };
    return null;
  },
};
