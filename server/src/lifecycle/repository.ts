import { sql, type Kysely, type Transaction } from 'kysely';
import type { ImageTables } from '../http/images/imageStore.ts';
import type { Repository } from '../store/repository.ts';
import { retrying } from '../store/retry.ts';
import type { Database } from '../store/schema.ts';

type Tables = Database & ImageTables;

/** Rows a session holds in each table (images: those only this session's agenda used). */
export interface SessionRowCounts {
  sessions: number;
  events: number;
  snapshots: number;
  participant_tokens: number;
  documents: number;
  document_updates: number;
  share_links: number;
  images: number;
  image_variants: number;
}

/** An event row to rewrite: its number and its new payload. */
export interface RewrittenEvent {
  seq: number;
  payload: string;
}

/** Image ids as content slides carry them (`"imageId":"…"` in a stored event). */
const IMAGE_ID = /"imageId":"([A-Za-z0-9_-]{32,64})"/g;

/**
 * The queries of a session's whole life: counting, deleting and redacting what a session
 * holds, each in one transaction on SQLite and PostgreSQL alike.
 */
export class LifecycleStore {
  private readonly db: Kysely<Tables>;

  constructor(repository: Repository) {
    this.db = repository.tablesOf<Tables>();
  }

  /**
   * Images the session's log refers to (its agenda's content slides) that no other
   * session's log refers to: the uploads that go with it. Deletion is rare, so the check
   * of other sessions is a text search over their agenda events.
   */
  private async ownImages(db: Kysely<Tables> | Transaction<Tables>, sessionId: string) {
    const rows = await db
      .selectFrom('events')
      .select('payload')
      .where('session_id', '=', sessionId)
      .where('type', 'in', ['session.created', 'agenda.added', 'agenda.updated'])
      .execute();
    const ids = new Set<string>();
    for (const { payload } of rows) for (const m of payload.matchAll(IMAGE_ID)) ids.add(m[1] ?? '');
    ids.delete('');
    const own: string[] = [];
    for (const id of ids) {
      const elsewhere = await db
        .selectFrom('events')
        .select('seq')
        .where('session_id', '!=', sessionId)
        .where('type', 'in', ['session.created', 'agenda.added', 'agenda.updated'])
        .where('payload', 'like', `%"imageId":"${id}"%`)
        .limit(1)
        .executeTakeFirst();
      if (!elsewhere) own.push(id);
    }
    return own;
  }

  private async docIds(db: Kysely<Tables> | Transaction<Tables>, sessionId: string) {
    return (
      await db.selectFrom('documents').select('id').where('session_id', '=', sessionId).execute()
    ).map((r) => r.id);
  }

  /** The ids of a session's documents (its notebook and plans). */
  async documentIds(sessionId: string): Promise<string[]> {
    return this.docIds(this.db, sessionId);
  }

  /** How many rows of every table belong to a session (for tests and the deletion's answer). */
  async count(sessionId: string): Promise<SessionRowCounts> {
    const db = this.db;
    const n = async (query: { executeTakeFirstOrThrow(): Promise<{ n: unknown }> }) =>
      Number((await query.executeTakeFirstOrThrow()).n);
    const docIds = await this.docIds(db, sessionId);
    const images = await this.ownImages(db, sessionId);
    const bySession = (table: 'sessions' | 'events' | 'snapshots' | 'participant_tokens') =>
      n(
        db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where(table === 'sessions' ? 'id' : 'session_id', '=', sessionId),
      );
    const byDoc = async (table: 'document_updates' | 'share_links') =>
      docIds.length === 0
        ? 0
        : n(
            db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .where('doc_id', 'in', docIds),
          );
    return {
      sessions: await bySession('sessions'),
      events: await bySession('events'),
      snapshots: await bySession('snapshots'),
      participant_tokens: await bySession('participant_tokens'),
      documents: docIds.length,
      document_updates: await byDoc('document_updates'),
      share_links: await byDoc('share_links'),
      images: images.length,
      image_variants:
        images.length === 0
          ? 0
          : await n(
              db
                .selectFrom('image_variants')
                .select((eb) => eb.fn.countAll().as('n'))
                .where('image_id', 'in', images),
            ),
    };
  }

  /**
   * Deletes everything a session holds in one transaction: its share links, document
   * updates and documents (plans, notebook), participants' token hashes, snapshot, events,
   * the uploads only its agenda used, and its row. Returns how many rows of each went.
   */
  async deleteSession(sessionId: string): Promise<SessionRowCounts> {
    return retrying(() =>
      this.db.transaction().execute(async (trx) => {
        const docIds = await this.docIds(trx, sessionId);
        const images = await this.ownImages(trx, sessionId);
        const gone = async (query: { executeTakeFirst(): Promise<{ numDeletedRows: bigint }> }) =>
          Number((await query.executeTakeFirst()).numDeletedRows);
        const counts: SessionRowCounts = {
          share_links: 0,
          document_updates: 0,
          documents: 0,
          participant_tokens: 0,
          snapshots: 0,
          events: 0,
          image_variants: 0,
          images: 0,
          sessions: 0,
        };
        if (docIds.length > 0) {
          counts.share_links = await gone(
            trx.deleteFrom('share_links').where('doc_id', 'in', docIds),
          );
          counts.document_updates = await gone(
            trx.deleteFrom('document_updates').where('doc_id', 'in', docIds),
          );
          counts.documents = await gone(trx.deleteFrom('documents').where('id', 'in', docIds));
        }
        counts.participant_tokens = await gone(
          trx.deleteFrom('participant_tokens').where('session_id', '=', sessionId),
        );
        counts.snapshots = await gone(
          trx.deleteFrom('snapshots').where('session_id', '=', sessionId),
        );
        counts.events = await gone(trx.deleteFrom('events').where('session_id', '=', sessionId));
        if (images.length > 0) {
          counts.image_variants = await gone(
            trx.deleteFrom('image_variants').where('image_id', 'in', images),
          );
          counts.images = await gone(trx.deleteFrom('images').where('id', 'in', images));
        }
        counts.sessions = await gone(trx.deleteFrom('sessions').where('id', '=', sessionId));
        // Its places in workspace libraries and in accounts' lists (its console key, its
        // notebook's share links, its plans' keys) go too: no list offers a session that is gone.
        await sql`delete from workspace_items where session_id = ${sessionId}`.execute(trx);
        await sql`delete from account_items where (kind = 'session' and item_id = ${sessionId})
          or (kind = 'notebookLink' and item_id = ${sessionId})
          or (kind = 'plan' and substr(item_id, 1, ${sessionId.length + 1}) = ${`${sessionId}:`})`.execute(
          trx,
        );
        return counts;
      }),
    );
  }

  /** The stored payloads of a session's events, in order, for a redaction to rewrite. */
  async eventPayloads(sessionId: string): Promise<{ seq: number; payload: string }[]> {
    return this.db
      .selectFrom('events')
      .select(['seq', 'payload'])
      .where('session_id', '=', sessionId)
      .orderBy('seq')
      .execute();
  }

  /**
   * Erases one participant's data in one transaction: rewrites the events whose personal
   * fields named them or carried what they wrote, deletes the session's snapshot (it holds
   * the old names: the next load replays the rewritten log), their plan document with its
   * updates and share links, their resume token's hash, and the plan's place in any
   * account that claimed it.
   */
  async redactParticipant(
    sessionId: string,
    participantId: string,
    rewritten: readonly RewrittenEvent[],
    planDocId: string,
  ): Promise<{ events: number; documents: number }> {
    return retrying(() =>
      this.db.transaction().execute(async (trx) => {
        for (const { seq, payload } of rewritten)
          await trx
            .updateTable('events')
            .set({ payload })
            .where('session_id', '=', sessionId)
            .where('seq', '=', seq)
            .execute();
        await trx.deleteFrom('snapshots').where('session_id', '=', sessionId).execute();
        await trx.deleteFrom('share_links').where('doc_id', '=', planDocId).execute();
        await trx.deleteFrom('document_updates').where('doc_id', '=', planDocId).execute();
        const documents = Number(
          (await trx.deleteFrom('documents').where('id', '=', planDocId).executeTakeFirst())
            .numDeletedRows,
        );
        await trx
          .deleteFrom('participant_tokens')
          .where('session_id', '=', sessionId)
          .where('participant_id', '=', participantId)
          .execute();
        // An account that claimed this plan no longer lists it (its key opens nothing now).
        await sql`delete from account_items where kind = 'plan'
          and item_id = ${`${sessionId}:${participantId}`}`.execute(trx);
        return { events: rewritten.length, documents };
      }),
    );
  }
}
