import { useId, useMemo, useState } from 'react';
import type { ControlCommand, ResponsesView, RosterItemView, TeamsView } from '@playfield/shared';
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

/** Seats still present, those who have not acted in the round first (join order kept). */
function byResponse(roster: readonly RosterItemView[]): RosterItemView[] {
  const present = roster.filter((p) => !p.hasLeft);
  return [
    ...present.filter((p) => p.hasResponded === false),
    ...present.filter((p) => p.hasResponded !== false),
  ];
}

/**
 * The people in the session, with presence, who has acted in the current round (where
 * it is not anonymous: then only how many), and seat selection to remove many at once
 * (a room flooded with fake seats). Removed seats close; their answers stay.
 */
export function RosterPanel({
  roster,
  responses,
  teams,
  control,
}: {
  roster: readonly RosterItemView[];
  /** Who has acted in the current round (absent or null: no round, or one nobody answers). */
  responses?: ResponsesView | null | undefined;
  /** The session's tables, to show each person's (absent when there are none). */
  teams?: TeamsView | undefined;
  control: (command: ControlCommand) => Promise<boolean>;
}) {
  const tableNames = useMemo(
    () => new Map((teams?.teams ?? []).map((t) => [t.id, t.name])),
    [teams],
  );
  const present = useMemo(() => byResponse(roster), [roster]);
  const waiting = present.filter((p) => p.hasResponded === false).length;
  const answered = present.filter((p) => p.hasResponded === true).length;
  const isMarked = !!responses && !responses.isAnonymous;
  const [isOnlyWaiting, setOnlyWaiting] = useState(false);
  const shown = isMarked && isOnlyWaiting ? present.filter((p) => !p.hasResponded) : present;
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
      {responses && present.length > 0 && (
        <ResponseSummary
          responses={responses}
          answered={answered}
          waiting={waiting}
          isOnlyWaiting={isOnlyWaiting}
          onOnlyWaiting={setOnlyWaiting}
        />
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
          <ul className={styles.roster} aria-label="People in the session">
            {shown.map((p) => (
              <li key={p.id} className={p.isOnline ? styles.online : styles.offline}>
                <label className={styles.seat}>
                  <input
                    type="checkbox"
                    checked={selected.has(p.id)}
                    onChange={(e) => toggle(p.id, e.target.checked)}
                    aria-label={`Select ${p.name}`}
                  />
                  <span className={styles.presence} aria-hidden="true" />
                  <span className={styles.who}>
                    <span className={styles.name} data-testid="roster-name">
                      {p.name}
                    </span>
                    <span className={styles.state} data-testid="roster-state">
                      {p.isOnline ? 'online' : 'offline'}
                      {teams && ` · ${(p.teamId && tableNames.get(p.teamId)) ?? 'no table'}`}
                    </span>
                  </span>
                </label>
                {isMarked && p.hasResponded !== undefined && (
                  <span
                    className={`${styles.mark} ${p.hasResponded ? styles.answered : styles.waiting}`}
                    data-testid="response-mark"
                  >
                    {p.hasResponded ? '✓ Answered' : '… Not yet'}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/**
 * How many have acted in the current round; where the round is named, how many have not,
 * and a switch to list only them. An anonymous round shows the count and says why no more.
 */
function ResponseSummary({
  responses,
  answered,
  waiting,
  isOnlyWaiting,
  onOnlyWaiting,
}: {
  responses: ResponsesView;
  /** Seats still present that have acted (a named round only). */
  answered: number;
  waiting: number;
  isOnlyWaiting: boolean;
  onOnlyWaiting: (isOnly: boolean) => void;
}) {
  if (responses.isAnonymous) {
    return (
      <p className={styles.summary} role="status">
        <strong>{responses.count} answered</strong> · anonymous round: who answered stays hidden
      </p>
    );
  }
  return (
    <div className={styles.summaryRow}>
      <p className={styles.summary} role="status">
        <strong>{answered} answered</strong> · <strong>{waiting} not yet</strong>
      </p>
      <label className={styles.filter}>
        <input
          type="checkbox"
          checked={isOnlyWaiting}
          onChange={(e) => onOnlyWaiting(e.target.checked)}
        />
        Only who has not answered
      </label>
    </div>
  );
}
