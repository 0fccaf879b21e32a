import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import type {
  AgendaItemView,
  ControlCommand,
  ExerciseKind,
  FacilitatorView,
  RoundInput,
} from '@playfield/shared';
import { ConnectionBanner } from '../components/ConnectionBanner.tsx';
import { ConsoleLinkNotice } from '../components/ConsoleLinkNotice.tsx';
import { Link } from '../components/Link.tsx';
import { Loading, Notice } from '../components/Notice.tsx';
import { QrCode } from '../components/QrCode.tsx';
import { RoomLockToggle } from '../components/RoomLockToggle.tsx';
import { ByTable } from '../components/ByTable.tsx';
import { AgendaPlan } from '../components/AgendaPlan.tsx';
import { RosterPanel } from '../components/RosterPanel.tsx';
import { RehearsalPanel } from '../rehearsal/RehearsalPanel.tsx';
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
import { ClockPanel } from '../presenter/ClockPanel.tsx';
import { commandFor } from '../presenter/presenterCommands.ts';
import { FacilitatorNotes } from '../presenter/RoundScript.tsx';
import { ScreenControls } from '../presenter/ScreenControls.tsx';
import { ShortcutsOverlay } from '../presenter/ShortcutsOverlay.tsx';
import { useShortcuts } from '../presenter/useShortcuts.ts';
import { screenUrl, useScreenKey } from '../presenter/useScreenKey.ts';
import styles from './Console.module.css';
import { connect, type Connection } from '../realtime/connection.ts';
import { navigate, readHashKey } from '../router.ts';
import { getFacilitated, rememberFacilitated } from '../storage.ts';
import { plannedSlots, plannedTotal } from '@playfield/shared/workshops/timing';
import { useSessionStore } from '../stores/useSessionStore.ts';

type Control = (command: ControlCommand) => Promise<boolean>;

/** The session's Q&A panel, beside the round (lazy, like the rest of the console's parts). */
const QaPanel = lazy(() => import('../qa/QaPanel.tsx'));
/** The session's tables (teams) panel, likewise lazy. */
const TablesPanel = lazy(() => import('../teams/TablesPanel.tsx'));
/** The presenter view: the same session on one laptop screen, driven by the keyboard. */
const PresenterView = lazy(() => import('../presenter/PresenterView.tsx'));

/**
 * The facilitator console: agenda, current round with its controls and live results side
 * by side, secondary panels in drawers, and the primary actions always in view. With
 * `isPresenter` it shows the presenter view of the same session instead.
 */
export default function Console({
  sessionId,
  isPresenter = false,
}: {
  sessionId: string;
  isPresenter?: boolean;
}) {
  const token = useMemo(
    () => readHashKey() ?? getFacilitated().find((s) => s.sessionId === sessionId)?.token ?? null,
    [sessionId],
  );
  const connection = useRef<Connection | null>(null);
  const status = useSessionStore((s) => s.status);
  const connectionError = useSessionStore((s) => s.error);
  const view = useSessionStore((s) => s.facilitator);
  const [error, setError] = useState<string | null>(null);
  const [isHelpOpen, setHelpOpen] = useState(false);
  const [isAgendaOpen, setAgendaOpen] = useState(true);
  const screenKey = useScreenKey(sessionId, token);

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

  useShortcuts((action) => {
    if (action === 'help') {
      setHelpOpen((open) => !open);
      return;
    }
    const current = useSessionStore.getState();
    if (!current.facilitator) return;
    const command = commandFor(action, current.facilitator, Date.now() + current.clockOffsetMs);
    if (command) void control(command);
  }, !!view && !isHelpOpen);

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

  const act = (action: unknown) => connection.current?.act(view.round?.id ?? '', action);
  const help = isHelpOpen && <ShortcutsOverlay onClose={() => setHelpOpen(false)} />;
  const errorBar = error && (
    <p className={`error ${styles.error}`} role="alert">
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
  );

  if (isPresenter && view.session.phase !== 'ended') {
    return (
      <>
        <ConnectionBanner />
        <Suspense fallback={<Loading label="Opening the presenter view…" />}>
          <PresenterView
            view={view}
            screenKey={screenKey}
            control={control}
            act={act}
            error={errorBar}
            onHelp={() => setHelpOpen(true)}
          />
        </Suspense>
        {help}
      </>
    );
  }

  return (
    <div className={styles.console}>
      <ConnectionBanner />
      <ConsoleHeader
        view={view}
        screenKey={screenKey}
        control={control}
        onHelp={() => setHelpOpen(true)}
      />
      {errorBar}
      {view.session.phase === 'ended' ? (
        <>
          <Results sessionId={sessionId} token={token} />
          <PlansPanel sessionId={sessionId} token={token} />
        </>
      ) : (
        <main className={`${styles.grid} ${isAgendaOpen ? '' : styles.gridWide}`}>
          <AgendaPanel
            view={view}
            sessionId={sessionId}
            token={token}
            control={control}
            isOpen={isAgendaOpen}
            onToggle={() => setAgendaOpen((open) => !open)}
          />
          <CurrentRoundPanel view={view} control={control} act={act} screenKey={screenKey} />
          <aside className={styles.side} aria-label="People, questions, tables and plans">
            {view.rehearsal && (
              <Drawer title="Rehearsal">
                <RehearsalPanel view={view} control={control} token={token} />
              </Drawer>
            )}
            <Drawer title="People">
              <RosterPanel roster={view.roster} teams={view.teams} control={control} />
            </Drawer>
            {view.qa && (
              <Drawer title="Questions (Q&A)">
                <Suspense fallback={<p className="muted">Loading the questions…</p>}>
                  <QaPanel qa={view.qa} control={control} />
                </Suspense>
              </Drawer>
            )}
            <Drawer title="Tables">
              <Suspense fallback={<p className="muted">Loading the tables…</p>}>
                <TablesPanel teams={view.teams} roster={view.roster} control={control} />
              </Suspense>
            </Drawer>
            {view.round && (
              <Drawer title="Notes for the notebook">
                <RoundNotes sessionId={view.session.id} roundId={view.round.id} />
              </Drawer>
            )}
            <Drawer title="Action plans">
              <PlansPanel sessionId={sessionId} token={token} />
            </Drawer>
          </aside>
        </main>
      )}
      {help}
    </div>
  );
}

/** A secondary panel the facilitator can fold away (open to begin with). */
function Drawer({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <details className={styles.drawer} open>
      <summary className={styles.drawerTitle}>{title}</summary>
      {children}
    </details>
  );
}

function ConsoleHeader({
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
            <p className={`join-code ${styles.code}`} data-testid="join-code">
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

/**
 * The primary actions, always in view: start, back, next, lock, reveal, end. Shared by
 * the console and the presenter view (the keyboard shortcuts send the same commands).
 */
export function FlowActions({ view, control }: { view: FacilitatorView; control: Control }) {
  const { session, round } = view;
  const hasRounds = view.agenda.length > 0;
  const index = view.agenda.findIndex((r) => r.id === round?.id);
  if (session.phase === 'ended') return null;
  return (
    <div className={`actions ${styles.flow}`} role="group" aria-label="Run the session">
      {session.phase === 'lobby' && (
        <button
          className="button button--primary"
          type="button"
          aria-keyshortcuts="PageDown"
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
            aria-keyshortcuts="PageUp"
            onClick={() => void control({ type: 'round.back' })}
          >
            ← Back
          </button>
          <button
            className="button button--primary"
            type="button"
            disabled={index >= view.agenda.length - 1}
            aria-keyshortcuts="PageDown"
            onClick={() => void control({ type: 'round.next' })}
          >
            Next round →
          </button>
          {round?.controls.includes('open') && (
            <button
              type="button"
              className="button"
              aria-keyshortcuts="L"
              onClick={() => void control({ type: round.isOpen ? 'round.lock' : 'round.open' })}
            >
              {round.isOpen ? 'Lock answers' : 'Reopen answers'}
            </button>
          )}
          {round?.controls.includes('reveal') && (
            <button
              type="button"
              className="button"
              aria-keyshortcuts="R"
              onClick={() =>
                void control({ type: round.isRevealed ? 'round.hide' : 'round.reveal' })
              }
            >
              {round.isRevealed ? 'Hide results' : 'Reveal results'}
            </button>
          )}
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
  );
}

function phaseLabel(phase: string): string {
  return phase === 'lobby' ? 'Waiting to start' : phase === 'live' ? 'Live' : 'Ended';
}

function AgendaPanel({
  view,
  sessionId,
  token,
  control,
  isOpen,
  onToggle,
}: {
  view: FacilitatorView;
  sessionId: string;
  token: string;
  control: Control;
  isOpen: boolean;
  onToggle: () => void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState<RoundInput | null>(null);
  const slots = plannedSlots(view.agenda, view.plannedStart);
  const toggle = (
    <button
      type="button"
      className={`button button--small button--quiet ${styles.agendaToggle}`}
      aria-expanded={isOpen}
      aria-label={isOpen ? 'Hide the agenda' : 'Show the agenda'}
      onClick={onToggle}
    >
      {isOpen ? '« Hide' : '» Agenda'}
    </button>
  );
  if (!isOpen) {
    return (
      <section className={`panel ${styles.agenda} ${styles.agendaClosed}`} aria-label="Agenda">
        {toggle}
        {view.round && (
          <p className={styles.agendaWhere}>
            {view.round.index + 1}/{view.round.count}
          </p>
        )}
      </section>
    );
  }
  return (
    <section className={`panel ${styles.agenda}`} aria-labelledby="agenda-title">
      <div className={styles.agendaHead}>
        <h2 id="agenda-title">Agenda</h2>
        {toggle}
      </div>
      <AgendaPlan
        sessionId={sessionId}
        token={token}
        plannedStart={view.plannedStart}
        totalMinutes={plannedTotal(view.agenda)}
        control={control}
      />
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
                    // Notes and minutes change at any time; null clears them.
                    notes: round.notes ?? null,
                    minutes: round.minutes ?? null,
                  });
                  if (ok) setEditing(null);
                }}
              />
            ) : (
              <>
                <div className="agenda__line">
                  <span className="agenda__number">{index + 1}</span>
                  {slots[index]?.start && (
                    <span className="agenda__meta" title="Planned start">
                      {slots[index]?.start}
                    </span>
                  )}
                  <span className="agenda__title">{item.title}</span>
                  <span className="agenda__meta">
                    {[
                      item.submitted > 0
                        ? `${item.submitted} answered`
                        : item.hasStarted
                          ? 'visited'
                          : '',
                      item.minutes === undefined ? '' : `${item.minutes} min`,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
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
    ...(item.notes ? { notes: item.notes } : {}),
    ...(item.minutes !== undefined ? { minutes: item.minutes } : {}),
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
  screenKey: string | undefined;
  act: (action: unknown) => ReturnType<Connection['act']> | undefined;
}) {
  const { view, control } = props;
  const { round } = view;
  const participantCount = view.roster.filter((p) => !p.hasLeft).length;
  if (view.session.phase === 'lobby') {
    return (
      <section className={`panel panel--main ${styles.round}`}>
        <h2>Waiting room</h2>
        <p className="lead">
          {participantCount} {participantCount === 1 ? 'person has' : 'people have'} joined. Start
          when the room is ready.
        </p>
        <ConsoleLinkNotice />
        <ClockPanel view={view} control={control} />
      </section>
    );
  }
  if (!round) {
    return (
      <section className={`panel panel--main ${styles.round}`}>
        <h2>No round</h2>
        <p>Add a round to the agenda, then go to it.</p>
      </section>
    );
  }
  return (
    <section className={`panel panel--main ${styles.round}`} aria-labelledby="round-title">
      <div className={styles.roundHead}>
        <p className="eyebrow">
          Round {round.index + 1} of {round.count}
        </p>
        <h2 id="round-title">{round.title}</h2>
      </div>
      <div className={styles.roundBody}>
        <div className={styles.controls} aria-label="Round controls" role="group">
          <RoundStatus round={round} />
          <RoundTimer view={view} control={control} />
          <ClockPanel view={view} control={control} />
          <ScreenControls view={view} control={control} screenKey={props.screenKey} />
          <p className="muted prompt">Action-plan prompt: {round.actionPlanPrompt}</p>
          <PromptControl control={control} />
          <details className={styles.script}>
            <summary>Your notes for this round</summary>
            <FacilitatorNotes item={view.agenda[round.index]} headingLevel={3} />
          </details>
        </div>
        <div className={styles.results}>
          <RoundResults view={view} act={props.act} />
        </div>
      </div>
    </section>
  );
}

/** Whether answers are open and results shown, as words (the buttons are in the header). */
export function RoundStatus({ round }: { round: NonNullable<FacilitatorView['round']> }) {
  if (round.controls.length === 0) return null;
  return (
    <p className={styles.status}>
      {round.controls.includes('open') && (
        <span className="status-pill">{round.isOpen ? 'Answers open' : 'Locked'}</span>
      )}
      {round.controls.includes('reveal') && (
        <span className="status-pill">{round.isRevealed ? 'Results shown' : 'Results hidden'}</span>
      )}
    </p>
  );
}

/** The round's countdown timer with its presets, pause and clear. */
export function RoundTimer({ view, control }: { view: FacilitatorView; control: Control }) {
  const { timer } = view;
  return (
    <div className={`actions ${styles.timer}`} role="group" aria-label="Timer">
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
  );
}

/** The current round's live results: its exercise's console component, and by table. */
export function RoundResults({
  view,
  act,
}: {
  view: FacilitatorView;
  act: (action: unknown) => ReturnType<Connection['act']> | undefined;
}) {
  const { round } = view;
  if (!round) return null;
  const participantCount = view.roster.filter((p) => !p.hasLeft).length;
  // The component is the one registered for this round's kind, like its view.
  const { Facilitator } = EXERCISE_UI[round.kind] as {
    Facilitator: React.ComponentType<FacilitatorProps<ExerciseKind>>;
  };
  return (
    <>
      {/* Keyed by round: a round that failed to draw is tried afresh on the next one. */}
      <ErrorBoundary key={round.id} label={`${round.kind} Facilitator`}>
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <Facilitator
            view={round.view}
            participantCount={participantCount}
            act={async (action) =>
              (await act(action)) ?? {
                ok: false,
                error: { code: 'INTERNAL', message: 'Not connected' },
              }
            }
          />
        </Suspense>
      </ErrorBoundary>
      {view.roundByTeam && <ByTable summary={view.roundByTeam} />}
    </>
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
