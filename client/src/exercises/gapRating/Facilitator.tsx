import { useState } from 'react';
import type { FacilitatorProps } from '../types.ts';
import { GapChart, formatGap, formatMean } from './GapChart.tsx';
import styles from './Facilitator.module.css';
import { ErrorAlert } from '../../components/form/ErrorAlert.tsx';

/** Live progress and the gap chart so far; the room sees it only once revealed. */
export default function GapRatingFacilitator({
  view,
  participantCount,
  act,
}: FacilitatorProps<'gapRating'>) {
  const [error, setError] = useState<string | null>(null);
  const { progress, results, scale } = view;
  return (
    <div className={`stack ${styles.console}`}>
      <p className="question">{view.question}</p>
      <div className="stack stack--tight">
        <p id="gap-console-progress">
          {progress.respondents} of {participantCount} started · {progress.completed} rated every
          measure · {progress.ratings} of {progress.possible} ratings from those who started
        </p>
        <progress
          max={Math.max(1, participantCount * view.measures.length * 2)}
          value={progress.ratings}
          aria-labelledby="gap-console-progress"
        />
        <p className="muted">
          Scale {scale.min} ({scale.lowLabel}) to {scale.max} ({scale.highLabel}). Ratings are
          anonymous: only these aggregates exist outside each phone.
        </p>
      </div>
      <GapChart results={results} label="Live gap per measure" showMeans />
      <details>
        <summary>Figures per measure</summary>
        <div
          className="table-scroll"
          role="region"
          aria-label="Figures per measure, scrollable"
          tabIndex={0}
        >
          <table className={`table ${styles.table}`}>
            <thead>
              <tr>
                <th scope="col">Measure</th>
                <th scope="col">Expected</th>
                <th scope="col">Actual</th>
                <th scope="col">Gap</th>
                <th scope="col">SD</th>
                <th scope="col">Range</th>
                <th scope="col">Rated both</th>
              </tr>
            </thead>
            <tbody>
              {results.measures.map((m) => (
                <tr key={m.measure}>
                  <th scope="row">{m.measure}</th>
                  <td>{formatMean(m.expected)}</td>
                  <td>{formatMean(m.actual)}</td>
                  <td>{m.gap === null ? '–' : formatGap(m.gap)}</td>
                  <td>{m.sd === null ? '–' : m.sd.toFixed(2)}</td>
                  <td>
                    {m.min === null || m.max === null
                      ? '–'
                      : `${formatGap(m.min)} to ${formatGap(m.max)}`}
                  </td>
                  <td>{m.n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <div className="actions">
        <button
          type="button"
          className="button button--quiet"
          disabled={progress.respondents === 0}
          onClick={() => {
            if (!confirm('Clear every rating in this round?')) return;
            void act({ type: 'reset' }).then((r) => setError(r.ok ? null : r.error.message));
          }}
        >
          Clear ratings
        </button>
      </div>
      <ErrorAlert message={error} />
    </div>
  );
}
