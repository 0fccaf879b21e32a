import { useState } from 'react';
import {
  REHEARSAL_LIMITS,
  REHEARSAL_PACES,
  type ControlCommand,
  type FacilitatorView,
  type RehearsalPaceName,
  type TakenSeat,
} from '@playfield/shared';
import { QrCode } from '../components/QrCode.tsx';
import { useJoinUrl } from '../components/useJoinUrl.ts';
import { rehearsalApi } from './api.ts';
import { takenSeatLink } from './link.ts';
import styles from './Rehearsal.module.css';

type Control = (command: ControlCommand) => Promise<boolean>;

const PACE_NAMES: Record<RehearsalPaceName, string> = {
  slow: 'Slow',
  normal: 'Normal',
  fast: 'Fast',
};

/** The named pace of a number of actions per minute, or null for a pace set otherwise. */
function paceNameOf(actionsPerMinute: number): RehearsalPaceName | null {
  const found = (Object.keys(REHEARSAL_PACES) as RehearsalPaceName[]).find(
    (name) => REHEARSAL_PACES[name] === actionsPerMinute,
  );
  return found ?? null;
}

/**
 * The console's rehearsal controls: the label, the simulated room's pace and pause,
 * whether real people may join with the typed code, and "take this seat" for a phone.
 */
export function RehearsalPanel({
  view,
  control,
  token,
}: {
  view: FacilitatorView;
  control: Control;
  token: string;
}) {
  const rehearsal = view.rehearsal;
  const joinUrl = useJoinUrl(view.session.code, view.session.id);
  const [taken, setTaken] = useState<TakenSeat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [custom, setCustom] = useState<number>(rehearsal?.actionsPerMinute ?? 60);
  if (!rehearsal) return null;
  const isEnded = view.session.phase === 'ended';
  const paceName = paceNameOf(rehearsal.actionsPerMinute);
  const simulated = view.roster.filter((p) => p.isSimulated && !p.hasLeft);

  async function take(participantId: string) {
    setError(null);
    const result = await rehearsalApi.takeSeat(view.session.id, token, participantId);
    if (result.ok) setTaken(result.data);
    else setError(result.error.message);
  }

  const link = taken && joinUrl ? takenSeatLink(joinUrl, taken) : null;
  return (
    <section className={styles.panel} aria-label="Rehearsal">
      <p className={styles.badge}>
        <span aria-hidden="true">🎭</span> Rehearsal · {rehearsal.simulated} simulated
        {rehearsal.simulated === 1 ? ' participant' : ' participants'}
      </p>
      <div className={styles.row} role="group" aria-label="Pace of the simulated participants">
        {(Object.keys(REHEARSAL_PACES) as RehearsalPaceName[]).map((name) => (
          <button
            key={name}
            type="button"
            className={`button button--small ${paceName === name ? 'button--primary' : ''}`}
            aria-pressed={paceName === name}
            disabled={isEnded}
            onClick={() =>
              void control({ type: 'rehearsal.pace', actionsPerMinute: REHEARSAL_PACES[name] })
            }
          >
            {PACE_NAMES[name]}
          </button>
        ))}
      </div>
      <form
        className={styles.row}
        onSubmit={(e) => {
          e.preventDefault();
          void control({ type: 'rehearsal.pace', actionsPerMinute: custom });
        }}
      >
        <label className="field">
          <span>Actions per minute</span>
          <input
            type="number"
            min={REHEARSAL_LIMITS.minPace}
            max={REHEARSAL_LIMITS.maxPace}
            value={Number.isNaN(custom) ? '' : custom}
            onChange={(e) => setCustom(e.target.valueAsNumber)}
          />
        </label>
        <button type="submit" className="button button--small" disabled={isEnded}>
          Set pace
        </button>
      </form>
      <div className={styles.row}>
        <button
          type="button"
          className={`button button--small ${rehearsal.isPaused ? 'button--primary' : ''}`}
          aria-pressed={rehearsal.isPaused}
          disabled={isEnded}
          onClick={() => void control({ type: 'rehearsal.pause', isPaused: !rehearsal.isPaused })}
        >
          {rehearsal.isPaused ? 'Resume the simulated room' : 'Pause the simulated room'}
        </button>
        <p role="status" className="muted">
          {rehearsal.isPaused
            ? '⏸ Paused: nobody simulated acts'
            : `▶ ${rehearsal.actionsPerMinute} actions a minute`}
        </p>
      </div>
      <label className={styles.row}>
        <input
          type="checkbox"
          checked={rehearsal.isOpenToCode}
          disabled={isEnded}
          onChange={(e) => void control({ type: 'rehearsal.openToCode', isOpen: e.target.checked })}
        />
        <span>Let real people join with the code</span>
      </label>
      <p className="muted">
        {rehearsal.isOpenToCode
          ? 'Anyone with the code can join this rehearsal.'
          : 'The typed code is refused; only the link or QR code lets someone in.'}
      </p>
      {taken && link && (
        <div className={styles.taken} role="status">
          <p>
            <strong>{taken.name}</strong> is yours now: open this on your phone.
          </p>
          <QrCode text={link} size={140} label={`QR code for ${taken.name}'s seat`} />
          <a className={styles.link} href={link} target="_blank" rel="noreferrer">
            Open {taken.name}'s seat
          </a>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {simulated.length > 0 && !isEnded && (
        <details>
          <summary>Take a seat yourself ({simulated.length} simulated)</summary>
          <ul className={styles.seats}>
            {simulated.map((seat) => (
              <li key={seat.id} className={styles.seat}>
                <span>{seat.name}</span>
                <button
                  type="button"
                  className="button button--small button--quiet"
                  aria-label={`Take ${seat.name}'s seat on your phone`}
                  onClick={() => void take(seat.id)}
                >
                  Take this seat
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
