import type { FacilitatorView } from '@playfield/shared';
import { Link } from '../components/Link.tsx';
import { QrCode } from '../components/QrCode.tsx';
import { RoomLockToggle } from '../components/RoomLockToggle.tsx';
import { useJoinUrl } from '../components/useJoinUrl.ts';
import { screenUrl } from '../presenter/useScreenKey.ts';
import { navigate } from '../router.ts';
import { FlowActions } from './FlowActions.tsx';
import type { Control } from './types.ts';
import styles from './ConsoleHeader.module.css';

/** The console's sticky header: title, the primary actions, how to join, and the tools. */
export function ConsoleHeader({
  view,
  screenKey,
  control,
  onHelp,
}: {
  view: FacilitatorView;
  screenKey: string | undefined;
  control: Control;
  onHelp: () => void;
}) {
  const { session } = view;
  const joinUrl = useJoinUrl(session.code);
  const isEnded = session.phase === 'ended';

  return (
    <header className={styles.header}>
      <div className={styles.title}>
        <p className="eyebrow">
          <Link href="/sessions">Your sessions</Link> · {phaseLabel(session.phase)}
        </p>
        <h1>{session.title}</h1>
      </div>
      <FlowActions view={view} control={control} />
      {/* An ended session takes no more joins: no code, link or QR code to mislead anyone. */}
      {!isEnded && (
        <div className={styles.join}>
          {joinUrl && <QrCode text={joinUrl} size={72} label={`QR code to join: ${joinUrl}`} />}
          <div>
            <p className="muted">Join code</p>
            <p className={styles.code} data-testid="join-code">
              {session.code}
            </p>
            {joinUrl && (
              <p className={styles.url}>
                <a href={joinUrl} target="_blank" rel="noreferrer">
                  {joinUrl.replace(/^https?:\/\//, '')}
                </a>
              </p>
            )}
          </div>
          <RoomLockToggle isLocked={view.isLocked} control={control} />
        </div>
      )}
      <nav className={styles.tools} aria-label="Console tools">
        {screenKey && (
          <a
            className="button button--small button--quiet"
            href={screenUrl(session.id, screenKey)}
            target="_blank"
            rel="noreferrer"
          >
            Open room screen
          </a>
        )}
        {!isEnded && (
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => navigate(`/console/${session.id}/present${location.hash}`)}
          >
            Presenter view
          </button>
        )}
        <a
          className="button button--small button--quiet"
          href={`/notebook/${session.id}`}
          target="_blank"
          rel="noreferrer"
        >
          Notebook
        </a>
        <button
          type="button"
          className="button button--small button--quiet"
          aria-keyshortcuts="?"
          onClick={onHelp}
        >
          Shortcuts (?)
        </button>
      </nav>
    </header>
  );
}

function phaseLabel(phase: string): string {
  return phase === 'lobby' ? 'Waiting to start' : phase === 'live' ? 'Live' : 'Ended';
}
