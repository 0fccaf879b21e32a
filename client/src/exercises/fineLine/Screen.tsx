import type { ScreenProps } from '../types.ts';
import { FineLineCharts, RunTable } from './Charts.tsx';
import { ScreenStore } from './ScreenStore.tsx';
import styles from './Screen.module.css';

const clock = (m: number) =>
  `${Math.floor(m)}:${String(Math.floor((m % 1) * 60)).padStart(2, '0')}`;

/** The store on the projector: the line, the registers, and the live charts. */
export default function FineLineScreen({ view }: ScreenProps<'fineLine'>) {
  return (
    <div className={styles.screen}>
      <p className={`screen-count ${styles.count}`}>
        <strong>{view.waitingCount}</strong> waiting · store time {clock(view.clock)} /{' '}
        {view.durationMinutes}:00 · {view.runLabel}
      </p>
      {/* Once the run is over the comparison and the debrief need the whole screen. */}
      {!view.debrief && <ScreenStore view={view} />}
      {view.debrief ? (
        <div className={styles.debrief} data-testid="screen-debrief">
          <RunTable view={view} />
          <ul>
            {view.debrief.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : (
        <FineLineCharts view={view} size="large" />
      )}
    </div>
  );
}
