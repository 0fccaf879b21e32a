/** The shapes and bounds of the checkout line of "The Fine Line" (see queue.ts). */
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
