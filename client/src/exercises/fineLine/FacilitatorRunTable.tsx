import type { FineLineCommonView } from '@playfield/shared/exercises/fineLine/index';
import { PolicySteps } from './Charts.tsx';
import styles from './FacilitatorRunTable.module.css';

/**
 * The policies tried, compared on the console: five columns instead of the room screen's
 * eight (the run's minutes and its staffing go under its name, both waits share a cell),
 * so the table fits the round's results column at 1366 px with the agenda open.
 */
export function FacilitatorRunTable({ view }: { view: FineLineCommonView }) {
  return (
    // Focusable, so a keyboard could scroll it if a very long policy name ever overflowed.
    <div
      className="table-scroll"
      role="region"
      aria-label="Policies compared, scrollable"
      tabIndex={0}
      data-testid="run-table-scroll"
    >
      <table className={`table ${styles.table}`}>
        <caption>Policies compared over the same customers</caption>
        <thead>
          <tr>
            <th scope="col">Policy and staffing</th>
            <th scope="col">Wait: average / worst</th>
            <th scope="col">Past patience</th>
            <th scope="col">Mood</th>
            <th scope="col">Cost</th>
          </tr>
        </thead>
        <tbody>
          {view.runs.map((r) => (
            <tr key={r.id}>
              <th scope="row" className={styles.policy}>
                <span className={styles.label} data-testid="run-label">
                  {r.label}
                </span>
                <span className={styles.minutes}>{`${r.minutes.toFixed(0)} store minutes`}</span>
                <PolicySteps run={r} />
              </th>
              <td>
                {`${r.averageWait.toFixed(1)}\u00a0min`} / {`${r.worstWait.toFixed(1)}\u00a0min`}
              </td>
              <td>{Math.round(r.pastPatienceShare * 100)}%</td>
              <td>{r.averageMood === null ? '–' : r.averageMood.toFixed(1)}</td>
              <td>{r.staffingCost.toFixed(0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
