import type { FineLineCommonView } from '@playfield/shared/exercises/fineLine/index';
import { PolicySteps, RunsTable, minutes } from './Charts.tsx';
import styles from './FacilitatorRunTable.module.css';

/**
 * The policies tried, compared on the console: five columns instead of the room screen's
 * eight (the run's minutes and its staffing go under its name, both waits share a cell),
 * so the table fits the round's results column at 1366 px with the agenda open.
 */
export function FacilitatorRunTable({ view }: { view: FineLineCommonView }) {
  // Focusable, so a keyboard could scroll it if a very long policy name ever overflowed.
  return (
    <RunsTable
      view={view}
      className={styles.table}
      testId="run-table-scroll"
      heads={
        <>
          <th scope="col">Policy and staffing</th>
          <th scope="col">Wait: average / worst</th>
        </>
      }
      cells={(r) => (
        <>
          <th scope="row" className={styles.policy}>
            <span className={styles.label} data-testid="run-label">
              {r.label}
            </span>
            <span className={styles.minutes}>{`${r.minutes.toFixed(0)} store minutes`}</span>
            <PolicySteps run={r} />
          </th>
          <td>
            {minutes(r.averageWait)} / {minutes(r.worstWait)}
          </td>
        </>
      )}
    />
  );
}
