/**
 * The checkout line of "The Fine Line": a deterministic discrete-event simulation of a store
 * with one line and several registers, driven by a simulated clock in minutes.
 *
 * Pure and replayable. Every customer's arrival gap, service time and patience come from a
 * generator seeded with `deriveSeed(seed, 'customer', String(index))`, never from the staffing
 * policy, so the same arrivals can be replayed under another policy. The state is plain JSON
 * (no `Infinity`, no `Map`), so it can be stored in a snapshot and rebuilt from an event log.
 *
 * The model, in one paragraph. Customers join one first-come-first-served line and are never
 * lost: patience is only used to count who was kept waiting past it. `openAtStart` registers
 * are always open. When the line reaches `openThreshold` waiting customers, one extra register
 * is scheduled to open `openDelayMinutes` later (one at a time, up to `maxRegisters`); an extra
 * register closes as soon as it is idle with nobody waiting. Each open register costs
 * `costPerRegisterMinute` per simulated minute.
 *
 * Events at the same instant are handled in a fixed order: service completions (lowest
 * register id first), then register openings, then the arrival, then the whole-minute sample
 * (which therefore shows the state after everything that happened at that minute). Cost and
 * time-averages are accrued only at event instants, so advancing in many small steps gives
 * exactly (bit for bit) the same state as one big step.
 */
import { createRandom, deriveSeed } from '../../random.ts';

/** Most registers a policy may have. */
export const MAX_REGISTERS = 20;
/** Highest arrival rate a demand may have, per hour. */
export const MAX_ARRIVALS_PER_HOUR = 600;
/** Longest mean service time a demand may have, in minutes. */
export const MAX_SERVICE_MEAN_MINUTES = 60;
/** Longest mean patience a demand may have, in minutes. */
export const MAX_PATIENCE_MEAN_MINUTES = 240;
/** Longest delay before an extra register opens, in minutes. */
export const MAX_OPEN_DELAY_MINUTES = 60;
/** How many of the most recently served customers the state keeps in full. */
export const RECENT_SERVED_LIMIT = 200;

/** How long serving one customer takes. */
export interface ServiceTime {
  /**
   * `exponential`: exponential with mean `meanMinutes`; `uniform`: uniform on
   * `meanMinutes ± spreadMinutes`; `fixed`: always `meanMinutes`.
   */
  kind: 'exponential' | 'uniform' | 'fixed';
  /** Mean service time in minutes (above 0, at most {@link MAX_SERVICE_MEAN_MINUTES}). */
  meanMinutes: number;
  /** Half-width of the uniform distribution, in minutes; required for `uniform`, below the mean. */
  spreadMinutes?: number;
}

/** The customers the store gets: who arrives, how long they take, how long they will wait. */
export interface Demand {
  /** Rate of the Poisson arrival process, customers per hour. */
  arrivalsPerHour: number;
  /** Service time distribution. */
  service: ServiceTime;
  /** Mean of the exponential patience each customer draws, in minutes. */
  patienceMeanMinutes: number;
}

/** How the store staffs its registers: the "fine line" it chose. */
export interface StaffingPolicy {
  /** Registers always open (at least 1, at most `maxRegisters`). */
  openAtStart: number;
  /** Number of waiting customers at which one extra register is scheduled to open. */
  openThreshold: number;
  /** Minutes between deciding to open an extra register and it being open (0..60). */
  openDelayMinutes: number;
  /** Most registers open (and opening) at once (1..{@link MAX_REGISTERS}). */
  maxRegisters: number;
  /** Cost of one open register for one simulated minute (0 or more). */
  costPerRegisterMinute: number;
}

/** One customer's draws: when they arrive, how long they take, how long they will wait. */
export interface Customer {
  /** Arrival time, minutes since the store opened. */
  arrival: number;
  /** Service time in minutes. */
  service: number;
  /** Patience in minutes: waiting longer than this counts as "past patience". */
  patience: number;
}

/** A customer in the store: waiting in line (`start` null) or at a register. */
export interface CustomerInStore extends Customer {
  /** 0-based customer index (arrival order). */
  index: number;
  /** When service started, or null while waiting. */
  start: number | null;
  /** The register serving them, or null while waiting. */
  register: number | null;
}

/** A customer who has left the store. */
export interface ServedCustomer {
  /** 0-based customer index. */
  index: number;
  /** Arrival time. */
  arrival: number;
  /** Service start time: `start - arrival` is their wait. */
  start: number;
  /** Service end time. */
  end: number;
  /** Their patience in minutes. */
  patience: number;
  /** The register that served them. */
  register: number;
}

/**
 * One register. Closed: `isOpen` false and `opensAt` null. Opening: `isOpen` false and
 * `opensAt` set. Open and idle: `servingIndex` null. Busy: `servingIndex` and `busyUntil` set.
 */
export interface Register {
  /** Stable id, 0-based; the room screen draws registers in id order. */
  id: number;
  /** Whether the register is open. */
  isOpen: boolean;
  /** When a scheduled opening takes effect, or null. */
  opensAt: number | null;
  /** The customer being served, or null. */
  servingIndex: number | null;
  /** When the current service ends, or null. */
  busyUntil: number | null;
  /** Opened beyond `openAtStart`: closes when idle with nobody waiting. */
  isExtra: boolean;
}

/** The state of the store at one whole simulated minute, for the live charts. */
export interface QueueSample {
  /** Minute (0, 1, 2, ...). */
  t: number;
  /** Customers waiting in line. */
  waiting: number;
  /** Registers open. */
  openRegisters: number;
  /** Mean wait of the customers whose service has started so far (0 if none). */
  averageWait: number;
  /** How long the customer at the head of the line has waited so far (0 if nobody waits). */
  headWait: number;
  /** Staffing cost so far. */
  cost: number;
}

/**
 * Running totals from which {@link queueMetrics} computes exact figures over the whole run
 * without keeping every served customer. Areas are integrals over time up to `accruedAt`.
 */
export interface QueueTotals {
  /** The instant up to which `cost` and the areas are accrued (an event instant). */
  accruedAt: number;
  /** Staffing cost up to `accruedAt`. */
  cost: number;
  /** Integral of the number waiting over time. */
  queueArea: number;
  /** Integral of the number of open registers over time. */
  openRegisterArea: number;
  /** Customers whose service has started (their wait is final). */
  started: number;
  /** Sum of the final waits. */
  waitSum: number;
  /** Longest final wait. */
  worstWait: number;
  /** Customers whose final wait exceeded their patience. */
  pastPatience: number;
  /** Customers who have left the store. */
  served: number;
}

/** The whole simulation: plain JSON, stored in snapshots. */
export interface QueueState {
  /** Simulated minutes since the store opened. */
  clock: number;
  /** Seed of the arrivals. */
  seed: string;
  /** The demand the arrivals are drawn from. */
  demand: Demand;
  /** The staffing policy in force. */
  policy: StaffingPolicy;
  /** Hand-placed customers used instead of seeded ones (for demos and tests), or null. */
  script: Customer[] | null;
  /** Index of the next customer to arrive (= customers arrived so far). */
  nextIndex: number;
  /** Arrival time of customer `nextIndex`, or null when a script has run out. */
  nextArrivalAt: number | null;
  /**
   * Service time and patience of customer `nextIndex` (null when a script has run out), drawn
   * with its arrival gap so that each customer's generator is built once.
   */
  nextDraw: { service: number; patience: number } | null;
  /** Indices of the waiting customers, in line order (head first). */
  waiting: number[];
  /** Customers in the store (waiting or being served), in index order. */
  inStore: CustomerInStore[];
  /** Every register ever used, by id. */
  registers: Register[];
  /** The last {@link RECENT_SERVED_LIMIT} customers served, oldest first. */
  recentServed: ServedCustomer[];
  /** Running totals for the metrics. */
  totals: QueueTotals;
  /** Staffing cost up to `clock`. */
  cost: number;
  /** One sample per whole simulated minute from 0 to `floor(clock)`; `samples[t].t === t`. */
  samples: QueueSample[];
}

/** Figures for one run, as compared side by side in the debrief. */
export interface QueueMetrics {
  /** Customers arrived. */
  customers: number;
  /** Customers served and gone. */
  served: number;
  /** Mean wait of the customers whose service has started. */
  averageWait: number;
  /** Longest wait, counting customers still waiting with their wait so far. */
  worstWait: number;
  /**
   * Share of the arrived customers who waited longer than their patience, counting customers
   * still waiting whose wait so far already exceeds it (0 when nobody arrived).
   */
  pastPatienceShare: number;
  /** Time-average number of customers waiting. */
  averageQueue: number;
  /** Staffing cost so far. */
  staffingCost: number;
  /** Time-average number of open registers. */
  averageOpenRegisters: number;
}

const isFiniteNumber = (value: number): boolean =>
  typeof value === 'number' && Number.isFinite(value);

/**
 * Why a demand is refused, or null if it is sane. Checks the arrival rate (above 0, at most
 * {@link MAX_ARRIVALS_PER_HOUR} an hour), the service time (mean above 0 and at most
 * {@link MAX_SERVICE_MEAN_MINUTES}; a uniform spread from 0 to below the mean) and the mean
 * patience (above 0, at most {@link MAX_PATIENCE_MEAN_MINUTES}).
 */
export function validateDemand(demand: Demand): string | null {
  const { arrivalsPerHour, service, patienceMeanMinutes } = demand;
  if (!isFiniteNumber(arrivalsPerHour) || arrivalsPerHour <= 0) {
    return `Customers must arrive: the arrival rate must be above 0 per hour (got ${arrivalsPerHour})`;
  }
  if (arrivalsPerHour > MAX_ARRIVALS_PER_HOUR) {
    return `The arrival rate can be at most ${MAX_ARRIVALS_PER_HOUR} customers per hour (got ${arrivalsPerHour})`;
  }
  if (service.kind !== 'exponential' && service.kind !== 'uniform' && service.kind !== 'fixed') {
    return `The service time must be exponential, uniform or fixed (got "${String(service.kind)}")`;
  }
  if (!isFiniteNumber(service.meanMinutes) || service.meanMinutes <= 0) {
    return `The mean service time must be above 0 minutes (got ${service.meanMinutes})`;
  }
  if (service.meanMinutes > MAX_SERVICE_MEAN_MINUTES) {
    return `The mean service time can be at most ${MAX_SERVICE_MEAN_MINUTES} minutes (got ${service.meanMinutes})`;
  }
  if (service.kind === 'uniform') {
    const spread = service.spreadMinutes;
    if (spread === undefined) {
      return 'A uniform service time needs a spread (minutes either side of the mean)';
    }
    if (!isFiniteNumber(spread) || spread < 0) {
      return `The service time spread must be 0 minutes or more (got ${spread})`;
    }
    if (spread >= service.meanMinutes) {
      return `The service time spread (${spread} min) must be below the mean (${service.meanMinutes} min), or some services would take no time`;
    }
  }
  if (!isFiniteNumber(patienceMeanMinutes) || patienceMeanMinutes <= 0) {
    return `The mean patience must be above 0 minutes (got ${patienceMeanMinutes})`;
  }
  if (patienceMeanMinutes > MAX_PATIENCE_MEAN_MINUTES) {
    return `The mean patience can be at most ${MAX_PATIENCE_MEAN_MINUTES} minutes (got ${patienceMeanMinutes})`;
  }
  return null;
}

/**
 * Why a staffing policy is refused, or null if it is sane: whole numbers of registers with
 * 1 ≤ openAtStart ≤ maxRegisters ≤ {@link MAX_REGISTERS}, a whole threshold of at least 1,
 * a delay of 0 to {@link MAX_OPEN_DELAY_MINUTES} minutes and a cost of 0 or more.
 */
export function validatePolicy(policy: StaffingPolicy): string | null {
  const { openAtStart, openThreshold, openDelayMinutes, maxRegisters, costPerRegisterMinute } =
    policy;
  if (!Number.isInteger(maxRegisters) || maxRegisters < 1) {
    return `The store needs at least 1 register, as a whole number (got a maximum of ${maxRegisters})`;
  }
  if (maxRegisters > MAX_REGISTERS) {
    return `The store can have at most ${MAX_REGISTERS} registers (got ${maxRegisters})`;
  }
  if (!Number.isInteger(openAtStart) || openAtStart < 1) {
    return `At least 1 register must be open from the start, as a whole number (got ${openAtStart})`;
  }
  if (openAtStart > maxRegisters) {
    return `${openAtStart} registers open at the start, but the maximum is ${maxRegisters}`;
  }
  if (!Number.isInteger(openThreshold) || openThreshold < 1) {
    return `The line length that opens a register must be at least 1 customer, as a whole number (got ${openThreshold})`;
  }
  if (!isFiniteNumber(openDelayMinutes) || openDelayMinutes < 0) {
    return `The delay before a register opens must be 0 minutes or more (got ${openDelayMinutes})`;
  }
  if (openDelayMinutes > MAX_OPEN_DELAY_MINUTES) {
    return `The delay before a register opens can be at most ${MAX_OPEN_DELAY_MINUTES} minutes (got ${openDelayMinutes})`;
  }
  if (!isFiniteNumber(costPerRegisterMinute) || costPerRegisterMinute < 0) {
    return `The cost of a register per minute must be 0 or more (got ${costPerRegisterMinute})`;
  }
  return null;
}

/** Inverse-transform exponential draw; `1 - u` is in (0, 1], so the log is finite. */
function exponential(mean: number, u: number): number {
  return -mean * Math.log(1 - u);
}

/**
 * Customer `index`'s own draws. Always three numbers in the same order, whatever the service
 * kind, so that changing the service distribution does not shift gaps or patience.
 */
function drawCustomer(
  seed: string,
  demand: Demand,
  index: number,
): { gap: number; service: number; patience: number } {
  const random = createRandom(deriveSeed(seed, 'customer', String(index)));
  const gapU = random.next();
  const serviceU = random.next();
  const patienceU = random.next();
  const { kind, meanMinutes } = demand.service;
  let service: number;
  switch (kind) {
    case 'exponential':
      service = exponential(meanMinutes, serviceU);
      break;
    case 'uniform': {
      const spread = demand.service.spreadMinutes ?? 0;
      service = meanMinutes - spread + 2 * spread * serviceU;
      break;
    }
    case 'fixed':
      service = meanMinutes;
      break;
    default: {
      const unknown: never = kind;
      throw new Error(`Unknown service kind ${String(unknown)}`);
    }
  }
  return {
    gap: exponential(60 / demand.arrivalsPerHour, gapU),
    service,
    patience: exponential(demand.patienceMeanMinutes, patienceU),
  };
}

/**
 * Customer `index` (0-based) of the seeded arrival stream: the arrival time is the sum of the
 * inter-arrival gaps of customers 0..index (so customer 0 arrives after one gap), each drawn
 * with the customer's service time and patience from
 * `createRandom(deriveSeed(seed, 'customer', String(i)))`. Independent of any policy. O(index);
 * the simulation itself carries the next arrival time instead of calling this.
 */
export function customerAt(seed: string, demand: Demand, index: number): Customer {
  if (!Number.isInteger(index) || index < 0) {
    throw new RangeError(`A customer index is a whole number from 0 (got ${index})`);
  }
  let arrival = 0;
  for (let i = 0; i < index; i++) arrival += drawCustomer(seed, demand, i).gap;
  const own = drawCustomer(seed, demand, index);
  return { arrival: arrival + own.gap, service: own.service, patience: own.patience };
}

/**
 * When a customer who has not arrived yet will arrive, counted from the next arrival the
 * state already knows: O(index - nextIndex), not O(index) like {@link customerAt}. Null for
 * a customer who has already arrived, or past the end of a script.
 */
export function upcomingArrival(state: QueueState, index: number): number | null {
  if (index < state.nextIndex || state.nextArrivalAt === null) return null;
  if (state.script) return state.script[index]?.arrival ?? null;
  let arrival = state.nextArrivalAt;
  for (let i = state.nextIndex + 1; i <= index; i++)
    arrival += drawCustomer(state.seed, state.demand, i).gap;
  return arrival;
}

function validateScript(script: readonly Customer[]): string | null {
  let previous = 0;
  for (const [i, c] of script.entries()) {
    if (!isFiniteNumber(c.arrival) || c.arrival < previous) {
      return `Scripted customer ${i} must arrive at or after ${previous} (got ${c.arrival})`;
    }
    if (!isFiniteNumber(c.service) || c.service <= 0) {
      return `Scripted customer ${i} needs a service time above 0 (got ${c.service})`;
    }
    if (!isFiniteNumber(c.patience) || c.patience < 0) {
      return `Scripted customer ${i} needs a patience of 0 or more (got ${c.patience})`;
    }
    previous = c.arrival;
  }
  return null;
}

/**
 * A store at minute 0: `policy.openAtStart` registers open, nobody in line, the first sample
 * taken. Throws a RangeError with the validation message if the demand or policy is refused.
 * `script`, if given, replaces the seeded arrivals with hand-placed customers (sorted by
 * arrival); the demand is then only used for validation and display.
 */
export function initQueue(
  seed: string,
  demand: Demand,
  policy: StaffingPolicy,
  script?: readonly Customer[],
): QueueState {
  const problem =
    validateDemand(demand) ?? validatePolicy(policy) ?? (script ? validateScript(script) : null);
  if (problem !== null) throw new RangeError(problem);
  const registers: Register[] = [];
  for (let id = 0; id < policy.openAtStart; id++) {
    registers.push({
      id,
      isOpen: true,
      opensAt: null,
      servingIndex: null,
      busyUntil: null,
      isExtra: false,
    });
  }
  const copiedScript = script ? script.map((c) => ({ ...c })) : null;
  const first = copiedScript ? copiedScript[0] : customerAt(seed, demand, 0);
  return {
    clock: 0,
    seed,
    demand: { ...demand, service: { ...demand.service } },
    policy: { ...policy },
    script: copiedScript,
    nextIndex: 0,
    nextArrivalAt: first ? first.arrival : null,
    nextDraw: first ? { service: first.service, patience: first.patience } : null,
    waiting: [],
    inStore: [],
    registers,
    recentServed: [],
    totals: {
      accruedAt: 0,
      cost: 0,
      queueArea: 0,
      openRegisterArea: 0,
      started: 0,
      waitSum: 0,
      worstWait: 0,
      pastPatience: 0,
      served: 0,
    },
    cost: 0,
    samples: [
      { t: 0, waiting: 0, openRegisters: policy.openAtStart, averageWait: 0, headWait: 0, cost: 0 },
    ],
  };
}

/**
 * A mutable working copy of a state. advanceQueue and withPolicy copy the input once into one
 * of these, run, and hand back a fresh state, so callers never see mutation.
 */
class Simulation {
  clock: number;
  readonly seed: string;
  readonly demand: Demand;
  policy: StaffingPolicy;
  readonly script: Customer[] | null;
  nextIndex: number;
  nextArrivalAt: number | null;
  nextDraw: { service: number; patience: number } | null;
  readonly waiting: number[];
  readonly inStore: CustomerInStore[];
  readonly registers: Register[];
  recentServed: ServedCustomer[];
  readonly totals: QueueTotals;
  readonly samples: QueueSample[];

  constructor(state: QueueState) {
    this.clock = state.clock;
    this.seed = state.seed;
    this.demand = state.demand;
    this.policy = state.policy;
    this.script = state.script;
    this.nextIndex = state.nextIndex;
    this.nextArrivalAt = state.nextArrivalAt;
    this.nextDraw = state.nextDraw;
    this.waiting = state.waiting.slice();
    this.inStore = state.inStore.map((c) => ({ ...c }));
    this.registers = state.registers.map((r) => ({ ...r }));
    this.recentServed = state.recentServed.slice();
    this.totals = { ...state.totals };
    this.samples = state.samples.slice();
  }

  toState(): QueueState {
    return {
      clock: this.clock,
      seed: this.seed,
      demand: this.demand,
      policy: this.policy,
      script: this.script,
      nextIndex: this.nextIndex,
      nextArrivalAt: this.nextArrivalAt,
      nextDraw: this.nextDraw,
      waiting: this.waiting,
      inStore: this.inStore,
      registers: this.registers,
      recentServed:
        this.recentServed.length > RECENT_SERVED_LIMIT
          ? this.recentServed.slice(-RECENT_SERVED_LIMIT)
          : this.recentServed,
      totals: this.totals,
      cost:
        this.totals.cost +
        this.openCount() * this.policy.costPerRegisterMinute * (this.clock - this.totals.accruedAt),
      samples: this.samples,
    };
  }

  openCount(): number {
    let open = 0;
    for (const r of this.registers) if (r.isOpen) open++;
    return open;
  }

  /** Integrates cost and areas from the last event instant to `t`. */
  accrue(t: number): void {
    const dt = t - this.totals.accruedAt;
    const open = this.openCount();
    this.totals.cost += open * this.policy.costPerRegisterMinute * dt;
    this.totals.queueArea += this.waiting.length * dt;
    this.totals.openRegisterArea += open * dt;
    this.totals.accruedAt = t;
  }

  run(toClock: number): void {
    for (;;) {
      // The first strictly earlier candidate wins, so checking in this order settles ties:
      // completions (lowest id first), openings, the arrival, the sample.
      let time = Infinity;
      let kind: 'complete' | 'open' | 'arrive' | 'sample' = 'sample';
      let register: Register | null = null;
      for (const r of this.registers) {
        if (r.busyUntil !== null && r.busyUntil < time) {
          time = r.busyUntil;
          kind = 'complete';
          register = r;
        }
      }
      for (const r of this.registers) {
        if (r.opensAt !== null && r.opensAt < time) {
          time = r.opensAt;
          kind = 'open';
          register = r;
        }
      }
      if (this.nextArrivalAt !== null && this.nextArrivalAt < time) {
        time = this.nextArrivalAt;
        kind = 'arrive';
      }
      const sampleAt = this.samples.length;
      if (sampleAt < time) {
        time = sampleAt;
        kind = 'sample';
      }
      if (time > toClock) break;
      this.accrue(time);
      this.clock = time;
      switch (kind) {
        case 'complete':
          if (register) this.complete(register);
          break;
        case 'open':
          if (register) this.open(register);
          break;
        case 'arrive':
          this.arrive();
          break;
        case 'sample':
          this.sample();
          break;
        default: {
          const unknown: never = kind;
          throw new Error(`Unknown event ${String(unknown)}`);
        }
      }
    }
    this.clock = toClock;
  }

  arrive(): void {
    const index = this.nextIndex;
    const arrival = this.nextArrivalAt;
    const own = this.nextDraw;
    if (arrival === null || own === null) throw new Error(`No customer ${index} to arrive`);
    if (this.script) {
      const next = this.script[index + 1];
      this.nextArrivalAt = next ? next.arrival : null;
      this.nextDraw = next ? { service: next.service, patience: next.patience } : null;
    } else {
      const next = drawCustomer(this.seed, this.demand, index + 1);
      // Same summation order as customerAt, so the arrival times agree to the bit.
      this.nextArrivalAt = arrival + next.gap;
      this.nextDraw = { service: next.service, patience: next.patience };
    }
    this.nextIndex = index + 1;
    this.inStore.push({
      index,
      arrival,
      service: own.service,
      patience: own.patience,
      start: null,
      register: null,
    });
    this.waiting.push(index);
    const idle = this.registers.find((r) => r.isOpen && r.servingIndex === null);
    if (idle) this.startService(idle);
    this.maybeScheduleOpening();
  }

  startService(register: Register): void {
    const index = this.waiting.shift();
    if (index === undefined) return;
    // Invariant: the line is first come, first served, so the waiting customers are the last
    // `waiting.length` entries of inStore and the head of the line is the first of them.
    const customer = this.inStore[this.inStore.length - this.waiting.length - 1];
    if (!customer || customer.index !== index) {
      throw new Error(`Queue invariant broken: customer ${index} is not at the head of the line`);
    }
    const wait = this.clock - customer.arrival;
    customer.start = this.clock;
    customer.register = register.id;
    this.totals.started++;
    this.totals.waitSum += wait;
    if (wait > this.totals.worstWait) this.totals.worstWait = wait;
    if (wait > customer.patience) this.totals.pastPatience++;
    register.servingIndex = index;
    register.busyUntil = this.clock + customer.service;
  }

  complete(register: Register): void {
    const position = this.inStore.findIndex((c) => c.index === register.servingIndex);
    const customer = this.inStore[position];
    if (!customer || customer.start === null) {
      throw new Error(`Register ${register.id} finished a customer who is not in the store`);
    }
    this.inStore.splice(position, 1);
    this.totals.served++;
    this.recentServed.push({
      index: customer.index,
      arrival: customer.arrival,
      start: customer.start,
      end: this.clock,
      patience: customer.patience,
      register: register.id,
    });
    // Trimmed in batches (and to the limit in toState) so a long run does not copy the
    // list on every completion.
    if (this.recentServed.length >= 2 * RECENT_SERVED_LIMIT) {
      this.recentServed = this.recentServed.slice(-RECENT_SERVED_LIMIT);
    }
    register.servingIndex = null;
    register.busyUntil = null;
    this.becameIdle(register);
  }

  /** An idle register serves the next customer, or closes if it is an extra not needed. */
  becameIdle(register: Register): void {
    if (
      register.isExtra &&
      (this.waiting.length === 0 || this.openCount() > this.policy.maxRegisters)
    ) {
      register.isOpen = false;
      return;
    }
    if (this.waiting.length > 0) this.startService(register);
  }

  open(register: Register): void {
    register.isOpen = true;
    register.opensAt = null;
    register.isExtra = true;
    this.becameIdle(register);
    this.maybeScheduleOpening();
  }

  /** Schedules one extra register if the line is long, none is opening and there is room. */
  maybeScheduleOpening(): void {
    const { openThreshold, openDelayMinutes, maxRegisters } = this.policy;
    if (this.waiting.length < openThreshold) return;
    if (this.registers.some((r) => r.opensAt !== null)) return;
    if (this.openCount() >= maxRegisters) return;
    let register = this.registers.find((r) => !r.isOpen && r.opensAt === null);
    if (!register) {
      register = {
        id: this.registers.length,
        isOpen: false,
        opensAt: null,
        servingIndex: null,
        busyUntil: null,
        isExtra: true,
      };
      this.registers.push(register);
    }
    register.opensAt = this.clock + openDelayMinutes;
    register.isExtra = true;
  }

  sample(): void {
    const { started, waitSum, cost } = this.totals;
    const head = this.inStore[this.inStore.length - this.waiting.length];
    this.samples.push({
      t: this.clock,
      waiting: this.waiting.length,
      openRegisters: this.openCount(),
      averageWait: started > 0 ? waitSum / started : 0,
      headWait: head && this.waiting.length > 0 ? this.clock - head.arrival : 0,
      cost,
    });
  }

  /** Puts a new policy in force at the current clock. */
  applyPolicy(policy: StaffingPolicy): void {
    this.accrue(this.clock);
    this.policy = { ...policy };
    const { openAtStart, maxRegisters } = this.policy;
    const base = this.registers.filter((r) => r.isOpen && !r.isExtra);
    if (base.length > openAtStart) {
      // Fewer permanent registers: the highest ids become extras and close once idle.
      for (const r of base.slice(openAtStart)) r.isExtra = true;
    } else {
      let missing = openAtStart - base.length;
      // More permanent registers: open extras become permanent first, then more open now.
      for (const r of this.registers) {
        if (missing === 0) break;
        if (r.isOpen && r.isExtra) {
          r.isExtra = false;
          missing--;
        }
      }
      for (; missing > 0; missing--) {
        let r = this.registers.find((x) => !x.isOpen && x.opensAt === null);
        if (!r) {
          r = {
            id: this.registers.length,
            isOpen: false,
            opensAt: null,
            servingIndex: null,
            busyUntil: null,
            isExtra: false,
          };
          this.registers.push(r);
        }
        r.isOpen = true;
        r.isExtra = false;
      }
    }
    // A lower maximum stops a scheduled opening; it closes no register that is serving.
    const opening = this.registers.filter((r) => r.opensAt !== null);
    if (this.openCount() + opening.length > maxRegisters) {
      for (const r of opening) r.opensAt = null;
    }
    for (const r of this.registers) {
      if (r.isOpen && r.servingIndex === null) this.becameIdle(r);
    }
    this.maybeScheduleOpening();
  }
}

/**
 * Runs the store from `state.clock` to `toClock`: arrivals, service completions, register
 * openings and closings in time order (ties as described at the top of this file), cost and
 * time-averages accrued, a sample at every whole minute. Pure: returns a new state. Advancing
 * in many small steps gives the same state as one step. Returns `state` itself when `toClock`
 * is not later than the clock; throws a RangeError for a non-finite `toClock`.
 */
export function advanceQueue(state: QueueState, toClock: number): QueueState {
  if (!isFiniteNumber(toClock)) {
    throw new RangeError(`The simulation can only run to a finite time (got ${toClock})`);
  }
  if (toClock <= state.clock) return state;
  const sim = new Simulation(state);
  sim.run(toClock);
  return sim.toState();
}

/**
 * Puts a new staffing policy in force at the current clock, without rewinding anything.
 * Raising `openAtStart` opens registers now (open extras become permanent first); lowering it
 * turns the surplus into extras that close once idle with nobody waiting. Lowering
 * `maxRegisters` cancels a scheduled opening that no longer fits and closes no register that
 * is serving; extras above the maximum close as they become idle. A lower threshold may
 * schedule an opening now. Throws a RangeError with the validation message for a refused policy.
 */
export function withPolicy(state: QueueState, policy: StaffingPolicy): QueueState {
  const problem = validatePolicy(policy);
  if (problem !== null) throw new RangeError(problem);
  const sim = new Simulation(state);
  sim.applyPolicy(policy);
  return sim.toState();
}

/**
 * Customer `index` if they are in the store (waiting, with `start` null, or at a register),
 * else undefined. O(log n): `inStore` is kept in index order. Prefer this to
 * {@link customerAt}, which is O(index), when showing customers who are in the store.
 */
export function customerInStore(state: QueueState, index: number): CustomerInStore | undefined {
  const { inStore } = state;
  let low = 0;
  let high = inStore.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const customer = inStore[middle];
    if (!customer) return undefined;
    if (customer.index === index) return customer;
    if (customer.index < index) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

/**
 * The run's figures at `state.clock`, exact over the whole run (from the running totals, not
 * from a bounded list). Waits of customers still waiting count with their wait so far for the
 * worst wait and the past-patience share; the average wait is over customers whose service
 * has started.
 */
export function queueMetrics(state: QueueState): QueueMetrics {
  const { totals, clock } = state;
  let worstWait = totals.worstWait;
  let pastPatience = totals.pastPatience;
  for (const c of state.inStore) {
    if (c.start !== null) continue;
    const waited = clock - c.arrival;
    if (waited > worstWait) worstWait = waited;
    if (waited > c.patience) pastPatience++;
  }
  let open = 0;
  for (const r of state.registers) if (r.isOpen) open++;
  const tail = clock - totals.accruedAt;
  const queueArea = totals.queueArea + state.waiting.length * tail;
  const openArea = totals.openRegisterArea + open * tail;
  return {
    customers: state.nextIndex,
    served: totals.served,
    averageWait: totals.started > 0 ? totals.waitSum / totals.started : 0,
    worstWait,
    pastPatienceShare: state.nextIndex > 0 ? pastPatience / state.nextIndex : 0,
    averageQueue: clock > 0 ? queueArea / clock : 0,
    staffingCost: state.cost,
    averageOpenRegisters: clock > 0 ? openArea / clock : open,
  };
}

/**
 * Mean wait in line (minutes) of an M/M/c queue at steady state, by the Erlang C formula:
 * Wq = C(c, a) · S / (c − a), with offered load a = λ·S. Infinity when the utilisation a / c is
 * 1 or more (the line grows without bound). Computed through the Erlang B recursion, which is
 * numerically stable for any c.
 */
export function erlangCWait(
  arrivalsPerHour: number,
  serviceMeanMinutes: number,
  servers: number,
): number {
  if (!Number.isInteger(servers) || servers < 1) {
    throw new RangeError(`Erlang C needs a whole number of servers from 1 (got ${servers})`);
  }
  if (!(arrivalsPerHour >= 0) || !(serviceMeanMinutes > 0)) {
    throw new RangeError('Erlang C needs an arrival rate of 0 or more and a service mean above 0');
  }
  const load = (arrivalsPerHour / 60) * serviceMeanMinutes;
  if (load === 0) return 0;
  if (load >= servers) return Infinity;
  let erlangB = 1;
  for (let k = 1; k <= servers; k++) erlangB = (load * erlangB) / (k + load * erlangB);
  const utilisation = load / servers;
  const erlangC = erlangB / (1 - utilisation * (1 - erlangB));
  return (erlangC * serviceMeanMinutes) / (servers - load);
}
