import {
  blankOwnRoundView,
  diffViews,
  facilitatorView,
  getExercise,
  participantOwnView,
  participantPublicView,
  screenView,
  seatCounts,
  VIEW_FLUSH_INTERVAL_MS,
  ViewMemo,
  type CommandActor,
  type FacilitatorView,
  type PatchOp,
  type ParticipantOwnView,
  type ParticipantPublicView,
  type ScreenView,
  type SessionEvent,
  type SessionState,
  type ViewMessage,
  type ViewPatchMessage,
} from '@playfield/shared';
import { guardedTimeout } from '../faults/faults.ts';

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
  /** One message for the whole room of phones that want whole views. */
  participants(sessionId: string, message: ViewMessage<ParticipantPublicView>): void;
  /**
   * The change since the last public view, to the phones that take patches (a head count
   * where the whole view may hold a board of 2,000 notes). Optional, as `facilitatorPatch`.
   */
  participantsPatch?(sessionId: string, patch: ViewPatchMessage): void;
  own(participantId: string, message: ViewMessage<ParticipantOwnView>): void;
  /** Closes every socket of the session (its clients reconnect to a fresh copy). */
  disconnect(sessionId: string): void;
}

/** Whose own views an accepted command may have changed, beyond what its events say. */
export type OwnScope = 'events' | 'all' | readonly string[];

/** The audiences a session broadcasts to. */
type Audience = 'facilitator' | 'screen' | 'participants';
const AUDIENCES: readonly Audience[] = ['facilitator', 'screen', 'participants'];

/**
 * How soon an audience needs a change: urgent ones (answers, round changes) go out at
 * the next flush; lazy ones (roster and presence, head counts) wait longer in big rooms.
 */
type Dirt = 'none' | 'lazy' | 'urgent';

/** A view as last sent to an audience, with the number the next patch applies to. */
interface Sent<V> {
  message: ViewMessage<V>;
  version: number;
}

/** The numbered message of a sent view, as a client that takes patches is handed it. */
function numbered<V>({ message, version }: Sent<V>): ViewMessage<V> & { version: number } {
  return { ...message, version };
}

/** The patch that turns the view `previous` into `next`, given its operations. */
function patchOf<V>(previous: Sent<V>, next: Sent<V>, ops: PatchOp[]): ViewPatchMessage {
  const { seq, serverTime } = next.message;
  return { seq, serverTime, base: previous.version, version: next.version, ops };
}

/** Seats taken and seats still in, kept beside the seat table (never a pass over the room). */
const countParticipants = seatCounts;

/** The parts of an own view outside the round (the seat, its Q&A, its table), to send only changes. */
function seatJsonOf(view: ParticipantOwnView): string {
  return JSON.stringify([view.name, view.hasLeft, view.qa ?? null, view.teamId ?? null]);
}

/**
 * A session's views and who they go to: which audiences a committed event changed, views
 * coalesced per audience and flushed at most every 50 ms (lazy changes later in big rooms),
 * the room's one public view computed once per state, own views sent only where they differ
 * from what a phone holds, and numbered patches for consoles that take them. It reads the
 * session's state as committed and never changes it.
 */
export class SessionViews {
  private readonly online = new Map<string, number>();
  /** The seats online, kept in step with `online` for views (never copied per view). */
  private readonly onlineSet = new Set<string>();
  private readonly viewMemo = new ViewMemo();
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
  /** Own views waiting to be sent: some participants, or everyone online. */
  private readonly dirtyOwn = new Set<string>();
  private isAllOwnDirty = false;
  /** What each participant's phone holds of each round, as JSON, to send only changes. */
  private readonly sentOwn = new Map<string, Map<string, string>>();
  private lastFlushAt = 0;
  private flushTimer: NodeJS.Timeout | null = null;
  private flushDueAt = 0;
  private publicCache: { state: SessionState; view: ParticipantPublicView } | null = null;
  /** The last facilitator view sent, which patches are taken against, and its number. */
  private sentFacilitator: Sent<FacilitatorView> | null = null;
  /** The same for the phones' shared view. */
  private sentPublic: Sent<ParticipantPublicView> | null = null;

  constructor(
    /** The session's committed state, as it is now. */
    private readonly committed: () => SessionState,
    private readonly sink: ViewSink,
    private readonly now: () => number,
  ) {}

  private get state(): SessionState {
    return this.committed();
  }

  /** A socket of a seat connected: presence is counted per seat. */
  attach(participantId: string): void {
    const count = (this.online.get(participantId) ?? 0) + 1;
    this.online.set(participantId, count);
    if (count === 1) {
      this.onlineSet.add(participantId);
      this.viewMemo.onlineVersion++;
      this.markPresence();
    }
  }

  detach(participantId: string): void {
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

  /** Marks what a committed event changed, for the next flush. */
  committedEvent(event: SessionEvent, actor: CommandActor, own: OwnScope): void {
    this.markDirty(event, actor, own);
  }

  /** Stops the flush timer (the session is closing). */
  stop(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
  }

  private onlineIds(): ReadonlySet<string> {
    return this.onlineSet;
  }

  private message<V>(view: V): ViewMessage<V> {
    return { seq: this.state.seq, serverTime: this.now(), view };
  }

  facilitatorMessage(): ViewMessage<FacilitatorView> {
    return this.message(facilitatorView(this.state, this.onlineIds(), this.now(), this.viewMemo));
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
    return numbered(this.sentFacilitator);
  }

  /**
   * The shared view a phone that takes patches starts from: the last one sent to the room,
   * which every later change is patched against. A change not sent yet is marked and goes
   * out with the room's next flush (lazy ones, such as the head count, in their own time),
   * so a burst of joins costs no flush of its own.
   */
  publicBase(): ViewMessage<ParticipantPublicView> & { version: number } {
    this.sentPublic ??= { message: this.publicMessage(), version: 1 };
    return numbered(this.sentPublic);
  }

  screenMessage(): ViewMessage<ScreenView> {
    return this.message(screenView(this.state, this.onlineIds(), this.now(), this.viewMemo));
  }

  /** The same for every phone, so it is computed once per state, however many phones connect. */
  publicMessage(): ViewMessage<ParticipantPublicView> {
    if (this.publicCache?.state !== this.state) {
      this.publicCache = {
        state: this.state,
        view: participantPublicView(this.state, this.now()),
      };
    }
    return this.message(this.publicCache.view);
  }

  ownMessage(participantId: string): ViewMessage<ParticipantOwnView> | null {
    const view = participantOwnView(this.state, participantId, this.now());
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
    const round = this.state.agenda.find((r) => r.id === roundId);
    return !!round && !!getExercise(round.kind)?.hasSharedOwnViews;
  }

  /**
   * How long a lazy change may wait: the facilitator's roster every 50 ms for 100
   * people, every second for 2,000; phones' head count every 1 to 5 seconds.
   */
  private lazyInterval(audience: Audience): number {
    const people = countParticipants(this.state).all;
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
    this.flushTimer = guardedTimeout(`session ${this.state.id}: flush`, () => this.flush(), wait);
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
    const id = this.state.id;
    if (!this.sink.hasAudience(id, audience)) {
      // No phone holds the shared view any more: the next one starts from the current view,
      // not from the last one sent (it would wait for a change to be patched up to date).
      if (audience === 'participants') this.sentPublic = null;
      return;
    }
    this.lastSentAt[audience] = now;
    if (audience === 'facilitator') this.sendFacilitator(id);
    if (audience === 'screen') this.sink.screen(id, this.screenMessage());
    if (audience === 'participants') this.sendPublic(id);
  }

  /**
   * Sends the phones' shared view when it changed (answers change nothing phones show until
   * results are revealed): whole to phones that want it so, as a numbered patch to the rest.
   */
  private sendPublic(sessionId: string): void {
    const message = this.publicMessage();
    const previous = this.sentPublic;
    const ops = previous ? diffViews(previous.message.view, message.view) : null;
    if (ops?.length === 0) return;
    const sent = { message, version: (previous?.version ?? 0) + 1 };
    this.sentPublic = sent;
    this.sink.participants(sessionId, numbered(sent));
    if (previous && ops) this.sink.participantsPatch?.(sessionId, patchOf(previous, sent, ops));
  }

  /**
   * Sends the console its view: whole to consoles that want it so, and as a numbered
   * patch against the last one to consoles that take patches (a few hundred bytes for an
   * answer, where the whole view of a room of 5,000 is hundreds of kilobytes).
   */
  private sendFacilitator(sessionId: string): void {
    const previous = this.sentFacilitator;
    const sent = { message: this.facilitatorMessage(), version: (previous?.version ?? 0) + 1 };
    this.sentFacilitator = sent;
    this.sink.facilitator(sessionId, numbered(sent));
    if (!previous) return;
    this.sink.facilitatorPatch?.(sessionId, () =>
      patchOf(previous, sent, diffViews(previous.message.view, sent.message.view)),
    );
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
    const blank = blankOwnRoundView(this.state, now);
    for (const participantId of owners) {
      if (!this.online.has(participantId)) continue;
      const message = this.ownChange(participantId, () => blank);
      if (message) this.sink.own(participantId, message);
    }
  }

  /**
   * The own view of a participant who just acted, to go in their action's acknowledgement
   * instead of a message of its own (one message per action, not two): when their action
   * is all that changed it and their seat has one socket (the one acknowledged). Undefined
   * otherwise, or when it did not change: the next flush then sends what is due.
   */
  takeOwn(participantId: string): ViewMessage<ParticipantOwnView> | undefined {
    if (this.isAllOwnDirty || !this.dirtyOwn.has(participantId)) return undefined;
    if (this.online.get(participantId) !== 1) return undefined;
    this.dirtyOwn.delete(participantId);
    const now = this.now();
    return this.ownChange(participantId, () => blankOwnRoundView(this.state, now)) ?? undefined;
  }

  /** A participant's own view if it differs from what their phone holds, which it then does. */
  private ownChange(
    participantId: string,
    blankOf: () => ReturnType<typeof blankOwnRoundView>,
  ): ViewMessage<ParticipantOwnView> | null {
    const message = this.ownMessage(participantId);
    if (!message) return null;
    const held = this.sentOwn.get(participantId) ?? new Map<string, string>();
    const seatJson = seatJsonOf(message.view);
    const round = message.view.round;
    const roundJson = round ? JSON.stringify(round.view) : '';
    let heldRoundJson = '';
    if (round) {
      const blank = held.has(round.id) ? null : blankOf();
      heldRoundJson = held.get(round.id) ?? (blank?.id === round.id ? blank.json : '');
    }
    if (held.get('') === seatJson && roundJson === heldRoundJson) return null;
    held.set('', seatJson);
    if (round) held.set(round.id, roundJson);
    this.sentOwn.set(participantId, held);
    return message;
  }

  /**
   * A socket of a participant (re)connected and is sent its own view directly: its page
   * may have been reloaded and remember nothing, so forget what it was sent before.
   */
  resetOwn(
    participantId: string,
    message: ViewMessage<ParticipantOwnView> | null = this.ownMessage(participantId),
  ): void {
    const held = new Map<string, string>();
    if (message) {
      held.set('', seatJsonOf(message.view));
      if (message.view.round)
        held.set(message.view.round.id, JSON.stringify(message.view.round.view));
    }
    this.sentOwn.set(participantId, held);
  }
}
