import styles from './QaTabs.module.css';

/**
 * The phone's switch between the current round and the Q&A, reachable from any round.
 * Small and eager; the Q&A itself loads lazily when opened.
 */
export function QaTabs({
  isQuestions,
  onChange,
  count,
}: {
  isQuestions: boolean;
  onChange: (isQuestions: boolean) => void;
  count: number;
}) {
  return (
    <nav className={styles.tabs} aria-label="Round or questions">
      <button
        type="button"
        className={styles.tab}
        aria-pressed={!isQuestions}
        onClick={() => onChange(false)}
      >
        Round
      </button>
      <button
        type="button"
        className={styles.tab}
        aria-pressed={isQuestions}
        onClick={() => onChange(true)}
      >
        Questions{count > 0 ? ` (${count})` : ''}
      </button>
    </nav>
  );
}
