/** Figures of a checkout-line run (queue.ts), and the queueing-theory benchmark. */
import type { QueueMetrics, QueueState } from './queueTypes.ts';

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
