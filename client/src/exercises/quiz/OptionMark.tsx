import styles from './OptionMark.module.css';
import { markOf } from './marks.ts';

/** The class giving option `i` its colour (text colour included, for contrast). */
export function toneOf(i: number): string {
  return styles[`tone${i % 6}`] ?? '';
}

/**
 * An option's badge: its shape and letter on its colour. The letter is what a screen reader
 * hears ("Option A"); the shape and colour repeat it for the eye.
 */
export function OptionMark({ index, className = '' }: { index: number; className?: string }) {
  const mark = markOf(index);
  return (
    <span className={`${styles.mark} ${toneOf(index)} ${className}`}>
      <span className={styles.shape} aria-hidden="true">
        {mark.shape}
      </span>
      <span aria-hidden="true">{mark.letter}</span>
      <span className="visually-hidden">Option {mark.letter}:</span>
    </span>
  );
}

/** Text for screen readers only. */
export function VisuallyHidden({ children }: { children: React.ReactNode }) {
  return <span className="visually-hidden">{children}</span>;
}
