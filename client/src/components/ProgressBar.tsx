import type { ReactNode } from 'react';
import styles from './ProgressBar.module.css';

/** How far a participant has got ("3 of 8 sorted"): the words label a bar of `value` of `max`. */
export function ProgressBar({
  id,
  value,
  max,
  children,
}: {
  id: string;
  value: number;
  max: number;
  children: ReactNode;
}) {
  return (
    <div className={styles.progress}>
      <label htmlFor={id}>{children}</label>
      <progress id={id} max={max} value={value} />
    </div>
  );
}
