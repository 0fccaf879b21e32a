import type { GapResults } from '@playfield/shared/exercises/gapRating/index';
import styles from './GapChart.module.css';

/** Measures the room screen lists in one column; more share two. */
const ONE_COLUMN = 6;

/** A gap with its sign, a true minus and at most two decimals: "+0.5", "−1.25", "0". */
export function formatGap(gap: number): string {
  const rounded = Math.round(gap * 100) / 100;
  if (rounded > 0) return `+${rounded}`;
  return rounded < 0 ? `−${Math.abs(rounded)}` : '0';
}

/** A mean for people: one decimal, or a dash when there is none. */
export const formatMean = (value: number | null) => (value === null ? '–' : value.toFixed(1));

const VERDICT_CLASS = { satisfied: styles.satisfied, short: styles.short, 'no-data': '' };

/**
 * The gap chart: per measure, actual minus expected as a bar left (short of expectations)
 * or right (met or beaten) of zero, a whisker of ± one standard deviation, and the verdict
 * in words and a symbol, never colour alone. Rows are list items so screen readers count them.
 */
export function GapChart(props: {
  results: GapResults;
  label: string;
  size?: 'normal' | 'large';
  /** Also write the two means per measure. */
  showMeans?: boolean;
  /** The viewer's own gap per measure (null where they did not rate both). */
  ownGaps?: readonly (number | null)[];
}) {
  const { results } = props;
  // Half the track spans the largest gap plus its spread, so every whisker fits.
  const reach = Math.max(
    1,
    ...results.measures.map((m) => Math.abs(m.gap ?? 0) + (m.sd ?? 0)),
    ...(props.ownGaps ?? []).map((g) => Math.abs(g ?? 0)),
  );
  const isLarge = props.size === 'large';
  const isTwoColumns = isLarge && results.measures.length > ONE_COLUMN;
  const rowsPerColumn = Math.ceil(results.measures.length / 2);
  const at = (value: number) => 50 + (Math.max(-reach, Math.min(reach, value)) / reach) * 50;

  return (
    <figure className={`${styles.chart} ${isLarge ? styles.large : ''}`}>
      <ul
        className={`${styles.rows} ${isTwoColumns ? styles.twoColumns : ''}`}
        style={isTwoColumns ? { gridTemplateRows: `repeat(${rowsPerColumn}, auto)` } : undefined}
        aria-label={props.label}
      >
        {results.measures.map((m, i) => {
          const own = props.ownGaps?.[i] ?? null;
          const verdict =
            m.isSatisfied === null ? 'no-data' : m.isSatisfied ? 'satisfied' : 'short';
          return (
            <li key={i} className={`${styles.row} ${VERDICT_CLASS[verdict]}`}>
              <span className={styles.label}>{m.measure}</span>
              <span className={styles.track} aria-hidden="true">
                <span className={styles.zero} />
                {m.gap !== null && (
                  <span
                    className={styles.bar}
                    style={{
                      left: `${Math.min(at(0), at(m.gap))}%`,
                      width: `${Math.abs(at(m.gap) - at(0))}%`,
                    }}
                  />
                )}
                {m.gap !== null && m.sd !== null && (
                  <span
                    className={styles.spread}
                    style={{
                      left: `${at(m.gap - m.sd)}%`,
                      width: `${at(m.gap + m.sd) - at(m.gap - m.sd)}%`,
                    }}
                  />
                )}
                {own !== null && <span className={styles.own} style={{ left: `${at(own)}%` }} />}
              </span>
              <span className={styles.figures}>
                {m.gap === null ? (
                  <span className={styles.none}>no gap yet</span>
                ) : (
                  <strong className={styles.gap}>{formatGap(m.gap)}</strong>
                )}
                {m.sd !== null && <span> SD {m.sd.toFixed(1)}</span>}
                {props.showMeans && (
                  <span className={styles.means}>
                    {' '}
                    expected {formatMean(m.expected)} · actual {formatMean(m.actual)}
                  </span>
                )}
                {own !== null && <span> · yours {formatGap(own)}</span>}
              </span>{' '}
              <span className={styles.verdict}>
                {verdict === 'satisfied' ? '✓ Satisfied' : verdict === 'short' ? '✗ Short' : ''}
              </span>
            </li>
          );
        })}
      </ul>
      <figcaption className={styles.legend}>
        {isLarge
          ? 'Gap = actual minus expected, per person. Right of the line: satisfied. Thin line: ± one standard deviation.'
          : 'Gap = actual minus expected, averaged over each person’s own gap. Right of the line: satisfied (actual meets or beats expectations). The thin line shows the spread, ± one standard deviation (SD) of the gaps.'}
      </figcaption>
    </figure>
  );
}
