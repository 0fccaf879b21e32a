/** What the console, the phones and the room screen see of a Fine Line round. */
import type { RosterEntry } from '../types.ts';
import { own } from '../../own.ts';
import { customerInStore, type QueueState, type StaffingPolicy } from './queue.ts';
import type { FineLineConfig, FineLineState } from './model.ts';
import { comparison, debrief, type RunComparison } from './comparison.ts';
import { currentRun, type ShopperStatus } from './runs.ts';

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

export function commonView(
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
