import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import styles from './Notebook.module.css';

/**
 * A Y.Text shown as text, following remote edits: what a reader sees instead of a text
 * area, so a long note reads as a paragraph on a phone rather than a scrolling box.
 */
export function LiveText({
  text,
  label,
  empty,
}: {
  text: Y.Text | null;
  label: string;
  empty: string;
}) {
  const [value, setValue] = useState(() => text?.toJSON() ?? '');
  useEffect(() => {
    if (!text) return;
    const update = () => setValue(text.toJSON());
    update();
    text.observe(update);
    return () => text.unobserve(update);
  }, [text]);
  return (
    <div className={styles.nbReadtext}>
      <p className={styles.nbReadtextLabel}>{label}</p>
      {value.trim() ? (
        <p className={styles.nbReadtextBody}>{value}</p>
      ) : (
        <p className="muted">{empty}</p>
      )}
    </div>
  );
}
