import type { Zone, ZoneCounts } from '@playfield/shared/exercises/playingField/index';
import { ZONE_INFO } from './zones.ts';
import zones from './Zones.module.css';

/**
 * A card's spread over the three zones: a stacked bar (each zone its own pattern and
 * colour) and the counts, each with the zone's symbol and, for screen readers, its name.
 * The bar is decoration; the counts carry the information.
 */
export function Spread(props: {
  counts: ZoneCounts;
  /** The participant's own zone for the card, marked in the counts. */
  mine?: Zone | null;
}) {
  const total = props.counts.reduce((a, b) => a + b, 0);
  return (
    <div className={zones.spread}>
      <div className={zones.bar} aria-hidden="true">
        {total === 0 ? (
          <span className={zones.empty} />
        ) : (
          ZONE_INFO.map((zone, i) =>
            props.counts[i] ? (
              <span
                key={zone.id}
                className={zones.seg}
                data-zone={zone.id}
                style={{ flexGrow: props.counts[i] }}
              />
            ) : null,
          )
        )}
      </div>
      <ul className={zones.counts}>
        {ZONE_INFO.map((zone, i) => (
          <li
            key={zone.id}
            className={`${zones.count} ${props.mine === zone.id ? zones.mine : ''}`}
            data-zone={zone.id}
          >
            <span className={zones.symbol} aria-hidden="true">
              {zone.symbol}
            </span>
            <span>{props.counts[i] ?? 0}</span>
            <span className="visually-hidden"> {zone.short.toLowerCase()}</span>
            {props.mine === zone.id && <span className={zones.you}> (you)</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The three zones with their symbols, for reading a spread. */
export function ZoneLegend({ className = '' }: { className?: string | undefined }) {
  return (
    <ul className={`${zones.legend} ${className}`} aria-label="Zones">
      {ZONE_INFO.map((zone) => (
        <li key={zone.id} className={zones.count} data-zone={zone.id}>
          <span className={zones.symbol} aria-hidden="true">
            {zone.symbol}
          </span>{' '}
          {zone.short}
        </li>
      ))}
    </ul>
  );
}
