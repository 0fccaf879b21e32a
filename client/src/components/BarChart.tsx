/** One bar per label, with the count and share written out (never colour alone). */
export function BarChart(props: {
  labels: string[];
  values: number[];
  /** Indices to mark, e.g. the participant's own choices. */
  marked?: readonly number[];
  size?: 'normal' | 'large';
  label: string;
}) {
  const total = props.values.reduce((a, b) => a + b, 0);
  const max = Math.max(1, ...props.values);
  return (
    <ul
      className={`bar-chart ${props.size === 'large' ? 'bar-chart--large' : ''}`}
      aria-label={props.label}
    >
      {props.labels.map((label, i) => {
        const value = props.values[i] ?? 0;
        const share = total ? Math.round((value / total) * 100) : 0;
        const isMarked = props.marked?.includes(i) ?? false;
        return (
          <li key={i} className={`bar-chart__row ${isMarked ? 'is-marked' : ''}`}>
            <div className="bar-chart__label">
              <span>
                {label}
                {isMarked && <span className="bar-chart__mine"> (your answer)</span>}
              </span>
              <span className="bar-chart__value">
                {value} <small>({share}%)</small>
              </span>
            </div>
            <div className="bar-chart__track" aria-hidden="true">
              <div className="bar-chart__bar" style={{ width: `${(value / max) * 100}%` }} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
