import { count } from '@playfield/shared/plural';
import type { FacilitatorProps } from '../types.ts';
import { useSender } from '../useSender.ts';
import { GapChart, formatGap, formatMean } from './GapChart.tsx';
import styles from './Facilitator.module.css';
import { ErrorAlert } from '../../components/form/ErrorAlert.tsx';
import { FiguresTable, type FigureColumn } from '../../components/FiguresTable.tsx';
import { ResetButton, type ResetTexts } from '../../components/ResetButton.tsx';

/** The reset button's text and the question it asks first. */
const RESET: ResetTexts = { label: 'Clear ratings', question: 'Clear every rating in this round?' };

/** Short headings keep seven columns of figures inside the console's middle column. */
const FIGURE_COLUMNS: readonly FigureColumn[] = [
  { label: 'Expected', short: 'Exp.' },
  { label: 'Actual', short: 'Act.' },
  { label: 'Gap' },
  { label: 'Spread of the gap (SD)', short: 'SD' },
  { label: 'Range of gaps', short: 'Range' },
  { label: 'Rated both' },
];

/** Live progress and the gap chart so far; the room sees it only once revealed. */
export default function GapRatingFacilitator({
  view,
  participantCount,
  act,
}: FacilitatorProps<'gapRating'>) {
  const { error, send } = useSender(act);
  const { progress, results, scale } = view;
  return (
    <div className={`stack ${styles.console}`}>
      <p className="question">{view.question}</p>
      <div className="stack stack--tight">
        <p id="gap-console-progress">
          {count(progress.respondents)} of {count(participantCount)} started ·{' '}
          {count(progress.completed)} rated every measure · {count(progress.ratings)} of{' '}
          {count(progress.possible)} ratings from those who started
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
        <FiguresTable
          caption="Expected, actual and gap per measure"
          isCaptionHidden
          rowHeading="Measure"
          columns={FIGURE_COLUMNS}
          rows={results.measures.map((m) => ({
            key: m.measure,
            label: m.measure,
            cells: [
              formatMean(m.expected),
              formatMean(m.actual),
              m.gap === null ? '–' : formatGap(m.gap),
              m.sd === null ? '–' : m.sd.toFixed(2),
              m.min === null || m.max === null ? '–' : `${formatGap(m.min)} to ${formatGap(m.max)}`,
              m.n,
            ],
          }))}
        />
      </details>
      <div className="actions">
        <ResetButton send={send} count={progress.respondents} texts={RESET} />
      </div>
      <ErrorAlert message={error} />
    </div>
  );
}
