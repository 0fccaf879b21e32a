import type { ScaleSpec, StatementStats } from '@playfield/shared/exercises/scale/index';
import styles from './Distribution.module.css';

function figure(value: number | null): string {
  return value === null ? '–' : String(Math.round(value * 10) / 10);
}

/** Where a value sits along the bars, in percent: bins are equal columns over the scale. */
function position(spec: ScaleSpec, value: number, bins: number): number {
  if (spec.kind === '0-100') return Math.min(100, Math.max(0, value));
  // Column i covers [i/bins, (i+1)/bins]; value v is the centre of column v - min.
  return ((value - spec.min + 0.5) / bins) * 100;
}

/**
 * A statement's distribution as bars with counts written out, and the mean as a dashed line
 * across them (the earlier round's mean dotted). The figures themselves are written next to
 * the chart by its parent; the figure's name carries them for screen readers.
 */
export function Distribution({
  stats,
  spec,
  size = 'small',
}: {
  stats: StatementStats;
  spec: ScaleSpec;
  size?: 'small' | 'large';
}) {
  const max = Math.max(1, ...stats.bins.map((b) => b.count));
  const n = stats.bins.length;
  const before = stats.before?.mean ?? null;
  const beforeText = before === null ? '' : `, before ${figure(before)}`;
  return (
    <figure
      className={`${styles.chart} ${size === 'large' ? styles.large : styles.small}`}
      aria-label={`${stats.text}: mean ${figure(stats.mean)}${beforeText}, median ${figure(stats.median)}, ${stats.count} ratings`}
    >
      <div className={styles.plot}>
        <ul className={styles.bars}>
          {stats.bins.map((bin) => (
            <li key={bin.label} className={styles.bar} aria-label={`${bin.label}: ${bin.count}`}>
              <span className={styles.count}>{bin.count}</span>
              <span
                className={styles.fill}
                style={{ height: `calc((100% - 1.3em) * ${bin.count / max})` }}
              />
            </li>
          ))}
        </ul>
        {before !== null && (
          <span
            className={styles.before}
            style={{ left: `${position(spec, before, n)}%` }}
            aria-hidden="true"
          />
        )}
        {stats.mean !== null && (
          <span
            className={styles.mean}
            style={{ left: `${position(spec, stats.mean, n)}%` }}
            aria-hidden="true"
          />
        )}
      </div>
      <div className={styles.labels} aria-hidden="true">
        {stats.bins.map((bin) => (
          <span key={bin.label}>{spec.kind === '0-100' ? bin.label.split('-')[0] : bin.label}</span>
        ))}
      </div>
    </figure>
  );
}
