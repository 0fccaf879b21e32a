import {
  execute,
  fail,
  type AppError,
  getExercise,
  inFold,
  own,
  roundContext,
  seatCounts,
  type CommandActor,
  type EventEnvelope,
  type FacilitatorView,
  type LoggedActor,
  type ParticipantOwnView,
  type ParticipantPublicView,
  type Result,
  type ScreenView,
  type SessionCommand,
  type SessionEvent,
  type SessionState,
  type ViewMessage,
} from '@playfield/shared';
import type {
  DocumentWrite,
  ParticipantTokenRow,
  Repository,
  SessionSummaryColumns,
} from '../store/repository.ts';
import { setImmediate as nextTurn, setTimeout as pause } from 'node:timers/promises';
import { guard, guardedTimeout, reportFault } from '../faults/faults.ts';
import { newId } from '../security/tokens.ts';
import { SessionViews, type OwnScope, type ViewSink } from './sessionViews.ts';

export type { ViewSink };

/** What a session tells its owner. */
export interface SessionHooks {
  /** Every stored batch of events (the notebook writes results as rounds end). */
  onCommitted?: ((state: SessionState, events: SessionEvent[]) => void) | undefined;
  /** Storage kept failing: the session takes no more actions and must be dropped. */
  onFault?: () => void;
}

const NOT_SAVED: AppError = {
  code: 'UNAVAILABLE',
  message: 'That could not be saved, so it did not count: try again in a moment',
};

/** Snapshot after this many events, so a restart replays a short tail only. */
const SNAPSHOT_EVERY = 500;
/**
 * A snapshot serialises the whole state (a room of 5,000 is megabytes): it is taken off the
 * command path, after a pause, and at most this often however fast events come.
 */
const SNAPSHOT_MIN_INTERVAL_MS = 5_000;

/**
 * Commands waiting for a session at most (a setting, so tests can lower it): past it the
 * session is overloaded and answers BUSY at once (the phone retries after a jittered
 * pause) instead of queueing work it would finish only after the sockets timed out.
 */
export const sessionQueue = { limit: 2_000 };

const BUSY: AppError = {
  code: 'BUSY',
  message: 'The room is very busy: trying again in a moment',
};

/** Seats taken and seats still in, kept beside the seat table (never a pass over the room). */
const countParticipants = seatCounts;

/** Most commands stored in one transaction. */
const MAX_BATCH = 500;

/**
 * A busy big room's batches start at most this often, per seat (1 ms per 200 seats, at
 * most {@link COMMIT_WINDOW_MAX_MS}): a batch copies the records it writes (the seat table,
 * a poll's answers) once and stores them in one transaction, so commands that trickle in one
 * per turn would each copy a 5,000-entry record and each open a transaction. With the
 * window, that work is bounded per second whatever the room's size, for at most 20 ms of
 * waiting; the first command after a quiet spell goes at once, and small rooms never wait.
 */
const COMMIT_WINDOW_MS_PER_SEAT = 1 / 200;
const COMMIT_WINDOW_MAX_MS = 20;

interface CommandOptions {
  newId?: () => string;
  participantToken?: ParticipantTokenRow;
  /**
   * Document updates stored in the same transaction as the command's events, if it is
   * accepted (a prompt answer's action in the answerer's plan): both or neither.
   */
  documents?: readonly DocumentWrite[];
  /** Who ran it on a console: stored beside its events (the log's "who did what"). */
  loggedAs?: LoggedActor;
}

interface PendingCommand {
  command: SessionCommand;
  actor: CommandActor;
  options: CommandOptions;
  resolve: (result: Result<{ seq: number; events: SessionEvent[] }>) => void;
}

/** The session row's summary columns, kept in step with the log. */
function summaryColumns(state: SessionState): SessionSummaryColumns {
  return {
    title: state.title,
    phase: state.phase,
    ended_at: state.endedAt,
    participant_count: countParticipants(state).all,
    round_count: state.agenda.length,
    last_seq: state.seq,
  };
}

/**
 * One session being run: its state in memory, commands applied in order (decide, append
 * to the log, then acknowledge), and views coalesced per audience.
 */
export class LiveSession {
  private readonly pending: PendingCommand[] = [];
  private draining: Promise<void> | null = null;
  private snapshotTimer: NodeJS.Timeout | null = null;
  private snapshotting: Promise<void> | null = null;
  private lastSnapshotAt = 0;
  /** When the last batch was taken (see {@link COMMIT_WINDOW_MS_PER_SEAT}). */
  private lastBatchAt = -Infinity;
  private connections = 0;
  private lastActiveAt: number;
  private lastSnapshotSeq: number;
  private automation: { key: string; timer: NodeJS.Timeout } | null = null;
  private isClosed = false;
  /** Storage failed for good: nothing more is taken until the session is rebuilt. */
  private isFaulted = false;
  private readonly views: SessionViews;

  constructor(
    private current: SessionState,
    private readonly repository: Repository,
    sink: ViewSink,
    private readonly now: () => number,
    private readonly hooks: SessionHooks = {},
  ) {
    this.views = new SessionViews(() => this.current, sink, now);
    this.lastActiveAt = now();
    this.lastSnapshotSeq = current.seq;
    // A demo that was running when the server stopped carries on after a restart.
    this.scheduleAutomation();
  }

  get state(): SessionState {
    return this.current;
  }

  get id(): string {
    return this.current.id;
  }

  /** Sockets attached to this session now. */
  get connectionCount(): number {
    return this.connections;
  }

  get idleSince(): number {
    return this.lastActiveAt;
  }

  /**
   * Runs a command and resolves once its events are durably stored (or it is refused).
   * Commands are decided one after another against the state their predecessors left;
   * those that arrive while a write is in flight are written together in the next
   * transaction (group commit), so a burst of 2,000 answers costs a few writes, not 2,000.
   */
  execute(
    command: SessionCommand,
    actor: CommandActor,
    options: CommandOptions = {},
  ): Promise<Result<{ seq: number; events: SessionEvent[] }>> {
    // Retired (being deleted or redacted): nothing more is taken, so nothing more is written.
    if (this.retiredWith) return Promise.resolve({ ok: false, error: this.retiredWith });
    // Overloaded: refuse at once rather than queue work the sender would time out on.
    if (this.pending.length >= sessionQueue.limit)
      return Promise.resolve(fail(BUSY.code, BUSY.message));
    return new Promise((resolve) => {
      this.pending.push({ command, actor, options, resolve });
      this.draining ??= this.drain().finally(() => {
        this.draining = null;
      });
    });
  }

  private async drain(): Promise<void> {
    let isFirst = true;
    while (this.pending.length > 0) {
      // One batch per turn of the event loop: timers (view flushes, pings) and sockets run
      // between batches, and what arrives meanwhile joins the next batch (SQLite's writes
      // resolve without ever yielding to the loop, so without this a backlog starves it).
      // A big room's batches are also spaced by the commit window (see COMMIT_WINDOW_MS_PER_SEAT).
      const wait = this.lastBatchAt + this.commitWindowMs() - this.now();
      if (wait > 0) await pause(wait);
      else if (!isFirst) await nextTurn();
      isFirst = false;
      this.lastBatchAt = this.now();
      const batch = this.pending.splice(0, MAX_BATCH);
      try {
        await this.commit(batch);
      } catch (error) {
        // Only a fault in this code gets here; whatever was not settled is refused.
        reportFault(`session ${this.id}: commit`, error);
        for (const item of batch) item.resolve(fail('INTERNAL', 'That failed on the server'));
      }
    }
  }

  /** The least time between two batches: none below 200 seats (see COMMIT_WINDOW_MS_PER_SEAT). */
  private commitWindowMs(): number {
    const ms = countParticipants(this.current).all * COMMIT_WINDOW_MS_PER_SEAT;
    return ms < 1 ? 0 : Math.min(COMMIT_WINDOW_MAX_MS, ms);
  }

  private async commit(batch: PendingCommand[]): Promise<void> {
    if (this.isFaulted) {
      for (const item of batch) item.resolve({ ok: false, error: NOT_SAVED });
      return;
    }
    const at = this.now();
    this.lastActiveAt = at;
    let next = this.current;
    const envelopes: EventEnvelope[] = [];
    const tokens: ParticipantTokenRow[] = [];
    const documents: DocumentWrite[] = [];
    const accepted: {
      item: PendingCommand;
      seq: number;
      events: SessionEvent[];
      own: OwnScope;
    }[] = [];
    // One fold per batch: the records the batch creates (the seat table, a poll's answers)
    // are copied once and then written in place, so a batch costs O(batch), not O(batch x
    // room). `this.current` is never written: the fold copies it on its first write.
    inFold(() => {
      for (const item of batch) {
        let executed: ReturnType<typeof execute>;
        try {
          executed = execute(next, item.command, item.actor, {
            at,
            newId: item.options.newId ?? newId,
          });
        } catch (error) {
          // The exercise's code threw on this action: refuse it; the state is untouched.
          reportFault(`session ${this.id}: ${item.command.type}`, error);
          item.resolve(fail('INTERNAL', 'That action failed on the server'));
          continue;
        }
        if (!executed.ok) {
          item.resolve(executed);
          continue;
        }
        const own = this.ownScope(next, executed.data.state, item.command, item.actor);
        next = executed.data.state;
        const { loggedAs } = item.options;
        for (const e of executed.data.envelopes)
          envelopes.push(loggedAs ? { ...e, actor: loggedAs } : e);
        if (item.options.participantToken) tokens.push(item.options.participantToken);
        if (item.options.documents) documents.push(...item.options.documents);
        accepted.push({
          item,
          seq: next.seq,
          events: executed.data.envelopes.map((e) => e.event),
          own,
        });
      }
    });
    if (accepted.length === 0) return;
    try {
      await this.repository.append(next.id, envelopes, summaryColumns(next), tokens, documents);
    } catch (error) {
      // Nothing of the batch was stored (retries included), so none of it happened: refuse
      // it, refuse what waits, and have the session rebuilt from storage.
      reportFault(`session ${this.id}: store`, error);
      for (const { item } of accepted) item.resolve({ ok: false, error: NOT_SAVED });
      this.fault();
      return;
    }
    this.current = next;
    for (const { item, seq, events, own } of accepted) {
      guard(`session ${this.id}: views`, () => {
        for (const event of events) this.views.committedEvent(event, item.actor, own);
      });
      item.resolve({ ok: true, data: { seq, events } });
    }
    const events = accepted.flatMap((a) => a.events);
    guard(`session ${this.id}: committed`, () => this.hooks.onCommitted?.(next, events));
    guard(`session ${this.id}: automation`, () => this.scheduleAutomation());
    if (next.seq - this.lastSnapshotSeq >= SNAPSHOT_EVERY) this.scheduleSnapshot();
  }

  /**
   * Whose own views a facilitator's action in a round may have changed, as the exercise
   * says from the round's state before and after it; 'events' leaves it to `markDirty`.
   */
  private ownScope(
    before: SessionState,
    after: SessionState,
    command: SessionCommand,
    actor: CommandActor,
  ): OwnScope {
    if (command.type !== 'round.act' || actor.role !== 'facilitator') return 'events';
    const round = before.agenda.find((r) => r.id === command.roundId);
    const exercise = round && getExercise(round.kind);
    const was = own(before.rounds, command.roundId);
    const is = own(after.rounds, command.roundId);
    if (!exercise || !was || !is) return 'all';
    try {
      return exercise.ownViewsChangedBy(was.state, is.state, command.action);
    } catch (error) {
      // The exercise could not say: every phone's own view is checked, as before.
      reportFault(`session ${this.id}: own views of ${round.kind}`, error);
      return 'all';
    }
  }

  /** Snapshots soon, off the command path (see {@link SNAPSHOT_MIN_INTERVAL_MS}). */
  private scheduleSnapshot(): void {
    if (this.snapshotTimer || this.snapshotting || this.isClosed) return;
    const wait = Math.max(0, this.lastSnapshotAt + SNAPSHOT_MIN_INTERVAL_MS - this.now());
    this.snapshotTimer = guardedTimeout(
      `session ${this.id}: snapshot`,
      () => {
        this.snapshotTimer = null;
        this.snapshotting = this.trySnapshot().finally(() => {
          this.snapshotting = null;
        });
      },
      wait,
    );
  }

  /** A snapshot is a shortcut for restarts: failing to write one is logged, never fatal. */
  private async trySnapshot(): Promise<void> {
    try {
      await this.snapshot();
    } catch (error) {
      reportFault(`session ${this.id}: snapshot`, error);
    }
  }

  private fault(): void {
    this.isFaulted = true;
    this.isClosed = true;
    if (this.automation) clearTimeout(this.automation.timer);
    this.automation = null;
    for (const item of this.pending.splice(0)) item.resolve({ ok: false, error: NOT_SAVED });
    guard(`session ${this.id}: fault`, () => this.hooks.onFault?.());
  }

  /**
   * Asks the current round's exercise for work it does on its own (simulated workers,
   * simulated clocks) and schedules it as a facilitator action. A pending step is kept
   * while it stays the same, so other activity in the room does not keep postponing it.
   */
  private scheduleAutomation(): void {
    const state = this.current;
    const round = state.agenda.find((r) => r.id === state.currentRoundId);
    const runtime = round && state.rounds[round.id];
    const exercise = round && getExercise(round.kind);
    const step =
      !this.isClosed && state.phase === 'live' && round && runtime && exercise
        ? exercise.automation(runtime.state, roundContext(state, runtime, this.now()))
        : null;
    const key = step && round ? `${round.id}:${JSON.stringify(step.action)}` : '';
    if (this.automation?.key === key) return;
    if (this.automation) clearTimeout(this.automation.timer);
    this.automation = null;
    if (!step || !round) return;
    const timer = guardedTimeout(
      `session ${this.id}: automation`,
      () => {
        this.automation = null;
        void this.execute(
          { type: 'round.act', roundId: round.id, action: step.action },
          { role: 'facilitator' },
        ).then(
          (result) => {
            // A refused step changes nothing, so nothing would schedule the next one: say why.
            if (!result.ok) console.warn(`[automation] ${round.kind}: ${result.error.message}`);
          },
          (error: unknown) => console.error('[automation]', error),
        );
      },
      step.delayMs,
    );
    this.automation = { key, timer };
  }

  /** Stores the current state so a restart need not replay the whole log. */
  async snapshot(): Promise<void> {
    const state = this.current;
    if (state.seq === this.lastSnapshotSeq) return;
    this.lastSnapshotAt = this.now();
    await this.repository.saveSnapshot(state);
    this.lastSnapshotSeq = Math.max(this.lastSnapshotSeq, state.seq);
  }

  /** A socket of this session connected; participants' presence is counted per seat. */
  attach(participantId: string | null): void {
    this.connections++;
    this.lastActiveAt = this.now();
    if (participantId !== null) this.views.attach(participantId);
  }

  detach(participantId: string | null): void {
    this.connections = Math.max(0, this.connections - 1);
    this.lastActiveAt = this.now();
    if (participantId !== null) this.views.detach(participantId);
  }

  facilitatorMessage(): ViewMessage<FacilitatorView> {
    return this.views.facilitatorMessage();
  }

  /** The view a console that takes patches starts from (see `SessionViews.facilitatorBase`). */
  facilitatorBase(): ViewMessage<FacilitatorView> & { version: number } {
    return this.views.facilitatorBase();
  }

  screenMessage(): ViewMessage<ScreenView> {
    return this.views.screenMessage();
  }

  /** The same for every phone, computed once per state however many phones connect. */
  publicMessage(): ViewMessage<ParticipantPublicView> {
    return this.views.publicMessage();
  }

  /** The shared view a phone that takes patches starts from (see `SessionViews.publicBase`). */
  publicBase(): ViewMessage<ParticipantPublicView> & { version: number } {
    return this.views.publicBase();
  }

  ownMessage(participantId: string): ViewMessage<ParticipantOwnView> | null {
    return this.views.ownMessage(participantId);
  }

  /** Sends every audience whose view changed and is due, then the own views that changed. */
  flush(): void {
    this.views.flush();
  }

  /**
   * A seat's socket (re)connected and was sent its own view directly (see `SessionViews`):
   * `sent`, when the caller has it, saves building that view again.
   */
  /** The own view to acknowledge a participant's action with (see `SessionViews.takeOwn`). */
  takeOwn(participantId: string): ViewMessage<ParticipantOwnView> | undefined {
    return this.views.takeOwn(participantId);
  }

  resetOwn(participantId: string, sent?: ViewMessage<ParticipantOwnView> | null): void {
    this.views.resetOwn(participantId, sent);
  }

  /** Why new commands are refused once the session was retired (see `retire`), or null. */
  private retiredWith: AppError | null = null;

  /**
   * Refuses every command from now on with `error`; those already queued are still decided
   * and stored (and acknowledged). The owner then closes the session and rewrites or deletes
   * its storage (server/src/lifecycle).
   */
  retire(error: AppError): void {
    this.retiredWith = error;
  }

  /** Waits for queued commands, stores a snapshot and stops timers. */
  async close(): Promise<void> {
    this.isClosed = true;
    if (this.automation) clearTimeout(this.automation.timer);
    this.automation = null;
    await this.draining;
    this.views.stop();
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = null;
    await this.snapshotting;
    if (!this.isFaulted) await this.snapshot();
  }
}
