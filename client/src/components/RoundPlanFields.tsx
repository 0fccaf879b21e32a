import type { RoundInput } from '@playfield/shared';
import styles from './RoundPlanFields.module.css';

/** Bounds the server enforces (`ROUND_PLAN_LIMITS`), repeated here for the inputs' hints. */
const NOTES_MAX = 6000;
const MINUTES_MAX = 480;

/**
 * A round's plan in the agenda editor: its planned minutes and the facilitator's notes.
 * Both can change at any time, even after people have answered.
 */
export function RoundPlanFields({
  round,
  onChange,
  idPrefix,
}: {
  round: RoundInput;
  onChange: (round: RoundInput) => void;
  idPrefix: string;
}) {
  const setMinutes = (value: string) => {
    const { minutes: _old, ...rest } = round;
    const n = Number.parseInt(value, 10);
    onChange(
      Number.isFinite(n) ? { ...rest, minutes: Math.min(MINUTES_MAX, Math.max(1, n)) } : rest,
    );
  };
  const setNotes = (value: string) => {
    const { notes: _old, ...rest } = round;
    onChange(value ? { ...rest, notes: value } : rest);
  };
  const hintId = `${idPrefix}-notes-hint`;
  return (
    <div className={styles.plan}>
      <label className={`field ${styles.minutes}`}>
        <span>Planned minutes</span>
        <input
          id={`${idPrefix}-minutes`}
          type="number"
          inputMode="numeric"
          min={1}
          max={MINUTES_MAX}
          value={round.minutes ?? ''}
          onChange={(e) => setMinutes(e.target.value)}
        />
      </label>
      <div className={styles.notes}>
        <label className="field">
          <span>Facilitator notes</span>
          <textarea
            id={`${idPrefix}-notes`}
            value={round.notes ?? ''}
            maxLength={NOTES_MAX}
            rows={5}
            aria-describedby={hintId}
            placeholder="What to say, what to ask, the debrief questions"
            onChange={(e) => setNotes(e.target.value)}
          />
        </label>
        <small id={hintId} className="muted">
          Only you see these, on the console and in the printed guide: never the phones or the room
          screen. {(round.notes ?? '').length.toLocaleString('en')} / 6,000
        </small>
      </div>
    </div>
  );
}
