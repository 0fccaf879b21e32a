import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import type {
  AgendaItemView,
  ControlCommand,
  ExerciseKind,
  FacilitatorView,
  RoundInput,
} from '@playfield/shared';
import { api } from '../api.ts';
import { ConnectionBanner } from '../components/ConnectionBanner.tsx';
import { Link } from '../components/Link.tsx';
import { Loading, Notice } from '../components/Notice.tsx';
import { QrCode } from '../components/QrCode.tsx';
import { RoomLockToggle } from '../components/RoomLockToggle.tsx';
import { ByTable } from '../components/ByTable.tsx';
import { RosterPanel } from '../components/RosterPanel.tsx';
import { newRound, RoundEditor } from '../components/RoundEditor.tsx';
import { SessionResults } from '../components/SessionResults.tsx';
import { Timer } from '../components/Timer.tsx';
import { useJoinUrl } from '../components/useJoinUrl.ts';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { EXERCISE_UI } from '../exercises/registry.ts';
import { RoundNotes } from '../notebooks/RoundNotes.tsx';
import type { FacilitatorProps } from '../exercises/types.ts';
import { PlansPanel } from '../plans/PlansPanel.tsx';
import { PromptControl } from '../plans/PromptControl.tsx';
import { connect, type Connection } from '../realtime/connection.ts';
import { readHashKey } from '../router.ts';
import { getFacilitated, rememberFacilitated } from '../storage.ts';
import { useSessionStore } from '../stores/useSessionStore.ts';

type Control = (command: ControlCommand) => Promise<boolean>;

/** The session's Q&A panel, beside the round (lazy, like the rest of the console's parts). */
const QaPanel = lazy(() => import('../qa/QaPanel.tsx'));
/** The session's tables (teams) panel, likewise lazy. */
const TablesPanel = lazy(() => import('../teams/TablesPanel.tsx'));

/** The facilitator console: agenda, current round with its controls and live results, roster. */
export default function Console({ sessionId }: { sessionId: string }) {
  const token = useMemo(
    () => readHashKey() ?? getFacilitated().find((s) => s.sessionId === sessionId)?.token ?? null,
    [sessionId],
  );
  const connection = useRef<Connection | null>(null);
  const status = useSessionStore((s) => s.status);
  const connectionError = useSessionStore((s) => s.error);
  const view = useSessionStore((s) => s.facilitator);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!token) return;
    const live = connect({ role: 'facilitator', sessionId, token });
    connection.current = live;
    return () => live.close();
  }, [sessionId, token]);

  useEffect(() => {
    if (token && view) rememberFacilitated({ sessionId, token });
  }, [sessionId, token, view]);

  const control: Control = async (command) => {
    const result = await connection.current?.control(command);
    if (!result) return false;
    setError(result.ok ? null : result.error.message);
    return result.ok;
  };

  if (!token) {
    return (
      <Notice
        title="This console link has no key"
        actions={
          <Link className="button" href="/sessions">
            Your sessions
          </Link>
        }
      >
        <p>
          Open the console from the link you got when you created the session, or from “Your
          sessions” on the laptop you used.
        </p>
      </Notice>
    );
  }
  if (status === 'failed') {
    return (
      <Notice
        title="Cannot open this console"
        actions={
          <Link className="button" href="/sessions">
            Your sessions
          </Link>
        }
      >
        <p>{connectionError?.message}</p>
      </Notice>
    );
  }
  if (!view) return <Loading label="Opening the console…" />;

  return (
    <div className="console">
      <ConnectionBanner />
      <ConsoleHeader view={view} token={token} control={control} />
      {error && (
        <p className="error console__error" role="alert">
          {error}
          <button
            type="button"
            className="button button--icon"
            aria-label="Dismiss"
            onClick={() => setError(null)}
          >
            ×
          </button>
        </p>
      )}
      {view.session.phase === 'ended' ? (
        <Results sessionId={sessionId} token={token} />
      ) : (
        <main className="console__grid">
          <AgendaPanel view={view} control={control} />
          <CurrentRoundPanel
            view={view}
            control={control}
            act={(action) => connection.current?.act(view.round?.id ?? '', action)}
          />
          <div className="stack">
            {view.qa && (
              <Suspense fallback={<p className="muted">Loading the questions…</p>}>
                <QaPanel qa={view.qa} control={control} />
              </Suspense>
            )}
            <Suspense fallback={<p className="muted">Loading the tables…</p>}>
              <TablesPanel teams={view.teams} roster={view.roster} control={control} />
            </Suspense>
            <RosterPanel roster={view.roster} teams={view.teams} control={control} />
          </div>
        </main>
      )}
      <PlansPanel sessionId={sessionId} token={token} />
    </div>
  );
}

function ConsoleHeader({
  view,
  token,
  control,
}: {
  view: FacilitatorView;
  token: string;
  control: Control;
}) {
  const { session } = view;
  const joinUrl = useJoinUrl(session.code);
  const [screenKey, setScreenKey] = useState(
    () => getFacilitated().find((s) => s.sessionId === session.id)?.screenKey,
  );
  useEffect(() => {
    if (screenKey) return;
    void api.screenKey(session.id, token).then((r) => r.ok && setScreenKey(r.data.screenKey));
  }, [screenKey, session.id, token]);
  const hasRounds = view.agenda.length > 0;
  const index = view.agenda.findIndex((r) => r.id === view.round?.id);

  return (
    <header className="console__header">
      <div className="console__title">
        <p className="eyebrow">
          <Link href="/sessions">Your sessions</Link> · {phaseLabel(session.phase)}
        </p>
        <h1>{session.title}</h1>
      </div>
      <div className="console__join">
        {joinUrl && <QrCode text={joinUrl} size={96} label={`QR code to join: ${joinUrl}`} />}
        <div>
          <p className="muted">Join code</p>
          <p className="join-code" data-testid="join-code">
            {session.code}
          </p>
          {session.phase !== 'ended' && (
            <RoomLockToggle isLocked={view.isLocked} control={control} />
          )}
          {joinUrl && (
            <p className="console__url">
              <a href={joinUrl} target="_blank" rel="noreferrer">
                {joinUrl.replace(/^https?:\/\//, '')}
              </a>
            </p>
          )}
          {screenKey && (
            <a
              className="button button--quiet"
              href={`/screen/${session.id}#key=${screenKey}`}
              target="_blank"
              rel="noreferrer"
            >
              Open room screen
            </a>
          )}
          <a
            className="button button--quiet"
            href={`/notebook/${session.id}`}
            target="_blank"
            rel="noreferrer"
          >
            Notebook
          </a>
        </div>
      </div>
      <div className="console__flow actions">
        {session.phase === 'lobby' && (
          <button
            className="button button--primary"
            type="button"
            onClick={() => void control({ type: 'session.start' })}
          >
            {hasRounds ? 'Start session' : 'Start (no rounds yet)'}
          </button>
        )}
        {session.phase === 'live' && (
          <>
            <button
              className="button"
              type="button"
              disabled={index <= 0}
              onClick={() => void control({ type: 'round.back' })}
            >
              ← Back
            </button>
            <button
              className="button button--primary"
              type="button"
              disabled={index >= view.agenda.length - 1}
              onClick={() => void control({ type: 'round.next' })}
            >
              Next round →
            </button>
            <button
              className="button button--danger"
              type="button"
              onClick={() => {
                if (confirm('End the session for everyone? Results are kept.'))
                  void control({ type: 'session.end' });
              }}
            >
              End session
            </button>
          </>
        )}
      </div>
    </header>
  );
}

function phaseLabel(phase: string): string {
  return phase === 'lobby' ? 'Waiting to start' : phase === 'live' ? 'Live' : 'Ended';
}

function AgendaPanel({ view, control }: { view: FacilitatorView; control: Control }) {
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState<RoundInput | null>(null);
  return (
    <section className="panel" aria-labelledby="agenda-title">
      <h2 id="agenda-title">Agenda</h2>
      <ol className="agenda">
        {view.agenda.map((item, index) => (
          <li
            key={item.id}
            className={`agenda__item ${item.id === view.round?.id ? 'is-current' : ''}`}
            aria-current={item.id === view.round?.id ? 'step' : undefined}
          >
            {editing === item.id ? (
              <AgendaItemEditor
                item={item}
                onCancel={() => setEditing(null)}
                onSave={async (round) => {
                  const ok = await control({
                    type: 'agenda.update',
                    roundId: item.id,
                    title: round.title,
                    ...(item.submitted === 0 ? { config: round.config } : {}),
                  });
                  if (ok) setEditing(null);
                }}
              />
            ) : (
              <>
                <div className="agenda__line">
                  <span className="agenda__number">{index + 1}</span>
                  <span className="agenda__title">{item.title}</span>
                  <span className="agenda__meta">
                    {item.submitted > 0
                      ? `${item.submitted} answered`
                      : item.hasStarted
                        ? 'visited'
                        : ''}
                  </span>
                </div>
                <div className="agenda__actions">
                  {view.session.phase === 'live' && item.id !== view.round?.id && (
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => void control({ type: 'round.goto', roundId: item.id })}
                    >
                      Go to
                    </button>
                  )}
                  <button
                    type="button"
                    className="button button--small button--quiet"
                    onClick={() => setEditing(item.id)}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="button button--icon button--small"
                    aria-label={`Move ${item.title} up`}
                    disabled={index === 0}
                    onClick={() =>
                      void control({ type: 'agenda.move', roundId: item.id, toIndex: index - 1 })
                    }
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button button--icon button--small"
                    aria-label={`Move ${item.title} down`}
                    disabled={index === view.agenda.length - 1}
                    onClick={() =>
                      void control({ type: 'agenda.move', roundId: item.id, toIndex: index + 1 })
                    }
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="button button--icon button--small"
                    aria-label={`Remove ${item.title}`}
                    disabled={item.id === view.round?.id}
                    onClick={() => {
                      if (confirm(`Remove “${item.title}” from the agenda?`))
                        void control({ type: 'agenda.remove', roundId: item.id });
                    }}
                  >
                    ×
                  </button>
                </div>
              </>
            )}
          </li>
        ))}
      </ol>
      {adding ? (
        <div className="card stack stack--tight">
          <RoundEditor round={adding} idPrefix="new-round" onChange={setAdding} />
          <div className="actions">
            <button
              type="button"
              className="button button--primary"
              onClick={() =>
                void control({ type: 'agenda.add', round: adding }).then(
                  (ok) => ok && setAdding(null),
                )
              }
            >
              Add to agenda
            </button>
            <button type="button" className="button button--quiet" onClick={() => setAdding(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button" onClick={() => setAdding(newRound())}>
          Add a round
        </button>
      )}
    </section>
  );
}

function AgendaItemEditor(props: {
  item: AgendaItemView;
  onSave: (round: RoundInput) => Promise<void>;
  onCancel: () => void;
}) {
  const { item } = props;
  const [round, setRound] = useState<RoundInput>(() => ({
    kind: item.kind,
    title: item.title,
    config: item.config,
  }));
  return (
    <div className="stack stack--tight">
      <RoundEditor
        round={round}
        idPrefix={`edit-${item.id}`}
        onChange={setRound}
        isLocked={item.submitted > 0}
      />
      <div className="actions">
        <button
          type="button"
          className="button button--primary button--small"
          onClick={() => void props.onSave(round)}
        >
          Save
        </button>
        <button
          type="button"
          className="button button--quiet button--small"
          onClick={props.onCancel}
        >
          Cancel
        </button>
      </div>
    </div>
  );
}

const TIMER_PRESETS = [1, 2, 5, 10];

function CurrentRoundPanel(props: {
  view: FacilitatorView;
  control: Control;
  act: (action: unknown) => ReturnType<Connection['act']> | undefined;
}) {
  const { view, control } = props;
  const { round, timer } = view;
  const participantCount = view.roster.filter((p) => !p.hasLeft).length;
  if (view.session.phase === 'lobby') {
    return (
      <section className="panel panel--main">
        <h2>Waiting room</h2>
        <p className="lead">
          {participantCount} {participantCount === 1 ? 'person has' : 'people have'} joined. Start
          when the room is ready.
        </p>
      </section>
    );
  }
  if (!round) {
    return (
      <section className="panel panel--main">
        <h2>No round</h2>
        <p>Add a round to the agenda, then go to it.</p>
      </section>
    );
  }
  // The component is the one registered for this round's kind, like its view.
  const { Facilitator } = EXERCISE_UI[round.kind] as {
    Facilitator: React.ComponentType<FacilitatorProps<ExerciseKind>>;
  };
  return (
    <section className="panel panel--main" aria-labelledby="round-title">
      <p className="eyebrow">
        Round {round.index + 1} of {round.count}
      </p>
      <h2 id="round-title">{round.title}</h2>
      {round.controls.length > 0 && (
        <div className="round-controls actions">
          {round.controls.includes('open') && (
            <>
              <button
                type="button"
                className={`button ${round.isOpen ? '' : 'button--primary'}`}
                onClick={() => void control({ type: round.isOpen ? 'round.lock' : 'round.open' })}
              >
                {round.isOpen ? 'Lock answers' : 'Reopen answers'}
              </button>
              <span className="status-pill">{round.isOpen ? 'Answers open' : 'Locked'}</span>
            </>
          )}
          {round.controls.includes('reveal') && (
            <>
              <button
                type="button"
                className={`button ${round.isRevealed ? '' : 'button--primary'}`}
                onClick={() =>
                  void control({ type: round.isRevealed ? 'round.hide' : 'round.reveal' })
                }
              >
                {round.isRevealed ? 'Hide results' : 'Reveal results'}
              </button>
              <span className="status-pill">
                {round.isRevealed ? 'Results shown' : 'Results hidden'}
              </span>
            </>
          )}
        </div>
      )}
      <div className="timer-controls actions">
        <Timer timer={timer} />
        {TIMER_PRESETS.map((minutes) => (
          <button
            key={minutes}
            type="button"
            className="button button--small"
            onClick={() => void control({ type: 'timer.start', seconds: minutes * 60 })}
          >
            {minutes} min
          </button>
        ))}
        {timer && (
          <>
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={() =>
                void control({ type: timer.endsAt === null ? 'timer.resume' : 'timer.pause' })
              }
            >
              {timer.endsAt === null ? 'Resume' : 'Pause'}
            </button>
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={() => void control({ type: 'timer.clear' })}
            >
              Clear timer
            </button>
          </>
        )}
      </div>
      {/* Keyed by round: a round that failed to draw is tried afresh on the next one. */}
      <ErrorBoundary key={round.id} label={`${round.kind} Facilitator`}>
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <Facilitator
            view={round.view}
            participantCount={participantCount}
            act={async (action) =>
              (await props.act(action)) ?? {
                ok: false,
                error: { code: 'INTERNAL', message: 'Not connected' },
              }
            }
          />
        </Suspense>
      </ErrorBoundary>
      {view.roundByTeam && <ByTable summary={view.roundByTeam} />}
      <RoundNotes sessionId={view.session.id} roundId={round.id} />
      <p className="muted prompt">Action-plan prompt: {round.actionPlanPrompt}</p>
      <PromptControl control={control} />
    </section>
  );
}

function Results({ sessionId, token }: { sessionId: string; token: string }) {
  return (
    <main className="page stack">
      <h2>Results</h2>
      <SessionResults sessionId={sessionId} token={token} />
    </main>
  );
}
