import type { Actor, RoundContext } from '../types.ts';
import { createRandom, deriveSeed } from '../../random.ts';
import { dict, own } from '../../own.ts';
import { fail, ok, type Result } from '../../result.ts';
import { withEntry, type Draft } from '../records.ts';
import { drawPaddle } from './sampler.ts';
import {
  bucketSpec,
  type Intervention,
  type RedBeadFacilitatorAction,
  type RedBeadParticipantAction,
  type RedBeadRole,
  type Prediction,
  type RedBeadState,
  type WorkerSlot,
} from './model.ts';
import { bestAndWorst, ranking, workerName } from './stats.ts';

/** The predictions made for `day`, by participant id (empty when none). */
export function predictionsOn(
  state: RedBeadState,
  day: number,
): Readonly<Record<string, Prediction>> {
  return own<Record<string, Prediction>>(state.predictions, String(day)) ?? dict();
}

/** A participant's role in the experiment; everyone not given one observes. */
export function roleOf(state: RedBeadState, participantId: string): RedBeadRole {
  if (state.workers.some((w) => w.participantId === participantId && w.status !== 'fired'))
    return 'worker';
  if (state.chiefInspector === participantId) return 'chief';
  if (state.inspectors.includes(participantId)) return 'inspector';
  if (state.recorder === participantId) return 'recorder';
  return 'observer';
}

/** The worker slot whose turn it is, if a paddle may be dipped now. */
export function currentWorker(state: RedBeadState): WorkerSlot | null {
  if (state.stage !== 'working' || state.pending) return null;
  const id = state.turns[state.turnIndex];
  return state.workers.find((w) => w.id === id) ?? null;
}

/** The day an intervention made now is for: the running day, or the next one between days. */
function upcomingDay(state: RedBeadState): number {
  return state.stage === 'working' || state.stage === 'predicting' ? state.day : state.day + 1;
}

function intervene(
  state: RedBeadState,
  kind: Intervention['kind'],
  text: string,
  workerIds: string[] = [],
): RedBeadState {
  return {
    ...state,
    interventions: [
      ...state.interventions,
      { kind, day: upcomingDay(state), beforeDraw: state.draws.length, text, workerIds },
    ],
  };
}

/** Writes the pending paddle into the record and moves to the next turn or ends the day. */
function record(state: RedBeadState): RedBeadState {
  const pending = state.pending;
  if (!pending) return state;
  const turnIndex = state.turnIndex + 1;
  const isDayOver = turnIndex >= state.turns.length;
  const isLastDay = state.day >= state.config.days;
  return {
    ...state,
    pending: null,
    draws: [
      ...state.draws,
      {
        index: pending.index,
        day: state.day,
        workerId: pending.workerId,
        participantId: pending.participantId,
        red: pending.red,
        sampleSize: pending.beads.length,
      },
    ],
    turnIndex,
    stage: isDayOver ? (isLastDay ? 'finished' : 'dayEnded') : 'working',
  };
}

function hasInspection(state: RedBeadState): boolean {
  return state.inspectors.some((i) => i !== null) || state.chiefInspector !== null;
}

function dip(state: RedBeadState, worker: WorkerSlot): RedBeadState {
  const era = state.eras.at(-1) ?? {
    redSharePercent: state.config.redSharePercent,
    paddleHoles: state.config.paddleHoles,
  };
  const { beads, red } = drawPaddle(
    bucketSpec(state.config, era),
    deriveSeed(state.config.seed, 'draw', String(state.dipCount)),
  );
  const pending = {
    index: state.dipCount,
    workerId: worker.id,
    participantId: worker.participantId,
    beads,
    red,
    confirmedBy: [],
  };
  const next = { ...state, pending, lastDraw: pending, dipCount: state.dipCount + 1 };
  // Without inspectors the paddle goes straight onto the record.
  return hasInspection(next) ? next : record(next);
}

function turnsFor(workers: WorkerSlot[]): string[] {
  return workers
    .filter((w) => w.status !== 'fired')
    .flatMap((w) => (w.hasDoubleShift ? [w.id, w.id] : [w.id]));
}

function assignedIds(state: RedBeadState): Set<string> {
  const ids = [
    ...state.workers.filter((w) => w.status !== 'fired').map((w) => w.participantId),
    ...state.inspectors,
    state.chiefInspector,
    state.recorder,
  ];
  return new Set(ids.filter((id): id is string => id !== null));
}

/** Fills every empty role with participants picked at random (seeded, so a replay picks the same). */
function pickVolunteers(state: RedBeadState, ctx: RoundContext): RedBeadState {
  const taken = assignedIds(state);
  const pool = Object.values(ctx.roster)
    .filter((p) => !p.hasLeft && !taken.has(p.id))
    .map((p) => p.id);
  const random = createRandom(
    deriveSeed(state.config.seed, 'volunteers', String(state.volunteerPicks)),
  );
  const take = (): string | null =>
    pool.length ? (pool.splice(random.int(pool.length), 1)[0] ?? null) : null;
  const workers = state.workers.map((w) =>
    w.participantId === null && w.status !== 'fired' ? { ...w, participantId: take() } : w,
  );
  const inspectors = state.inspectors.map((i) => i ?? take());
  const chiefInspector = state.chiefInspector ?? take();
  const recorder = state.recorder ?? take();
  return {
    ...state,
    workers,
    inspectors,
    chiefInspector,
    recorder,
    volunteerPicks: state.volunteerPicks + 1,
  };
}

/** Takes a participant out of every role, so they hold one at a time. */
function unassign(state: RedBeadState, participantId: string): RedBeadState {
  const clear = (id: string | null) => (id === participantId ? null : id);
  return {
    ...state,
    workers: state.workers.map((w) =>
      w.participantId === participantId ? { ...w, participantId: null } : w,
    ),
    inspectors: state.inspectors.map(clear),
    chiefInspector: clear(state.chiefInspector),
    recorder: clear(state.recorder),
  };
}

function facilitatorReduce(
  state: RedBeadState,
  action: RedBeadFacilitatorAction,
  ctx: RoundContext,
): Result<RedBeadState> {
  const isFinished = state.stage === 'finished';
  switch (action.type) {
    case 'assign': {
      if (action.participantId && !own(ctx.roster, action.participantId))
        return fail('NOT_FOUND', 'No such participant');
      const cleared = action.participantId ? unassign(state, action.participantId) : state;
      const who = action.participantId;
      if (action.role === 'worker') {
        if (!state.workers[action.slot]) return fail('INVALID_ACTION', 'No such worker');
        return ok({
          ...cleared,
          workers: cleared.workers.map((w, i) =>
            i === action.slot ? { ...w, participantId: who } : w,
          ),
        });
      }
      if (action.role === 'inspector') {
        if (action.slot > 1) return fail('INVALID_ACTION', 'There are two inspectors');
        return ok({
          ...cleared,
          inspectors: cleared.inspectors.map((p, i) => (i === action.slot ? who : p)),
        });
      }
      return ok(
        action.role === 'chief'
          ? { ...cleared, chiefInspector: who }
          : { ...cleared, recorder: who },
      );
    }
    case 'pickVolunteers':
      return ok(pickVolunteers(state, ctx));
    case 'openPredictions':
      if (state.stage !== 'setup' && state.stage !== 'dayEnded') {
        return fail('CONFLICT', 'Predictions open between days');
      }
      return ok({ ...state, stage: 'predicting', day: state.day + 1 });
    case 'startDay': {
      if (state.stage !== 'setup' && state.stage !== 'dayEnded' && state.stage !== 'predicting') {
        return fail('CONFLICT', isFinished ? 'The experiment is over' : 'A day is already running');
      }
      const turns = turnsFor(state.workers);
      if (turns.length === 0) return fail('CONFLICT', 'Every worker has been fired');
      return ok({
        ...state,
        stage: 'working',
        day: state.stage === 'predicting' ? state.day : state.day + 1,
        turns,
        turnIndex: 0,
      });
    }
    case 'dip': {
      const worker = currentWorker(state);
      if (!worker)
        return fail(
          'CONFLICT',
          state.pending ? 'The inspectors are still counting' : 'No paddle to dip now',
        );
      return ok(dip(state, worker));
    }
    case 'record':
      if (!state.pending) return fail('CONFLICT', 'There is no paddle to record');
      return ok(record(state));
    case 'quota':
      return ok({
        ...intervene(state, 'quota', `Quota: no more than ${action.max} red beads`),
        quota: action.max,
      });
    case 'slogan':
      return ok({ ...intervene(state, 'slogan', `Slogan: “${action.text}”`), slogan: action.text });
    case 'reward': {
      const { best, worst } = bestAndWorst(state);
      const workerId = action.workerId ?? (action.kind === 'probation' ? worst : best);
      const worker = state.workers.find((w) => w.id === workerId);
      if (!worker)
        return fail('CONFLICT', 'Nobody has drawn yet, so there is nobody to single out');
      // Probation would otherwise overwrite 'fired' and put the worker back on the line.
      const name = workerName(worker, ctx.roster);
      if (worker.status === 'fired') return fail('CONFLICT', `${name} has been fired`);
      const text = {
        praise: `Praise for ${name}`,
        bonus: `Bonus for ${name}`,
        probation: `${name} on probation`,
      }[action.kind];
      const next = intervene(state, action.kind, text, [worker.id]);
      if (action.kind !== 'probation') return ok(next);
      return ok({
        ...next,
        workers: next.workers.map((w) => (w.id === worker.id ? { ...w, status: 'probation' } : w)),
      });
    }
    case 'fireWorst': {
      if (state.stage === 'working')
        return fail('CONFLICT', 'Fire workers between days, not during one');
      const ranked = ranking(state).filter(
        (t) => state.workers.find((w) => w.id === t.workerId)?.status !== 'fired',
      );
      if (ranked.length < 2 * action.count) {
        return fail(
          'CONFLICT',
          `Firing ${action.count} needs at least ${2 * action.count} workers with a record`,
        );
      }
      const best = ranked.slice(0, action.count).map((t) => t.workerId);
      const worst = ranked.slice(-action.count).map((t) => t.workerId);
      const names = (ids: string[]) =>
        ids
          .map((id) => workerName(state.workers.find((w) => w.id === id) as WorkerSlot, ctx.roster))
          .join(', ');
      const next = intervene(
        state,
        'fire',
        `Fired ${names(worst)}; double shifts for ${names(best)}`,
        [...worst, ...best],
      );
      return ok({
        ...next,
        workers: next.workers.map((w) =>
          worst.includes(w.id)
            ? { ...w, status: 'fired' }
            : best.includes(w.id)
              ? { ...w, hasDoubleShift: true }
              : w,
        ),
      });
    }
    case 'closePlant':
      if (isFinished) return fail('CONFLICT', 'The experiment is already over');
      return ok({
        ...intervene(state, 'closePlant', 'The plant is closed'),
        isPlantClosed: true,
        stage: 'finished',
        pending: null,
      });
    case 'newSupplier':
    case 'newPaddle': {
      if (state.stage === 'working') return fail('CONFLICT', 'Change the system between days');
      const era = state.eras.at(-1) ?? {
        redSharePercent: state.config.redSharePercent,
        paddleHoles: state.config.paddleHoles,
        startDraw: 0,
      };
      const system =
        action.type === 'newSupplier'
          ? { ...era, redSharePercent: action.redSharePercent }
          : { ...era, paddleHoles: action.paddleHoles };
      if (system.paddleHoles > state.config.beads)
        return fail('INVALID_ACTION', 'The paddle cannot hold more beads than the bucket');
      const text =
        action.type === 'newSupplier'
          ? `System change: new supplier, ${action.redSharePercent}% red`
          : `System change: new paddle, ${action.paddleHoles} holes`;
      const next = intervene(state, action.type, text);
      const startDraw = state.draws.length;
      // A change made before any draw since the last one replaces it: one era per stretch of draws.
      const eras = [...state.eras.filter((e) => e.startDraw < startDraw), { ...system, startDraw }];
      return ok({ ...next, eras });
    }
    case 'chart':
      return ok({
        ...state,
        chart: { kind: action.kind ?? state.chart.kind, basis: action.basis ?? state.chart.basis },
      });
    case 'demo':
      return ok({ ...state, demo: { isOn: action.isOn, intervalMs: action.intervalMs } });
    case 'finish':
      if (isFinished) return fail('CONFLICT', 'The experiment is already over');
      return ok({ ...state, stage: 'finished', pending: null });
    default: {
      const unreachable: never = action;
      throw new Error(`Unhandled action ${JSON.stringify(unreachable)}`);
    }
  }
}

function participantReduce(
  state: RedBeadState,
  action: RedBeadParticipantAction,
  participantId: string,
  draft: Draft | undefined,
): Result<RedBeadState> {
  switch (action.type) {
    case 'dip': {
      const worker = currentWorker(state);
      if (!worker || worker.participantId !== participantId) {
        return fail(
          'FORBIDDEN',
          state.pending ? 'Wait for the inspectors' : 'It is not your turn to dip',
        );
      }
      return ok(dip(state, worker));
    }
    case 'confirm': {
      const pending = state.pending;
      if (!pending || pending.index !== action.drawIndex) {
        return fail('CONFLICT', 'That paddle is no longer waiting for inspection');
      }
      const isInspector = state.inspectors.includes(participantId);
      const isChief = state.chiefInspector === participantId;
      if (!isInspector && !isChief) return fail('FORBIDDEN', 'Only the inspectors confirm counts');
      if (isInspector && !isChief) {
        if (pending.confirmedBy.includes(participantId))
          return fail('CONFLICT', 'You have confirmed this paddle');
        const confirmed = { ...pending, confirmedBy: [...pending.confirmedBy, participantId] };
        const next = { ...state, pending: confirmed, lastDraw: confirmed };
        const allInspectors = state.inspectors.every(
          (i) => i === null || confirmed.confirmedBy.includes(i),
        );
        // With no chief inspector, the inspectors' agreement is the announcement.
        return ok(allInspectors && state.chiefInspector === null ? record(next) : next);
      }
      const waiting = state.inspectors.filter(
        (i) => i !== null && !pending.confirmedBy.includes(i),
      );
      if (waiting.length > 0) return fail('CONFLICT', 'Wait until both inspectors have counted');
      return ok(record(state));
    }
    case 'predict': {
      if (state.stage !== 'predicting' || state.day !== action.day) {
        return fail('ROUND_LOCKED', 'Predictions are closed for that day');
      }
      if (roleOf(state, participantId) === 'worker')
        return fail('FORBIDDEN', 'Workers do not predict');
      if (
        action.bestWorkerId !== null &&
        !state.workers.some((w) => w.id === action.bestWorkerId && w.status !== 'fired')
      ) {
        return fail('INVALID_ACTION', 'No such worker');
      }
      const day = withEntry(
        predictionsOn(state, action.day),
        participantId,
        {
          bestWorkerId: action.bestWorkerId,
          trend: action.trend,
        },
        draft,
      );
      return ok({
        ...state,
        predictions: withEntry(state.predictions, String(action.day), day, draft),
      });
    }
    default: {
      const unreachable: never = action;
      throw new Error(`Unhandled action ${JSON.stringify(unreachable)}`);
    }
  }
}

/** Applies one action: only the current worker dips, once per turn; only inspectors confirm; management is the facilitator's. */
export function reduceRedBead(
  state: RedBeadState,
  action: RedBeadFacilitatorAction | RedBeadParticipantAction,
  actor: Actor,
  ctx: RoundContext,
): Result<RedBeadState> {
  if (actor.role === 'facilitator') {
    if (action.type === 'confirm' || action.type === 'predict')
      return fail('FORBIDDEN', 'Participants do that');
    return facilitatorReduce(state, action, ctx);
  }
  if (action.type !== 'dip' && action.type !== 'confirm' && action.type !== 'predict') {
    return fail('FORBIDDEN', 'Only the facilitator manages the plant');
  }
  // "Lock answers" on the console pauses the plant for everyone but management.
  if (!ctx.isOpen) return fail('ROUND_LOCKED', 'The facilitator has paused the plant');
  return participantReduce(state, action, actor.participantId, ctx.draft);
}
