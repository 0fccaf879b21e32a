import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRandom, docIdOf, type CreatedSession, type JoinedSeat } from '@playfield/shared';
import {
  addNotebookBlock,
  notebookBlockMap,
  readNotebook,
  setFollowUp,
} from '@playfield/shared/notebooks/notebook';
import {
  addPlanAction,
  parsePlan,
  PLAN_LIMITS,
  setPlanField,
  setPlanFlag,
} from '@playfield/shared/plans/plan';
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

let server: TestServer;
const clients: TestDocClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await server?.close();
});

async function docClient(url: string, credential: Parameters<typeof TestDocClient.connect>[1]) {
  const client = await TestDocClient.connect(url, credential);
  clients.push(client);
  return client;
}

async function openOk(client: TestDocClient, docId: string): Promise<Y.Doc> {
  const opened = await client.open(docId);
  if (!opened.ok) throw new Error(`open ${docId}: ${opened.error.message}`);
  return opened.data.doc;
}

/** Resolves once `predicate` holds for the doc, checking after every change. */
function until(doc: Y.Doc, predicate: () => boolean): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Document never reached the state')), 5000);
    const check = () => {
      if (!predicate()) return;
      clearTimeout(timer);
      doc.off('update', check);
      resolve();
    };
    doc.on('update', check);
  });
}

const planOf = (session: CreatedSession, seat: JoinedSeat) =>
  docIdOf({ kind: 'plan', sessionId: session.sessionId, participantId: seat.participantId });
const notebookOf = (session: CreatedSession) =>
  docIdOf({ kind: 'notebook', sessionId: session.sessionId });
const facilitatorDocs = (session: CreatedSession) =>
  ({ role: 'facilitator', sessionId: session.sessionId, token: session.facilitatorToken }) as const;
const seatDocs = (seat: JoinedSeat) =>
  ({ role: 'participant', resumeToken: seat.resumeToken }) as const;

async function shareLink(url: string, session: CreatedSession, rights: 'read' | 'edit') {
  const response = await postJson(
    `${url}/api/notebooks/${session.sessionId}/links`,
    { rights },
    { authorization: `Bearer ${session.facilitatorToken}` },
  );
  expect(response.status).toBe(201);
  return response.body as { id: string; token: string };
}

describe('personal action plans', () => {
  it('syncs a plan between the same participant on phone and laptop, live', async () => {
    server = await startTestServer();
    const session = await server.createSession();
    const seat = await server.join(session.code, 'Ana');
    const phone = await docClient(server.url, seatDocs(seat));
    const laptop = await docClient(server.url, seatDocs(seat));
    const onPhone = await openOk(phone, planOf(session, seat));
    const onLaptop = await openOk(laptop, planOf(session, seat));

    addPlanAction(onPhone, { id: 'a1', text: 'Call back every complaint within a day' });
    expect(await phone.settle()).toEqual([]);
    await until(onLaptop, () => parsePlan(onLaptop).data?.actions.length === 1);
    setPlanField(onLaptop, 'a1', 'due', '2027-01-15');
    setPlanField(onPhone, 'a1', 'why', 'Customers who wait leave');
    expect([...(await phone.settle()), ...(await laptop.settle())]).toEqual([]);
    await until(onPhone, () => parsePlan(onPhone).data?.actions[0]?.due === '2027-01-15');
    await until(onLaptop, () => parsePlan(onLaptop).data?.actions[0]?.why !== '');
    expect(parsePlan(onPhone).data).toEqual(parsePlan(onLaptop).data);
  });

  it('refuses an invalid due date or too many actions, and keeps the plan as it was', async () => {
    server = await startTestServer();
    const session = await server.createSession();
    const seat = await server.join(session.code, 'Ana');
    const phone = await docClient(server.url, seatDocs(seat));
    const doc = await openOk(phone, planOf(session, seat));
    addPlanAction(doc, { id: 'a1', text: 'Answer within a day' });
    expect(await phone.settle()).toEqual([]);

    setPlanField(doc, 'a1', 'due', '2027-02-30');
    const refused = await phone.settle();
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ code: 'BAD_REQUEST' });
    expect(refused[0]?.message).toMatch(/calendar/);

    // This client's copy now holds an edit the server never took: its next edit is refused
    // too, rather than acknowledged and left dangling, and the client reloads.
    setPlanField(doc, 'a1', 'why', 'Because');
    expect(await phone.settle()).toMatchObject([{ code: 'CONFLICT' }]);

    const laptop = await docClient(server.url, seatDocs(seat));
    const plan = await openOk(laptop, planOf(session, seat));
    for (let i = 0; i <= PLAN_LIMITS.actions; i++)
      addPlanAction(plan, { id: `x${i}`, text: 'More' });
    expect((await laptop.settle()).some((e) => /At most 30 actions/.test(e.message))).toBe(true);

    const fresh = await docClient(server.url, seatDocs(seat));
    const stored = parsePlan(await openOk(fresh, planOf(session, seat)));
    expect(stored.success).toBe(true);
    expect(stored.data?.actions.length).toBeLessThanOrEqual(PLAN_LIMITS.actions);
    expect(stored.data?.actions.find((a) => a.id === 'a1')?.due).toBe('');
  });

  it('lets no one else open a plan, and the facilitator only read it once shared', async () => {
    server = await startTestServer();
    const session = await server.createSession();
    const ana = await server.join(session.code, 'Ana');
    const ben = await server.join(session.code, 'Ben');
    const anaDocs = await docClient(server.url, seatDocs(ana));
    const plan = await openOk(anaDocs, planOf(session, ana));
    addPlanAction(plan, { id: 'a1', text: 'Private thought' });
    expect(await anaDocs.settle()).toEqual([]);

    const benDocs = await docClient(server.url, seatDocs(ben));
    expect(await benDocs.open(planOf(session, ana))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const console = await docClient(server.url, facilitatorDocs(session));
    expect(await console.open(planOf(session, ana))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // Another session's facilitator cannot open it either, shared or not.
    const other = await server.createSession();
    const otherConsole = await docClient(server.url, facilitatorDocs(other));

    setPlanFlag(plan, 'isShared', true);
    expect(await anaDocs.settle()).toEqual([]);
    const opened = await console.open(planOf(session, ana));
    expect(opened).toMatchObject({ ok: true, data: { opened: { rights: 'read' } } });
    expect(await otherConsole.open(planOf(session, ana))).toMatchObject({ ok: false });
    // Read rights cannot write.
    const forged = new Y.Doc();
    addPlanAction(forged, { id: 'f1', text: 'Written by someone else' });
    expect(await console.send(planOf(session, ana), Y.encodeStateAsUpdate(forged))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // Unsharing closes the facilitator's open copy at once.
    setPlanFlag(plan, 'isShared', false);
    expect(await anaDocs.settle()).toEqual([]);
    await expect.poll(() => console.revoked).toEqual([planOf(session, ana)]);
    expect(await console.open(planOf(session, ana))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('puts a prompt answer into the plan, linked to its round, and counts who answered', async () => {
    server = await startTestServer();
    const session = await server.createSession();
    const seat = await server.join(session.code, 'Ana');
    const facilitator = await server.connect(facilitatorOf(session));
    const phone = await server.connect(participantOf(seat));
    await emitAck(facilitator, 'session.control', { type: 'session.start' });
    await emitAck(facilitator, 'session.control', { type: 'prompt.send' });
    const roundId = server.playfield.manager.peek(session.sessionId)?.state.currentRoundId ?? '';
    expect(
      await emitAck(phone, 'plan.answer', { roundId, text: 'Greet every caller by name' }),
    ).toMatchObject({ ok: true });
    expect(
      server.playfield.manager.peek(session.sessionId)?.facilitatorMessage().view.prompt,
    ).toMatchObject({ roundId, responded: 1 });
    // A skip counts as a response but adds nothing.
    const ben = await server.join(session.code, 'Ben');
    const benPhone = await server.connect(participantOf(ben));
    expect(await emitAck(benPhone, 'plan.answer', { roundId, text: null })).toMatchObject({
      ok: true,
    });

    const docs = await docClient(server.url, seatDocs(seat));
    const plan = parsePlan(await openOk(docs, planOf(session, seat)));
    expect(plan.data?.actions).toMatchObject([
      { text: 'Greet every caller by name', roundId, roundTitle: 'Warm-up poll' },
    ]);
    const benDocs = await docClient(server.url, seatDocs(ben));
    expect(parsePlan(await openOk(benDocs, planOf(session, ben))).data?.actions).toEqual([]);
    expect(await emitAck(phone, 'plan.answer', { roundId: 'nope', text: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('exports only the plan of the token that asks, and refuses without one', async () => {
    server = await startTestServer();
    const session = await server.createSession();
    const ana = await server.join(session.code, 'Ana');
    const ben = await server.join(session.code, 'Ben');
    const docs = await docClient(server.url, seatDocs(ana));
    const plan = await openOk(docs, planOf(session, ana));
    addPlanAction(plan, { id: 'a1', text: 'Ana secret action' });
    expect(await docs.settle()).toEqual([]);

    const none = await requestJson(`${server.url}/api/plan/export/md`);
    expect(none.status).toBe(401);
    const bens = await requestJson(`${server.url}/api/plan/export/md`, {
      headers: { authorization: `Bearer ${ben.resumeToken}` },
    });
    expect(bens.status).toBe(200);
    expect(String(bens.body)).not.toContain('Ana secret action');
    const notShared = await requestJson(
      `${server.url}/api/sessions/${session.sessionId}/plans/${ana.participantId}/export/md`,
      { headers: { authorization: `Bearer ${session.facilitatorToken}` } },
    );
    expect(notShared.status).toBe(403);
  });
});

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
