/** The event loop of the checkout line (queue.ts): one mutable run between two plain states. */
import { drawCustomer } from './arrivals.ts';
import {
  RECENT_SERVED_LIMIT,
  type Customer,
  type CustomerInStore,
  type Demand,
  type QueueSample,
  type QueueState,
  type QueueTotals,
  type Register,
  type ServedCustomer,
  type StaffingPolicy,
} from './queueTypes.ts';

/**
 * A mutable working copy of a state. advanceQueue and withPolicy copy the input once into one
 * of these, run, and hand back a fresh state, so callers never see mutation.
 */
export class Simulation {
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
