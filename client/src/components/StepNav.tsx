import type { ReactNode } from 'react';
import styles from './StepNav.module.css';

/**
 * A phone's way through items one at a time (a card, a measure, a statement): Previous and
 * Next, each disabled at its end, then any `children` (e.g. "Review all") in the same row.
 */
export function StepNav({
  index,
  count,
  onGo,
  previous = '← Previous',
  next = 'Next →',
  isNextPrimary = false,
  children,
}: {
  index: number;
  count: number;
  onGo: (index: number) => void;
  previous?: string;
  next?: string;
  /** Next is the step the phone expects (the primary look). */
  isNextPrimary?: boolean;
  children?: ReactNode;
}) {
  return (
    <div className={styles.nav}>
      <button
        type="button"
        className="button"
        disabled={index === 0}
        onClick={() => onGo(index - 1)}
      >
        {previous}
      </button>
      <button
        type="button"
        className={isNextPrimary ? 'button button--primary' : 'button'}
        disabled={index >= count - 1}
        onClick={() => onGo(index + 1)}
      >
        {next}
      </button>
      {children}
    </div>
  );
}
