import type { FacilitatorProps } from '../types.ts';
import { OUTCOME_NAME, OUTCOMES, SCENARIO_NAME } from './names.ts';
import { PromisesChart } from './PromisesChart.tsx';
import styles from './Facilitator.module.css';

/**
 * The promises on the console: the room's predictions as they come in (counts only), and
 * the model's curves ahead of the reveal, so the facilitator can plan the debrief.
 */
export default function PromisesFacilitator({
  view,
  participantCount,
  act,
}: FacilitatorProps<'promises'>) {
  const { results } = view;
  return (
    <div className="stack">
      <p className="question">{view.question}</p>
      <table className={styles.table}>
        <caption>
          Predictions: {results.predictors} of {participantCount} people
        </caption>
        <thead>
          <tr>
            <th scope="col">Promise</th>
            {OUTCOMES.map((o) => (
              <th key={o} scope="col">
                {OUTCOME_NAME[o]}
              </th>
            ))}
            <th scope="col">What happens</th>
          </tr>
        </thead>
        <tbody>
          {results.series.map((s) => (
            <tr key={s.scenario}>
              <th scope="row">{SCENARIO_NAME[s.scenario]}</th>
              {results.tallies[s.scenario].map((n, i) => (
                <td key={i}>{n}</td>
              ))}
              <td>
                {OUTCOME_NAME[s.outcome]} to{' '}
                {(s.customers[s.customers.length - 1] ?? 0).toLocaleString('en')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className={styles.chart}>
        <PromisesChart
          series={results.series}
          periodName={view.periodName}
          label="The model: customers per period for each promise"
        />
      </div>
      <div>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => void act({ type: 'reset' })}
        >
          Clear predictions
        </button>
      </div>
    </div>
  );
}
