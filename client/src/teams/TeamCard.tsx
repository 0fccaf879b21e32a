import type { Accepted, Result, TeamsView } from '@playfield/shared';
import { useSender } from '../exercises/useSender.ts';
import styles from './TeamCard.module.css';
import { ErrorAlert } from '../components/form/ErrorAlert.tsx';

/**
 * The phone's table: "Your table: Table 3", and the tables to pick from when the
 * facilitator lets people choose. Eager on the phone, so it imports only types.
 */
export function TeamCard({
  teams,
  teamId,
  pick,
}: {
  teams: TeamsView | undefined;
  teamId: string | undefined;
  pick: (teamId: string) => Promise<Result<Accepted>>;
}) {
  const { error, isBusy, send: choose } = useSender(pick);
  if (!teams || teams.teams.length === 0) return null;
  const mine = teams.teams.find((t) => t.id === teamId);

  return (
    <section className={styles.card} aria-label="Your table">
      <p className={styles.yours} aria-live="polite">
        {mine ? (
          <>
            Your table: <strong>{mine.name}</strong>
          </>
        ) : teams.isChoosing ? (
          'Choose your table'
        ) : (
          'You have no table yet'
        )}
      </p>
      {teams.isChoosing && (
        <div className={styles.choices} role="group" aria-label="Tables">
          {teams.teams.map((t) => {
            const isMine = t.id === teamId;
            return (
              <button
                key={t.id}
                type="button"
                className={`${styles.choice} ${isMine ? styles.chosen : ''}`}
                aria-pressed={isMine}
                disabled={isBusy}
                onClick={() => void choose(t.id)}
              >
                <span className={styles.mark} aria-hidden="true">
                  {isMine ? '✓' : ''}
                </span>
                <span className={styles.label}>{t.name}</span>
                <span className={styles.count}>
                  {t.size} {t.size === 1 ? 'person' : 'people'}
                </span>
              </button>
            );
          })}
        </div>
      )}
      <ErrorAlert message={error} />
    </section>
  );
}
