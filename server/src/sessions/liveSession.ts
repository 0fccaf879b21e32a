import {
  blankOwnRoundView,
  execute,
  fail,
  type AppError,
  getExercise,
  roundContext,
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
} from '@playfield/shared';
import type {
  ParticipantTokenRow,
  Repository,
  SessionSummaryColumns,
} from '../store/repository.ts';
import { guard, guardedTimeout, reportFault } from '../faults/faults.ts';
import { newId } from '../security/tokens.ts';

/** Where views go: implemented by the socket layer, one call per audience. */
export interface ViewSink {
  hasAudience(sessionId: string, audience: 'facilitator' | 'screen' | 'participants'): boolean;
  facilitator(sessionId: string, message: ViewMessage<FacilitatorView>): void;
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
  onCommitted?: ((sessionId: string, events: SessionEvent[]) => void) | undefined;
  /** Storage kept failing: the session takes no more actions and must be dropped. */
  onFault?: () => void;
}

const NOT_SAVED: AppError = {
  code: 'UNAVAILABLE',
  message: 'That could not be saved, so it did not count: try again in a moment',
};

/** Snapshot after this many events, so a restart replays a short tail only. */
const SNAPSHOT_EVERY = 500;

/** The audiences a session broadcasts to. */
type Audience = 'facilitator' | 'screen' | 'participants';
const AUDIENCES: readonly Audience[] = ['facilitator', 'screen', 'participants'];

/**
 * How soon an audience needs a change: urgent ones (answers, round changes) go out at
 * the next flush; lazy ones (roster and presence, head counts) wait longer in big rooms.
 */
type Dirt = 'none' | 'lazy' | 'urgent';

/** Participants still in, memoised per participants object (it changes only on joins and leaves). */
const presentCounts = new WeakMap<SessionState['participants'], { all: number; present: number }>();
function countParticipants(state: SessionState): { all: number; present: number } {
  let counts = presentCounts.get(state.participants);
  if (!counts) {
    const seats = Object.values(state.participants);
    counts = { all: seats.length, present: seats.filter((p) => !p.hasLeft).length };
    presentCounts.set(state.participants, counts);
  }
  return counts;
}

/** The parts of an own view outside the round (the seat, its Q&A, its table), to send only changes. */
function seatJsonOf(view: ParticipantOwnView): string {
  return JSON.stringify([view.name, view.hasLeft, view.qa ?? null, view.teamId ?? null]);
}

/** Most commands stored in one transaction. */
const MAX_BATCH = 500;

interface CommandOptions {
  newId?: () => string;
  participantToken?: ParticipantTokenRow;
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
  private readonly online = new Map<string, number>();
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
    return new Promise((resolve) => {
      this.pending.push({ command, actor, options, resolve });
      this.draining ??= this.drain().finally(() => {
        this.draining = null;
      });
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
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
    const accepted: { item: PendingCommand; seq: number; events: SessionEvent[] }[] = [];
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
      next = executed.data.state;
      envelopes.push(...executed.data.envelopes);
      if (item.options.participantToken) tokens.push(item.options.participantToken);
      accepted.push({ item, seq: next.seq, events: executed.data.envelopes.map((e) => e.event) });
    }
    if (accepted.length === 0) return;
    try {
      await this.repository.append(next.id, envelopes, summaryColumns(next), tokens);
    } catch (error) {
      // Nothing of the batch was stored (retries included), so none of it happened: refuse
      // it, refuse what waits, and have the session rebuilt from storage.
      reportFault(`session ${this.id}: store`, error);
      for (const { item } of accepted) item.resolve({ ok: false, error: NOT_SAVED });
      this.fault();
      return;
    }
    this.current = next;
    for (const { item, seq, events } of accepted) {
      guard(`session ${this.id}: views`, () => {
        for (const event of events) this.markDirty(event, item.actor);
      });
      item.resolve({ ok: true, data: { seq, events } });
    }
    const events = accepted.flatMap((a) => a.events);
    guard(`session ${this.id}: committed`, () => this.hooks.onCommitted?.(next.id, events));
    guard(`session ${this.id}: automation`, () => this.scheduleAutomation());
    if (next.seq - this.lastSnapshotSeq >= SNAPSHOT_EVERY) await this.trySnapshot();
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
    if (this.current.seq === this.lastSnapshotSeq) return;
    await this.repository.saveSnapshot(this.current);
    this.lastSnapshotSeq = this.current.seq;
  }

  /** A socket of this session connected; participants' presence is counted per seat. */
  attach(participantId: string | null): void {
    this.connections++;
    this.lastActiveAt = this.now();
    if (participantId === null) return;
    const count = (this.online.get(participantId) ?? 0) + 1;
    this.online.set(participantId, count);
    if (count === 1) this.markPresence();
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
    this.markPresence();
  }

  private onlineIds(): ReadonlySet<string> {
    return new Set(this.online.keys());
  }

  private message<V>(view: V): ViewMessage<V> {
    return { seq: this.current.seq, serverTime: this.now(), view };
  }

  facilitatorMessage(): ViewMessage<FacilitatorView> {
    return this.message(facilitatorView(this.current, this.onlineIds(), this.now()));
  }

  screenMessage(): ViewMessage<ScreenView> {
    return this.message(screenView(this.current, this.onlineIds(), this.now()));
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

  private markDirty(event: SessionEvent, actor: CommandActor): void {
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
    if (audience === 'facilitator') this.sink.facilitator(id, this.facilitatorMessage());
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

  /** Waits for queued commands, stores a snapshot and stops timers. */
  async close(): Promise<void> {
    this.isClosed = true;
    if (this.automation) clearTimeout(this.automation.timer);
    this.automation = null;
    await this.draining;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (!this.isFaulted) await this.snapshot();
  }
}
