import { plural } from '@playfield/shared/plural';
import type { ControlCommand, FacilitatorView } from '@playfield/shared';
import type { ReactNode } from 'react';
import type { Connection } from '../realtime/connection.ts';
import { navigate } from '../router.ts';
import { FlowActions, RoundResults, RoundStatus, RoundTimer } from '../routes/Console.tsx';
import { ClockPanel } from './ClockPanel.tsx';
import styles from './PresenterView.module.css';
import { FacilitatorNotes, NextRoundPreview } from './RoundScript.tsx';
import { ScreenControls } from './ScreenControls.tsx';

/**
 * The presenter view: one laptop screen with what the facilitator needs while talking:
 * the round's controls and live results, their notes, what comes next, the clock, the
 * room screen's controls, and one-key shortcuts (listed with `?`). Notes are the
 * console's own: the room screen and phones never receive them.
 */
export default function PresenterView({
  view,
  screenKey,
  control,
  act,
  error,
  onHelp,
}: {
  view: FacilitatorView;
  screenKey: string | undefined;
  control: (command: ControlCommand) => Promise<boolean>;
  act: (action: unknown) => ReturnType<Connection['act']> | undefined;
  error: ReactNode;
  onHelp: () => void;
}) {
  const { session, round } = view;
  const index = round?.index ?? -1;
  const current = round ? view.agenda[round.index] : undefined;
  return (
    <div className={styles.presenter}>
      <header className={styles.bar}>
        <div className={styles.where}>
          <p className="eyebrow">
            {session.title} · {round ? `Round ${round.index + 1} of ${round.count}` : 'Lobby'}
            {session.phase === 'lobby' && ` · join code ${session.code}`}
          </p>
          <h1 className={styles.title}>{round?.title ?? 'Waiting to start'}</h1>
        </div>
        <FlowActions view={view} control={control} />
        <nav className={styles.tools} aria-label="Presenter tools">
          <ScreenControls view={view} control={control} screenKey={screenKey} isInline />
          <button
            type="button"
            className="button button--small button--quiet"
            aria-keyshortcuts="?"
            onClick={onHelp}
          >
            Shortcuts (?)
          </button>
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => navigate(`/console/${session.id}${location.hash}`)}
          >
            Full console
          </button>
        </nav>
      </header>
      {error}
      <main className={styles.main}>
        <section className={styles.stage} aria-label="This round">
          {round ? (
            <>
              <div className={styles.roundControls}>
                <RoundStatus round={round} />
                <RoundTimer view={view} control={control} />
              </div>
              <div className={styles.results}>
                <RoundResults view={view} act={act} />
              </div>
            </>
          ) : (
            <p className="lead">
              {plural(view.roster.filter((p) => !p.hasLeft).length, 'person has', 'people have')}{' '}
              joined. Press PageDown or “Start session” when the room is ready.
            </p>
          )}
        </section>
        <aside className={styles.side} aria-label="Clock, notes and what comes next">
          <div className={styles.card}>
            <ClockPanel view={view} control={control} size="large" />
          </div>
          <div className={`${styles.card} ${styles.notes}`}>
            <FacilitatorNotes item={current} />
          </div>
          <div className={styles.card}>
            <NextRoundPreview agenda={view.agenda} index={index} />
          </div>
        </aside>
      </main>
    </div>
  );
}
