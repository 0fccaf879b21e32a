import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@playfield/shared';
import { Repository, type SessionRow } from '../../server/src/store/repository.ts';
import type { Database } from '../../server/src/store/schema.ts';
import { STORAGE_BACKENDS, type OpenedStorage } from './databases.ts';

/**
 * The notebook import stores a session, its log, its notebook's row and its first update in
 * one transaction: when a step fails midway, none of them is left. SQLite always;
 * PostgreSQL when TEST_DATABASE_URL points at a server (a fresh database per run).
 */
const AT = 1_700_000_000_000;

function importOf(sessionId: string, code: string, docId: string) {
  const session: SessionRow = {
    id: sessionId,
    code,
    title: `Imported ${sessionId}`,
    facilitator_token_hash: `hash-f-${sessionId}`,
    screen_key_hash: `hash-s-${sessionId}`,
    phase: 'ended',
    created_at: AT,
    ended_at: AT,
    participant_count: 0,
    round_count: 0,
    last_seq: 2,
  };
  const events: EventEnvelope[] = [
    {
      seq: 1,
      at: AT,
      event: {
        type: 'session.created',
        sessionId,
        code,
        title: session.title,
        seed: 's',
        agenda: [],
      },
    },
    { seq: 2, at: AT, event: { type: 'session.ended' } },
  ];
  const notebook = {
    row: {
      id: docId,
      kind: 'notebook',
      session_id: sessionId,
      participant_id: null,
      created_at: AT,
      updated_at: AT,
      is_shared: 0,
      is_finished: 0,
      search_text: 'imported',
    },
    update: new Uint8Array([0, 0]),
  };
  return [session, events, notebook] as const;
}

describe.each(STORAGE_BACKENDS)('notebook import on $name', (backend) => {
  let env: OpenedStorage;
  let repository: Repository;
  let db: Kysely<Database>;

  const rowsOf = async (sessionId: string) => ({
    sessions: (await db.selectFrom('sessions').select('id').where('id', '=', sessionId).execute())
      .length,
    events: (
      await db.selectFrom('events').select('seq').where('session_id', '=', sessionId).execute()
    ).length,
    documents: (
      await db.selectFrom('documents').select('id').where('session_id', '=', sessionId).execute()
    ).length,
  });

  beforeAll(async () => {
    env = await backend.open();
    repository = await Repository.open(env);
    db = (repository as unknown as { db: Kysely<Database> }).db;
  });

  afterAll(async () => {
    await repository.close();
    await env.cleanup();
  });

  it('stores the session, its two events, its notebook and its update together', async () => {
    await repository.importNotebook(...importOf('imp1', 'AAA111', 'notebook.imp1'));
    expect(await rowsOf('imp1')).toEqual({ sessions: 1, events: 2, documents: 1 });
    expect(await repository.loadDocumentUpdates('notebook.imp1')).toHaveLength(1);
  });

  it('leaves no session and no events when the notebook fails after them', async () => {
    // The notebook's row clashes with the one stored above: the third insert fails, after
    // the session's row and its events went in.
    await expect(
      repository.importNotebook(...importOf('imp2', 'BBB222', 'notebook.imp1')),
    ).rejects.toThrow();
    expect(await rowsOf('imp2')).toEqual({ sessions: 0, events: 0, documents: 0 });
    expect(await repository.getSessionByCode('BBB222')).toBeUndefined();
    // What was there before is untouched.
    expect(await rowsOf('imp1')).toEqual({ sessions: 1, events: 2, documents: 1 });
    expect(await repository.loadDocumentUpdates('notebook.imp1')).toHaveLength(1);
  });

  it('leaves nothing when the session itself clashes (a join code drawn twice)', async () => {
    await expect(
      repository.importNotebook(...importOf('imp3', 'AAA111', 'notebook.imp3')),
    ).rejects.toThrow();
    expect(await rowsOf('imp3')).toEqual({ sessions: 0, events: 0, documents: 0 });
    expect(await repository.getDocument('notebook.imp3')).toBeUndefined();
  });
});
