import styles from './Places.module.css';

/** How many put an item at each place, as a row of small columns with the counts written out. */
export function Places({ places, label }: { places: readonly number[]; label: string }) {
  const max = Math.max(1, ...places);
  return (
    <ul className={styles.places} aria-label={label}>
      {places.map((count, p) => (
        <li key={p} className={styles.place} aria-label={`place ${p + 1}: ${count}`}>
          <span className={styles.fill} style={{ height: `${(count / max) * 100}%` }} />
          <span className={styles.count} aria-hidden="true">
            {count}
          </span>
        </li>
      ))}
    </ul>
  );
}
