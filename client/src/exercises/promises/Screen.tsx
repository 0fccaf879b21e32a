import { count } from '@playfield/shared/plural';
import type { ScreenProps } from '../types.ts';
import { OUTCOME_INDEX, SCENARIO_NAME } from './names.ts';
import { PromisesChart } from './PromisesChart.tsx';
import styles from './Screen.module.css';

/**
 * The promises on the projector: the three promises while the room predicts, then the
 * model's curves with, for each promise, how many in the room saw it coming.
 */
export default function PromisesScreen({ view, participantCount }: ScreenProps<'promises'>) {
  const { results } = view;
  if (!results) {
    return (
      <div className={styles.screen}>
        <h2 className={styles.question}>{view.question}</h2>
        <ol className={styles.promises}>
          {view.scenarios.map((s) => (
            <li key={s.scenario}>
              <strong>{SCENARIO_NAME[s.scenario]}:</strong> {s.promise}
            </li>
          ))}
        </ol>
        <p className={styles.count}>Grows, holds steady or shrinks? Predict on your phone.</p>
        <p className={styles.count}>
          {view.startCustomers.toLocaleString('en')} customers at the start, {view.periods}{' '}
          {view.periodName}s · {count(participantCount)} in the room
        </p>
      </div>
    );
  }
  return (
    <div className={styles.screen}>
      <h2 className={styles.title}>What the promise did to the customer base</h2>
      <div className={styles.chart}>
        <PromisesChart
          series={results.series}
          periodName={view.periodName}
          label="Customers per period for each promise"
          shape="wide"
        />
      </div>
      <ul className={styles.verdicts}>
        {results.series.map((s) => {
          const tally = results.tallies[s.scenario];
          const asked = tally[0] + tally[1] + tally[2];
          const right = tally[OUTCOME_INDEX[s.outcome]] ?? 0;
          const end = s.customers[s.customers.length - 1] ?? 0;
          const happy = s.satisfied[s.satisfied.length - 1] ?? 0;
          return (
            <li key={s.scenario}>
              <strong>{SCENARIO_NAME[s.scenario]}</strong>
              <span>{end ? Math.round((100 * happy) / end) : 0}% satisfied</span>
              <span>
                {count(right)} of {count(asked)} saw it coming
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
