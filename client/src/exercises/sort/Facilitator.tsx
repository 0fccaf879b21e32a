import { count } from '@playfield/shared/plural';
import { BarChart } from '../../components/BarChart.tsx';
import type { FacilitatorProps } from '../types.ts';
import styles from './Facilitator.module.css';
import { FiguresTable } from '../../components/FiguresTable.tsx';
import { ResetButton, type ResetTexts } from '../../components/ResetButton.tsx';
import { SendButton } from '../../components/SendButton.tsx';

/** The reset button's text and the question it asks first. */
const RESET: ResetTexts = { label: 'Clear answers', question: 'Clear every answer to this sort?' };

const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)}%`);

/** The console: progress, the live spread per statement, and which statement the screen shows. */
export default function SortFacilitator({ view, participantCount, act }: FacilitatorProps<'sort'>) {
  const { results, categories } = view;
  const hasAnswers = view.items.some((i) => i.answer !== null);
  const scorable = view.scoreSpread.length - 1;
  return (
    <div className="stack">
      <h3 className="question">{view.prompt}</h3>
      <p className="muted">
        {count(results.respondents)} of {count(participantCount)} sorting ·{' '}
        {count(results.finished)} finished · {view.items.length} statements
        {view.isRevealed ? ' · results shown to the room' : ' · answers private until you reveal'}
      </p>
      {results.averageCorrectShare !== null && (
        <p>
          <strong>{percent(results.averageCorrectShare)}</strong> of answers so far as expected.
        </p>
      )}
      <FiguresTable
        caption="Live spread per statement"
        rowHeading="Statement"
        className={styles.table}
        columns={[
          ...categories.map((c) => ({ label: c })),
          ...(hasAnswers ? [{ label: 'As expected' }] : []),
        ]}
        rows={view.items.map((item, i) => {
          const r = results.items[i];
          const isOnScreen = view.focus === i;
          return {
            key: String(i),
            label: item.text,
            className: isOnScreen ? styles.current : undefined,
            cells: [
              ...categories.map((_, j) => (
                <>
                  {r?.counts[j] ?? 0}
                  {item.answer === j && (
                    <span>
                      {' '}
                      ✓<span className="visually-hidden"> (expected)</span>
                    </span>
                  )}
                </>
              )),
              ...(hasAnswers ? [percent(r?.correctShare ?? null)] : []),
            ],
            // Under the statement, not a column of its own: the figures keep their room.
            action: (
              <button
                type="button"
                className="button button--small"
                aria-pressed={isOnScreen}
                aria-label={`Show “${item.text}” on the screen`}
                onClick={() => void act({ type: 'focus', item: isOnScreen ? null : i })}
              >
                {isOnScreen ? 'On screen' : 'Show'}
              </button>
            ),
          };
        })}
      />
      <p className="muted">✓ marks the expected category.</p>
      {scorable > 0 && results.respondents > 0 && (
        <BarChart
          label="How many each person sorted as expected"
          labels={view.scoreSpread.map((_, k) => `${k} of ${scorable} as expected`)}
          values={view.scoreSpread}
        />
      )}
      <div className="actions">
        <SendButton
          send={act}
          action={{ type: 'focus', item: null }}
          disabled={view.focus === null}
        >
          Screen: back to the overview
        </SendButton>
        <ResetButton send={act} count={results.respondents} texts={RESET} />
      </div>
    </div>
  );
}
