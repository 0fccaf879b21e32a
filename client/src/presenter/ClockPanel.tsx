import {
  clockFigures,
  describeVariance,
  plannedStartAt,
  type ControlCommand,
  type FacilitatorView,
} from '@playfield/shared';
import styles from './ClockPanel.module.css';
import { formatClock, formatTimeOfDay, useServerNow } from './useNow.ts';

/**
 * The session's clock on the console: the current round's time against its plan, the
 * day's against its planned start and the rounds' minutes, ahead or behind, and +1 / +5
 * minutes for the round. Figures tick each second from the server's times.
 */
export function ClockPanel({
  view,
  control,
  size = 'normal',
}: {
  view: FacilitatorView;
  control: (command: ControlCommand) => Promise<boolean>;
  size?: 'normal' | 'large';
}) {
  const now = useServerNow();
  const reference = view.clock?.startedAt ?? now;
  const start =
    view.plannedStart === undefined
      ? null
      : plannedStartAt(view.plannedStart, reference, -new Date(reference).getTimezoneOffset());
  const { round, day } = clockFigures({
    clock: view.clock,
    agenda: view.agenda,
    currentRoundId: view.round?.id ?? null,
    at: now,
    plannedStartAt: start,
  });
  const isLive = view.session.phase === 'live';
  const isOver = round?.remainingMs != null && round.remainingMs < 0;
  const variance = day ? describeVariance(day.varianceMs) : null;

  return (
    <section
      className={`${styles.clock} ${size === 'large' ? styles.large : ''}`}
      aria-labelledby="clock-title"
    >
      <h2 id="clock-title" className={styles.title}>
        Clock
      </h2>
      {round ? (
        <dl className={styles.figures}>
          <div>
            <dt>This round</dt>
            <dd data-testid="round-elapsed">
              <strong>{formatClock(round.elapsedMs)}</strong>
              {round.plannedMs !== null && (
                <span className="muted"> of {formatClock(round.plannedMs)} planned</span>
              )}
              {round.extendedMs > 0 && (
                <span className="muted"> (+{Math.round(round.extendedMs / 60_000)} min)</span>
              )}
            </dd>
          </div>
          {round.remainingMs !== null && (
            <div>
              <dt>{isOver ? 'Over by' : 'Left'}</dt>
              <dd className={isOver ? styles.over : ''} data-testid="round-left">
                <strong>
                  {isOver ? '⚠ ' : ''}
                  {formatClock(round.remainingMs)}
                </strong>
              </dd>
            </div>
          )}
        </dl>
      ) : (
        <p className="muted">The clock starts with the session.</p>
      )}
      {day ? (
        <dl className={styles.figures}>
          <div>
            <dt>Day</dt>
            <dd>
              <strong>{formatClock(day.elapsedMs)}</strong>
              <span className="muted"> since {formatTimeOfDay(day.startAt)}</span>
            </dd>
          </div>
          <div>
            <dt>Pace</dt>
            <dd
              data-testid="day-variance"
              className={day.varianceMs > 30_000 ? styles.over : styles.onTime}
            >
              <strong>{variance}</strong>
              <span className="muted"> · ends ≈ {formatTimeOfDay(day.projectedEndAt)}</span>
            </dd>
          </div>
        </dl>
      ) : (
        isLive && (
          <p className="muted">Plan minutes for the rounds to see the day against its plan.</p>
        )
      )}
      {isLive && round && (
        <div className={styles.actions} role="group" aria-label="Extend this round">
          <button
            type="button"
            className="button button--small"
            onClick={() => void control({ type: 'clock.extend', minutes: 1 })}
          >
            +1 min
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={() => void control({ type: 'clock.extend', minutes: 5 })}
          >
            +5 min
          </button>
          <label className={styles.toggle}>
            <input
              type="checkbox"
              checked={view.clock?.isCountdownShown ?? false}
              onChange={(e) =>
                void control({ type: 'clock.countdown', isShown: e.currentTarget.checked })
              }
            />
            Countdown on the room screen
          </label>
        </div>
      )}
    </section>
  );
}
