import path from 'node:path';
import SQLite from 'better-sqlite3';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docIdOf, type CreatedSession, type JoinedSeat } from '@playfield/shared';
import { addNotebookBlock, readNotebook } from '@playfield/shared/notebooks/notebook';
import { TestDocClient } from './docClient.ts';
import { emitAck, postJson, requestJson, startTestServer, type TestServer } from './harness.ts';

/**
 * What a document holder can send that once ended the process or spoofed others: cut and
 * garbled edits, crafted results, presence for other people, opening in a loop, striking
 * out while edits are stored. Each case runs against the real server over real sockets.
 */

let server: TestServer;
const clients: TestDocClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await server?.close();
});

async function docClient(credential: Parameters<typeof TestDocClient.connect>[1]) {
  const client = await TestDocClient.connect(server.url, credential);
  clients.push(client);
  return client;
}

const notebookOf = (session: CreatedSession) =>
  docIdOf({ kind: 'notebook', sessionId: session.sessionId });
const facilitatorDocs = (session: CreatedSession) =>
  ({ role: 'facilitator', sessionId: session.sessionId, token: session.facilitatorToken }) as const;
const seatDocs = (seat: JoinedSeat) =>
  ({ role: 'participant', resumeToken: seat.resumeToken }) as const;

async function openOk(client: TestDocClient, docId: string): Promise<Y.Doc> {
  const opened = await client.open(docId);
  if (!opened.ok) throw new Error(`open ${docId}: ${opened.error.message}`);
  return opened.data.doc;
}

async function readLink(session: CreatedSession): Promise<string> {
  const response = await postJson(
    `${server.url}/api/notebooks/${session.sessionId}/links`,
    { rights: 'read' },
    { authorization: `Bearer ${session.facilitatorToken}` },
  );
  return (response.body as { token: string }).token;
}

/** An edit of `doc` made on a copy, as bytes, without applying it to `doc`. */
function editOf(doc: Y.Doc, edit: (copy: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(copy);
  edit(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

/** A round block whose control chart lacks its markers: it once crashed the search-text timer. */
function poisonedRound(copy: Y.Doc): void {
  const block = new Y.Map<unknown>();
  block.set('id', 'round-x');
  block.set('type', 'round');
  block.set('roundId', 'x');
  block.set('title', 'Red beads');
  block.set('kind', 'redBead');
  block.set('createdAt', 1);
  block.set('text', new Y.Text());
  const chart = { title: 'np', kind: 'np', unit: 'beads', points: [], segments: [] };
  block.set(
    'summary',
    JSON.stringify({ headline: 'h', blocks: [{ type: 'controlChart', chart }] }),
  );
  copy.getArray('blocks').push([block]);
}

/** An awareness update (y-protocols' format) for the given client ids and state. */
function awarenessOf(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

async function healthz() {
  return (await (await fetch(`${server.url}/healthz`)).json()) as {
    status: string;
    faults: { quarantined: { documents: number } };
  };
}

describe('notebook edits that cannot be read or are not a notebook', () => {
  it('refuses a 1-byte edit, a cut edit and a garbled one, and the notebook stays as it was', async () => {
    server = await startTestServer();
    const session = await server.createSession();
    const client = await docClient(facilitatorDocs(session));
    const doc = await openOk(client, notebookOf(session));
    addNotebookBlock(doc, { id: 'n1', type: 'note', text: 'Keep the promise' }, 1);
    expect(await client.settle()).toEqual([]);
    const before = Y.encodeStateAsUpdate(doc);

    const real = editOf(doc, (copy) =>
      addNotebookBlock(copy, { id: 'n2', type: 'note', text: 'Second' }, 2),
    );
    const garbled = real.slice();
    const middle = Math.floor(garbled.length / 2);
    garbled[middle] = (garbled[middle] ?? 0) ^ 0xff;
    for (const update of [new Uint8Array([0]), real.slice(0, -1), garbled]) {
      const ack = await client.send(notebookOf(session), update);
      expect(ack.ok).toBe(false);
    }
    // The whole edit still goes in afterwards: nothing half-applied blocks it.
    expect(await client.send(notebookOf(session), real)).toMatchObject({ ok: true });

    const fresh = await docClient(facilitatorDocs(session));
    const copy = await openOk(fresh, notebookOf(session));
    expect(readNotebook(copy).blocks.map((b) => b.text)).toEqual(['Keep the promise', 'Second']);
    expect(before.byteLength).toBeGreaterThan(2);
    expect((await healthz()).status).toBe('ok');
  });

  it('refuses results whose chart lacks fields, extra root types and embeds, storing nothing', async () => {
    server = await startTestServer();
    const session = await server.createSession();
    const client = await docClient(facilitatorDocs(session));
    const doc = await openOk(client, notebookOf(session));
    const hostile = [
      editOf(doc, poisonedRound),
      editOf(doc, (copy) => copy.getMap('evil').set('x', 'y')),
      editOf(doc, (copy) => copy.getArray('blocks').push(['not a block'])),
      editOf(doc, (copy) => copy.getMap('meta').set('title', 42)),
      editOf(doc, (copy) => {
        addNotebookBlock(copy, { id: 'n3', type: 'note' }, 3);
        const text = copy.getArray<Y.Map<unknown>>('blocks').get(0).get('text') as Y.Text;
        text.insertEmbed(0, { image: 'x' });
      }),
    ];
    for (const update of hostile) {
      const ack = await client.send(notebookOf(session), update);
      expect(ack).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    const rows = new SQLite(path.join(server.dataDir, 'playfield.db'), { readonly: true });
    const stored = rows
      .prepare('select count(*) as n from document_updates where doc_id = ?')
      .get(notebookOf(session)) as { n: number };
    rows.close();
    // Only the server's own first write (the header) is stored.
    expect(stored.n).toBeLessThanOrEqual(1);
    // The search-text timer and a fresh reader both still work.
    const fresh = await docClient(facilitatorDocs(session));
    expect(readNotebook(await openOk(fresh, notebookOf(session))).blocks).toEqual([]);
    expect((await healthz()).faults.quarantined.documents).toBe(0);
  });
});

describe('a notebook whose stored data breaks the schema', () => {
  it('opens read-only with a notice, refuses edits, is reported, and exports as stored', async () => {
    server = await startTestServer();
    const session = await server.createSession();
    const docId = notebookOf(session);
    // Rows written behind the server's back, as an older version or a bug could have.
    const poisoned = new Y.Doc();
    poisonedRound(poisoned);
    const stored = Buffer.from(Y.encodeStateAsUpdate(poisoned)).toString('base64');
    const db = new SQLite(path.join(server.dataDir, 'playfield.db'));
    db.prepare(
      `insert into documents (id, kind, session_id, participant_id, created_at, updated_at)
       values (?, 'notebook', ?, null, 1, 1)`,
    ).run(docId, session.sessionId);
    db.prepare('insert into document_updates (doc_id, seq, data) values (?, 1, ?)').run(
      docId,
      stored,
    );
    db.close();

    const client = await docClient(facilitatorDocs(session));
    const opened = await client.open(docId);
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.data.opened.rights).toBe('read');
    expect(opened.data.opened.notice).toMatch(/closed to edits/);
    const edit = editOf(opened.data.doc, (copy) =>
      addNotebookBlock(copy, { id: 'n9', type: 'note', text: 'x' }, 9),
    );
    expect(await client.send(docId, edit)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect((await healthz()).faults.quarantined.documents).toBeGreaterThanOrEqual(1);

    const exported = await requestJson(
      `${server.url}/api/notebooks/${session.sessionId}/export/json`,
      {
        headers: { authorization: `Bearer ${session.facilitatorToken}` },
      },
    );
    expect(exported.status).toBe(200);
    const raw = exported.body as { quarantined: string; updates: string[] };
    expect(raw.quarantined).toMatch(/malformed/);
    const restored = new Y.Doc();
    for (const update of raw.updates) Y.applyUpdate(restored, Buffer.from(update, 'base64'));
    expect(restored.getArray('blocks').length).toBe(1);
  });
});

describe('presence', () => {
  it('lets a holder announce only its own client ids, with its name from the credential', async () => {
    server = await startTestServer();
    const session = await server.createSession();
    const facilitator = await docClient(facilitatorDocs(session));
    await openOk(facilitator, notebookOf(session));
    const mine = awarenessOf([
      { clientId: 1001, clock: 1, state: { name: 'Dana', color: 3, blockId: null } },
    ]);
    expect(
      await facilitator.request('doc.awareness', { docId: notebookOf(session), update: mine }),
    ).toEqual({ ok: true, data: null });

    const reader = await docClient({ role: 'link', token: await readLink(session) });
    await openOk(reader, notebookOf(session));
    const renamed = awarenessOf([{ clientId: 1001, clock: 2, state: { name: 'Not Dana' } }]);
    expect(
      await reader.request('doc.awareness', { docId: notebookOf(session), update: renamed }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const ghosts = awarenessOf(
      Array.from({ length: 5 }, (_, i) => ({ clientId: 5000 + i, clock: 1, state: { name: 'G' } })),
    );
    expect(
      await reader.request('doc.awareness', { docId: notebookOf(session), update: ghosts }),
    ).toMatchObject({ ok: false });
    const cut = awarenessOf([{ clientId: 7, clock: 1, state: { name: 'x' } }]).slice(0, -2);
    expect(
      await reader.request('doc.awareness', { docId: notebookOf(session), update: cut }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    // A late opener sees Dana as the facilitator set her, nothing else.
    const late = await docClient(facilitatorDocs(session));
    const opened = await late.open(notebookOf(session));
    if (!opened.ok) throw new Error(opened.error.message);
    const { Awareness, applyAwarenessUpdate } = await import('y-protocols/awareness');
    const awareness = new Awareness(new Y.Doc());
    applyAwarenessUpdate(awareness, opened.data.opened.awareness ?? new Uint8Array([0]), 'server');
    const states = [...awareness.getStates().entries()].filter(([id]) => id !== awareness.clientID);
    expect(states).toEqual([
      [1001, { name: 'Dana', role: 'facilitator', color: 3, blockId: null }],
    ]);
  });
});

describe('bounds on a holder', () => {
  it('stops a read link that opens a large notebook in a loop', async () => {
    server = await startTestServer();
    const session = await server.createSession();
    // About 3 MB of notes, written by the server (people's edits are paced per document).
    const written = await server.playfield.documents.change(notebookOf(session), (doc) => {
      for (let i = 0; i < 30; i++)
        addNotebookBlock(doc, { id: `n${i}`, type: 'note', text: 'x'.repeat(100_000) }, i);
    });
    expect(written.ok).toBe(true);
    const reader = await docClient({ role: 'link', token: await readLink(session) });
    const results = [];
    for (let i = 0; i < 40; i++) {
      const opened = await reader.request('doc.open', {
        docId: notebookOf(session),
        stateVector: new Uint8Array([0]),
      });
      results.push(opened.ok ? 'ok' : opened.error.code);
      if (!opened.ok) break;
    }
    expect(results.at(-1)).toBe('RATE_LIMITED');
    expect(results.filter((r) => r === 'ok').length).toBeLessThan(40);
  });

  it('closes the oldest socket of an identity past the cap, never the newest', async () => {
    server = await startTestServer();
    const session = await server.createSession();
    const seat = await server.join(session.code, 'Ana');
    const first = await docClient(seatDocs(seat));
    const closed = first.closedByServer();
    for (let i = 0; i < 8; i++) await docClient(seatDocs(seat));
    expect(await closed).toBe('io server disconnect');
    const newest = clients.at(-1);
    expect(newest?.socket.connected).toBe(true);
  });

  it('answers every stored edit before closing a socket that struck out', async () => {
    server = await startTestServer();
    const session = await server.createSession();
    const client = await docClient(facilitatorDocs(session));
    const doc = await openOk(client, notebookOf(session));
    const docId = notebookOf(session);
    const acks: Promise<{ ok: boolean }>[] = [];
    for (let i = 0; i < 49; i++) acks.push(client.send(docId, new Uint8Array([0])));
    // Real edits in flight while the 50th refusal arrives.
    for (let i = 0; i < 8; i++) {
      const update = editOf(doc, (copy) =>
        addNotebookBlock(copy, { id: `k${i}`, type: 'note', text: `note ${i}` }, i),
      );
      Y.applyUpdate(doc, update);
      acks.push(client.send(docId, update));
    }
    acks.push(client.send(docId, new Uint8Array([0])));
    const results = await Promise.all(acks);
    const stored = results.slice(49, 57);
    expect(stored.every((r) => r.ok)).toBe(true);
    const fresh = await docClient(facilitatorDocs(session));
    expect(readNotebook(await openOk(fresh, docId)).blocks).toHaveLength(8);
  });

  it('refuses a left participant at the documents door', async () => {
    server = await startTestServer();
    const session = await server.createSession();
    const seat = await server.join(session.code, 'Ben');
    const phone = await server.connect({ role: 'participant', resumeToken: seat.resumeToken });
    expect(await emitAck(phone, 'participant.leave', {})).toMatchObject({ ok: true });
    await expect(TestDocClient.connect(server.url, seatDocs(seat))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const plan = await requestJson(`${server.url}/api/plan`, {
      headers: { authorization: `Bearer ${seat.resumeToken}` },
    });
    expect(plan.status).toBe(401);
  });
});

describe('storage that keeps failing', () => {
  it('refuses the action, never acknowledges it, and the session comes back from storage', async () => {
    server = await startTestServer();
    const session = await server.createSession();
    const facilitator = await server.connect({
      role: 'facilitator',
      sessionId: session.sessionId,
      token: session.facilitatorToken,
    });
    const repository = server.playfield.manager.repository;
    const append = repository.append.bind(repository);
    repository.append = () => Promise.reject(new Error('disk on fire'));
    const refused = await emitAck(facilitator, 'session.control', { type: 'session.start' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    repository.append = append;

    // The session was dropped: a fresh copy from storage, still in the lobby, takes the start.
    const again = await server.connect({
      role: 'facilitator',
      sessionId: session.sessionId,
      token: session.facilitatorToken,
    });
    expect(await emitAck(again, 'session.control', { type: 'session.start' })).toMatchObject({
      ok: true,
    });
    expect((await healthz()).status).toBe('ok');
  });
});
