import { count as formatCount, plural } from '@playfield/shared/plural';
import { useCallback, useDeferredValue, useId, useMemo, useState } from 'react';
import type { ControlCommand, ResponsesView, RosterItemView, TeamsView } from '@playfield/shared';
import { RosterList } from './RosterList.tsx';
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
    : `Remove ${formatCount(count)} people? Their seats close; their answers stay in the results.`;
}

/** From this many people on, the roster offers to find someone by name. */
export const SEARCH_FROM = 20;

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
    () => (teams ? new Map(teams.teams.map((t) => [t.id, t.name])) : undefined),
    [teams],
  );
  const present = useMemo(() => byResponse(roster), [roster]);
  const { waiting, answered, online } = useMemo(() => counts(present), [present]);
  const isMarked = !!responses && !responses.isAnonymous;
  const [isOnlyWaiting, setOnlyWaiting] = useState(false);
  const [search, setSearch] = useState('');
  // Typing stays quick at 5,000 people: the list catches up a moment later.
  const query = useDeferredValue(search.trim().toLocaleLowerCase());
  const shown = useMemo(
    () =>
      present.filter(
        (p) =>
          (!isMarked || !isOnlyWaiting || !p.hasResponded) &&
          (query === '' || p.name.toLocaleLowerCase().includes(query)),
      ),
    [present, isMarked, isOnlyWaiting, query],
  );
  const removedCount = useMemo(() => roster.filter((p) => p.isRemoved).length, [roster]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [isConfirming, setIsConfirming] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const confirmId = useId();
  const searchId = useId();
  // Only seats still present count: one that left or was removed meanwhile drops out.
  const chosen = useMemo(() => present.filter((p) => selected.has(p.id)), [present, selected]);

  const select = (ids: readonly string[]) => {
    setSelected(new Set(ids));
    setIsConfirming(false);
  };
  // The same function for every render, so rows that did not change are not drawn again.
  const toggle = useCallback((id: string, isChecked: boolean) => {
    setSelected((before) => {
      const next = new Set(before);
      if (isChecked) next.add(id);
      else next.delete(id);
      return next;
    });
    setIsConfirming(false);
  }, []);

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
          ({formatCount(online)} online of {formatCount(present.length)})
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
              Remove selected{chosen.length > 0 ? ` (${formatCount(chosen.length)})` : ''}
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
                  {isBusy ? 'Removing…' : `Remove ${plural(chosen.length, 'person', 'people')}`}
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
          {present.length >= SEARCH_FROM && (
            <div className={styles.search}>
              <label htmlFor={searchId}>Find a person</label>
              <input
                id={searchId}
                type="search"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                autoComplete="off"
              />
              {query !== '' && (
                <p className="muted" aria-live="polite">
                  {formatCount(shown.length)} of {formatCount(present.length)} match
                </p>
              )}
            </div>
          )}
          <RosterList
            people={shown}
            selected={selected}
            onToggle={toggle}
            tableNames={tableNames}
            isMarked={isMarked}
          />
        </>
      )}
    </section>
  );
}

/** How many of the seats still present have acted, have not, and are online: one pass. */
function counts(present: readonly RosterItemView[]) {
  let waiting = 0;
  let answered = 0;
  let online = 0;
  for (const p of present) {
    if (p.hasResponded === false) waiting++;
    if (p.hasResponded === true) answered++;
    if (p.isOnline) online++;
  }
  return { waiting, answered, online };
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
