import { count, plural } from '@playfield/shared/plural';
import { ScreenQuestion } from '../../components/ScreenQuestion.tsx';
import type { ScreenProps } from '../types.ts';
import { Distribution } from './Distribution.tsx';
import styles from './Screen.module.css';

function figure(value: number | null): string {
  return value === null ? '–' : String(Math.round(value * 10) / 10);
}

function change(before: number | null, after: number | null): string {
  if (before === null || after === null) return '';
  const d = Math.round((after - before) * 10) / 10;
  return d === 0 ? ' (±0)' : d > 0 ? ` (+${d})` : ` (${d})`;
}

/**
 * Scales on the projector: the statements while people rate, then (after the reveal, or live
 * when configured) each one's distribution and mean, before -> after when comparing. One page
 * of at most four statements at a time, so nothing needs scrolling.
 */
export default function ScaleScreen({ view, participantCount }: ScreenProps<'scale'>) {
  const { scale } = view;
  const pageNote = view.pageCount > 1 ? ` · page ${view.page + 1} of ${view.pageCount}` : '';
  return (
    <ScreenQuestion
      question={view.question}
      meta={
        <>
          <strong>{count(view.respondents)}</strong> of {count(participantCount)} answered ·{' '}
          {scale.min} {scale.lowLabel} … {scale.max} {scale.highLabel}
          {pageNote}
          {view.results && ' · dashed line: mean'}
          {view.comparedWith && view.results && ` · dotted: before (${view.comparedWith})`}
        </>
      }
    >
      {view.results ? (
        <div className={`${styles.grid} ${view.results.length > 1 ? styles.two : ''}`} role="list">
          {view.results.map((s) => (
            <section key={s.index} className={styles.card} role="listitem" aria-label={s.text}>
              <p className={styles.text}>{s.text}</p>
              <p className={styles.figures}>
                Mean <strong>{figure(s.mean)}</strong> · median {figure(s.median)} ·{' '}
                {plural(s.count, 'rating', 'ratings')}
                {s.skipped > 0 && ` · ${s.skipped} skipped`}
                {s.before &&
                  ` · before ${figure(s.before.mean)} → ${figure(s.mean)}${change(s.before.mean, s.mean)}`}
              </p>
              <div className={styles.chart}>
                <Distribution stats={s} spec={scale} size="large" />
              </div>
            </section>
          ))}
        </div>
      ) : (
        <ol className={styles.list} start={(view.statements[0]?.index ?? 0) + 1}>
          {view.statements.map((s) => (
            <li key={s.index}>{s.text}</li>
          ))}
        </ol>
      )}
    </ScreenQuestion>
  );
}
