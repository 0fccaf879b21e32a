import { useId, useMemo, useState } from 'react';
import type { ControlCommand, RosterItemView, TeamsView } from '@playfield/shared';
import styles from './RosterPanel.module.css';

/**
 * Seat ids per removal command: 1,000 ids are about 15 KB, well inside the 64 KB socket
 * message limit (5,000 would not be).
 */
export const REMOVE_BATCH = 1000;

/** "Remove 37 people? …": what the facilitator confirms before seats close. */
export function removalQuestion(count: number): string {
  return count === 1
    ? 'Remove 1 person? Their seat closes; their answers stay in the results.'
    : `Remove ${count} people? Their seats close; their answers stay in the results.`;
}

/**
 * The people in the session, with presence, and seat selection to remove many at once
 * (a room flooded with fake seats). Removed seats close; their answers stay.
 */
export function RosterPanel({
  roster,
  teams,
  control,
}: {
  roster: readonly RosterItemView[];
  /** The session's tables, to show each person's (absent when there are none). */
  teams?: TeamsView | undefined;
  control: (command: ControlCommand) => Promise<boolean>;
}) {
  const tableNames = useMemo(
    () => new Map((teams?.teams ?? []).map((t) => [t.id, t.name])),
    [teams],
  );
  const present = useMemo(() => roster.filter((p) => !p.hasLeft), [roster]);
  const removedCount = useMemo(() => roster.filter((p) => p.isRemoved).length, [roster]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [isConfirming, setIsConfirming] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const confirmId = useId();
  // Only seats still present count: one that left or was removed meanwhile drops out.
  const chosen = present.filter((p) => selected.has(p.id));
  const online = present.filter((p) => p.isOnline).length;

  const select = (ids: readonly string[]) => {
    setSelected(new Set(ids));
    setIsConfirming(false);
  };
  const toggle = (id: string, isChecked: boolean) => {
    const next = new Set(selected);
    if (isChecked) next.add(id);
    else next.delete(id);
    select([...next]);
  };

  const remove = async () => {
    setIsBusy(true);
    const ids = chosen.map((p) => p.id);
    let isDone = true;
    for (let i = 0; i < ids.length && isDone; i += REMOVE_BATCH) {
      isDone = await control({
        type: 'participants.remove',
        participantIds: ids.slice(i, i + REMOVE_BATCH),
      });
    }
    setIsBusy(false);
    setIsConfirming(false);
    if (isDone) setSelected(new Set());
  };

  return (
    <section className="panel" aria-labelledby="roster-title">
      <h2 id="roster-title">
        People{' '}
        <span className="muted">
          ({online} online of {present.length})
        </span>
      </h2>
      {removedCount > 0 && (
        <p className="muted">
          {removedCount} {removedCount === 1 ? 'seat' : 'seats'} removed
        </p>
      )}
      {present.length === 0 ? (
        <p className="muted">Nobody yet. Share the code or the QR code.</p>
      ) : (
        <>
          <div className={styles.tools} role="group" aria-label="Select people">
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={() => select(present.map((p) => p.id))}
            >
              Select all
            </button>
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={() => select(present.filter((p) => !p.isOnline).map((p) => p.id))}
            >
              Select all offline
            </button>
            {chosen.length > 0 && (
              <button
                type="button"
                className="button button--small button--quiet"
                onClick={() => select([])}
              >
                Clear selection
              </button>
            )}
            <button
              type="button"
              className="button button--small button--danger"
              disabled={chosen.length === 0 || isBusy}
              aria-expanded={isConfirming}
              aria-controls={isConfirming ? confirmId : undefined}
              onClick={() => setIsConfirming(true)}
            >
              Remove selected{chosen.length > 0 ? ` (${chosen.length})` : ''}
            </button>
          </div>
          {isConfirming && chosen.length > 0 && (
            <div
              id={confirmId}
              className={styles.confirm}
              role="alertdialog"
              aria-labelledby={`${confirmId}-question`}
            >
              <p id={`${confirmId}-question`}>{removalQuestion(chosen.length)}</p>
              <div className="actions">
                <button
                  type="button"
                  className="button button--danger"
                  disabled={isBusy}
                  onClick={() => void remove()}
                >
                  {isBusy
                    ? 'Removing…'
                    : `Remove ${chosen.length} ${chosen.length === 1 ? 'person' : 'people'}`}
                </button>
                <button
                  type="button"
                  className="button button--quiet"
                  onClick={() => setIsConfirming(false)}
                >
                  Cancel
                </button>
              </div>
            </div>
          )}
          <ul className="roster">
            {present.map((p) => (
              <li key={p.id} className={p.isOnline ? 'is-online' : 'is-offline'}>
                <label className={styles.seat}>
                  <input
                    type="checkbox"
                    checked={selected.has(p.id)}
                    onChange={(e) => toggle(p.id, e.target.checked)}
                    aria-label={`Select ${p.name}`}
                  />
                  <span className="presence" aria-hidden="true" />
                  <span className="roster__name">{p.name}</span>
                </label>
                <span className="roster__state">
                  {p.isOnline ? 'online' : 'offline'}
                  {teams && ` · ${(p.teamId && tableNames.get(p.teamId)) ?? 'no table'}`}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
