import type { QuizTeamEntry } from '@playfield/shared/exercises/quiz/index';
import styles from './QuizTablesBoard.module.css';

/** Tables the room screen ranks at most; the rest are counted. */
export const SCREEN_TABLES_RANKED = 6;

function place(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  return `${n}${teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;
}

/**
 * The tables' leaderboard beside the quiz's own on the room screen (a `byTeam` quiz):
 * ranked by average points, so a big table does not win by size. Sized in viewport units
 * like the quiz screen; the first six tables, then how many more.
 */
export function QuizTablesBoard({ entries }: { entries: readonly QuizTeamEntry[] }) {
  const shown = entries.slice(0, SCREEN_TABLES_RANKED);
  return (
    <section className={styles.tables} aria-labelledby="quiz-tables-title">
      <h3 id="quiz-tables-title" className={styles.title}>
        Tables
      </h3>
      <ol className={styles.list} aria-label="Tables by average points">
        {shown.map((t) => (
          <li key={t.name} className={styles.row}>
            <span className={styles.rank}>{place(t.rank)}</span>
            <span className={styles.name}>{t.name}</span>
            <span className={styles.points}>
              {t.average.toLocaleString('en')}
              <span className={styles.unit}> avg</span>
            </span>
          </li>
        ))}
      </ol>
      {entries.length > shown.length && (
        <p className={styles.more}>and {entries.length - shown.length} more tables</p>
      )}
    </section>
  );
}
