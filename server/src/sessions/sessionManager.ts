import {
  fail,
  normalizeJoinCode,
  ok,
  own,
  parseRoundInput,
  REMOVED_MESSAGE,
  replay,
  sessionResults,
  type CreateSessionBody,
  type CreatedSession,
  type JoinedSeat,
  type SessionListing,
  type EventEnvelope,
  type Result,
  type RoundResult,
  type RoundSpec,
  type SessionEvent,
  type SessionHeader,
  type SessionState,
  type AppError,
} from '@playfield/shared';
import {
  AppFailure,
  guard,
  guardedInterval,
  guardedTimeout,
  quarantined,
  quarantineItem,
  reportFault,
} from '../faults/faults.ts';
import type { Repository, SessionRow } from '../store/repository.ts';
import { isTransient } from '../store/retry.ts';
import {
  deriveScreenKey,
  hashToken,
  newId,
  newJoinCode,
  newToken,
  tokenMatches,
} from '../security/tokens.ts';
import { LiveSession, type ViewSink } from './liveSession.ts';
import type { Cluster } from '../cluster/cluster.ts';

const UNREADABLE: AppError = {
  code: 'QUARANTINED',
  message:
    "This session's stored data could not be read. It is kept as it is for the facilitator to export.",
};

/** How often sessions never used are looked for (and deleted past their retention). */
const RETENTION_SWEEP_MS = 6 * 60 * 60 * 1000;

/** Sessions with nobody connected for this long are dropped from memory (the log keeps them). */
const IDLE_EVICT_MS = 10 * 60 * 1000;

/** Seats remembered by token at most (see `SessionManager.seats`); past it they start again. */
const MAX_REMEMBERED_SEATS = 100_000;

/**
 * A session was loaded into memory; `isCurrent` says, later, whether that session object
 * is still the one in memory (false once it was evicted, dropped or reloaded).
 */
export type SessionLoaded = (session: LiveSession, isCurrent: () => boolean) => void;

/**
 * Owns the live sessions of this process: creates them, loads them on first use from
 * their snapshot and log, and evicts idle ones.
 */
export class SessionManager {
  private readonly live = new Map<string, LiveSession>();
  /** Live sessions by join code, so a join reads no session row (checked against `live`). */
  private readonly liveCodes = new Map<string, string>();
  /**
   * Seats taken in this process by the hash of their token, stored once the join was: a
   * phone's socket then opens without a query (after a restart, storage answers). Only a
   * hint: the seat is still checked against the session as it is now.
   */
  private readonly seats = new Map<string, { sessionId: string; participantId: string }>();
  private readonly loading = new Map<string, Promise<LiveSession | null>>();
  private readonly sweepTimer: NodeJS.Timeout;
  private readonly retentionTimer: NodeJS.Timeout;

  constructor(
    readonly repository: Repository,
    private readonly sink: ViewSink,
    private readonly now: () => number = Date.now,
    private readonly onCommitted?: (state: SessionState, events: SessionEvent[]) => void,
    /** Days after which a session never used is deleted. */
    private readonly unusedSessionDays = 14,
    /** Set with REDIS_URL: a session is run here only while this process holds its lease. */
    private readonly cluster: Cluster | null = null,
    /** Told of every session loaded into memory (the rehearsal runners resume rehearsals). */
    private readonly onLoaded: SessionLoaded | null = null,
  ) {
    this.sweepTimer = guardedInterval('sessions: evict idle', () => this.evictIdle(), 60_000);
    this.retentionTimer = guardedInterval(
      'sessions: delete unused',
      () => this.deleteUnused(),
      RETENTION_SWEEP_MS,
    );
  }

  get liveCount(): number {
    return this.live.size;
  }

  async create(body: CreateSessionBody): Promise<Result<CreatedSession>> {
    const agenda: RoundSpec[] = [];
    for (const input of body.agenda) {
      const round = parseRoundInput(input);
      if (!round.ok) return round;
      agenda.push({ ...round.data, id: newId() } as RoundSpec);
    }
    const facilitatorToken = newToken();
    const screenKey = deriveScreenKey(facilitatorToken);
    const sessionId = newId();
    const at = this.now();
    for (let attempt = 0; ; attempt++) {
      const code = newJoinCode();
      if (await this.repository.getSessionByCode(code)) continue;
      const first: EventEnvelope = {
        seq: 1,
        at,
        event: {
          type: 'session.created',
          sessionId,
          code,
          title: body.title,
          seed: newToken(),
          agenda,
          ...(body.plannedStart ? { plannedStart: body.plannedStart } : {}),
          ...(body.rehearsal ? { rehearsal: body.rehearsal } : {}),
        },
      };
      try {
        await this.repository.createSession(
          {
            id: sessionId,
            code,
            title: body.title,
            facilitator_token_hash: hashToken(facilitatorToken),
            screen_key_hash: hashToken(screenKey),
            phase: 'lobby',
            created_at: at,
            ended_at: null,
            participant_count: 0,
            round_count: agenda.length,
            last_seq: 1,
          },
          first,
        );
        return ok({ sessionId, code, facilitatorToken, screenKey });
      } catch (error) {
        // Two sessions drew the same code at once: draw again.
        if (attempt >= 5) throw error;
      }
    }
  }

  /** The session if it is already in memory. */
  peek(sessionId: string): LiveSession | undefined {
    return this.live.get(sessionId);
  }

  /** The live session, loading it from storage on first use; null if it does not exist. */
  async get(sessionId: string): Promise<LiveSession | null> {
    // Being deleted or rewritten (server/src/lifecycle): wait, then load what storage holds.
    const held = this.holds.get(sessionId);
    if (held) await held;
    const live = this.live.get(sessionId);
    if (live) return live;
    let pending = this.loading.get(sessionId);
    if (!pending) {
      pending = this.load(sessionId).finally(() => this.loading.delete(sessionId));
      this.loading.set(sessionId, pending);
    }
    return pending;
  }

  private async load(sessionId: string): Promise<LiveSession | null> {
    if (quarantined('session', sessionId)) throw new AppFailure(UNREADABLE);
    // Cluster: another process's session is read here, never run (its commands go there).
    const claim = this.cluster && (await this.cluster.claim(sessionId));
    if (claim && !claim.isOwner) return claim.session as unknown as LiveSession | null;
    const state = await this.rebuild(sessionId).catch(async (error: unknown) => {
      await claim?.release();
      throw error;
    });
    if (!state) {
      await claim?.release();
      return null;
    }
    const session: LiveSession = new LiveSession(state, this.repository, this.sink, this.now, {
      onCommitted: this.onCommitted,
      onFault: () => this.dropFaulted(session),
    });
    this.live.set(sessionId, session);
    this.liveCodes.set(state.code, sessionId);
    guard(`sessions: loaded ${sessionId}`, () =>
      this.onLoaded?.(session, () => this.live.get(sessionId) === session),
    );
    this.cluster?.owned(session);
    return session;
  }

  /**
   * The session's state from its snapshot and the events after it; from the whole log when
   * the snapshot does not fold; quarantined when the log itself does not.
   */
  private async rebuild(sessionId: string): Promise<SessionState | null> {
    try {
      const { snapshot, events } = await this.repository.loadLog(sessionId);
      if (!snapshot && events.length === 0) return null;
      try {
        return replay(events, snapshot);
      } catch (error) {
        if (!snapshot) throw error;
        reportFault(`sessions: snapshot of ${sessionId} does not fold; replaying the log`, error);
        return replay(await this.repository.loadEvents(sessionId), null);
      }
    } catch (error) {
      if (error instanceof AppFailure || isTransient(error)) throw error;
      reportFault(`sessions: load ${sessionId}`, error);
      quarantineItem('session', sessionId, 'its event log cannot be replayed');
      throw new AppFailure(UNREADABLE);
    }
  }

  /**
   * A session whose writes keep failing is dropped from memory: its sockets are closed, and
   * whoever reconnects gets it rebuilt from what storage holds, which is every action that
   * was acknowledged and none that was not.
   */
  private dropFaulted(session: LiveSession): void {
    if (this.live.get(session.id) === session) this.live.delete(session.id);
    this.cluster?.released(session.id);
    // Let the refusals reach their senders first, then close the sockets.
    guardedTimeout(
      `sessions: disconnect ${session.id}`,
      () => this.sink.disconnect(session.id),
      100,
    );
  }

  /** Sessions held out of memory while their storage is deleted or rewritten. */
  private readonly holds = new Map<string, Promise<void>>();

  /**
   * Takes a session out of memory so its storage can be deleted or rewritten: it refuses
   * every new command with `error`, finishes (stores and acknowledges) those already queued
   * and closes; until the returned release is called, `get` waits rather than load it again.
   */
  async drop(sessionId: string, error: AppError): Promise<() => void> {
    const previous = this.holds.get(sessionId);
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.holds.set(sessionId, held);
    await previous;
    await this.loading.get(sessionId)?.catch(() => null);
    const session = this.live.get(sessionId);
    this.live.delete(sessionId);
    // Its storage is about to be deleted or rewritten: its seats are read from there again.
    for (const [hash, seat] of this.seats)
      if (seat.sessionId === sessionId) this.seats.delete(hash);
    if (session) {
      session.retire(error);
      await session
        .close()
        .catch((failure: unknown) => reportFault(`sessions: drop ${sessionId}`, failure));
    }
    this.cluster?.released(sessionId);
    return () => {
      if (this.holds.get(sessionId) === held) this.holds.delete(sessionId);
      release();
    };
  }

  /** Checks a facilitator token against a session. */
  async authorizeFacilitator(sessionId: string, token: string): Promise<SessionRow | null> {
    const row = await this.repository.getSession(sessionId);
    return row && tokenMatches(token, row.facilitator_token_hash) ? row : null;
  }

  async authorizeScreen(sessionId: string, key: string): Promise<SessionRow | null> {
    const row = await this.repository.getSession(sessionId);
    return row && tokenMatches(key, row.screen_key_hash) ? row : null;
  }

  /**
   * The seat behind a resume token, while its participant is still in the session: a seat
   * that left, or was removed, opens nothing any more.
   */
  async authorizeParticipant(
    resumeToken: string,
  ): Promise<Result<{ sessionId: string; participantId: string; name: string }>> {
    const hash = hashToken(resumeToken);
    const seat = this.seats.get(hash) ?? (await this.repository.findParticipantToken(hash));
    const session = seat && (await this.get(seat.sessionId));
    const record = session && seat && own(session.state.participants, seat.participantId);
    if (!seat || !record)
      return fail('UNAUTHORIZED', 'This seat is unknown: join again with the code');
    if (record.hasLeft)
      return fail('FORBIDDEN', record.isRemoved ? REMOVED_MESSAGE : 'You left this session');
    return ok({ ...seat, name: record.name });
  }

  /** Looks a join code up for the join page: in memory when the session is live here. */
  async lookup(rawCode: string): Promise<Result<SessionHeader>> {
    const code = normalizeJoinCode(rawCode);
    const live = code ? this.liveByCode(code) : undefined;
    if (live) {
      const { state } = live;
      if (state.phase === 'ended') return fail('SESSION_ENDED', `“${state.title}” has ended.`);
      return ok({
        id: state.id,
        code: state.code,
        title: state.title,
        phase: state.phase,
        createdAt: state.createdAt,
        endedAt: state.endedAt,
      });
    }
    const row = code ? await this.repository.getSessionByCode(code) : undefined;
    if (!row) return fail('NOT_FOUND', 'No session has that code. Check the code on the screen.');
    if (row.phase === 'ended') return fail('SESSION_ENDED', `“${row.title}” has ended.`);
    return ok({
      id: row.id,
      code: row.code,
      title: row.title,
      phase: row.phase as SessionHeader['phase'],
      createdAt: row.created_at,
      endedAt: row.ended_at,
    });
  }

  /** The id of the session a join code opens, if any (in memory when it is live here). */
  async sessionIdOfCode(rawCode: string): Promise<string | null> {
    const code = normalizeJoinCode(rawCode);
    if (!code) return null;
    const live = this.liveByCode(code);
    return live ? live.id : ((await this.repository.getSessionByCode(code))?.id ?? null);
  }

  /** The live session of a join code, unless it is being deleted or rewritten. */
  private liveByCode(code: string): LiveSession | undefined {
    const id = this.liveCodes.get(code);
    const session = id === undefined ? undefined : this.live.get(id);
    if (!session || session.state.code !== code || this.holds.has(session.id)) {
      if (id !== undefined && !session) this.liveCodes.delete(code);
      return undefined;
    }
    return session;
  }

  /** Seats a new participant. The join event and the token are stored together. */
  async join(rawCode: string, name: string): Promise<Result<JoinedSeat>> {
    const found = await this.lookup(rawCode);
    if (!found.ok) return found;
    const session = await this.get(found.data.id);
    if (!session) return fail('NOT_FOUND', 'No session has that code');
    const participantId = newId();
    const resumeToken = newToken();
    const tokenHash = hashToken(resumeToken);
    const result = await session.execute(
      { type: 'participant.join', name },
      { role: 'system' },
      { newId: () => participantId, participantToken: { tokenHash, participantId } },
    );
    if (!result.ok) return result;
    if (this.seats.size >= MAX_REMEMBERED_SEATS) this.seats.clear();
    this.seats.set(tokenHash, { sessionId: session.id, participantId });
    return ok({ sessionId: session.id, participantId, name, resumeToken });
  }

  async list(ids: string[]): Promise<SessionListing[]> {
    const rows = await this.repository.getSessions(ids);
    return rows.map((r) => ({
      sessionId: r.id,
      code: r.code,
      title: r.title,
      phase: r.phase,
      createdAt: r.created_at,
      endedAt: r.ended_at,
      participantCount: r.participant_count,
      roundCount: r.round_count,
    }));
  }

  /** The results of every round the session has run. */
  async results(sessionId: string): Promise<RoundResult[] | null> {
    const session = await this.get(sessionId);
    return session && sessionResults(session.state, this.now());
  }

  /** Deletes sessions never used within the retention period; returns how many. */
  async deleteUnused(): Promise<number> {
    const before = this.now() - this.unusedSessionDays * 24 * 60 * 60 * 1000;
    const deleted = await this.repository.deleteUnusedSessions(before, [...this.live.keys()]);
    if (deleted > 0) console.log(`[retention] deleted ${deleted} sessions never used`);
    return deleted;
  }

  private async evictIdle(): Promise<void> {
    const now = this.now();
    for (const [id, session] of this.live) {
      if (session.connectionCount === 0 && now - session.idleSince > IDLE_EVICT_MS) {
        this.live.delete(id);
        await session
          .close()
          .catch((error: unknown) => reportFault(`sessions: close ${id}`, error));
        this.cluster?.released(id);
      }
    }
  }

  /**
   * Cluster: drops a session whose lease this process lost, without waiting for it; what it
   * still tries to write is refused by the fence, and the new owner rebuilt it from the log.
   */
  forget(sessionId: string): void {
    const session = this.live.get(sessionId);
    this.live.delete(sessionId);
    session?.close().catch(() => undefined);
  }

  /** Finishes queued work and snapshots every live session. */
  async close(): Promise<void> {
    clearInterval(this.sweepTimer);
    clearInterval(this.retentionTimer);
    await Promise.all(
      [...this.live.values()].map((s) =>
        s.close().catch((error: unknown) => reportFault(`sessions: close ${s.id}`, error)),
      ),
    );
    this.live.clear();
  }
}
