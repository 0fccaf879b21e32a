import type { PromiseScenario, PromiseSeries } from '@playfield/shared/exercises/promises/model';
import styles from './PromisesChart.module.css';

/** How each scenario is drawn: a colour, and a dash and marker so colour is never the only signal. */
const LOOK: Record<PromiseScenario, { name: string; className: string; dash: string }> = {
  under: { name: 'Under-promise', className: styles.under ?? '', dash: '' },
  realistic: { name: 'Realistic', className: styles.realistic ?? '', dash: '18 8' },
  over: { name: 'Over-promise', className: styles.over ?? '', dash: '4 8' },
};

/**
 * The drawing, in SVG units: `normal` for the console; `wide` for the room screen, where the
 * chart is as tall as 56vh allows (about 0.82 px a unit at 1366x768) and uses the window's
 * width, so 31-unit labels read as 25 px and the end labels have room beside the lines.
 */
const SHAPES = {
  normal: { W: 1000, H: 520, PAD: { left: 110, right: 240, top: 24, bottom: 70 } },
  wide: { W: 1500, H: 520, PAD: { left: 120, right: 420, top: 24, bottom: 70 } },
} as const;

function Marker({ scenario, x, y }: { scenario: PromiseScenario; x: number; y: number }) {
  if (scenario === 'under') return <circle cx={x} cy={y} r={11} />;
  if (scenario === 'realistic') return <rect x={x - 10} y={y - 10} width={20} height={20} />;
  return <polygon points={`${x},${y - 13} ${x + 12},${y + 9} ${x - 12},${y + 9}`} />;
}

/**
 * The customer base of the three scenarios over the periods: one line each, with its own
 * dash and end marker and its name and end figure written beside its end. The figures are
 * also in a table for screen readers.
 */
export function PromisesChart({
  series,
  periodName,
  label,
  shape = 'normal',
}: {
  series: PromiseSeries[];
  periodName: string;
  label: string;
  shape?: keyof typeof SHAPES;
}) {
  const { W, H, PAD } = SHAPES[shape];
  const periods = Math.max(1, (series[0]?.customers.length ?? 1) - 1);
  const top = Math.max(1, ...series.flatMap((s) => s.customers)) * 1.08;
  const x = (t: number) => PAD.left + (t / periods) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - v / top) * (H - PAD.top - PAD.bottom);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round((top / 1.08) * f));
  // End labels must not overlap: spread them at least 40 units apart, in order of height.
  const ends = series
    .map((s) => ({ s, y: y(s.customers[s.customers.length - 1] ?? 0) }))
    .sort((a, b) => a.y - b.y);
  for (let i = 1; i < ends.length; i++) {
    const prev = ends[i - 1];
    const cur = ends[i];
    if (prev && cur && cur.y - prev.y < 44) cur.y = prev.y + 44;
  }
  return (
    <figure className={styles.figure}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className={`${styles.chart} ${shape === 'wide' ? styles.wide : ''}`}
        role="img"
        aria-label={label}
      >
        {ticks.map((v) => (
          <g key={v} className={styles.grid}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text x={PAD.left - 12} y={y(v) + 9} textAnchor="end">
              {v.toLocaleString('en')}
            </text>
          </g>
        ))}
        <g className={styles.grid}>
          <text x={x(0)} y={H - 24} textAnchor="start">
            Start
          </text>
          <text x={x(periods)} y={H - 24} textAnchor="end">
            {periods} {periodName}
            {periods === 1 ? '' : 's'}
          </text>
        </g>
        {series.map((s) => {
          const look = LOOK[s.scenario];
          const end = s.customers.length - 1;
          const labelY = ends.find((e) => e.s === s)?.y ?? 0;
          return (
            <g key={s.scenario} className={look.className}>
              <polyline
                className={styles.line}
                strokeDasharray={look.dash || undefined}
                points={s.customers.map((v, t) => `${x(t)},${y(v)}`).join(' ')}
              />
              <Marker scenario={s.scenario} x={x(end)} y={y(s.customers[end] ?? 0)} />
              <text className={styles.endLabel} x={x(end) + 24} y={labelY + 9}>
                {look.name}: {(s.customers[end] ?? 0).toLocaleString('en')}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="visually-hidden">
        <caption>{label}</caption>
        <thead>
          <tr>
            <th scope="col">Scenario</th>
            <th scope="col">At the start</th>
            <th scope="col">At the end</th>
            <th scope="col">Satisfied at the end</th>
          </tr>
        </thead>
        <tbody>
          {series.map((s) => (
            <tr key={s.scenario}>
              <th scope="row">{LOOK[s.scenario].name}</th>
              <td>{s.customers[0]}</td>
              <td>{s.customers[s.customers.length - 1]}</td>
              <td>{s.satisfied[s.satisfied.length - 1]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
