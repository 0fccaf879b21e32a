/**
 * Observing a server process from outside: is it alive, how fast does `/healthz` answer,
 * does another session still work, what did it quarantine; and reaching into its SQLite
 * file while it is stopped (or while it runs, to hold a lock).
 */
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { expect } from 'vitest';
import * as Y from 'yjs';
import { type CreatedSession } from '@playfield/shared';
import {
  connectTo,
  createSessionAt,
  emitAck,
  exerciseView,
  facilitatorOf,
  joinAt,
  nextView,
  participantOf,
  postJson,
  type TestSocket,
  type WatchedChildServer,
} from './harness.ts';

/** GETs `/healthz` with a deadline; resolves with the status and how long it took. */
export async function healthz(
  url: string,
  deadlineMs = 2_000,
): Promise<{ status: number; ms: number; body: unknown }> {
  const started = performance.now();
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(deadlineMs) });
    const body: unknown = await response.json().catch(() => null);
    return { status: response.status, ms: performance.now() - started, body };
  } catch {
    return { status: 0, ms: performance.now() - started, body: null };
  }
}

/** Fails with the process's last words unless it is running and `/healthz` answers 200. */
export async function expectAlive(server: WatchedChildServer): Promise<void> {
  const health = await healthz(server.url);
  const why = `The server must still be up. Its output:\n${server.output().slice(-3_000)}`;
  expect(server.isRunning(), why).toBe(true);
  expect(health.status, why).toBe(200);
}

/** The number of quarantined sessions and documents `/healthz` reports (0 when absent). */
export function quarantinedCount(body: unknown): number {
  const find = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return undefined;
    const record = value as Record<string, unknown>;
    if ('quarantined' in record) return record.quarantined;
    for (const inner of Object.values(record)) {
      const found = find(inner);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  const count = (value: unknown): number => {
    if (typeof value === 'number') return value;
    if (Array.isArray(value)) return value.length;
    if (typeof value === 'object' && value !== null)
      return Object.values(value as Record<string, unknown>).reduce<number>(
        (sum, v) => sum + (typeof v === 'number' ? v : 0),
        0,
      );
    return 0;
  };
  return count(find(body));
}

/** Whether the facilitator's notebook search finds `word` in this session's notebook. */
export async function searchFinds(
  url: string,
  session: CreatedSession,
  word: string,
): Promise<boolean> {
  try {
    const response = await postJson(`${url}/api/facilitator/notebooks`, {
      sessions: [{ sessionId: session.sessionId, token: session.facilitatorToken }],
      query: word,
    });
    const notebooks = (response.body as { notebooks?: { sessionId: string }[] }).notebooks ?? [];
    return notebooks.some((n) => n.sessionId === session.sessionId);
  } catch {
    return false;
  }
}

/**
 * A second, unrelated live session: a facilitator console and one phone in a poll. Each
 * `check` has the phone answer (a different option each time) and waits until the
 * facilitator's console shows that answer: the proof that other rooms go on.
 */
export async function otherSession(url: string) {
  const session = await createSessionAt(url, { title: 'The room next door' });
  const seat = await joinAt(url, session.code, 'Neighbour');
  const sockets: TestSocket[] = [
    await connectTo(url, facilitatorOf(session)),
    await connectTo(url, participantOf(seat)),
  ];
  const [facilitator, phone] = sockets as [TestSocket, TestSocket];
  expect(await emitAck(facilitator, 'session.control', { type: 'session.start' })).toMatchObject({
    ok: true,
  });
  const started = await nextView(facilitator, 'view.facilitator', (m) => !!m.view.round);
  const roundId = started.view.round?.id ?? '';
  let turn = 0;
  return {
    async check(): Promise<void> {
      const choice = turn++ % 3;
      const ack = await emitAck(phone, 'round.act', {
        roundId,
        action: { type: 'answer', choices: [choice] },
      });
      expect(ack, 'the phone in the other session is answered').toMatchObject({ ok: true });
      const seen = await exerciseView(
        facilitator,
        'view.facilitator',
        'poll',
        (poll) => poll.results?.counts?.[choice] === 1,
      );
      expect(seen.view.results?.counts?.[choice]).toBe(1);
    },
    close(): void {
      for (const socket of sockets) socket.disconnect();
    },
  };
}

/** Opens the server's SQLite file from the test (the server may be running or stopped). */
export function openDatabase(dataDir: string): SQLite.Database {
  const db = new SQLite(path.join(dataDir, 'playfield.db'));
  db.pragma('busy_timeout = 5000');
  return db;
}

/** Appends a raw Yjs update to a stored document's log, as the server would store one. */
export function appendStoredUpdate(dataDir: string, docId: string, update: Uint8Array): void {
  const db = openDatabase(dataDir);
  try {
    const { seq } = db
      .prepare('select coalesce(max(seq), 0) as seq from document_updates where doc_id = ?')
      .get(docId) as { seq: number };
    db.prepare('insert into document_updates (doc_id, seq, data) values (?, ?, ?)').run(
      docId,
      seq + 1,
      Buffer.from(update).toString('base64'),
    );
    db.prepare('update documents set update_count = update_count + 1 where id = ?').run(docId);
  } finally {
    db.close();
  }
}

/** The update that adds `edit` to an empty document: it builds on nothing, so it always applies. */
export function standaloneUpdate(edit: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  edit(doc);
  return Y.encodeStateAsUpdate(doc);
}
