import { count, plural } from '@playfield/shared/plural';
import { Suspense, useEffect, useMemo, useRef } from 'react';
import type { ExerciseKind, ScreenView } from '@playfield/shared';
import { ConnectionBanner } from '../components/ConnectionBanner.tsx';
import { Loading, Notice } from '../components/Notice.tsx';
import { QrCode } from '../components/QrCode.tsx';
import { Timer } from '../components/Timer.tsx';
import { useJoinUrl } from '../components/useJoinUrl.ts';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { EXERCISE_UI } from '../exercises/registry.ts';
import { BlankScreen, RoundCountdown, useShownScreenView } from '../presenter/ScreenModes.tsx';
import { isQaOnStage, isQaStripShown, QaStage, QaStrip } from '../qa/QaScreen.tsx';
import type { ScreenProps } from '../exercises/types.ts';
import { connect } from '../realtime/connection.ts';
import { ScreenTables } from '../teams/ScreenTables.tsx';
import { readHashKey } from '../router.ts';
import { useSessionStore } from '../stores/useSessionStore.ts';
import styles from './Screen.module.css';
import { TEXT_SCALES, useScreenScale } from './useScreenScale.ts';

/** The projector: big type, high contrast, no scrolling, the join code always in a corner. */
export default function Screen({ sessionId }: { sessionId: string }) {
  const key = useMemo(() => readHashKey(), []);
  const status = useSessionStore((s) => s.status);
  const error = useSessionStore((s) => s.error);
  const view = useSessionStore((s) => s.screen);

  useEffect(() => {
    if (!key) return;
    const live = connect({ role: 'screen', sessionId, key });
    return () => live.close();
  }, [sessionId, key]);

  if (!key || status === 'failed') {
    return (
      <Notice title="Cannot open the room screen">
        <p>{error?.message ?? 'Open the room screen from the facilitator console.'}</p>
      </Notice>
    );
  }
  if (!view) return <Loading label="Opening the room screen…" />;
  return <ScreenModes view={view} />;
}

/** Blank (a calm screen with the join code) or frozen (the last view kept), as the console says. */
function ScreenModes({ view }: { view: ScreenView }) {
  const shown = useShownScreenView(view);
  if (view.clock?.mode === 'blank') {
    return (
      <div className="screen">
        <ConnectionBanner />
        <BlankScreen view={view} />
      </div>
    );
  }
  return <ScreenBody view={shown} />;
}

function ScreenBody({ view }: { view: ScreenView }) {
  const { session, round, roster } = view;
  const joinUrl = useJoinUrl(session.code);
  const host = joinUrl?.replace(/^https?:\/\//, '').replace(/\/join\/.*$/, '');
  // The sequence number of the view on show: browser tests wait for it, never for time.
  const seq = useSessionStore((s) => s.seqs.screen);
  const mainRef = useRef<HTMLElement>(null);
  const isLobby = session.phase !== 'live' || !round;
  // The lobby grows to fill a big window (QR code and names large); a round shrinks to fit.
  const { textScale, changeTextScale } = useScreenScale(
    mainRef,
    isLobby ? 'lobby' : round.id,
    isLobby ? { maxFit: 2.2 } : {},
  );
  // "+" and "-" on the screen's keyboard change the text size too.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === '+' || event.key === '=') changeTextScale(1);
      if (event.key === '-') changeTextScale(-1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [changeTextScale]);

  return (
    <div className={`screen ${styles.screen}`} data-seq={seq}>
      <ConnectionBanner />
      {isLobby ? (
        <main ref={mainRef} className={`screen__lobby ${styles.lobby}`}>
          <h1 className={styles.title}>{session.title}</h1>
          {session.phase === 'ended' ? (
            <p className={styles.big}>Thank you for taking part!</p>
          ) : view.teams?.length ? (
            <ScreenTables teams={view.teams} joinUrl={joinUrl} host={host} code={session.code} />
          ) : (
            <div className={styles.join}>
              {joinUrl && (
                <QrCode text={joinUrl} size={260} label={`QR code to join: ${joinUrl}`} />
              )}
              <div>
                <p className={styles.instruction}>Join on your phone at</p>
                <p className={styles.host}>{host}</p>
                <p className={styles.instruction}>with the code</p>
                <p className={styles.code} data-testid="join-code">
                  {session.code}
                </p>
              </div>
            </div>
          )}
          {session.phase !== 'ended' && !view.teams?.length && (
            <section aria-label="Who has joined" className={styles.roster}>
              <p className={styles.count}>
                {plural(view.participantCount, 'person', 'people')} here
              </p>
              <ul>
                {roster.map((p, i) => (
                  <li key={i} className={p.isOnline ? '' : styles.offline}>
                    {p.name}
                    {!p.isOnline && <span className="visually-hidden"> (offline)</span>}
                  </li>
                ))}
                {view.participantCount > roster.length && (
                  <li>and {count(view.participantCount - roster.length)} more</li>
                )}
              </ul>
            </section>
          )}
        </main>
      ) : (
        <main ref={mainRef} className={`screen__round ${styles.round}`}>
          {view.qa && isQaOnStage(view.qa) ? (
            <QaStage qa={view.qa} />
          ) : (
            <>
              <header className={styles.head}>
                <p className={styles.eyebrow}>
                  Round {round.index + 1} of {round.count}
                </p>
                {/* A slide shows its own heading: the round's title is then only read out. */}
                <h1 className={round.kind === 'content' ? 'visually-hidden' : styles.roundTitle}>
                  {round.title}
                </h1>
                {/* A break slide shows the timer itself, large: the header's would repeat it. */}
                {!(round.kind === 'content' && round.view.layout === 'break') && (
                  <Timer timer={view.timer} size="large" />
                )}
                <RoundCountdown view={view} />
              </header>
              <div className={styles.body}>
                <Suspense fallback={null}>
                  <RoundScreen round={round} participantCount={view.onlineCount} />
                </Suspense>
              </div>
              {view.qa && isQaStripShown(view.qa) && <QaStrip qa={view.qa} />}
            </>
          )}
        </main>
      )}
      {session.phase === 'live' && (
        <aside className={styles.corner} aria-label="How to join">
          <span>{host}</span>
          <strong>{session.code}</strong>
        </aside>
      )}
      <div className={styles.textSize} role="group" aria-label="Text size on this screen">
        <button
          type="button"
          aria-label="Smaller text"
          disabled={textScale <= TEXT_SCALES[0]}
          onClick={() => changeTextScale(-1)}
        >
          A−
        </button>
        <button
          type="button"
          aria-label="Larger text"
          disabled={textScale >= (TEXT_SCALES.at(-1) ?? 1)}
          onClick={() => changeTextScale(1)}
        >
          A+
        </button>
      </div>
    </div>
  );
}

function RoundScreen({
  round,
  participantCount,
}: {
  round: NonNullable<ScreenView['round']>;
  participantCount: number;
}) {
  // The component is the one registered for this round's kind, like its view.
  const { Screen: Component } = EXERCISE_UI[round.kind] as {
    Screen: React.ComponentType<ScreenProps<ExerciseKind>>;
  };
  return (
    // Keyed by round: a round that failed to draw is tried afresh when the room moves on.
    <ErrorBoundary key={round.id} label={`${round.kind} Screen`}>
      <Component view={round.view} participantCount={participantCount} />
    </ErrorBoundary>
  );
}
