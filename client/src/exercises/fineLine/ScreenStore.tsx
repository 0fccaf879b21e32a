import { useRef } from 'react';
import type { FineLineCommonView } from '@playfield/shared/exercises/fineLine/index';
import { useFitCount } from '../../components/useFitCount.ts';
import store from './Store.module.css';
import styles from './Screen.module.css';

/**
 * The registers and the line on the room screen: the people in line take two rows at most,
 * as many as fit whole (long names included), and the rest are counted ("+12 more").
 */
export function ScreenStore({ view }: { view: FineLineCommonView }) {
  const box = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const shown = useFitCount(
    list,
    box,
    view.line.length,
    view.line.map((c) => `${c.name ?? ''}:${c.waitedMinutes > 5}`).join(),
  );
  const more = view.waitingCount - Math.min(shown, view.line.length);
  return (
    <div ref={box} className={styles.store}>
      <ul className={`${store.registers} ${styles.registers}`} aria-label="Registers">
        {view.registers.map((r) => (
          <li key={r.id} className={`${store.register} ${styles.register}`} data-state={r.state}>
            <span>Register {r.id + 1}</span> <strong>{r.state}</strong>
          </li>
        ))}
      </ul>
      <div
        className={`${store.line} ${styles.line}`}
        role="group"
        aria-label={`${view.waitingCount} customers in line`}
      >
        <div ref={list} className={styles.people}>
          {view.line.slice(0, shown).map((c, i) => (
            <span
              key={i}
              className={`${store.customer} ${styles.customer} ${c.isParticipant ? `${store.participant} ${styles.participant}` : ''} ${c.waitedMinutes > 5 ? store.long : ''}`}
              title={`${c.name ?? 'Customer'}: ${c.waitedMinutes.toFixed(1)} min`}
            >
              {c.name ?? ''}
            </span>
          ))}
        </div>
        {more > 0 && <span className={styles.more}>+{more} more</span>}
      </div>
    </div>
  );
}
