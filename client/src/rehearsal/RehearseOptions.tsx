import { useState } from 'react';
import {
  REHEARSAL_LIMITS,
  REHEARSAL_PACES,
  type RehearsalPaceName,
  type RehearsalSettings,
} from '@playfield/shared';
import styles from './Rehearsal.module.css';

const PACE_LABELS: Record<RehearsalPaceName, string> = {
  slow: 'Slow: time to talk',
  normal: 'Normal',
  fast: 'Fast: run through',
};

/**
 * "Rehearse": the same agenda, run alone with simulated participants. Sits beside
 * "Create session"; asks how many people to simulate and how fast they act.
 */
export function RehearseOptions({
  isBusy,
  onRehearse,
}: {
  isBusy: boolean;
  onRehearse: (settings: RehearsalSettings) => void;
}) {
  const [seats, setSeats] = useState<number>(REHEARSAL_LIMITS.defaultSeats);
  const [pace, setPace] = useState<RehearsalPaceName>('normal');
  const isValid =
    Number.isInteger(seats) &&
    seats >= REHEARSAL_LIMITS.minSeats &&
    seats <= REHEARSAL_LIMITS.maxSeats;
  return (
    <fieldset className={styles.options} id="rehearse">
      <legend>Rehearse alone first</legend>
      <p className="muted">
        Run this agenda with simulated participants who answer, vote and write as a room would. The
        rehearsal is labelled everywhere and kept out of your real results.
      </p>
      <div className={styles.optionRow}>
        <label className="field">
          <span>Simulated participants</span>
          <input
            type="number"
            inputMode="numeric"
            min={REHEARSAL_LIMITS.minSeats}
            max={REHEARSAL_LIMITS.maxSeats}
            value={Number.isNaN(seats) ? '' : seats}
            aria-invalid={isValid ? undefined : true}
            aria-describedby="rehearse-seats-hint"
            onChange={(e) => setSeats(e.target.valueAsNumber)}
          />
        </label>
        <label className="field">
          <span>Pace</span>
          <select value={pace} onChange={(e) => setPace(e.target.value as RehearsalPaceName)}>
            {(Object.keys(REHEARSAL_PACES) as RehearsalPaceName[]).map((name) => (
              <option key={name} value={name}>
                {PACE_LABELS[name]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button"
          disabled={isBusy || !isValid}
          onClick={() => onRehearse({ seats, actionsPerMinute: REHEARSAL_PACES[pace] })}
        >
          {isBusy ? 'Starting…' : 'Rehearse'}
        </button>
      </div>
      <p id="rehearse-seats-hint" className={isValid ? 'muted' : 'error'}>
        {REHEARSAL_LIMITS.minSeats} to {REHEARSAL_LIMITS.maxSeats} simulated participants.
      </p>
    </fieldset>
  );
}
