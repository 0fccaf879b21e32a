import type { ExerciseDefinition, RosterEntry, RoundContext } from '../types.ts';
import { dict, own } from '../../own.ts';
import { fail, ok, type Result } from '../../result.ts';
import { copyRecord, withEntry, withoutEntry } from '../records.ts';
import {
  advanceQueue,
  customerInStore,
  initQueue,
  queueMetrics,
  upcomingArrival,
  withPolicy,
  type QueueState,
  type StaffingPolicy,
} from './queue.ts';
import {
  demandOf,
  fineLineConfigSchema,
  fineLineFacilitatorActionSchema,
  fineLineParticipantActionSchema,
  MOOD_INTERVAL_MS,
  TICK_MS,
  type FineLineConfig,
  type FineLineFacilitatorAction,
  type FineLineParticipantAction,
  type FineLineRun,
  type FineLineState,
  type Shopper,
} from './model.ts';

export type { FineLineConfig, FineLineState };

/** Where a participant's customer is. */
export type ShopperStatus =
  | { kind: 'arriving'; inMinutes: number }
  | { kind: 'waiting'; place: number; waitedMinutes: number }
  | { kind: 'atRegister'; register: number; waitedMinutes: number }
  | { kind: 'done' };

export interface RegisterView {
  id: number;
  state: 'closed' | 'opening' | 'idle' | 'busy';
}

/** One point of the live charts, per simulated minute. */
export interface FineLinePoint {
  t: number;
  waiting: number;
  averageWait: number;
  openRegisters: number;
  cost: number;
  mood: number | null;
}

/** A run's results, for the side-by-side comparison. */
export interface RunComparison {
  id: number;
  label: string;
  /** The policy in force at the end of the run. */
  policy: StaffingPolicy;
  /**
   * The policy in force from each minute on: the start (minute 0) and every change made
   * during the run, the last {@link POLICY_CHANGES_SHOWN} of them. A run labelled only by
   * the policy it ended with would hide a mid-run change.
   */
  policySteps: { t: number; policy: StaffingPolicy }[];
  /** Mid-run changes left out of `policySteps` (a busy management team). */
  policyStepsLeftOut: number;
  averageWait: number;
  worstWait: number;
  pastPatienceShare: number;
  averageMood: number | null;
  staffingCost: number;
  customers: number;
  /** Store minutes the run covered: compare runs of equal length. */
  minutes: number;
}

export interface FineLineCommonView {
  status: FineLineState['status'];
  clock: number;
  durationMinutes: number;
  speed: number;
  policy: StaffingPolicy;
  runLabel: string;
  registers: RegisterView[];
  waitingCount: number;
  /** The first people in line: how long each has waited, and whether they are one of us. */
  line: { waitedMinutes: number; isParticipant: boolean; name: string | null }[];
  points: FineLinePoint[];
  runs: RunComparison[];
  /** The point of the exercise, once a run has finished. */
  debrief: string[] | null;
}

export interface FineLineFacilitatorView extends FineLineCommonView {
  config: FineLineConfig;
  people: { id: string; name: string; isManager: boolean }[];
}

export interface FineLineOwnView {
  status: ShopperStatus | null;
  mood: number | null;
  isManager: boolean;
  visits: number;
  /** How long the participant waited on their previous visit. */
  lastWaitMinutes: number | null;
}

export interface FineLineViews {
  facilitator: FineLineFacilitatorView;
  participantPublic: FineLineCommonView;
  participantOwn: FineLineOwnView;
  screen: FineLineCommonView;
}

const LINE_SHOWN = 30;

function currentRun(state: FineLineState): FineLineRun {
  const run = state.runs.at(-1);
  if (!run) throw new Error('A Fine Line round always has a run');
  return run;
}

function replaceRun(state: FineLineState, run: FineLineRun): FineLineState {
  return { ...state, runs: [...state.runs.slice(0, -1), run] };
}

function newRun(
  config: FineLineConfig,
  id: number,
  label: string,
  policy: StaffingPolicy,
): FineLineRun {
  return {
    id,
    label,
    queue: initQueue(config.seed, demandOf(config), policy),
    moodSamples: [],
    policyChanges: [],
    startPolicy: policy,
  };
}

/** Where a customer is at the queue's clock. */
export function shopperStatus(queue: QueueState, customerIndex: number): ShopperStatus {
  const inStore = customerInStore(queue, customerIndex);
  if (inStore) {
    if (inStore.start === null) {
      return {
        kind: 'waiting',
        place: queue.waiting.indexOf(customerIndex) + 1,
        waitedMinutes: queue.clock - inStore.arrival,
      };
    }
    return {
      kind: 'atRegister',
      register: inStore.register ?? 0,
      waitedMinutes: inStore.start - inStore.arrival,
    };
  }
  const arrival = upcomingArrival(queue, customerIndex);
  return arrival === null
    ? { kind: 'done' }
    : { kind: 'arriving', inMinutes: arrival - queue.clock };
}

/**
 * Seats participants among the simulated customers: each present participant without a
 * customer in the store takes an upcoming arrival, every other one, so simulated
 * customers stay between them and the line behaves the same for any room size.
 */
function seatShoppers(
  state: FineLineState,
  roster: Readonly<Record<string, RosterEntry>>,
): FineLineState {
  const queue = currentRun(state).queue;
  const shoppers = copyRecord(state.shoppers);
  let highest = Math.max(queue.nextIndex, ...Object.values(shoppers).map((s) => s.customerIndex));
  let changed = false;
  for (const person of Object.values(roster)) {
    if (person.hasLeft || state.managers.includes(person.id)) continue;
    const shopper = own(shoppers, person.id);
    if (shopper && shopperStatus(queue, shopper.customerIndex).kind !== 'done') continue;
    highest += 2;
    const previous = shopper && queue.recentServed.find((c) => c.index === shopper.customerIndex);
    shoppers[person.id] = {
      customerIndex: highest,
      mood: null,
      moodAt: shopper?.moodAt ?? 0,
      visits: (shopper?.visits ?? 0) + 1,
      lastWaitMinutes: previous
        ? previous.start - previous.arrival
        : (shopper?.lastWaitMinutes ?? null),
    };
    changed = true;
  }
  return changed ? { ...state, shoppers } : state;
}

/** Records the average reported mood for each simulated minute the clock passed. */
function sampleMoods(
  run: FineLineRun,
  fromClock: number,
  shoppers: Record<string, Shopper>,
): FineLineRun {
  const moods = Object.values(shoppers)
    .filter((s) => s.mood !== null && shopperStatus(run.queue, s.customerIndex).kind !== 'done')
    .map((s) => s.mood ?? 0);
  const samples = [...run.moodSamples];
  for (let t = Math.floor(fromClock) + 1; t <= Math.floor(run.queue.clock); t++) {
    samples.push({
      t,
      average: moods.length ? moods.reduce((a, b) => a + b, 0) / moods.length : 0,
      reports: moods.length,
    });
  }
  return { ...run, moodSamples: samples };
}

function changePolicy(state: FineLineState, policy: StaffingPolicy): FineLineState {
  const run = currentRun(state);
  if (state.status === 'finished') return state;
  return replaceRun(state, {
    ...run,
    queue: withPolicy(run.queue, policy),
    policyChanges: [...run.policyChanges, { t: run.queue.clock, policy }],
  });
}

function reduceFacilitator(
  state: FineLineState,
  action: FineLineFacilitatorAction,
  ctx: RoundContext,
): Result<FineLineState> {
  const run = currentRun(state);
  switch (action.type) {
    case 'start':
      if (state.status !== 'ready') return fail('CONFLICT', 'This run has already started');
      return ok(seatShoppers({ ...state, status: 'running' }, ctx.roster));
    case 'pause':
      if (state.status !== 'running') return fail('CONFLICT', 'The store is not running');
      return ok({ ...state, status: 'paused' });
    case 'resume':
      if (state.status !== 'paused') return fail('CONFLICT', 'The store is not paused');
      return ok({ ...state, status: 'running' });
    case 'speed':
      return ok({ ...state, speed: action.speed });
    case 'tick': {
      if (state.status !== 'running') return fail('CONFLICT', 'The store is not running');
      const toClock = Math.min(action.toClock, state.config.durationMinutes);
      if (toClock <= run.queue.clock) return fail('CONFLICT', 'The clock only moves forward');
      const advanced = sampleMoods(
        { ...run, queue: advanceQueue(run.queue, toClock) },
        run.queue.clock,
        state.shoppers,
      );
      const next = seatShoppers(replaceRun(state, advanced), ctx.roster);
      return ok(toClock >= state.config.durationMinutes ? { ...next, status: 'finished' } : next);
    }
    case 'policy':
      // As for the management team: a finished run's policy is history, not a setting.
      if (state.status === 'finished') return fail('CONFLICT', 'This run is over');
      return ok(changePolicy(state, action.policy));
    case 'replay': {
      if (state.status === 'running')
        return fail('CONFLICT', 'Pause or finish this run before replaying');
      if (state.runs.length >= 6)
        return fail('CONFLICT', 'Compare at most 6 policies in one round');
      const replay = newRun(state.config, run.id + 1, action.label, action.policy);
      return ok({ ...state, status: 'ready', runs: [...state.runs, replay], shoppers: dict() });
    }
    case 'manager': {
      if (!own(ctx.roster, action.participantId)) return fail('NOT_FOUND', 'No such participant');
      const others = state.managers.filter((id) => id !== action.participantId);
      const shoppers = action.isManager
        ? withoutEntry(state.shoppers, action.participantId)
        : copyRecord(state.shoppers);
      return ok({
        ...state,
        managers: action.isManager ? [...others, action.participantId] : others,
        shoppers,
      });
    }
    case 'finish':
      if (state.status === 'finished') return fail('CONFLICT', 'This run is over');
      return ok({ ...state, status: 'finished' });
    default: {
      const unreachable: never = action;
      throw new Error(`Unhandled action ${JSON.stringify(unreachable)}`);
    }
  }
}

function reduceParticipant(
  state: FineLineState,
  action: FineLineParticipantAction,
  participantId: string,
  ctx: RoundContext,
): Result<FineLineState> {
  if (action.type === 'policy') {
    if (!state.managers.includes(participantId))
      return fail('FORBIDDEN', 'Only the management team sets the policy');
    if (state.status === 'finished') return fail('CONFLICT', 'This run is over');
    return ok(changePolicy(state, action.policy));
  }
  if (state.status === 'finished') return fail('CONFLICT', 'This run is over');
  const shopper = own(state.shoppers, participantId);
  const status = shopper && shopperStatus(currentRun(state).queue, shopper.customerIndex);
  if (!shopper || !status || (status.kind !== 'waiting' && status.kind !== 'atRegister')) {
    return fail('CONFLICT', 'You are not in line right now');
  }
  if (ctx.at - shopper.moodAt < MOOD_INTERVAL_MS)
    return fail('RATE_LIMITED', 'Mood noted: move the slider again in a moment');
  return ok({
    ...state,
    shoppers: withEntry(
      state.shoppers,
      participantId,
      {
        ...shopper,
        mood: action.value,
        moodAt: ctx.at,
      },
      ctx.draft,
    ),
  });
}

function registers(queue: QueueState): RegisterView[] {
  return queue.registers.map((r) => ({
    id: r.id,
    state: !r.isOpen
      ? r.opensAt !== null
        ? 'opening'
        : 'closed'
      : r.servingIndex !== null
        ? 'busy'
        : 'idle',
  }));
}

/** How many of a run's mid-run policy changes the comparison lists. */
export const POLICY_CHANGES_SHOWN = 8;

function policySteps(run: FineLineRun): RunComparison['policySteps'] {
  const start = run.startPolicy ?? (run.policyChanges.length === 0 ? run.queue.policy : undefined);
  return [
    ...(start ? [{ t: 0, policy: start }] : []),
    ...run.policyChanges.slice(-POLICY_CHANGES_SHOWN),
  ];
}

/** A staffing policy in a few words: "2 open, another at 6 waiting (+2 min), at most 5". */
export function policyText(policy: StaffingPolicy): string {
  return `${policy.openAtStart} open, another at ${policy.openThreshold} waiting (+${policy.openDelayMinutes} min), at most ${policy.maxRegisters}`;
}

/** A run's policies with the store minute each took effect, for tables and exports. */
export function policyHistoryText(run: Pick<RunComparison, 'policySteps'>): string {
  return run.policySteps
    .map((step) => `from minute ${step.t.toFixed(0)}: ${policyText(step.policy)}`)
    .join('; then ');
}

function comparison(run: FineLineRun): RunComparison {
  const metrics = queueMetrics(run.queue);
  const reported = run.moodSamples.filter((s) => s.reports > 0);
  return {
    id: run.id,
    label: run.label,
    policy: run.queue.policy,
    policySteps: policySteps(run),
    policyStepsLeftOut: Math.max(0, run.policyChanges.length - POLICY_CHANGES_SHOWN),
    averageWait: metrics.averageWait,
    worstWait: metrics.worstWait,
    pastPatienceShare: metrics.pastPatienceShare,
    averageMood: reported.length
      ? reported.reduce((a, s) => a + s.average, 0) / reported.length
      : null,
    staffingCost: metrics.staffingCost,
    customers: metrics.customers,
    minutes: run.queue.clock,
  };
}

const minutes = (m: number) => `${m.toFixed(1)} min`;

/** ", policy changed at minute 12 and 30" for a run whose policy changed mid-run. */
function changedAt(run: RunComparison): string {
  const times = run.policySteps.filter((step) => step.t > 0).map((step) => step.t.toFixed(0));
  if (times.length === 0) return '';
  const listed =
    times.length === 1 ? times[0] : `${times.slice(0, -1).join(', ')} and ${String(times.at(-1))}`;
  return `, policy changed at minute ${listed ?? ''}`;
}

/** The document's point, in the run's own numbers. */
function debrief(state: FineLineState): string[] | null {
  if (state.status !== 'finished') return null;
  const runs = state.runs.map(comparison);
  const lines = runs.map(
    (r) =>
      `${r.label} (${r.minutes.toFixed(0)} store minutes${changedAt(r)}): average wait ${minutes(r.averageWait)}, worst ${minutes(r.worstWait)}, ${Math.round(r.pastPatienceShare * 100)}% kept past their patience, staffing cost ${r.staffingCost.toFixed(0)}.`,
  );
  const cheapest = [...runs].sort((a, b) => a.staffingCost - b.staffingCost)[0];
  const kindest = [...runs].sort((a, b) => a.pastPatienceShare - b.pastPatienceShare)[0];
  if (cheapest && kindest && cheapest.id !== kindest.id) {
    lines.push(
      `“${cheapest.label}” saved ${(kindest.staffingCost - cheapest.staffingCost).toFixed(0)} in staffing against “${kindest.label}”, and kept ${Math.round((cheapest.pastPatienceShare - kindest.pastPatienceShare) * 100)} more customers in every hundred waiting past their patience.`,
    );
  }
  lines.push(
    'Waiting for the line to grow before opening registers builds a tolerance of customer dissatisfaction into the operating model: a choice with a cost, paid by the customers first.',
    'Customer service: there is only one way. Which of our own policies wait for customers to complain before we act?',
  );
  return lines;
}

function commonView(
  state: FineLineState,
  roster: Readonly<Record<string, RosterEntry>>,
  withNames: boolean,
): FineLineCommonView {
  const run = currentRun(state);
  const { queue } = run;
  const byCustomer = new Map(
    Object.entries(state.shoppers).map(([id, s]) => [s.customerIndex, id]),
  );
  const moods = new Map(run.moodSamples.map((s) => [s.t, s.reports ? s.average : null]));
  return {
    status: state.status,
    clock: queue.clock,
    durationMinutes: state.config.durationMinutes,
    speed: state.speed,
    policy: queue.policy,
    runLabel: run.label,
    registers: registers(queue),
    waitingCount: queue.waiting.length,
    line: queue.waiting.slice(0, LINE_SHOWN).map((index) => {
      const participantId = byCustomer.get(index);
      return {
        waitedMinutes: queue.clock - (customerInStore(queue, index)?.arrival ?? queue.clock),
        isParticipant: participantId !== undefined,
        name: withNames && participantId ? (own(roster, participantId)?.name ?? null) : null,
      };
    }),
    points: queue.samples.map((s) => ({ ...s, mood: moods.get(s.t) ?? null })),
    runs: state.runs.map(comparison),
    debrief: debrief(state),
  };
}

/** The Fine Line: a checkout line that grows until customers complain, then registers open. */
export const fineLine: ExerciseDefinition<
  FineLineConfig,
  FineLineState,
  FineLineParticipantAction,
  FineLineFacilitatorAction,
  FineLineViews
> = {
  kind: 'fineLine',
  label: 'The Fine Line (queue)',
  description:
    'A live checkout-line simulation: participants wait in line on their phones while a staffing policy decides when registers open; compare policies side by side.',
  configSchema: fineLineConfigSchema,
  defaultConfig: () => ({
    arrivalsPerHour: 90,
    serviceKind: 'exponential',
    serviceMeanMinutes: 2,
    patienceMeanMinutes: 5,
    policy: {
      openAtStart: 2,
      openThreshold: 6,
      openDelayMinutes: 2,
      maxRegisters: 5,
      costPerRegisterMinute: 0.5,
    },
    speed: 20,
    durationMinutes: 60,
    seed: 'fine-line',
  }),
  participantActionSchema: fineLineParticipantActionSchema,
  facilitatorActionSchema: fineLineFacilitatorActionSchema,

  init: (config) => ({
    config,
    status: 'ready',
    runs: [newRun(config, 1, 'Wait for the line to grow', config.policy)],
    shoppers: dict(),
    managers: [],
    speed: config.speed,
  }),

  reduce(state, action, actor, ctx) {
    if (actor.role === 'facilitator') {
      if (action.type === 'mood') return fail('FORBIDDEN', 'Participants report their own mood');
      return reduceFacilitator(state, action, ctx);
    }
    if (action.type !== 'mood' && action.type !== 'policy')
      return fail('FORBIDDEN', 'Only the facilitator runs the store');
    return reduceParticipant(state, action, actor.participantId, ctx);
  },

  facilitatorView: (state, ctx) => ({
    ...commonView(state, ctx.roster, true),
    config: state.config,
    people: Object.values(ctx.roster)
      .filter((p) => !p.hasLeft)
      .map((p) => ({ id: p.id, name: p.name, isManager: state.managers.includes(p.id) })),
  }),
  participantPublicView: (state, ctx) => commonView(state, ctx.roster, false),
  participantOwnView(state, participantId) {
    const shopper = own(state.shoppers, participantId);
    return {
      status: shopper ? shopperStatus(currentRun(state).queue, shopper.customerIndex) : null,
      mood: shopper?.mood ?? null,
      isManager: state.managers.includes(participantId),
      visits: shopper?.visits ?? 0,
      lastWaitMinutes: shopper?.lastWaitMinutes ?? null,
    };
  },
  screenView: (state, ctx) => commonView(state, ctx.roster, true),
  // Every tick moves every shopper along the line: each phone's own view changes.
  hasSharedOwnViews: true,
  // The store has its own open, pause and close; the generic lock and reveal mean nothing here.
  roundControls: [],
  submittedCount: (state) => Object.values(state.shoppers).filter((s) => s.mood !== null).length,

  summary(state) {
    const runs = state.runs.map(comparison);
    return {
      headline: `The Fine Line: ${runs.length} ${runs.length === 1 ? 'policy' : 'policies'} over the same customers`,
      blocks: [
        {
          type: 'table',
          columns: [
            'Policy',
            'Staffing over the run',
            'Average wait',
            'Worst wait',
            'Past patience',
            'Average mood',
            'Staffing cost',
          ],
          rows: runs.map((r) => [
            r.label,
            policyHistoryText(r),
            minutes(r.averageWait),
            minutes(r.worstWait),
            `${Math.round(r.pastPatienceShare * 100)}%`,
            r.averageMood === null ? '–' : r.averageMood.toFixed(1),
            r.staffingCost.toFixed(0),
          ]),
        },
        {
          type: 'bars',
          labels: runs.map((r) => r.label),
          values: runs.map((r) => Math.round(r.averageWait * 10) / 10),
          unit: 'minutes of average wait',
        },
        ...(debrief({ ...state, status: 'finished' }) ?? []).map((text) => ({
          type: 'text' as const,
          text,
        })),
      ],
    };
  },

  actionPlanPrompt: () =>
    'Where do we wait for customers to complain before we act? What will I change so we act first?',

  automation(state) {
    if (state.status !== 'running') return null;
    const clock = currentRun(state).queue.clock;
    const toClock = Math.min(
      state.config.durationMinutes,
      clock + (state.speed * TICK_MS) / 60_000,
    );
    return { action: { type: 'tick', toClock }, delayMs: TICK_MS };
  },
};
