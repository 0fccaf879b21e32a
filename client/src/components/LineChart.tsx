import styles from './LineChart.module.css';

const W = 600;
// Room for y labels like "12.5 min" at a font size still readable once the chart is scaled down.
const MARGIN = { left: 86, right: 12, top: 14, bottom: 30 };
/** The room screen's charts: flatter (four fit 1366x768 at full size), wider labels at 1.5rem. */
const SIZES = {
  normal: { H: 200, M: MARGIN },
  large: { H: 150, M: { ...MARGIN, left: 118, top: 18 } },
};

/** A small time-series chart: one line per series over simulated minutes, labelled in text. */
export function LineChart(props: {
  title: string;
  series: { label: string; points: { t: number; v: number | null }[]; dashed?: boolean }[];
  xMax: number;
  yLabel: (v: number) => string;
  size?: 'normal' | 'large';
}) {
  const { H, M } = SIZES[props.size ?? 'normal'];
  const values = props.series.flatMap((s) => s.points.map((p) => p.v ?? 0));
  const yMax = Math.max(1, ...values) * 1.1;
  const x = (t: number) => M.left + (t / Math.max(1, props.xMax)) * (W - M.left - M.right);
  const y = (v: number) => H - M.bottom - (v / yMax) * (H - M.top - M.bottom);
  const latest = props.series.map((s) => {
    const last = [...s.points].reverse().find((p) => p.v !== null);
    return `${s.label} ${last?.v === undefined || last.v === null ? '–' : props.yLabel(last.v)}`;
  });
  return (
    <figure className={`${styles.chart} ${props.size === 'large' ? styles.large : ''}`}>
      <figcaption>
        <strong>{props.title}</strong>{' '}
        <span className={`muted ${styles.latest}`}>{latest.join(' · ')}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${props.title}: ${latest.join(', ')}`}>
        {[0, 0.5, 1].map((f) => {
          const label = props.yLabel(yMax * f);
          // A small range rounds the middle to an end's label ("1, 1, 0"): the ends say it.
          const isRepeated =
            f === 0.5 && (label === props.yLabel(0) || label === props.yLabel(yMax));
          return (
            <g key={f} className={styles.grid}>
              <line x1={M.left} x2={W - M.right} y1={y(yMax * f)} y2={y(yMax * f)} />
              {!isRepeated && (
                <text x={M.left - 6} y={y(yMax * f) + 4} textAnchor="end" data-testid="y-label">
                  {label}
                </text>
              )}
            </g>
          );
        })}
        <text x={W - M.right} y={H - 6} textAnchor="end">
          {props.xMax} min
        </text>
        {props.series.map((s, i) => {
          const points = s.points.filter((p): p is { t: number; v: number } => p.v !== null);
          const className = `${styles.line} ${i === 1 ? styles.second : ''} ${s.dashed ? styles.dashed : ''}`;
          // A single value (one mood report so far) has no line to draw: show it as a dot.
          if (points.length === 1) {
            const [only] = points as [{ t: number; v: number }];
            return (
              <circle
                key={s.label}
                className={`${className} ${styles.dot}`}
                cx={x(only.t)}
                cy={y(only.v)}
                r={5}
              />
            );
          }
          return points.length > 1 ? (
            <polyline
              key={s.label}
              className={className}
              points={points.map((p) => `${x(p.t)},${y(p.v)}`).join(' ')}
            />
          ) : null;
        })}
      </svg>
    </figure>
  );
}
