import { rangeLabel, rankLabel } from '@playfield/shared/exercises/ranking/index';
import { ScreenQuestion } from '../../components/ScreenQuestion.tsx';
import type { ScreenProps } from '../types.ts';
import styles from './Screen.module.css';

/**
 * The ranking on the projector: the items while people order them, then the room's Borda
 * ranking (shared ranks marked "="), each item's points as a bar with the number, how many
 * put it first and its range of places.
 */
export default function RankingScreen({ view, participantCount }: ScreenProps<'ranking'>) {
  const results = view.results;
  const max = Math.max(1, ...(results ?? []).map((r) => r.points));
  return (
    <ScreenQuestion
      question={view.question}
      meta={
        <>
          <strong>{view.submitted}</strong> of {participantCount} ranked
          {results && ' · Borda points · “=” shares a rank · times first · range of places'}
        </>
      }
    >
      {results ? (
        <ol className={styles.rows} aria-label="The room’s ranking">
          {results.map((r) => (
            <li key={r.item} className={styles.row}>
              <span className={styles.rank}>{rankLabel(r)}</span>
              <span className={styles.label}>{r.label}</span>
              <span className={styles.track} aria-hidden="true">
                <span className={styles.bar} style={{ width: `${(r.points / max) * 100}%` }} />
              </span>
              <span className={styles.points}>{r.points} pts</span>
              <span className={styles.spread}>
                {r.firsts}× 1st · places {rangeLabel(r)}
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <ol className={styles.list}>
          {view.items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ol>
      )}
    </ScreenQuestion>
  );
}
