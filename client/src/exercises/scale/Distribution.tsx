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
 * A statement's distribution as bars with counts written out, and the mean as a marked
 * point along the same axis ("▼ mean 3.8"; the earlier mean as "▽ before 3.1"), so neither
 * colour nor position alone carries the figures.
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
  return (
    <figure
      className={`${styles.chart} ${size === 'large' ? styles.large : styles.small}`}
      aria-label={`${stats.text}: mean ${figure(stats.mean)}, median ${figure(stats.median)}, ${stats.count} ratings`}
    >
      <div
        className={styles.axis}
        aria-hidden="true"
        style={before !== null ? { height: '2.4em' } : undefined}
      >
        {before !== null && (
          <span
            className={`${styles.marker} ${styles.before}`}
            style={{ left: `${position(spec, before, n)}%`, top: '1.2em' }}
          >
            ▽ {figure(before)}
          </span>
        )}
        {stats.mean !== null && (
          <span className={styles.marker} style={{ left: `${position(spec, stats.mean, n)}%` }}>
            ▼ {figure(stats.mean)}
          </span>
        )}
      </div>
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
      <div className={styles.labels} aria-hidden="true">
        {stats.bins.map((bin) => (
          <span key={bin.label}>{spec.kind === '0-100' ? bin.label.split('-')[0] : bin.label}</span>
        ))}
      </div>
    </figure>
  );
}
