/** A Fine Line round's runs side by side: their figures, their policies and the debrief. */
import { queueMetrics, type StaffingPolicy } from './queue.ts';
import type { FineLineRun, FineLineState } from './model.ts';

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

export function comparison(run: FineLineRun): RunComparison {
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

export const minutes = (m: number) => `${m.toFixed(1)} min`;

/** ", policy changed at minute 12 and 30" for a run whose policy changed mid-run. */
function changedAt(run: RunComparison): string {
  const times = run.policySteps.filter((step) => step.t > 0).map((step) => step.t.toFixed(0));
  if (times.length === 0) return '';
  const listed =
    times.length === 1 ? times[0] : `${times.slice(0, -1).join(', ')} and ${String(times.at(-1))}`;
  return `, policy changed at minute ${listed ?? ''}`;
}

/** The document's point, in the run's own numbers. */
export function debrief(state: FineLineState): string[] | null {
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
