import type { ReactNode } from 'react';
import styles from './ScreenQuestion.module.css';

/** A room-screen result page: its question, a line of counts (figures in <strong>), the rest. */
export function ScreenQuestion({
  question,
  meta,
  children,
}: {
  question: string;
  meta: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className={styles.root} data-testid="exercise-screen">
      <h2 className={styles.question}>{question}</h2>
      <p className={styles.meta}>{meta}</p>
      {children}
    </div>
  );
}
