import { count, plural } from '@playfield/shared/plural';
import type { FacilitatorProps } from '../types.ts';
import { OUTCOME_NAME, OUTCOMES, SCENARIO_NAME } from './names.ts';
import { PromisesChart } from './PromisesChart.tsx';
import styles from './Facilitator.module.css';
import { FiguresTable, type FigureColumn } from '../../components/FiguresTable.tsx';
import { SendButton } from '../../components/SendButton.tsx';

/** How many predicted each outcome, then what the model says happens (words, wrapping). */
const COLUMNS: readonly FigureColumn[] = [
  ...OUTCOMES.map((o) => ({ label: OUTCOME_NAME[o] })),
  { label: 'What happens', isText: true },
];

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
      <FiguresTable
        caption={`Predictions: ${count(results.predictors)} of ${plural(participantCount, 'person', 'people')}`}
        rowHeading="Promise"
        columns={COLUMNS}
        rows={results.series.map((s) => ({
          key: s.scenario,
          label: SCENARIO_NAME[s.scenario],
          cells: [
            ...results.tallies[s.scenario],
            `${OUTCOME_NAME[s.outcome]} to ${(s.customers[s.customers.length - 1] ?? 0).toLocaleString('en')}`,
          ],
        }))}
      />
      <div className={styles.chart}>
        <PromisesChart
          series={results.series}
          periodName={view.periodName}
          label="The model: customers per period for each promise"
        />
      </div>
      <div>
        <SendButton send={act} action={{ type: 'reset' }} variant="quiet">
          Clear predictions
        </SendButton>
      </div>
    </div>
  );
}
