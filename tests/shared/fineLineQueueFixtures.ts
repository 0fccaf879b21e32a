/** Shared inputs and checks for the Fine Line queue model's unit tests: seeded demand, policies, fixed customers and the queue's invariants. */
import { expect } from 'vitest';
import {
  queueMetrics,
  type Customer,
  type Demand,
  type QueueState,
  type StaffingPolicy,
} from '@playfield/shared/exercises/fineLine/queue';

/** Set FINE_LINE_SEED to rerun the seeded checks from another base seed. */
export const BASE_SEED = process.env.FINE_LINE_SEED ?? 'fine-line';

export const DEMAND: Demand = {
  arrivalsPerHour: 60,
  service: { kind: 'exponential', meanMinutes: 2.5 },
  patienceMeanMinutes: 4,
};

export const THRESHOLD: StaffingPolicy = {
  openAtStart: 1,
  openThreshold: 4,
  openDelayMinutes: 2,
  maxRegisters: 4,
  costPerRegisterMinute: 0.5,
};

/** A fixed staffing of `c` registers: the threshold is never reached. */
export const fixed = (c: number, cost = 1): StaffingPolicy => ({
  openAtStart: c,
  openThreshold: 1_000_000_000,
  openDelayMinutes: 0,
  maxRegisters: c,
  costPerRegisterMinute: cost,
});

/** Four customers bunched at the start, each taking 4 minutes. */
export const BUNCH: Customer[] = [0, 0.1, 0.2, 0.3].map((arrival) => ({
  arrival,
  service: 4,
  patience: 10,
}));
export const FIXED_DEMAND: Demand = {
  arrivalsPerHour: 60,
  service: { kind: 'fixed', meanMinutes: 4 },
  patienceMeanMinutes: 10,
};
export const OPEN_ONE_AT_TWO: StaffingPolicy = {
  openAtStart: 1,
  openThreshold: 2,
  openDelayMinutes: 1,
  maxRegisters: 2,
  costPerRegisterMinute: 1,
};

export function openCount(state: QueueState): number {
  return state.registers.filter((r) => r.isOpen).length;
}

/** Checks what must hold between any two events, whatever the policy. */
export function expectInvariants(state: QueueState, note: string): void {
  const m = queueMetrics(state);
  expect(m.served, note).toBeLessThanOrEqual(m.customers);
  expect(m.averageWait, note).toBeGreaterThanOrEqual(0);
  expect(m.worstWait, note).toBeGreaterThanOrEqual(m.averageWait);
  expect(m.pastPatienceShare, note).toBeGreaterThanOrEqual(0);
  expect(m.pastPatienceShare, note).toBeLessThanOrEqual(1);
  expect(state.inStore.length, note).toBe(m.customers - m.served);
  expect(state.registers.filter((r) => r.opensAt !== null).length, note).toBeLessThanOrEqual(1);
  expect(
    openCount(state) + state.registers.filter((r) => r.opensAt !== null).length,
    note,
  ).toBeLessThanOrEqual(state.policy.maxRegisters);
  for (const r of state.registers) {
    // Nobody waits while a register is idle, and an idle extra has closed.
    if (r.isOpen && r.servingIndex === null) {
      expect(state.waiting, `${note}: register ${r.id} idle`).toEqual([]);
      expect(r.isExtra, `${note}: register ${r.id} idle`).toBe(false);
    }
  }
  const serving = state.registers.filter((r) => r.servingIndex !== null).length;
  expect(state.waiting.length + serving, note).toBe(state.inStore.length);
}
