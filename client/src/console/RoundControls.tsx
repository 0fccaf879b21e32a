import type { FacilitatorView } from '@playfield/shared';
import { Timer } from '../components/Timer.tsx';
import type { Control } from './types.ts';
import styles from './RoundControls.module.css';

/** Whether answers are open and results shown, as words (the buttons are in the header). */
export function RoundStatus({ round }: { round: NonNullable<FacilitatorView['round']> }) {
  if (round.controls.length === 0) return null;
  return (
    <p className={styles.status}>
      {round.controls.includes('open') && (
        <span className="status-pill">{round.isOpen ? 'Answers open' : 'Locked'}</span>
      )}
      {round.controls.includes('reveal') && (
        <span className="status-pill">{round.isRevealed ? 'Results shown' : 'Results hidden'}</span>
      )}
    </p>
  );
}

const TIMER_PRESETS = [1, 2, 5, 10];

/** The round's countdown timer with its presets, pause and clear. */
export function RoundTimer({ view, control }: { view: FacilitatorView; control: Control }) {
  const { timer } = view;
  return (
    <div className={`actions ${styles.timer}`} role="group" aria-label="Timer">
      <Timer timer={timer} />
      {TIMER_PRESETS.map((minutes) => (
        <button
          key={minutes}
          type="button"
          className="button button--small"
          onClick={() => void control({ type: 'timer.start', seconds: minutes * 60 })}
        >
          {minutes} min
        </button>
      ))}
      {timer && (
        <>
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() =>
              void control({ type: timer.endsAt === null ? 'timer.resume' : 'timer.pause' })
            }
          >
            {timer.endsAt === null ? 'Resume' : 'Pause'}
          </button>
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => void control({ type: 'timer.clear' })}
          >
            Clear timer
          </button>
        </>
      )}
    </div>
  );
}
