/** What the checkout line (queue.ts) accepts: a demand, a staffing policy, a scripted line. */
import {
  MAX_ARRIVALS_PER_HOUR,
  MAX_OPEN_DELAY_MINUTES,
  MAX_PATIENCE_MEAN_MINUTES,
  MAX_REGISTERS,
  MAX_SERVICE_MEAN_MINUTES,
  type Customer,
  type Demand,
  type StaffingPolicy,
} from './queueTypes.ts';

export const isFiniteNumber = (value: number): boolean =>
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

/** Why a hand-placed line of customers is refused, or null if it is sane. */
export function validateScript(script: readonly Customer[]): string | null {
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
