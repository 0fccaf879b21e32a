import {
  blankOwnRoundView,
  execute,
  fail,
  type AppError,
  getExercise,
  inFold,
  own,
  roundContext,
  seatCounts,
  ViewMemo,
  facilitatorView,
  participantOwnView,
  participantPublicView,
  screenView,
  VIEW_FLUSH_INTERVAL_MS,
  type CommandActor,
  type EventEnvelope,
  type FacilitatorView,
  type ParticipantOwnView,
  type ParticipantPublicView,
  type Result,
  type ScreenView,
  type SessionCommand,
  type SessionEvent,
  type SessionState,
  type ViewMessage,
  type ViewPatchMessage,
  diffViews,
} from '@playfield/shared';
import type {
  DocumentWrite,
  ParticipantTokenRow,
  Repository,
  SessionSummaryColumns,
} from '../store/repository.ts';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { guard, guardedTimeout, reportFault } from '../faults/faults.ts';
import { newId } from '../security/tokens.ts';

/** Where views go: implemented by the socket layer, one call per audience. */
export interface ViewSink {
  hasAudience(sessionId: string, audience: 'facilitator' | 'screen' | 'participants'): boolean;
  facilitator(sessionId: string, message: ViewMessage<FacilitatorView>): void;
  /**
   * The change since the last facilitator view, to consoles that take patches; `patch`
   * is called only when some do (the diff is not free). Optional: sinks without it send
   * whole views only.
   */
  facilitatorPatch?(sessionId: string, patch: () => ViewPatchMessage): void;
  screen(sessionId: string, message: ViewMessage<ScreenView>): void;
  /** One message for the whole room of phones. */
  participants(sessionId: string, message: ViewMessage<ParticipantPublicView>): void;
  own(participantId: string, message: ViewMessage<ParticipantOwnView>): void;
  /** Closes every socket of the session (its clients reconnect to a fresh copy). */
  disconnect(sessionId: string): void;
}

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

/** The audiences a session broadcasts to. */
type Audience = 'facilitator' | 'screen' | 'participants';
const AUDIENCES: readonly Audience[] = ['facilitator', 'screen', 'participants'];

/**
 * How soon an audience needs a change: urgent ones (answers, round changes) go out at
 * the next flush; lazy ones (roster and presence, head counts) wait longer in big rooms.
 */
type Dirt = 'none' | 'lazy' | 'urgent';

/** Seats taken and seats still in, kept beside the seat table (never a pass over the room). */
const countParticipants = seatCounts;

/** The parts of an own view outside the round (the seat, its Q&A, its table), to send only changes. */
function seatJsonOf(view: ParticipantOwnView): string {
  return JSON.stringify([view.name, view.hasLeft, view.qa ?? null, view.teamId ?? null]);
}

/** Most commands stored in one transaction. */
const MAX_BATCH = 500;

interface CommandOptions {
  newId?: () => string;
  participantToken?: ParticipantTokenRow;
  /**
   * Document updates stored in the same transaction as the command's events, if it is
   * accepted (a prompt answer's action in the answerer's plan): both or neither.
   */
  documents?: readonly DocumentWrite[];
}

interface PendingCommand {
  command: SessionCommand;
  actor: CommandActor;
  options: CommandOptions;
  resolve: (result: Result<{ seq: number; events: SessionEvent[] }>) => void;
}

/** Whose own views an accepted command may have changed, beyond what its events say. */
type OwnScope = 'events' | 'all' | readonly string[];

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
  private readonly online = new Map<string, number>();
  /** The seats online, kept in step with `online` for views (never copied per view). */
  private readonly onlineSet = new Set<string>();
  private readonly viewMemo = new ViewMemo();
  private snapshotTimer: NodeJS.Timeout | null = null;
  private snapshotting: Promise<void> | null = null;
  private lastSnapshotAt = 0;
  private connections = 0;
  private lastActiveAt: number;
  private lastSnapshotSeq: number;

  private readonly dirt: Record<Audience, Dirt> = {
    facilitator: 'none',
    screen: 'none',
    participants: 'none',
  };
  private readonly lastSentAt: Record<Audience, number> = {
    facilitator: 0,
    screen: 0,
    participants: 0,
  };
  private lastPublicJson = '';
  /** Own views waiting to be sent: some participants, or everyone online. */
  private readonly dirtyOwn = new Set<string>();
  private isAllOwnDirty = false;
  /** What each participant's phone holds of each round, as JSON, to send only changes. */
  private readonly sentOwn = new Map<string, Map<string, string>>();
  private lastFlushAt = 0;
  private flushTimer: NodeJS.Timeout | null = null;
  private flushDueAt = 0;
  private automation: { key: string; timer: NodeJS.Timeout } | null = null;
  private isClosed = false;
  /** Storage failed for good: nothing more is taken until the session is rebuilt. */
  private isFaulted = false;
  private publicCache: { state: SessionState; view: ParticipantPublicView } | null = null;
  /** The last facilitator view sent, which patches are taken against, and its number. */
  private sentFacilitator: { message: ViewMessage<FacilitatorView>; version: number } | null = null;

  constructor(
    private current: SessionState,
    private readonly repository: Repository,
    private readonly sink: ViewSink,
    private readonly now: () => number,
    private readonly hooks: SessionHooks = {},
  ) {
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
      if (!isFirst) await nextTurn();
      isFirst = false;
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
        envelopes.push(...executed.data.envelopes);
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
        for (const event of events) this.markDirty(event, item.actor, own);
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
    if (participantId === null) return;
    const count = (this.online.get(participantId) ?? 0) + 1;
    this.online.set(participantId, count);
    if (count === 1) {
      this.onlineSet.add(participantId);
      this.viewMemo.onlineVersion++;
      this.markPresence();
    }
  }

  detach(participantId: string | null): void {
    this.connections = Math.max(0, this.connections - 1);
    this.lastActiveAt = this.now();
    if (participantId === null) return;
    const count = (this.online.get(participantId) ?? 1) - 1;
    if (count > 0) {
      this.online.set(participantId, count);
      return;
    }
    this.online.delete(participantId);
    this.onlineSet.delete(participantId);
    this.viewMemo.onlineVersion++;
    this.markPresence();
  }

  private onlineIds(): ReadonlySet<string> {
    return this.onlineSet;
  }

  private message<V>(view: V): ViewMessage<V> {
    return { seq: this.current.seq, serverTime: this.now(), view };
  }

  facilitatorMessage(): ViewMessage<FacilitatorView> {
    return this.message(facilitatorView(this.current, this.onlineIds(), this.now(), this.viewMemo));
  }

  /**
   * The view a console that takes patches starts from: the last one sent (the next patch
   * applies to it), brought up to date by a patch at the next flush.
   */
  facilitatorBase(): ViewMessage<FacilitatorView> & { version: number } {
    if (this.sentFacilitator) {
      this.mark('facilitator', 'urgent');
      this.scheduleFlush();
    } else {
      this.sentFacilitator = { message: this.facilitatorMessage(), version: 1 };
    }
    const { message, version } = this.sentFacilitator;
    return { ...message, version };
  }

  screenMessage(): ViewMessage<ScreenView> {
    return this.message(screenView(this.current, this.onlineIds(), this.now(), this.viewMemo));
  }

  /** The same for every phone, so it is computed once per state, however many phones connect. */
  publicMessage(): ViewMessage<ParticipantPublicView> {
    if (this.publicCache?.state !== this.current) {
      this.publicCache = {
        state: this.current,
        view: participantPublicView(this.current, this.now()),
      };
    }
    return this.message(this.publicCache.view);
  }

  ownMessage(participantId: string): ViewMessage<ParticipantOwnView> | null {
    const view = participantOwnView(this.current, participantId, this.now());
    return view && this.message(view);
  }

  private mark(audience: Audience, dirt: Exclude<Dirt, 'none'>): void {
    if (this.dirt[audience] !== 'urgent') this.dirt[audience] = dirt;
  }

  private markPresence(): void {
    this.mark('facilitator', 'lazy');
    this.mark('screen', 'lazy');
    this.scheduleFlush();
  }

  private markDirty(event: SessionEvent, actor: CommandActor, own: OwnScope = 'events'): void {
    switch (event.type) {
      case 'participant.joined':
      case 'participant.left':
        for (const audience of AUDIENCES) this.mark(audience, 'lazy');
        if (event.type === 'participant.left') this.dirtyOwn.add(event.participantId);
        break;
      case 'participants.removed':
        for (const audience of AUDIENCES) this.mark(audience, 'urgent');
        for (const id of event.participantIds) this.dirtyOwn.add(id);
        break;
      case 'round.acted':
        for (const audience of AUDIENCES) this.mark(audience, 'urgent');
        if (actor.role === 'participant' && !this.hasSharedOwnViews(event.roundId))
          this.dirtyOwn.add(actor.participantId);
        // A facilitator's click: the phones the exercise says it changed, often none.
        else if (own !== 'events' && own !== 'all') for (const id of own) this.dirtyOwn.add(id);
        else this.isAllOwnDirty = true;
        break;
      // Q&A from a phone: only the asker's or voter's own view changes at once. The shared
      // list goes to the room lazily (every phone at once, 1 to 5 s apart in a big room), and
      // votes reach the console lazily too (its view lists every question and the roster);
      // the room screen, small, shows a vote at the next flush.
      case 'qa.asked':
        this.mark('facilitator', 'urgent');
        if (event.isApproved) {
          this.mark('screen', 'urgent');
          this.mark('participants', 'lazy');
        }
        this.dirtyOwn.add(event.participantId);
        break;
      case 'qa.voted':
        this.mark('facilitator', 'lazy');
        this.mark('screen', 'urgent');
        this.mark('participants', 'lazy');
        this.dirtyOwn.add(event.participantId);
        break;
      // One seat placed at a table (a move, a pick, a latecomer): its own view, the console,
      // and the head counts phones and the screen show, which may settle lazily.
      case 'teams.assigned':
        this.mark('facilitator', 'urgent');
        this.mark('screen', 'lazy');
        this.mark('participants', 'lazy');
        this.dirtyOwn.add(event.participantId);
        break;
      // The clock and the room screen's mode: only the console and the screen show them.
      case 'clock.extended':
      case 'clock.screenSet':
      case 'clock.countdownShown':
        this.mark('facilitator', 'urgent');
        this.mark('screen', 'urgent');
        break;
      default:
        for (const audience of AUDIENCES) this.mark(audience, 'urgent');
        this.isAllOwnDirty = true;
    }
    this.scheduleFlush();
  }

  /** Can a participant's action in this round change other participants' own views? */
  private hasSharedOwnViews(roundId: string): boolean {
    const round = this.current.agenda.find((r) => r.id === roundId);
    return !!round && !!getExercise(round.kind)?.hasSharedOwnViews;
  }

  /**
   * How long a lazy change may wait: the facilitator's roster every 50 ms for 100
   * people, every second for 2,000; phones' head count every 1 to 5 seconds.
   */
  private lazyInterval(audience: Audience): number {
    const people = countParticipants(this.current).all;
    return audience === 'participants'
      ? Math.min(5000, Math.max(1000, people * 2))
      : Math.min(1000, Math.max(VIEW_FLUSH_INTERVAL_MS, people / 2));
  }

  private scheduleFlush(delay?: number): void {
    const now = this.now();
    const wait = delay ?? Math.max(0, this.lastFlushAt + VIEW_FLUSH_INTERVAL_MS - now);
    // A pending lazy flush (up to seconds away) must not hold back an urgent change:
    // bring the flush forward instead of waiting for it.
    if (this.flushTimer) {
      if (this.flushDueAt <= now + wait) return;
      clearTimeout(this.flushTimer);
    }
    this.flushDueAt = now + wait;
    this.flushTimer = guardedTimeout(`session ${this.id}: flush`, () => this.flush(), wait);
  }

  /** Sends every audience whose view changed and is due, then the own views that changed. */
  flush(): void {
    this.flushTimer = null;
    const now = this.now();
    this.lastFlushAt = now;
    let nextDueAt = Infinity;
    for (const audience of AUDIENCES) {
      const dirt = this.dirt[audience];
      if (dirt === 'none') continue;
      const dueAt =
        dirt === 'urgent' ? now : this.lastSentAt[audience] + this.lazyInterval(audience);
      if (dueAt > now) {
        nextDueAt = Math.min(nextDueAt, dueAt);
        continue;
      }
      this.dirt[audience] = 'none';
      this.send(audience, now);
    }
    this.flushOwn(now);
    if (nextDueAt < Infinity) this.scheduleFlush(nextDueAt - now);
  }

  private send(audience: Audience, now: number): void {
    const id = this.current.id;
    if (!this.sink.hasAudience(id, audience)) return;
    this.lastSentAt[audience] = now;
    if (audience === 'facilitator') this.sendFacilitator(id);
    if (audience === 'screen') this.sink.screen(id, this.screenMessage());
    if (audience === 'participants') {
      const message = this.publicMessage();
      // Answers change nothing phones show until results are revealed: skip identical views.
      const json = JSON.stringify(message.view);
      if (json === this.lastPublicJson) return;
      this.lastPublicJson = json;
      this.sink.participants(id, message);
    }
  }

  /**
   * Sends the console its view: whole to consoles that want it so, and as a numbered
   * patch against the last one to consoles that take patches (a few hundred bytes for an
   * answer, where the whole view of a room of 5,000 is hundreds of kilobytes).
   */
  private sendFacilitator(sessionId: string): void {
    const message = this.facilitatorMessage();
    const previous = this.sentFacilitator;
    const version = (previous?.version ?? 0) + 1;
    this.sentFacilitator = { message, version };
    this.sink.facilitator(sessionId, { ...message, version });
    if (!previous) return;
    this.sink.facilitatorPatch?.(sessionId, () => ({
      seq: message.seq,
      serverTime: message.serverTime,
      base: previous.version,
      version,
      ops: diffViews(previous.message.view, message.view),
    }));
  }

  /**
   * Sends each participant's own view only where it differs from what their phone holds
   * for that round (a phone assumes the blank view for rounds it has not heard about), so
   * a round change costs one message per phone, not two.
   */
  private flushOwn(now: number): void {
    const owners = this.isAllOwnDirty ? [...this.online.keys()] : [...this.dirtyOwn];
    this.dirtyOwn.clear();
    this.isAllOwnDirty = false;
    if (owners.length === 0) return;
    const blank = blankOwnRoundView(this.current, now);
    for (const participantId of owners) {
      if (!this.online.has(participantId)) continue;
      const message = this.ownMessage(participantId);
      if (!message) continue;
      const held = this.sentOwn.get(participantId) ?? new Map<string, string>();
      const seatJson = seatJsonOf(message.view);
      const round = message.view.round;
      const roundJson = round ? JSON.stringify(round.view) : '';
      const heldRoundJson = round
        ? (held.get(round.id) ?? (blank?.id === round.id ? blank.json : ''))
        : '';
      if (held.get('') === seatJson && roundJson === heldRoundJson) continue;
      held.set('', seatJson);
      if (round) held.set(round.id, roundJson);
      this.sentOwn.set(participantId, held);
      this.sink.own(participantId, message);
    }
  }

  /**
   * A socket of a participant (re)connected and is sent its own view directly: its page
   * may have been reloaded and remember nothing, so forget what it was sent before.
   */
  resetOwn(participantId: string): void {
    const message = this.ownMessage(participantId);
    const held = new Map<string, string>();
    if (message) {
      held.set('', seatJsonOf(message.view));
      if (message.view.round)
        held.set(message.view.round.id, JSON.stringify(message.view.round.view));
    }
    this.sentOwn.set(participantId, held);
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
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = null;
    await this.snapshotting;
    if (!this.isFaulted) await this.snapshot();
  }
}
