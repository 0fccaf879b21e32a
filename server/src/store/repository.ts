import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { z } from 'zod';
import type { EventEnvelope, SessionEvent, SessionState } from '@playfield/shared';
import { reportFault } from '../faults/faults.ts';
import { CommitQueue, type PartWrite } from './commitQueue.ts';
import { MIGRATIONS } from './migrations.ts';
import { retrying } from './retry.ts';
import { writeDocument, type DocumentWrite } from './documentRows.ts';
import type { Database } from './schema.ts';
import { withStatementCache } from './statementCache.ts';

export type { DocumentWrite };

/** A session's row: what listings need without replaying the log, plus its secrets' hashes. */
export type SessionRow = Database['sessions'];

/** The summary columns kept in step with the log as events are appended. */
export type SessionSummaryColumns = Pick<
  SessionRow,
  'title' | 'phase' | 'ended_at' | 'participant_count' | 'round_count' | 'last_seq'
>;

/** A collaborative document's row. */
export type DocumentRow = Database['documents'];

/** The columns a write refreshes; the search text only when it was recomputed. */
export type DocumentRowUpdate = Omit<
  DocumentRow,
  'stored_bytes' | 'update_count' | 'search_text'
> & {
  search_text?: string;
};

/** A participant token to store in the same transaction as the join event. */
export interface ParticipantTokenRow {
  tokenHash: string;
  participantId: string;
}

/** Storage of sessions and their event logs: the only module that talks to the database. */
export class Repository {
  /** SQLite: the live sessions' batches of a turn share one transaction (see CommitQueue). */
  private readonly commits: CommitQueue | null;

  private constructor(
    private readonly db: Kysely<Database>,
    readonly kind: 'sqlite' | 'postgres',
  ) {
    this.commits = kind === 'sqlite' ? new CommitQueue(db) : null;
  }

  /** Opens SQLite under `dataDir`, or PostgreSQL when `databaseUrl` is set, and migrates. */
  static async open(options: { dataDir: string; databaseUrl: string | null }): Promise<Repository> {
    let repository: Repository;
    if (options.databaseUrl) {
      // Timestamps are bigint: read them as numbers (ms fit well within 2^53).
      pg.types.setTypeParser(20, (value) => Number(value));
      const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
      // An idle connection the server ends (a restart, an administrator) leaves the pool
      // by itself; without a listener its error would be thrown from the pool's emitter.
      pool.on('error', (error) => reportFault('storage: idle PostgreSQL connection', error));
      repository = new Repository(
        new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
        'postgres',
      );
    } else {
      fs.mkdirSync(options.dataDir, { recursive: true });
      const file = new SQLite(path.join(options.dataDir, 'playfield.db'));
      // WAL with synchronous=NORMAL: a committed transaction survives a killed process.
      file.pragma('journal_mode = WAL');
      file.pragma('synchronous = NORMAL');
      file.pragma('foreign_keys = ON');
      // better-sqlite3 waits for a lock synchronously, blocking every room: wait a few ms
      // only, and let `retrying` wait asynchronously between attempts.
      file.pragma('busy_timeout = 10');
      repository = new Repository(
        new Kysely<Database>({
          dialect: new SqliteDialect({ database: withStatementCache(file) }),
        }),
        'sqlite',
      );
    }
    await repository.migrate();
    return repository;
  }

  private async migrate(): Promise<void> {
    const migrator = new Migrator({
      db: this.db,
      provider: { getMigrations: () => Promise.resolve(MIGRATIONS) },
    });
    const { error } = await migrator.migrateToLatest();
    if (error)
      throw error instanceof Error
        ? error
        : new Error(`Migration failed: ${JSON.stringify(error)}`);
  }

  /** Stores a new session with the first event of its log. Throws if the code is taken. */
  async createSession(row: SessionRow, first: EventEnvelope): Promise<void> {
    await retrying(() =>
      this.db.transaction().execute(async (trx) => {
        await trx.insertInto('sessions').values(row).execute();
        await trx.insertInto('events').values(eventRow(row.id, first)).execute();
      }),
    );
  }

  async getSession(id: string): Promise<SessionRow | undefined> {
    return this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async getSessionByCode(code: string): Promise<SessionRow | undefined> {
    return this.db.selectFrom('sessions').selectAll().where('code', '=', code).executeTakeFirst();
  }

  async getSessions(ids: string[]): Promise<SessionRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', 'in', ids)
      .orderBy('created_at', 'desc')
      .execute();
  }

  /**
   * Appends events and updates the session's summary row in one transaction, with the
   * document updates the commands carry (a prompt answer's plan action): when this resolves
   * the events and their documents' writes are durable, and if it fails none of them is.
   * Only then is the command acknowledged. On SQLite the transaction is shared with the
   * other sessions' appends of the same turn, each under its own savepoint (a session's
   * refused rows fail its append alone); PostgreSQL runs them side by side on its pool.
   */
  async append(
    sessionId: string,
    envelopes: EventEnvelope[],
    summary: SessionSummaryColumns,
    participantTokens: ParticipantTokenRow[] = [],
    documents: readonly DocumentWrite[] = [],
  ): Promise<void> {
    const write: PartWrite = (trx) =>
      writeAppend(trx, sessionId, envelopes, summary, participantTokens, documents);
    if (this.commits) return this.commits.enqueue(write);
    await retrying(() => this.db.transaction().execute(write));
  }

  /**
   * The latest snapshot and the events after it. A snapshot that does not read back (torn,
   * edited, from a bug) is left out, and the whole log is returned instead: the log is the
   * truth, a snapshot only a shortcut.
   */
  async loadLog(
    sessionId: string,
  ): Promise<{ snapshot: SessionState | null; events: EventEnvelope[] }> {
    const snap = await this.db
      .selectFrom('snapshots')
      .selectAll()
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    const snapshot = snap ? parseSnapshot(snap) : null;
    const rows = await this.db
      .selectFrom('events')
      .select(['seq', 'at', 'payload'])
      .where('session_id', '=', sessionId)
      .where('seq', '>', snapshot?.seq ?? 0)
      .orderBy('seq')
      .execute();
    return { snapshot, events: rows.map(parseEventRow) };
  }

  /** Every event of a session, for exports and replays. */
  async loadEvents(sessionId: string): Promise<EventEnvelope[]> {
    const rows = await this.db
      .selectFrom('events')
      .select(['seq', 'at', 'payload'])
      .where('session_id', '=', sessionId)
      .orderBy('seq')
      .execute();
    return rows.map(parseEventRow);
  }

  async saveSnapshot(state: SessionState): Promise<void> {
    const row = { session_id: state.id, seq: state.seq, state: JSON.stringify(state) };
    await retrying(() =>
      this.db
        .insertInto('snapshots')
        .values(row)
        .onConflict((oc) => oc.column('session_id').doUpdateSet({ seq: row.seq, state: row.state }))
        .execute(),
    );
  }

  async findParticipantToken(
    tokenHash: string,
  ): Promise<{ sessionId: string; participantId: string } | undefined> {
    const row = await this.db
      .selectFrom('participant_tokens')
      .select(['session_id', 'participant_id'])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row && { sessionId: row.session_id, participantId: row.participant_id };
  }

  // Documents -------------------------------------------------------------------------

  async getDocument(id: string): Promise<DocumentRow | undefined> {
    return this.db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** A document's updates in order, decoded. */
  async loadDocumentUpdates(id: string): Promise<{ seq: number; data: Uint8Array }[]> {
    const rows = await this.db
      .selectFrom('document_updates')
      .select(['seq', 'data'])
      .where('doc_id', '=', id)
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({ seq: r.seq, data: new Uint8Array(Buffer.from(r.data, 'base64')) }));
  }

  /**
   * Appends updates to a document (creating its row on first write) and refreshes the row's
   * columns, in one transaction: when this resolves, the edits are durable.
   */
  async appendDocumentUpdates(
    row: DocumentRowUpdate,
    updates: { seq: number; data: Uint8Array }[],
  ): Promise<void> {
    await retrying(() =>
      this.db.transaction().execute((trx) => writeDocument(trx, { row, updates })),
    );
  }

  /**
   * Deletes sessions created before `before` that were never used: still in the lobby,
   * nobody joined, no document. Returns how many went. One transaction; sessions listed in
   * `keep` (live in memory) are left alone.
   */
  async deleteUnusedSessions(before: number, keep: readonly string[]): Promise<number> {
    return retrying(() =>
      this.db.transaction().execute(async (trx) => {
        let query = trx
          .selectFrom('sessions')
          .select('id')
          .where('phase', '=', 'lobby')
          .where('participant_count', '=', 0)
          .where('created_at', '<', before)
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('documents')
                  .select('documents.id')
                  .whereRef('documents.session_id', '=', 'sessions.id'),
              ),
            ),
          )
          .limit(500);
        if (keep.length > 0) query = query.where('id', 'not in', [...keep]);
        const ids = (await query.execute()).map((r) => r.id);
        if (ids.length === 0) return 0;
        await trx.deleteFrom('participant_tokens').where('session_id', 'in', ids).execute();
        await trx.deleteFrom('snapshots').where('session_id', 'in', ids).execute();
        await trx.deleteFrom('events').where('session_id', 'in', ids).execute();
        await trx.deleteFrom('sessions').where('id', 'in', ids).execute();
        return ids.length;
      }),
    );
  }

  /** Stored bytes of all of a session's documents. */
  async sessionDocumentBytes(sessionId: string): Promise<number> {
    const row = await this.db
      .selectFrom('documents')
      .select((eb) => eb.fn.sum<number>('stored_bytes').as('bytes'))
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    return Number(row?.bytes ?? 0);
  }

  /**
   * Replaces a document's updates up to `upToSeq` by one merged update stored at that
   * seq, so a long-lived document does not grow without bound. Updates appended after
   * `upToSeq` are kept as they are.
   */
  async compactDocument(id: string, upToSeq: number, merged: Uint8Array): Promise<void> {
    const data = Buffer.from(merged).toString('base64');
    await retrying(() =>
      this.db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('document_updates')
          .where('doc_id', '=', id)
          .where('seq', '<=', upToSeq)
          .execute();
        await trx
          .insertInto('document_updates')
          .values({ doc_id: id, seq: upToSeq, data })
          .execute();
        const totals = await trx
          .selectFrom('document_updates')
          .select((eb) => [
            eb.fn.countAll<number>().as('count'),
            eb.fn.sum<number>(eb.fn('length', ['data'])).as('bytes'),
          ])
          .where('doc_id', '=', id)
          .executeTakeFirstOrThrow();
        await trx
          .updateTable('documents')
          .set({ stored_bytes: Number(totals.bytes), update_count: Number(totals.count) })
          .where('id', '=', id)
          .execute();
      }),
    );
  }

  /** The documents of some sessions, of one kind. */
  async getDocumentsOfSessions(sessionIds: string[], kind: string): Promise<DocumentRow[]> {
    if (sessionIds.length === 0) return [];
    return this.db
      .selectFrom('documents')
      .selectAll()
      .where('session_id', 'in', sessionIds)
      .where('kind', '=', kind)
      .execute();
  }

  // Share links ------------------------------------------------------------------------

  async createShareLink(row: Database['share_links']): Promise<void> {
    await this.db.insertInto('share_links').values(row).execute();
  }

  async findShareLink(tokenHash: string): Promise<Database['share_links'] | undefined> {
    return this.db
      .selectFrom('share_links')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  async listShareLinks(docId: string): Promise<Database['share_links'][]> {
    return this.db
      .selectFrom('share_links')
      .selectAll()
      .where('doc_id', '=', docId)
      .orderBy('created_at')
      .execute();
  }

  /** Revokes a link; returns its token hash, or undefined if there was no live link. */
  async revokeShareLink(docId: string, id: string, at: number): Promise<string | undefined> {
    const row = await this.db
      .updateTable('share_links')
      .set({ revoked_at: at })
      .where('doc_id', '=', docId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returning('token_hash')
      .executeTakeFirst();
    return row?.token_hash;
  }

  async close(): Promise<void> {
    await this.commits?.settled();
    await this.db.destroy();
  }

  /**
   * The query builder over a store's own tables, for stores kept beside this one on the
   * same database (images: server/src/http/images). Their migrations are in MIGRATIONS;
   * the cast only narrows the builder's view of the schema to those tables.
   */
  tablesOf<T extends object>(): Kysely<T> {
    return this.db as unknown as Kysely<T>;
  }

  /**
   * Stores an imported notebook as a new session in one transaction: the session's row,
   * the first events of its log, the notebook's row and its one update. A refused or
   * failed import leaves nothing behind. Throws if the session's code is taken.
   */
  async importNotebook(
    session: SessionRow,
    events: EventEnvelope[],
    notebook: { row: Omit<DocumentRow, 'stored_bytes' | 'update_count'>; update: Uint8Array },
  ): Promise<void> {
    const data = Buffer.from(notebook.update).toString('base64');
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('sessions').values(session).execute();
      if (events.length > 0)
        await trx
          .insertInto('events')
          .values(events.map((e) => eventRow(session.id, e)))
          .execute();
      await trx
        .insertInto('documents')
        .values({ ...notebook.row, stored_bytes: data.length, update_count: 1 })
        .execute();
      await trx
        .insertInto('document_updates')
        .values({ doc_id: notebook.row.id, seq: 1, data })
        .execute();
    });
  }
}

/** A stored log row that does not read back: the session cannot be rebuilt from it. */
export class CorruptLogError extends Error {
  constructor(readonly seq: number) {
    super(`Event ${seq} of the log cannot be read`);
    this.name = 'CorruptLogError';
  }
}

/** What every snapshot must have to be folded on; anything else falls back to the log. */
const snapshotShape = z.looseObject({
  id: z.string(),
  seq: z.number().int().nonnegative(),
  phase: z.enum(['lobby', 'live', 'ended']),
  agenda: z.array(z.looseObject({ id: z.string(), kind: z.string() })),
  rounds: z.record(z.string(), z.looseObject({ isOpen: z.boolean() })),
  participants: z.record(z.string(), z.looseObject({ id: z.string(), name: z.string() })),
});

function parseSnapshot(row: Database['snapshots']): SessionState | null {
  try {
    const parsed = snapshotShape.safeParse(JSON.parse(row.state));
    if (parsed.success && parsed.data.seq === row.seq)
      return parsed.data as unknown as SessionState;
  } catch {
    // Unreadable JSON: fall through.
  }
  console.warn(
    `[storage] snapshot of ${row.session_id} at ${row.seq} is unreadable: replaying the log`,
  );
  return null;
}

const eventShape = z.looseObject({ type: z.string() });

function parseEventRow(row: { seq: number; at: number; payload: string }): EventEnvelope {
  try {
    const event = eventShape.safeParse(JSON.parse(row.payload));
    if (event.success)
      return { seq: row.seq, at: row.at, event: event.data as unknown as SessionEvent };
  } catch {
    // Unreadable JSON: below.
  }
  throw new CorruptLogError(row.seq);
}

/** A session's batch: its events, summary row, new seats' tokens and document writes. */
async function writeAppend(
  trx: Transaction<Database>,
  sessionId: string,
  envelopes: EventEnvelope[],
  summary: SessionSummaryColumns,
  participantTokens: ParticipantTokenRow[],
  documents: readonly DocumentWrite[],
): Promise<void> {
  for (const document of documents) await writeDocument(trx, document);
  if (envelopes.length > 0)
    await trx
      .insertInto('events')
      .values(envelopes.map((e) => eventRow(sessionId, e)))
      .execute();
  await trx.updateTable('sessions').set(summary).where('id', '=', sessionId).execute();
  if (participantTokens.length > 0) {
    await trx
      .insertInto('participant_tokens')
      .values(
        participantTokens.map((participantToken) => ({
          token_hash: participantToken.tokenHash,
          session_id: sessionId,
          participant_id: participantToken.participantId,
        })),
      )
      .execute();
  }
}

function eventRow(sessionId: string, e: EventEnvelope): Database['events'] {
  return {
    session_id: sessionId,
    seq: e.seq,
    at: e.at,
    type: e.event.type,
    payload: JSON.stringify(e.event),
    actor: e.actor ? JSON.stringify(e.actor) : null,
  };
}
