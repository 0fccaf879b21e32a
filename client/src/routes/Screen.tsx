import { Suspense, useEffect, useMemo } from 'react';
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

  return (
    <div className="screen">
      <ConnectionBanner />
      {session.phase !== 'live' || !round ? (
        <main className="screen__lobby">
          <h1 className="screen__title">{session.title}</h1>
          {session.phase === 'ended' ? (
            <p className="screen__big">Thank you for taking part!</p>
          ) : view.teams?.length ? (
            <ScreenTables teams={view.teams} joinUrl={joinUrl} host={host} code={session.code} />
          ) : (
            <div className="screen__join">
              {joinUrl && (
                <QrCode text={joinUrl} size={260} label={`QR code to join: ${joinUrl}`} />
              )}
              <div>
                <p className="screen__instruction">Join on your phone at</p>
                <p className="screen__host">{host}</p>
                <p className="screen__instruction">with the code</p>
                <p className="screen__code">{session.code}</p>
              </div>
            </div>
          )}
          {session.phase !== 'ended' && !view.teams?.length && (
            <section aria-label="Who has joined" className="screen__roster">
              <p className="screen__count">
                {view.participantCount} {view.participantCount === 1 ? 'person' : 'people'} here
              </p>
              <ul>
                {roster.map((p, i) => (
                  <li key={i} className={p.isOnline ? '' : 'is-offline'}>
                    {p.name}
                  </li>
                ))}
                {view.participantCount > roster.length && (
                  <li>and {view.participantCount - roster.length} more</li>
                )}
              </ul>
            </section>
          )}
        </main>
      ) : (
        <main className="screen__round">
          {view.qa && isQaOnStage(view.qa) ? (
            <QaStage qa={view.qa} />
          ) : (
            <>
              <header className="screen__round-head">
                <p className="screen__eyebrow">
                  Round {round.index + 1} of {round.count}
                </p>
                <h1 className="screen__round-title">{round.title}</h1>
                <Timer timer={view.timer} size="large" />
                <RoundCountdown view={view} />
              </header>
              <Suspense fallback={null}>
                <RoundScreen round={round} participantCount={view.onlineCount} />
              </Suspense>
              {view.qa && isQaStripShown(view.qa) && <QaStrip qa={view.qa} />}
            </>
          )}
        </main>
      )}
      {session.phase === 'live' && (
        <aside className="screen__corner" aria-label="How to join">
          <span>{host}</span>
          <strong>{session.code}</strong>
        </aside>
      )}
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
