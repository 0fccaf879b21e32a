import type { Zone, ZoneCounts } from '@playfield/shared/exercises/playingField/index';
import { ZONE_INFO } from './zones.ts';

/**
 * A card's spread over the three zones: a stacked bar (each zone its own pattern and
 * colour) and the counts, each with the zone's symbol and, for screen readers, its name.
 * The bar is decoration; the counts carry the information.
 */
export function Spread(props: {
  counts: ZoneCounts;
  /** The participant's own zone for the card, marked in the counts. */
  mine?: Zone | null;
  size?: 'normal' | 'large';
}) {
  const total = props.counts.reduce((a, b) => a + b, 0);
  return (
    <div className={`pf-spread ${props.size === 'large' ? 'pf-spread--large' : ''}`}>
      <div className="pf-spread__bar" aria-hidden="true">
        {total === 0 ? (
          <span className="pf-spread__empty" />
        ) : (
          ZONE_INFO.map((zone, i) =>
            props.counts[i] ? (
              <span
                key={zone.id}
                className={`pf-seg pf-seg--${zone.id}`}
                style={{ flexGrow: props.counts[i] }}
              />
            ) : null,
          )
        )}
      </div>
      <ul className="pf-spread__counts">
        {ZONE_INFO.map((zone, i) => (
          <li
            key={zone.id}
            className={`pf-count pf-count--${zone.id} ${props.mine === zone.id ? 'is-mine' : ''}`}
          >
            <span className="pf-symbol" aria-hidden="true">
              {zone.symbol}
            </span>
            <span>{props.counts[i] ?? 0}</span>
            <span className="pf-sr"> {zone.short.toLowerCase()}</span>
            {props.mine === zone.id && <span className="pf-count__mine"> (you)</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The three zones with their symbols, for reading a spread. */
export function ZoneLegend({ className = '' }: { className?: string }) {
  return (
    <ul className={`pf-legend ${className}`} aria-label="Zones">
      {ZONE_INFO.map((zone) => (
        <li key={zone.id} className={`pf-count pf-count--${zone.id}`}>
          <span className="pf-symbol" aria-hidden="true">
            {zone.symbol}
          </span>{' '}
          {zone.short}
        </li>
      ))}
    </ul>
  );
}
