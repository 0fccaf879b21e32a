import { count } from '@playfield/shared/plural';
import { Fragment } from 'react';
import { BarChart } from '../../components/BarChart.tsx';
import type { ScreenProps } from '../types.ts';
import styles from './Screen.module.css';

type Result = NonNullable<ScreenProps<'sort'>['view']['results']>['items'][number];

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Category labels with the expected one marked in words, not by colour alone. */
function labelled(categories: string[], answer: number | null): string[] {
  return categories.map((c, j) => (j === answer ? `✓ ${c} (expected)` : c));
}

/** "5 Product · 3 Service": a statement's spread, wrapping only between categories. */
function SpreadLine({ categories, result }: { categories: string[]; result: Result }) {
  return categories.map((c, j) => (
    <Fragment key={j}>
      {j > 0 && ' · '}
      <span className={styles.part}>
        {`${result.counts[j] ?? 0} ${j === result.answer ? `✓ ${c}` : c}`}
      </span>
    </Fragment>
  ));
}

/**
 * The sort on the projector: progress while people sort, then either the statement the
 * facilitator picked with its spread, or an overview of where the room disagreed most.
 */
export default function SortScreen({ view, participantCount }: ScreenProps<'sort'>) {
  const { results, focus } = view;
  if (focus) {
    return (
      <div className={`screen-round ${styles.root}`}>
        <p className="screen__eyebrow">
          Statement {focus.index + 1} of {view.itemCount}
        </p>
        <h2 className={`screen-question ${styles.question}`}>{focus.text}</h2>
        {focus.result ? (
          <>
            <BarChart
              label={`How the room sorted “${focus.text}”`}
              labels={labelled(view.categories, focus.result.answer)}
              values={focus.result.counts}
              size="large"
            />
            {focus.result.correctShare !== null && (
              <p className="screen-count">
                <strong>{percent(focus.result.correctShare)}</strong> sorted it as expected
              </p>
            )}
          </>
        ) : (
          <p className="screen-count">{view.categories.join(' or ')}?</p>
        )}
      </div>
    );
  }
  if (!results) {
    return (
      <div className={`screen-round ${styles.root}`}>
        <h2 className={`screen-question ${styles.question}`}>{view.prompt}</h2>
        <ul className={styles.categories} aria-label="Categories">
          {view.categories.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <p className="screen-count">
          <strong>{count(view.respondents)}</strong> of {count(participantCount)} sorting ·{' '}
          <strong>{count(view.finished)}</strong> sorted all {view.itemCount}
        </p>
      </div>
    );
  }
  return (
    <div className={`screen-round ${styles.root}`}>
      <h2 className={`screen-question ${styles.question}`}>{view.prompt}</h2>
      {results.averageCorrectShare !== null && (
        <p className="screen-count">
          <strong>{percent(results.averageCorrectShare)}</strong> of answers as expected
        </p>
      )}
      {results.divided.length > 0 ? (
        <div>
          <h3 className={styles.subhead}>Where the room disagreed most</h3>
          <ol className={styles.divided}>
            {results.divided.map((i) => {
              const result = results.items[i];
              if (!result) return null;
              return (
                <li key={i}>
                  <span className={styles.text}>{result.text}</span>
                  <span className={styles.spread}>
                    <SpreadLine categories={view.categories} result={result} />
                  </span>
                </li>
              );
            })}
          </ol>
        </div>
      ) : (
        <p className="screen-count">The room agreed on every statement.</p>
      )}
    </div>
  );
}
