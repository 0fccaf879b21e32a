import { plural } from '@playfield/shared/plural';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type {
  Accepted,
  ParticipantOwnView,
  ParticipantPublicView,
  Result,
} from '@playfield/shared';
import { REMOVED_MESSAGE } from '@playfield/shared/protocol/errors';
import { ConnectionBanner } from '../components/ConnectionBanner.tsx';
import { Link } from '../components/Link.tsx';
import { Loading, Notice } from '../components/Notice.tsx';
import { Timer } from '../components/Timer.tsx';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { EXERCISE_UI } from '../exercises/registry.ts';
import type { ParticipantProps } from '../exercises/types.ts';
import { planPath } from '../plans/planLinks.ts';
import { PlanSeatContext } from '../plans/planSeat.ts';
import { PromptCard } from '../plans/PromptCard.tsx';
import { QaTabs } from '../qa/QaTabs.tsx';
import { connect, type Connection } from '../realtime/connection.ts';
import { isConnectionFailure, OFFLINE } from '../realtime/connectionErrors.ts';
import { TeamCard } from '../teams/TeamCard.tsx';
import { forgetSeat, type Seat } from '../storage.ts';
import { useSessionStore } from '../stores/useSessionStore.ts';
import styles from './Participant.module.css';

/** The Q&A loads when a participant first opens it: the phone's entry stays small. */
const QaPhone = lazy(() => import('../qa/QaPhone.tsx'));

/** A participant's live session on the phone: lobby, the current round, the end. */
export function Participant({
  code,
  seat,
  onLeft,
}: {
  code: string;
  seat: Seat;
  onLeft: () => void;
}) {
  const connection = useRef<Connection | null>(null);
  const status = useSessionStore((s) => s.status);
  const error = useSessionStore((s) => s.error);
  const view = useSessionStore((s) => s.publicView);
  const own = useSessionStore((s) => s.own);
  const ownRounds = useSessionStore((s) => s.ownRounds);
  const [leaveError, setLeaveError] = useState<string | null>(null);
  const [isQuestions, setIsQuestions] = useState(false);
  // A lost link is shown once here, for every exercise, and forgotten when the link is back.
  const [linkProblem, setLinkProblem] = useState<string | null>(null);
  const isOffline = status === 'offline';
  const [lastStatus, setLastStatus] = useState(status);
  if (status !== lastStatus) {
    // Adjusted while rendering (React's pattern for state that follows a prop): back online,
    // the stale "No answer from the server" goes.
    setLastStatus(status);
    if (status === 'online') setLinkProblem(null);
  }
  // Told by its own view while connected, or by the refused reconnect afterwards.
  const isRemoved =
    own?.isRemoved === true || (status === 'failed' && error?.message === REMOVED_MESSAGE);

  useEffect(() => {
    const live = connect({ role: 'participant', resumeToken: seat.resumeToken });
    connection.current = live;
    return () => live.close();
  }, [seat.resumeToken]);

  useEffect(() => {
    // A seat the server no longer knows (left, or a wiped server) is forgotten, so the
    // join form comes back instead of a dead page.
    if (
      isRemoved ||
      (status === 'failed' && (error?.code === 'UNAUTHORIZED' || error?.code === 'FORBIDDEN'))
    )
      forgetSeat(code);
  }, [status, error, code, isRemoved]);

  if (isRemoved) {
    return (
      <Notice title={REMOVED_MESSAGE} back={{ href: '/', label: 'Back to the home page' }}>
        <p>Your seat is closed. If this is a mistake, ask the facilitator, then join again.</p>
      </Notice>
    );
  }

  if (status === 'failed') {
    return (
      <Notice
        title={
          error?.code === 'FORBIDDEN'
            ? 'You left this session'
            : 'You are not in this session any more'
        }
        actions={
          <button className="button button--primary" type="button" onClick={onLeft}>
            Join again
          </button>
        }
      >
        <p>{error?.message}</p>
      </Notice>
    );
  }
  if (!view) return <Loading label="Connecting to the session…" />;

  /**
   * Every send from this page goes through here: a failure of the link itself is shown by
   * the page (and cleared on reconnect), so the exercise gets a refusal with nothing to say.
   */
  async function relay(pending: Promise<Result<Accepted>> | undefined): Promise<Result<Accepted>> {
    const result = (await pending) ?? { ok: false as const, error: OFFLINE };
    if (result.ok) {
      setLinkProblem(null);
      return result;
    }
    if (!isConnectionFailure(result.error)) return result;
    setLinkProblem(result.error.message);
    return { ok: false, error: { ...result.error, message: '' } };
  }

  async function leave() {
    if (!confirm('Leave this session? Your answers stay, but you will need to join again.')) return;
    const result = await connection.current?.leave();
    if (result?.ok) {
      forgetSeat(code);
      onLeft();
    } else {
      setLeaveError(result?.error.message ?? 'Not connected: try again in a moment');
    }
  }

  const { session, round } = view;
  return (
    <div className="phone">
      <ConnectionBanner detail="Your buttons come back as soon as the connection does." />
      <header className="phone__header">
        <div>
          <p className="eyebrow">{session.title}</p>
          <p className="phone__name">{own?.name ?? seat.name}</p>
        </div>
        <span className="code-chip" aria-label={`Join code ${session.code}`}>
          {session.code}
        </span>
      </header>
      {session.phase !== 'ended' && (
        <QaTabs isQuestions={isQuestions} onChange={setIsQuestions} count={view.qa?.total ?? 0} />
      )}
      <main className="page page--narrow phone__main">
        {linkProblem && !isOffline && (
          <p className="error" role="alert">
            {linkProblem}
          </p>
        )}
        {/* While the link is down every control here is disabled: a tap would be lost. */}
        <fieldset className={styles.live} disabled={isOffline} aria-busy={isOffline}>
          {!isQuestions && session.phase !== 'ended' && (
            <TeamCard
              teams={view.teams}
              teamId={own?.teamId}
              pick={(teamId) => relay(connection.current?.team?.({ type: 'teams.pick', teamId }))}
            />
          )}
          {isQuestions && session.phase !== 'ended' ? (
            <Suspense fallback={<Loading label="Opening the questions…" />}>
              <QaPhone
                view={view.qa}
                own={own?.qa}
                send={(payload) => relay(connection.current?.qa?.(payload))}
              />
            </Suspense>
          ) : session.phase === 'ended' ? (
            <section className="card stack">
              <h1>That’s a wrap</h1>
              <p>The session has ended. Thank you for taking part!</p>
              <Link className="button button--primary" href={planPath(seat.resumeToken)}>
                My action plan
              </Link>
              <Link className="button" href="/">
                Back to the home page
              </Link>
            </section>
          ) : session.phase === 'lobby' || !round ? (
            <section className="card stack lobby">
              <h1>You’re in, {own?.name ?? seat.name}!</h1>
              <p>Waiting for the facilitator to start. Keep this page open.</p>
              <p className="muted">
                {plural(view.participantCount, 'person has', 'people have')} joined.
              </p>
            </section>
          ) : (
            <section className="stack">
              {view.prompt && (
                <PromptCard
                  prompt={view.prompt}
                  sessionId={session.id}
                  answer={(roundId, text) => relay(connection.current?.answerPrompt(roundId, text))}
                />
              )}
              <div className="round-head">
                <p className="eyebrow">
                  Round {round.index + 1} of {round.count}
                </p>
                {/* A slide shows its own heading: the round's title is then only read out. */}
                <h1 className={round.kind === 'content' ? 'visually-hidden' : 'round-title'}>
                  {round.title}
                </h1>
                <Timer timer={view.timer} />
              </div>
              <PlanSeatContext.Provider value={seat}>
                <CurrentRound
                  round={round}
                  own={ownRounds[round.id] ?? null}
                  act={(action) => relay(connection.current?.act(round.id, action))}
                />
              </PlanSeatContext.Provider>
            </section>
          )}
        </fieldset>
      </main>
      {session.phase !== 'ended' && (
        <footer className="phone__footer">
          <Link className="button button--quiet" href={planPath(seat.resumeToken)}>
            My action plan
          </Link>
          <button
            className="button button--quiet"
            type="button"
            disabled={isOffline}
            onClick={() => void leave()}
          >
            Leave session
          </button>
          {leaveError && (
            <p className="error" role="alert">
              {leaveError}
            </p>
          )}
        </footer>
      )}
    </div>
  );
}

function CurrentRound({
  round,
  own,
  act,
}: {
  round: NonNullable<ParticipantPublicView['round']>;
  own: NonNullable<ParticipantOwnView['round']> | null;
  act: (action: unknown) => ReturnType<Connection['act']>;
}) {
  const ownView = own?.view ?? null;
  // The round's kind selects the component; its views come from the same exercise.
  const { Participant: Component } = EXERCISE_UI[round.kind] as {
    Participant: React.ComponentType<ParticipantProps<typeof round.kind>>;
  };
  return (
    // Keyed by round: a draft typed in one round never carries over into the next of its
    // kind, and a round that failed to draw is tried afresh when the room moves on.
    <ErrorBoundary key={round.id} label={`${round.kind} Participant`}>
      <Component view={round.view} own={ownView} isOpen={round.isOpen} act={act} />
    </ErrorBoundary>
  );
}
