import styles from './Brainstorm.module.css';

/** A note's tag as a chip with a space after it, or nothing for an untagged note. */
export function TagChip({ tag }: { tag: string | null | undefined }) {
  if (!tag) return null;
  return (
    <>
      <span className={styles.tag}>{tag}</span>{' '}
    </>
  );
}
