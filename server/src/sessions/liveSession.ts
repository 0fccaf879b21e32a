import {
  execute,
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
import { newId } from '../security/tokens.ts';

/** Where views go: implemented by the socket layer, one call per audience. */
export interface ViewSink {
  hasAudience(sessionId: string, audience: 'facilitator' | 'screen' | 'participants'): boolean;
  facilitator(sessionId: string, message: ViewMessage<FacilitatorView>): void;
  screen(sessionId: string, message: ViewMessage<ScreenView>): void;
  /** One message for the whole room of phones. */
  participants(sessionId: string, message: ViewMessage<ParticipantPublicView>): void;
  own(participantId: string, message: ViewMessage<ParticipantOwnView>): void;
}

/** Snapshot after this many events, so a restart replays a short tail only. */
const SNAPSHOT_EVERY = 500;
/** Join and leave storms change only the head count on phones: send it at most this often. */
const LAZY_PUBLIC_INTERVAL_MS = 1000;

type PublicDirt = 'none' | 'lazy' | 'urgent';

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
  reject: (error: unknown) => void;
}

/** The session row's summary columns, kept in step with the log. */
function summaryColumns(state: SessionState): SessionSummaryColumns {
  return {
    title: state.title,
    phase: state.phase,
    ended_at: state.endedAt,
    participant_count: Object.keys(state.participants).length,
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

  private dirtyFacilitator = false;
  private dirtyScreen = false;
  private dirtyPublic: PublicDirt = 'none';
  private readonly dirtyOwn = new Set<string>();
  private isAllOwnDirty = false;
  private lastPublicJson = '';
  private lastPublicAt = 0;
  private lastFlushAt = 0;
  private flushTimer: NodeJS.Timeout | null = null;
  private flushDueAt = 0;
  private publicCache: { state: SessionState; view: ParticipantPublicView } | null = null;

  constructor(
    private current: SessionState,
    private readonly repository: Repository,
    private readonly sink: ViewSink,
    private readonly now: () => number,
  ) {
    this.lastActiveAt = now();
    this.lastSnapshotSeq = current.seq;
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
    return new Promise((resolve, reject) => {
      this.pending.push({ command, actor, options, resolve, reject });
      this.draining ??= this.drain().finally(() => {
        this.draining = null;
      });
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) await this.commit(this.pending.splice(0, MAX_BATCH));
  }

  private async commit(batch: PendingCommand[]): Promise<void> {
    const at = this.now();
    this.lastActiveAt = at;
    let next = this.current;
    const envelopes: EventEnvelope[] = [];
    const tokens: ParticipantTokenRow[] = [];
    const accepted: { item: PendingCommand; seq: number; events: SessionEvent[] }[] = [];
    for (const item of batch) {
      const executed = execute(next, item.command, item.actor, {
        at,
        newId: item.options.newId ?? newId,
      });
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
      // Nothing of the batch was stored, so none of it happened: the state stays as it was.
      for (const { item } of accepted) item.reject(error);
      return;
    }
    this.current = next;
    for (const { item, seq, events } of accepted) {
      for (const event of events) this.markDirty(event, item.actor);
      item.resolve({ ok: true, data: { seq, events } });
    }
    if (next.seq - this.lastSnapshotSeq >= SNAPSHOT_EVERY) await this.snapshot();
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

  isOnline(participantId: string): boolean {
    return this.online.has(participantId);
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

  private markPresence(): void {
    this.dirtyFacilitator = true;
    this.dirtyScreen = true;
    this.scheduleFlush();
  }

  private markDirty(event: SessionEvent, actor: CommandActor): void {
    this.dirtyFacilitator = true;
    this.dirtyScreen = true;
    switch (event.type) {
      case 'participant.joined':
        this.dirtyPublic = this.dirtyPublic === 'urgent' ? 'urgent' : 'lazy';
        break;
      case 'participant.left':
        this.dirtyPublic = this.dirtyPublic === 'urgent' ? 'urgent' : 'lazy';
        this.dirtyOwn.add(event.participantId);
        break;
      case 'round.acted':
        this.dirtyPublic = 'urgent';
        if (actor.role === 'participant') this.dirtyOwn.add(actor.participantId);
        else this.isAllOwnDirty = true;
        break;
      default:
        this.dirtyPublic = 'urgent';
        this.isAllOwnDirty = true;
    }
    this.scheduleFlush();
  }

  private scheduleFlush(delay?: number): void {
    const now = this.now();
    const wait = delay ?? Math.max(0, this.lastFlushAt + VIEW_FLUSH_INTERVAL_MS - now);
    // A pending lazy flush (head counts, up to a second away) must not hold back an
    // urgent change: bring the flush forward instead of waiting for it.
    if (this.flushTimer) {
      if (this.flushDueAt <= now + wait) return;
      clearTimeout(this.flushTimer);
    }
    this.flushDueAt = now + wait;
    this.flushTimer = setTimeout(() => this.flush(), wait);
  }

  /** Sends every audience whose view changed since the last flush. */
  flush(): void {
    this.flushTimer = null;
    const now = this.now();
    this.lastFlushAt = now;
    const id = this.current.id;
    if (this.dirtyFacilitator && this.sink.hasAudience(id, 'facilitator')) {
      this.sink.facilitator(id, this.facilitatorMessage());
    }
    if (this.dirtyScreen && this.sink.hasAudience(id, 'screen'))
      this.sink.screen(id, this.screenMessage());
    this.dirtyFacilitator = false;
    this.dirtyScreen = false;

    if (
      this.dirtyPublic === 'urgent' ||
      (this.dirtyPublic === 'lazy' && now - this.lastPublicAt >= LAZY_PUBLIC_INTERVAL_MS)
    ) {
      this.dirtyPublic = 'none';
      const message = this.publicMessage();
      // Answers change nothing phones show until results are revealed: skip identical views.
      const json = JSON.stringify(message.view);
      if (json !== this.lastPublicJson) {
        this.lastPublicJson = json;
        this.lastPublicAt = now;
        if (this.sink.hasAudience(id, 'participants')) this.sink.participants(id, message);
      }
    }

    const owners = this.isAllOwnDirty
      ? [...this.online.keys()]
      : [...this.dirtyOwn].filter((p) => this.online.has(p));
    for (const participantId of owners) {
      const message = this.ownMessage(participantId);
      if (message) this.sink.own(participantId, message);
    }
    this.dirtyOwn.clear();
    this.isAllOwnDirty = false;

    if (this.dirtyPublic === 'lazy')
      this.scheduleFlush(this.lastPublicAt + LAZY_PUBLIC_INTERVAL_MS - now);
  }

  /** Waits for queued commands, stores a snapshot and stops timers. */
  async close(): Promise<void> {
    await this.draining;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    await this.snapshot();
  }
}
