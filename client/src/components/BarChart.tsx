import styles from './BarChart.module.css';

/**
 * One bar per label, with the value written out (never colour alone). Counts also show
 * their share of the total; other values (means, gaps) show their unit instead. Negative
 * values (a gap below expectations) draw to the left of a zero line.
 */
export function BarChart(props: {
  labels: string[];
  values: number[];
  /** Indices to mark, e.g. the participant's own choices. */
  marked?: readonly number[];
  size?: 'normal' | 'large';
  label: string;
  /** What the values measure, e.g. "mean score", written after values that are not counts. */
  unit?: string;
  /**
   * What shares are of, when only some items are drawn ("and 2 more"): the total of all of
   * them, so a share agrees with the console's and the phones'. Default: the values shown.
   */
  total?: number;
}) {
  const total = props.total ?? props.values.reduce((a, b) => a + b, 0);
  const hasNegative = props.values.some((v) => v < 0);
  // Whole, non-negative values are counts and show their share; means and gaps show the unit.
  const isCount = !hasNegative && props.values.every(Number.isInteger);
  const max = Math.max(isCount ? 1 : Number.EPSILON, ...props.values.map(Math.abs));
  return (
    <ul
      className={`bar-chart ${props.size === 'large' ? 'bar-chart--large' : ''}`}
      aria-label={props.label}
    >
      {props.labels.map((label, i) => {
        const value = props.values[i] ?? 0;
        const share = total ? Math.round((value / total) * 100) : 0;
        const isMarked = props.marked?.includes(i) ?? false;
        const width = (Math.abs(value) / max) * (hasNegative ? 50 : 100);
        const left = hasNegative ? (value < 0 ? 50 - width : 50) : 0;
        return (
          <li key={i} className={`bar-chart__row ${isMarked ? 'is-marked' : ''}`}>
            <div className="bar-chart__label">
              <span>
                {label}
                {isMarked && <span className="bar-chart__mine"> (your answer)</span>}
              </span>
              <span className="bar-chart__value">
                {formatValue(value)}{' '}
                {isCount ? <small>({share}%)</small> : props.unit && <small>{props.unit}</small>}
              </span>
            </div>
            <div
              className={`bar-chart__track ${hasNegative ? styles.barChartTrackDiverging : ''}`}
              aria-hidden="true"
            >
              <div
                className={`bar-chart__bar ${value < 0 ? styles.barChartBarNegative : ''}`}
                style={{ width: `${width}%`, marginLeft: `${left}%` }}
              />
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** Whole numbers as they are; others to one decimal, with a sign when negative. */
function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
