/** Shared helpers for the control chart's unit tests: signals, samples and a seeded binomial draw. */
import { type Random, type WesternElectricViolation } from '@playfield/shared';

/** [rule, index] pairs, in the order reported: easier to read in a failing assertion. */
export function signals(violations: readonly WesternElectricViolation[]): [number, number][] {
  return violations.map((v) => [v.rule, v.index]);
}

/** A binomial count: n Bernoulli trials with success probability p. */
export function binomial(random: Random, n: number, p: number): number {
  let count = 0;
  for (let i = 0; i < n; i++) if (random.next() < p) count++;
  return count;
}
