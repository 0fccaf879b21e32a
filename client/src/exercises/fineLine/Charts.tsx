import type { ReactNode } from 'react';
import type { FineLineCommonView } from '@playfield/shared/exercises/fineLine/index';
import { LineChart } from '../../components/LineChart.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import styles from './Charts.module.css';
import store from './Store.module.css';

/** The four live charts: line length, waiting time, reported mood and staffing cost. */
export function FineLineCharts({
  view,
  size = 'normal',
}: {
  view: FineLineCommonView;
  size?: 'normal' | 'large';
}) {
  const series = (pick: (p: FineLineCommonView['points'][number]) => number | null) =>
    view.points.map((p) => ({ t: p.t, v: pick(p) }));
  const xMax = view.durationMinutes;
  return (
    <div className={`${styles.charts} ${size === 'large' ? styles.large : ''}`}>
      <LineChart
        size={size}
        title="Customers waiting"
        xMax={xMax}
        yLabel={(v) => v.toFixed(0)}
        series={[
          { label: 'waiting', points: series((p) => p.waiting) },
          { label: 'registers open', points: series((p) => p.openRegisters), dashed: true },
        ]}
      />
      <LineChart
        size={size}
        title="Average wait"
        xMax={xMax}
        yLabel={(v) => `${v.toFixed(1)} min`}
        series={[{ label: 'average wait', points: series((p) => p.averageWait) }]}
      />
      <LineChart
        size={size}
        title="Reported mood (1 to 5)"
        xMax={xMax}
        yLabel={(v) => v.toFixed(1)}
        series={[{ label: 'mood', points: series((p) => p.mood) }]}
      />
      <LineChart
        size={size}
        title="Staffing cost"
        xMax={xMax}
        yLabel={(v) => v.toFixed(0)}
        series={[{ label: 'cost', points: series((p) => p.cost) }]}
      />
    </div>
  );
}

/** The policies tried, side by side. */
export function RunTable({ view }: { view: FineLineCommonView }) {
  return (
    <RunsTable
      view={view}
      className={styles.runTable}
      heads={
        <>
          <th scope="col">Policy</th>
          <th scope="col">Store minutes</th>
          <th scope="col">Staffing over the run</th>
          <th scope="col">Average wait</th>
          <th scope="col">Worst wait</th>
        </>
      }
      cells={(r) => (
        <>
          <th scope="row">{r.label}</th>
          <td>{r.minutes.toFixed(0)}</td>
          <td>
            <PolicySteps run={r} />
          </td>
          <td>{minutes(r.averageWait)}</td>
          <td>{minutes(r.worstWait)}</td>
        </>
      )}
    />
  );
}

type Run = FineLineCommonView['runs'][number];

/** A wait in minutes, e.g. "2.5 min" (never broken across lines). */
export const minutes = (value: number) => `${value.toFixed(1)}\u00a0min`;

/**
 * The runs compared, one row each: the caller's leading columns (`heads`, `cells`), then
 * every run's outcome (past patience, mood, cost), in a region a keyboard can scroll.
 */
export function RunsTable({
  view,
  className,
  testId,
  heads,
  cells,
}: {
  view: FineLineCommonView;
  className: string | undefined;
  testId?: string;
  heads: ReactNode;
  cells: (run: Run) => ReactNode;
}) {
  return (
    <ScrollTable
      label="Policies compared"
      caption="Policies compared over the same customers"
      className={className}
      testId={testId}
    >
      <thead>
        <tr>
          {heads}
          <th scope="col">Past patience</th>
          <th scope="col">Mood</th>
          <th scope="col">Cost</th>
        </tr>
      </thead>
      <tbody>
        {view.runs.map((run) => (
          <tr key={run.id}>
            {cells(run)}
            <td>{Math.round(run.pastPatienceShare * 100)}%</td>
            <td>{run.averageMood === null ? '–' : run.averageMood.toFixed(1)}</td>
            <td>{run.staffingCost.toFixed(0)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/**
 * A run's staffing policies with the store minute each took effect: a mid-run change shows
 * as a second line instead of relabelling the whole run with the policy it ended with.
 */
export function PolicySteps({ run }: { run: Run }) {
  return (
    <ol className={styles.steps}>
      {run.policySteps.map((step) => (
        <li key={step.t}>
          <span className={styles.time}>
            {step.t === 0 ? 'Start' : `From ${step.t.toFixed(0)}\u00a0min`}:
          </span>{' '}
          {step.policy.openAtStart} open, +1 at {step.policy.openThreshold} waiting (after{' '}
          {step.policy.openDelayMinutes}&nbsp;min), at most {step.policy.maxRegisters}
        </li>
      ))}
      {run.policyStepsLeftOut > 0 && (
        <li className={styles.more}>and {run.policyStepsLeftOut} earlier changes</li>
      )}
    </ol>
  );
}

/** The line and the registers on the console (the room screen's is ScreenStore.tsx). */
export function Store({ view }: { view: FineLineCommonView }) {
  return (
    <div>
      <ul className={store.registers} aria-label="Registers">
        {view.registers.map((r) => (
          <li key={r.id} className={store.register} data-state={r.state}>
            <span>Register {r.id + 1}</span>
            <strong>{r.state}</strong>
          </li>
        ))}
      </ul>
      <div
        className={store.line}
        role="group"
        aria-label={`${view.waitingCount} customers in line`}
      >
        {view.line.map((c, i) => (
          <span
            key={i}
            className={`${store.customer} ${c.isParticipant ? store.participant : ''} ${c.waitedMinutes > 5 ? store.long : ''}`}
            title={`${c.name ?? 'Customer'}: ${c.waitedMinutes.toFixed(1)} min`}
          >
            {c.name ?? ''}
          </span>
        ))}
        {view.waitingCount > view.line.length && (
          <span className="muted">+{view.waitingCount - view.line.length} more</span>
        )}
      </div>
    </div>
  );
}
