/** The `/docs` namespace over real sockets (Yjs plans and notebooks): session notebooks and durability. */
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRandom, docIdOf, type CreatedSession } from '@playfield/shared';
import {
  addNotebookBlock,
  notebookBlockMap,
  readNotebook,
  setFollowUp,
} from '@playfield/shared/notebooks/notebook';
import { addPlanAction, parsePlan } from '@playfield/shared/plans/plan';
import { TestDocClient } from './docClient.ts';
import {
  emitAck,
  postJson,
  requestJson,
  startTestServer,
  useChildServers,
  createSessionAt,
  joinAt,
  facilitatorOf,
  participantOf,
  type TestServer,
} from './harness.ts';
import {
  clients,
  docClient,
  openOk,
  until,
  planOf,
  facilitatorDocs,
  seatDocs,
} from './docsFixtures.ts';

let server: TestServer;

afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await server?.close();
});

const notebookOf = (session: CreatedSession) =>
  docIdOf({ kind: 'notebook', sessionId: session.sessionId });

async function shareLink(url: string, session: CreatedSession, rights: 'read' | 'edit') {
  const response = await postJson(
    `${url}/api/notebooks/${session.sessionId}/links`,
    { rights },
    { authorization: `Bearer ${session.facilitatorToken}` },
  );
  expect(response.status).toBe(201);
  return response.body as { id: string; token: string };
}

describe('session notebooks', () => {
  it('writes each round into the notebook as it ends, next to the team notes', async () => {
    server = await startTestServer();
    const session = await server.createSession();
    const seat = await server.join(session.code, 'Ana');
    const facilitator = await server.connect(facilitatorOf(session));
    const phone = await server.connect(participantOf(seat));
    await emitAck(facilitator, 'session.control', { type: 'session.start' });
    const state = () => server.playfield.manager.peek(session.sessionId)?.state;
    const first = state()?.currentRoundId ?? '';
    await emitAck(phone, 'round.act', { roundId: first, action: { type: 'answer', choices: [0] } });
    await emitAck(facilitator, 'session.control', { type: 'round.next' });
    await emitAck(facilitator, 'session.control', { type: 'session.end' });

    const docs = await docClient(server.url, facilitatorDocs(session));
    const notebook = readNotebook(await openOk(docs, notebookOf(session)));
    expect(notebook.title).toBe('Service basics');
    expect(notebook.agenda.map((r) => r.title)).toEqual(['Warm-up poll', 'Second poll']);
    const rounds = notebook.blocks.filter((b) => b.type === 'round');
    expect(rounds.map((b) => b.title)).toEqual(['Warm-up poll', 'Second poll']);
    expect(rounds[0]?.summary?.blocks.length).toBeGreaterThan(0);
    expect(rounds[0]?.kind).toBe('poll');
  });

  it('converges when several people edit concurrently and offline (seeded)', async () => {
    const seed = process.env.DOCS_FUZZ_SEED ?? String(Date.now() % 100_000);
    server = await startTestServer();
    const session = await server.createSession();
    const edit = await shareLink(server.url, session, 'edit');
    const editors = [
      await docClient(server.url, facilitatorDocs(session)),
      await docClient(server.url, { role: 'link', token: edit.token }),
      await docClient(server.url, { role: 'link', token: edit.token }),
    ];
    const docs = await Promise.all(editors.map((c) => openOk(c, notebookOf(session))));
    const generator = createRandom(`docs-fuzz:${seed}`);
    const random = () => generator.next();
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T;
    const offline = new Set<number>();
    try {
      for (let step = 0; step < 300; step++) {
        const who = Math.floor(random() * editors.length);
        const doc = docs[who] as Y.Doc;
        const blocks = readNotebook(doc).blocks;
        const roll = random();
        if (roll < 0.05) {
          if (offline.has(who)) {
            offline.delete(who);
            await editors[who]?.goOnline();
          } else {
            offline.add(who);
            editors[who]?.goOffline();
          }
        } else if (roll < 0.2 || blocks.length === 0) {
          addNotebookBlock(
            doc,
            { id: `b${step}-${who}`, type: pick(['note', 'decision', 'followUp'] as const) },
            step,
            blocks.length > 0 ? pick(blocks).id : null,
          );
        } else {
          const block = pick(blocks);
          const text = notebookBlockMap(doc, block.id)?.get('text');
          if (!(text instanceof Y.Text)) continue;
          if (roll < 0.7 || text.length === 0) {
            text.insert(
              Math.floor(random() * (text.length + 1)),
              pick(['ab', 'ç', ' ', '🙂', 'x']),
            );
          } else if (roll < 0.85) {
            const at = Math.floor(random() * text.length);
            text.delete(at, Math.min(3, text.length - at));
          } else if (block.type === 'followUp') {
            setFollowUp(doc, block.id, { isDone: random() < 0.5, owner: pick(['Ana', 'Ben']) });
          }
          // Browsers send what was typed in small merged batches, not one message per key.
          if (step % 8 === 0) editors.forEach((e) => e.flush());
        }
      }
      for (const index of offline) await editors[index]?.goOnline();
      for (const editor of editors) expect(await editor.settle()).toEqual([]);
      const reader = await docClient(server.url, facilitatorDocs(session));
      const stored = readNotebook(await openOk(reader, notebookOf(session)));
      for (const doc of docs) await until(doc, () => sameNotebook(readNotebook(doc), stored));
    } catch (error) {
      console.error(`Notebook convergence fuzz failed with DOCS_FUZZ_SEED=${seed}`);
      throw error;
    }
  });

  it('lets a read link read but never write, and cuts a revoked link at once', async () => {
    server = await startTestServer();
    const session = await server.createSession();
    const owner = await docClient(server.url, facilitatorDocs(session));
    const doc = await openOk(owner, notebookOf(session));
    addNotebookBlock(doc, { id: 'n1', type: 'note', text: 'Agreed: callbacks in 24 h' }, 1);
    expect(await owner.settle()).toEqual([]);

    const read = await shareLink(server.url, session, 'read');
    const reader = await docClient(server.url, { role: 'link', token: read.token });
    const readDoc = await openOk(reader, notebookOf(session));
    expect(readNotebook(readDoc).blocks.map((b) => b.text)).toContain('Agreed: callbacks in 24 h');
    const forged = new Y.Doc();
    addNotebookBlock(forged, { id: 'evil', type: 'note', text: 'forged' }, 1);
    expect(await reader.send(notebookOf(session), Y.encodeStateAsUpdate(forged))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // A link opens its own notebook only.
    const other = await server.createSession();
    expect(await reader.open(notebookOf(other))).toMatchObject({ ok: false });

    const closed = reader.closedByServer();
    const revoke = await requestJson(
      `${server.url}/api/notebooks/${session.sessionId}/links/${read.id}`,
      { method: 'DELETE', headers: { authorization: `Bearer ${session.facilitatorToken}` } },
    );
    expect(revoke.status).toBe(200);
    expect(await closed).toBe('io server disconnect');
    expect(reader.revoked).toEqual([notebookOf(session)]);
    await expect(
      TestDocClient.connect(server.url, { role: 'link', token: read.token }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const resolved = await postJson(`${server.url}/api/links/resolve`, { token: read.token });
    expect(resolved.status).toBe(404);
    const exported = await requestJson(
      `${server.url}/api/notebooks/${session.sessionId}/export/json`,
      { headers: { authorization: `Bearer ${read.token}` } },
    );
    expect(exported.status).toBe(401);
    // Participants have no access to the notebook.
    const seat = await server.join(session.code, 'Ana');
    const participant = await docClient(server.url, seatDocs(seat));
    expect(await participant.open(notebookOf(session))).toMatchObject({ ok: false });
  });

  it('refuses malformed and oversized updates and stores nothing', async () => {
    server = await startTestServer();
    const session = await server.createSession();
    const owner = await docClient(server.url, facilitatorDocs(session));
    await openOk(owner, notebookOf(session));
    const before = countUpdates(server.dataDir);
    expect(
      await owner.send(notebookOf(session), new Uint8Array([9, 9, 9, 9, 200, 1])),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(
      await owner.request('doc.update', {
        docId: notebookOf(session),
        update: new Uint8Array(61 * 1024),
      }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(
      await owner.request('doc.update', { docId: '../../etc', update: new Uint8Array(2) }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(countUpdates(server.dataDir)).toBe(before);
  });

  it('compacts the stored updates of a long-lived notebook', async () => {
    server = await startTestServer();
    const session = await server.createSession();
    const docId = notebookOf(session);
    const hub = server.playfield.documents;
    const added = await hub.change(docId, (doc) =>
      addNotebookBlock(doc, { id: 'n1', type: 'note' }, 1),
    );
    expect(added.ok).toBe(true);
    // 600 separately stored edits, as a long day of typing makes.
    for (let i = 0; i < 600; i++) {
      const result = await hub.change(docId, (doc) => {
        const text = notebookBlockMap(doc, 'n1')?.get('text') as Y.Text;
        text.insert(text.length, 'xy');
        if (i % 3 === 0) text.delete(0, 1);
      });
      expect(result.ok).toBe(true);
    }
    expect(countUpdates(server.dataDir)).toBeLessThanOrEqual(201);
    const expected = 'xy'.repeat(600).slice(200);
    const reader = await docClient(server.url, facilitatorDocs(session));
    const stored = readNotebook(await openOk(reader, docId));
    expect(stored.blocks.find((b) => b.id === 'n1')?.text).toBe(expected);
  });

  it('exports a notebook as JSON that another server imports as the same document', async () => {
    server = await startTestServer();
    const session = await server.createSession();
    const owner = await docClient(server.url, facilitatorDocs(session));
    const doc = await openOk(owner, notebookOf(session));
    addNotebookBlock(doc, { id: 'd1', type: 'decision', text: 'Refunds up to €50 on the spot' }, 5);
    addNotebookBlock(doc, { id: 'f1', type: 'followUp', text: 'Update the FAQ', owner: 'Zoë' }, 6);
    setFollowUp(doc, 'f1', { isDone: true });
    expect(await owner.settle()).toEqual([]);
    const exported = await requestJson(
      `${server.url}/api/notebooks/${session.sessionId}/export/json`,
      { headers: { authorization: `Bearer ${session.facilitatorToken}` } },
    );
    expect(exported.status).toBe(200);
    const original = readNotebook(doc);

    const other = await startTestServer();
    try {
      // Only a facilitator of the receiving server may import: one of their sessions proves it.
      const own = await other.createSession();
      const asFacilitator = {
        authorization: `Bearer ${own.facilitatorToken}`,
        'x-playfield-session': own.sessionId,
      };
      const imported = await postJson(
        `${other.url}/api/notebooks/import`,
        exported.body,
        asFacilitator,
      );
      expect(imported.status).toBe(201);
      const created = imported.body as CreatedSession;
      const reader = await docClient(other.url, facilitatorDocs(created));
      const copy = readNotebook(await openOk(reader, notebookOf(created)));
      expect(copy).toEqual(original);
      const junk = await postJson(
        `${other.url}/api/notebooks/import`,
        { format: 'nope' },
        asFacilitator,
      );
      expect(junk.status).toBe(400);
    } finally {
      await other.close();
    }
  });
});

describe('durability', () => {
  const children = useChildServers();

  it('keeps every acknowledged edit through a SIGKILL and a restart', async () => {
    const dataDir = children.newDataDir();
    {
      const first = await children.start(dataDir);
      const session = await createSessionAt(first.url);
      const seat = await joinAt(first.url, session.code, 'Ana');
      const editor = await TestDocClient.connect(first.url, facilitatorDocs(session));
      const phone = await TestDocClient.connect(first.url, seatDocs(seat));
      const notebook = await openOk(editor, notebookOf(session));
      const plan = await openOk(phone, planOf(session, seat));
      for (let i = 0; i < 40; i++)
        addNotebookBlock(notebook, { id: `n${i}`, type: 'note', text: `note ${i}` }, i);
      addPlanAction(plan, { id: 'a1', text: 'Keep this' });
      expect([...(await editor.settle()), ...(await phone.settle())]).toEqual([]);
      await first.kill();
      editor.close();
      phone.close();

      const second = await children.start(dataDir);
      const reader = await TestDocClient.connect(second.url, facilitatorDocs(session));
      const again = await TestDocClient.connect(second.url, seatDocs(seat));
      try {
        const stored = readNotebook(await openOk(reader, notebookOf(session)));
        expect(stored.blocks.filter((b) => b.type === 'note')).toHaveLength(40);
        expect(parsePlan(await openOk(again, planOf(session, seat))).data?.actions[0]?.text).toBe(
          'Keep this',
        );
      } finally {
        reader.close();
        again.close();
      }
    }
  });
});

function countUpdates(dataDir: string): number {
  const db = new SQLite(path.join(dataDir, 'playfield.db'), { readonly: true });
  try {
    return (db.prepare('select count(*) as n from document_updates').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function sameNotebook(a: ReturnType<typeof readNotebook>, b: ReturnType<typeof readNotebook>) {
  return JSON.stringify(a) === JSON.stringify(b);
}
