import type { ControlChartView } from '@playfield/shared';
import styles from './ControlChart.module.css';

/**
 * The drawing's shapes, in SVG units: `tall` for the console, the phone and the running room
 * screen (drawn about 43rem wide there, where 29 units read as 24 px at 1366x768); `flat` for
 * the room screen's debrief, which shares its column with the ranking: drawn across that
 * column (about 38rem) at nearly one unit a pixel, with three gridlines so 27-unit labels
 * read as 24 px and do not crowd.
 */
const SHAPES = {
  tall: { W: 800, H: 360, M: { left: 52, right: 96, top: 18, bottom: 36 }, ticks: 5 },
  flat: { W: 640, H: 210, M: { left: 56, right: 128, top: 16, bottom: 40 }, ticks: 3 },
} as const;

const fmt = (n: number, kind: ControlChartView['kind']) =>
  kind === 'p' ? `${Math.round(n * 100)}%` : n.toFixed(1);

/** Gridlines at round steps (1, 2 or 5 times a power of ten), about `count` up to `max`. */
function niceTicks(max: number, count: number): number[] {
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  return Array.from({ length: Math.floor(max / step + 1e-9) + 1 }, (_, i) => i * step);
}

const fmtTick = (n: number, kind: ControlChartView['kind']) =>
  kind === 'p' ? fmt(n, kind) : String(Math.round(n * 100) / 100);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const text = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
/** The items of `v` that `read` accepts; anything but an array is an empty list. */
function listOf<T>(v: unknown, read: (item: unknown) => T | null): T[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((item: unknown) => {
    const read1 = read(item);
    return read1 === null ? [] : [read1];
  });
}

/**
 * A chart as far as it can be read. Charts come back from stored notebooks and older
 * summaries, so any field may be missing or malformed: what is readable is drawn, the
 * rest left out; null when it is not a chart at all.
 */
export function readChart(raw: unknown): ControlChartView | null {
  if (!isRecord(raw)) return null;
  const kind = raw.kind === 'p' ? 'p' : 'np';
  return {
    title: text(raw.title, 'Control chart'),
    kind,
    unit: text(raw.unit, 'values'),
    points: listOf(raw.points, (p) =>
      isRecord(p) && isNumber(p.value)
        ? { value: p.value, label: text(p.label), isBeyondLimits: p.isBeyondLimits === true }
        : null,
    ),
    segments: listOf(raw.segments, (s) =>
      isRecord(s) &&
      isNumber(s.start) &&
      isNumber(s.end) &&
      isNumber(s.center) &&
      isNumber(s.lower) &&
      isNumber(s.upper)
        ? { start: s.start, end: s.end, center: s.center, lower: s.lower, upper: s.upper }
        : null,
    ),
    cumulative: listOf(raw.cumulative, (v) => (isNumber(v) ? v : null)),
    expected: isNumber(raw.expected) ? raw.expected : null,
    signals: listOf(raw.signals, (g) =>
      isRecord(g) &&
      isNumber(g.index) &&
      (g.rule === 1 || g.rule === 2 || g.rule === 3 || g.rule === 4)
        ? { index: g.index, rule: g.rule, description: text(g.description) }
        : null,
    ),
    markers: listOf(raw.markers, (m) =>
      isRecord(m) && isNumber(m.beforePoint)
        ? {
            beforePoint: m.beforePoint,
            label: text(m.label),
            isSystemChange: m.isSystemChange === true,
          }
        : null,
    ),
  };
}

/**
 * A control chart in SVG: the points in order, each system's centre line and limits,
 * the cumulative average, and numbered markers for interventions. Points beyond the
 * limits are drawn larger and as diamonds, so colour is never the only signal.
 */
export function ControlChart({
  chart: raw,
  size = 'normal',
  shape = 'tall',
  className = '',
}: {
  chart: ControlChartView;
  size?: 'normal' | 'large';
  shape?: keyof typeof SHAPES;
  /** Placed on the figure, for the layout around it. */
  className?: string;
}) {
  const chart = readChart(raw);
  if (!chart) return null;
  const { W, H, M } = SHAPES[shape];
  const { points, segments, kind } = chart;
  const count = Math.max(points.length, 1);
  const top = Math.max(
    ...points.map((p) => p.value),
    ...segments.map((s) => s.upper),
    chart.expected ?? 0,
    kind === 'p' ? 0.1 : 1,
  );
  const yMax = top * 1.12;
  const x = (i: number) => M.left + ((i + 0.5) / count) * (W - M.left - M.right);
  const y = (v: number) => H - M.bottom - (v / yMax) * (H - M.top - M.bottom);
  const beyond = points.filter((p) => p.isBeyondLimits).length;
  const signalled = new Set(chart.signals.map((signal) => signal.index)).size;
  const last = segments.at(-1);
  const summary = last
    ? `${chart.title}: ${points.length} paddles; centre ${fmt(last.center, kind)}, limits ${fmt(last.lower, kind)} to ${fmt(last.upper, kind)}; ${beyond} beyond the limits; ${signalled} flagged by run rules.`
    : `${chart.title}: no paddles drawn yet.`;
  const ticks = niceTicks(yMax, SHAPES[shape].ticks);
  const isAfterLast = (m: ControlChartView['markers'][number]) =>
    points.length > 0 && m.beforePoint >= points.length;

  return (
    <figure
      className={`${styles.chart} ${size === 'large' ? styles.large : ''} ${shape === 'flat' ? styles.flat : ''} ${className}`}
    >
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
        {ticks.map((t) => (
          <g key={t} className={styles.grid}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
            <text x={M.left - 8} y={y(t)} dy="0.35em" textAnchor="end">
              {fmtTick(t, kind)}
            </text>
          </g>
        ))}
        {segments.map((s, i) => {
          const x1 = x(s.start - 0.5);
          const x2 = x(s.end - 0.5);
          const isLast = i === segments.length - 1;
          return (
            <g key={i}>
              <line className={styles.center} x1={x1} x2={x2} y1={y(s.center)} y2={y(s.center)} />
              <line className={styles.limit} x1={x1} x2={x2} y1={y(s.upper)} y2={y(s.upper)} />
              <line className={styles.limit} x1={x1} x2={x2} y1={y(s.lower)} y2={y(s.lower)} />
              {isLast && (
                <>
                  <text x={x2 + 6} y={y(s.upper)} dy="0.35em">
                    UCL {fmt(s.upper, kind)}
                  </text>
                  <text x={x2 + 6} y={y(s.center)} dy="0.35em">
                    x̄ {fmt(s.center, kind)}
                  </text>
                  <text x={x2 + 6} y={y(s.lower)} dy="0.35em">
                    LCL {fmt(s.lower, kind)}
                  </text>
                </>
              )}
            </g>
          );
        })}
        {chart.markers.map((m, i) => (
          <g key={i} className={`${styles.marker} ${m.isSystemChange ? styles.system : ''}`}>
            <line
              x1={x(m.beforePoint - 0.5)}
              x2={x(m.beforePoint - 0.5)}
              y1={M.top}
              y2={H - M.bottom}
            />
            {/* Interventions made at the same point stack their numbers, one line each; after
                the last paddle they sit left of their line, clear of the limits' labels. */}
            <text
              x={x(m.beforePoint - 0.5) + (isAfterLast(m) ? -4 : 3)}
              textAnchor={isAfterLast(m) ? 'end' : 'start'}
              y={M.top}
              dy={`${0.8 + chart.markers.slice(0, i).filter((o) => o.beforePoint === m.beforePoint).length * 1.1}em`}
            >
              {i + 1}
            </text>
          </g>
        ))}
        {chart.cumulative.length > 1 && (
          <polyline
            className={styles.cumulative}
            points={chart.cumulative.map((v, i) => `${x(i)},${y(v)}`).join(' ')}
          />
        )}
        {points.length > 1 && (
          <polyline
            className={styles.line}
            points={points.map((p, i) => `${x(i)},${y(p.value)}`).join(' ')}
          />
        )}
        {[...new Set(chart.signals.map((signal) => signal.index))].map((i) => {
          const p = points[i];
          return p ? (
            <circle
              key={`signal-${i}`}
              className={styles.signal}
              cx={x(i)}
              cy={y(p.value)}
              r={11}
            />
          ) : null;
        })}
        {points.map((p, i) =>
          p.isBeyondLimits ? (
            <rect
              key={i}
              className={`${styles.point} ${styles.beyond}`}
              x={x(i) - 8}
              y={y(p.value) - 8}
              width={16}
              height={16}
              transform={`rotate(45 ${x(i)} ${y(p.value)})`}
            >
              <title>{`${p.label}: ${fmt(p.value, kind)} (beyond the limits)`}</title>
            </rect>
          ) : (
            <circle key={i} className={styles.point} cx={x(i)} cy={y(p.value)} r={5}>
              <title>{`${p.label}: ${fmt(p.value, kind)}`}</title>
            </circle>
          ),
        )}
        <text x={(W - M.right + M.left) / 2} y={H - 8} textAnchor="middle">
          {points.length ? 'paddles, in the order drawn' : 'no paddles drawn yet'}
        </text>
      </svg>
      <figcaption className={styles.legend}>
        <span className={styles.key}>{chart.unit}</span>
        <span className={`${styles.key} ${styles.keyLimits}`}>control limits</span>
        <span className={`${styles.key} ${styles.keyCumulative}`}>cumulative average</span>
        {chart.expected !== null && <span>expected {fmt(chart.expected, kind)}</span>}
      </figcaption>
      {chart.signals.length > 0 && (
        <ul className={styles.signals} aria-label="Run-rule signals">
          {chart.signals.map((signal, i) => (
            <li key={i}>
              Rule {signal.rule} at {points[signal.index]?.label ?? `paddle ${signal.index + 1}`}:{' '}
              {signal.description}
            </li>
          ))}
        </ul>
      )}
      {chart.markers.length > 0 && (
        <ol className={styles.events} aria-label="Interventions on the chart">
          {chart.markers.map((m, i) => (
            <li key={i}>{m.label}</li>
          ))}
        </ol>
      )}
    </figure>
  );
}
