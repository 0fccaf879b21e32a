/**
 * Hostile input and failing storage must never end the process or freeze other rooms.
 * Every test runs the server as a child process and observes it from outside: `/healthz`
 * answers after the blow, and a phone in another live session still gets its answer to the
 * facilitator. Storage faults are made from outside too, in the server's own SQLite file.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { docIdOf, type CreatedSession, type JoinedSeat } from '@playfield/shared';
import { addNotebookBlock, readNotebook } from '@playfield/shared/notebooks/notebook';
import { TestDocClient } from './docClient.ts';
import { editOf, poisonedRoundBlock } from './docFuzzKit.ts';
import {
  createSessionAt,
  emitAck,
  type connectTo,
  emitRaw,
  exerciseView,
  facilitatorOf,
  joinAt,
  newDataDir,
  nextView,
  participantOf,
  removeDataDir,
  startWatchedChildServer,
  useChildServers,
  type TestSocket,
  type WatchedChildServer,
} from './harness.ts';
import {
  appendStoredUpdate,
  expectAlive,
  healthz,
  openDatabase,
  otherSession,
  quarantinedCount,
  searchFinds,
  standaloneUpdate,
} from './resilienceKit.ts';

const notebookOf = (session: CreatedSession) =>
  docIdOf({ kind: 'notebook', sessionId: session.sessionId });
const facilitatorDocs = (session: CreatedSession) =>
  ({ role: 'facilitator', sessionId: session.sessionId, token: session.facilitatorToken }) as const;

async function openNotebook(url: string, session: CreatedSession) {
  const client = await TestDocClient.connect(url, facilitatorDocs(session));
  const opened = await client.open(notebookOf(session));
  if (!opened.ok) throw new Error(`open notebook: ${opened.error.message}`);
  return { client, doc: opened.data.doc };
}

/**
 * Hostile edits over a live connection. The tests share one server while it survives;
 * a test that kills it gets the next one a fresh server, so each failure stays its own.
 */
describe('hostile notebook edits', () => {
  let shared: { server: WatchedChildServer; dataDir: string } | null = null;
  const retired: { server: WatchedChildServer; dataDir: string }[] = [];
  const liveServer = async (): Promise<WatchedChildServer> => {
    if (shared?.server.isRunning() && (await healthz(shared.server.url)).status === 200)
      return shared.server;
    if (shared) retired.push(shared);
    const dataDir = newDataDir();
    shared = { server: await startWatchedChildServer(dataDir), dataDir };
    return shared.server;
  };
  afterAll(async () => {
    for (const { server, dataDir } of [...retired, ...(shared ? [shared] : [])]) {
      await server.kill();
      removeDataDir(dataDir);
    }
  });

  /** A victim notebook open in a console, and a neighbour session to check afterwards. */
  async function scene() {
    const server = await liveServer();
    const session = await createSessionAt(server.url, { title: 'Victim' });
    const { client, doc } = await openNotebook(server.url, session);
    const neighbour = await otherSession(server.url);
    await neighbour.check();
    return { server, session, client, doc, neighbour };
  }

  it('refuses the 1-byte update [0x00] with BAD_REQUEST and carries on', async () => {
    const { server, session, client, neighbour } = await scene();
    try {
      const ack = await client.send(notebookOf(session), new Uint8Array([0]));
      await expectAlive(server);
      await neighbour.check();
      expect(ack).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    } finally {
      client.close();
      neighbour.close();
    }
  });

  it('refuses a real edit with its last byte cut, stores none of it, and carries on', async () => {
    const { server, session, client, doc, neighbour } = await scene();
    try {
      const edit = editOf(doc, (copy) =>
        addNotebookBlock(copy, { id: 'cut', type: 'note', text: 'half a message' }, 1),
      );
      const ack = await client.send(notebookOf(session), edit.slice(0, -1));
      await expectAlive(server);
      await neighbour.check();
      expect(ack).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      const { client: reader, doc: fresh } = await openNotebook(server.url, session);
      reader.close();
      expect(readNotebook(fresh).blocks.map((b) => b.id)).not.toContain('cut');
    } finally {
      client.close();
      neighbour.close();
    }
  });

  it('refuses a round block whose control chart lacks markers with BAD_REQUEST', async () => {
    const { server, session, client, doc, neighbour } = await scene();
    try {
      const poisoned = editOf(doc, (copy) => poisonedRoundBlock(copy, 'poison'));
      const ack = await client.send(notebookOf(session), poisoned);
      // The old crash came from the search-text refresh a second after an edit: make an
      // honest edit and wait until its words are searchable, so that refresh has run.
      addNotebookBlock(doc, { id: 'honest', type: 'note', text: 'zebracrossing' }, 2);
      await client.settle();
      await expect
        .poll(
          async () =>
            !server.isRunning() || (await searchFinds(server.url, session, 'zebracrossing')),
          { timeout: 5_000 },
        )
        .toBe(true);
      await expectAlive(server);
      await neighbour.check();
      expect(ack).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      // Whatever the console does after a refusal (reload), nothing of the poison is stored.
      const { client: reader, doc: fresh } = await openNotebook(server.url, session);
      reader.close();
      expect(readNotebook(fresh).blocks.map((b) => b.id)).not.toContain('poison');
    } finally {
      client.close();
      neighbour.close();
    }
  });
});

describe('bad data already stored, and failing storage', () => {
  const children = useChildServers();

  it('starts a session whose stored notebook is poisoned: stays up, quarantines or heals it', async () => {
    const dataDir = children.newDataDir();
    let server = await children.startWatched(dataDir);
    const session = await createSessionAt(server.url, { title: 'Poisoned notebook' });
    // Opening the notebook once stores it (header row and first update).
    const { client } = await openNotebook(server.url, session);
    client.close();
    await server.kill();

    appendStoredUpdate(
      dataDir,
      notebookOf(session),
      standaloneUpdate((doc) => poisonedRoundBlock(doc, 'stored-poison')),
    );

    server = await children.startWatched(dataDir);
    const neighbour = await otherSession(server.url);
    try {
      const facilitator = await children.connect(server.url, facilitatorOf(session));
      const started = await emitAck(facilitator, 'session.control', { type: 'session.start' });
      // Starting writes the first round into the notebook, then refreshes its search text:
      // wait until that has happened (the round's title is searchable) or the notebook is
      // reported quarantined.
      await expect
        .poll(
          async () =>
            !server.isRunning() ||
            quarantinedCount((await healthz(server.url)).body) > 0 ||
            (await searchFinds(server.url, session, 'warm-up poll')),
          { timeout: 5_000 },
        )
        .toBe(true);
      await expectAlive(server);
      await neighbour.check();
      expect(started, 'the session itself starts').toMatchObject({ ok: true });
      const isQuarantined = quarantinedCount((await healthz(server.url)).body) > 0;
      if (!isQuarantined) {
        // Healed: the notebook opens, with the round written and the poisoned summary dropped.
        const { client: reader, doc } = await openNotebook(server.url, session);
        reader.close();
        const notebook = readNotebook(doc);
        expect(notebook.blocks.find((b) => b.id === 'stored-poison')?.summary ?? null).toBeNull();
        expect(notebook.blocks.some((b) => b.title === 'Warm-up poll')).toBe(true);
      }
    } finally {
      neighbour.close();
    }
  });

  it('loads a session whose snapshot row is garbage from its log, with every answer', async () => {
    const dataDir = children.newDataDir();
    let server = await children.startWatched(dataDir);
    const session = await createSessionAt(server.url, { title: 'Corrupt snapshot' });
    const answered = await startAndAnswer(server, session, children.connect, [2, 0, 1]);
    await server.kill();

    const db = openDatabase(dataDir);
    try {
      db.prepare(
        'insert into snapshots (session_id, seq, state) values (?, ?, ?) ' +
          'on conflict (session_id) do update set seq = excluded.seq, state = excluded.state',
      ).run(session.sessionId, answered.lastSeq, '{"phase": "live", "agenda": [tru');
    } finally {
      db.close();
    }

    server = await children.startWatched(dataDir);
    const neighbour = await otherSession(server.url);
    try {
      await expectAlive(server);
      await neighbour.check();
      const facilitator = await children
        .connect(server.url, facilitatorOf(session))
        .catch((error: Error) => {
          throw new Error(`The facilitator cannot reopen the session: ${error.message}`);
        });
      const restored = await exerciseView(
        facilitator,
        'view.facilitator',
        'poll',
        (poll) => poll.results?.respondents === 3,
      );
      expect(restored.seq).toBe(answered.lastSeq);
      expect(restored.view.results?.counts).toEqual([1, 1, 1]);
    } finally {
      neighbour.close();
    }
  });

  it('keeps /healthz fast while another connection holds the write lock, and loses no ack', async () => {
    const dataDir = children.newDataDir();
    let server = await children.startWatched(dataDir);
    const session = await createSessionAt(server.url, { title: 'Locked out' });
    const answered = await startAndAnswer(server, session, children.connect, [0]);
    const neighbour = await otherSession(server.url);
    const phone = answered.phones[0] as TestSocket;

    const db = openDatabase(dataDir);
    const latencies: number[] = [];
    let answer: Promise<unknown>;
    try {
      db.exec('BEGIN IMMEDIATE');
      // An answer that needs a write while the lock is held.
      answer = emitRaw(phone, 'round.act', {
        roundId: answered.roundId,
        action: { type: 'answer', choices: [2] },
      }).catch((error: unknown) => ({ noAck: String(error) }));
      // The deliberate hold: ~3 s, probing /healthz back to back all along.
      const holdUntil = performance.now() + 3_000;
      while (performance.now() < holdUntil) latencies.push((await healthz(server.url, 1_000)).ms);
    } finally {
      db.exec('COMMIT');
      db.close();
    }
    const ack = await answer;
    await expectAlive(server);
    await neighbour.check();
    neighbour.close();
    expect(
      Math.max(...latencies),
      `/healthz latencies during the lock (ms): ${latencies.map(Math.round).join(', ')}`,
      // A synchronous wait for the lock (better-sqlite3's default is 5 s) would stall the
      // loop for the whole 3 s hold; 1 s leaves room for a loaded machine's scheduling.
    ).toBeLessThan(1_000);
    expect(ack, 'the answer gets a Result: stored after the release, or a typed refusal').toEqual(
      expect.objectContaining({ ok: expect.any(Boolean) as unknown }),
    );

    // Acknowledged means stored; refused means absent. Check after a hard restart.
    await server.kill();
    server = await children.startWatched(dataDir);
    const facilitator = await children.connect(server.url, facilitatorOf(session));
    const restored = await nextView(facilitator, 'view.facilitator', (m) => !!m.view.round);
    const counts = (restored.view.round?.view as { results?: { counts?: number[] } }).results
      ?.counts;
    if ((ack as { ok: boolean }).ok) expect(counts).toEqual([0, 0, 1]);
    else expect(counts).toEqual([1, 0, 0]);
  });

  it('stays up and keeps storing answers when every snapshot write fails', async () => {
    const dataDir = children.newDataDir();
    let server = await children.startWatched(dataDir);
    const session = await createSessionAt(server.url, { title: 'Disk full' });
    const seats: JoinedSeat[] = [];
    for (let i = 0; i < 21; i++) seats.push(await joinAt(server.url, session.code, `P${i}`));
    await server.kill();

    // The snapshots table refuses every write from now on.
    const db = openDatabase(dataDir);
    try {
      db.exec(`
        CREATE TRIGGER snapshots_full_insert BEFORE INSERT ON snapshots
        BEGIN SELECT RAISE(ABORT, 'disk full'); END;
        CREATE TRIGGER snapshots_full_update BEFORE UPDATE ON snapshots
        BEGIN SELECT RAISE(ABORT, 'disk full'); END;
      `);
    } finally {
      db.close();
    }

    server = await children.startWatched(dataDir);
    const neighbour = await otherSession(server.url);
    try {
      const facilitator = await children.connect(server.url, facilitatorOf(session));
      expect(
        await emitAck(facilitator, 'session.control', { type: 'session.start' }),
      ).toMatchObject({ ok: true });
      const { view } = await nextView(facilitator, 'view.facilitator', (m) => !!m.view.round);
      const roundId = view.round?.id ?? '';
      const phones = await Promise.all(
        seats.map((seat) => children.connect(server.url, participantOf(seat))),
      );
      // 21 phones change their answer 25 times: 525 events, past the 500 that take a snapshot.
      let lastSeq = 0;
      const answering = Promise.all(
        phones.map(async (phone, i) => {
          for (let turn = 0; turn < 25; turn++) {
            const ack = await emitAck(phone, 'round.act', {
              roundId,
              action: { type: 'answer', choices: [(i + turn) % 3] },
            });
            if (!ack.ok) throw new Error(`answer ${turn} of P${i}: ${ack.error.message}`);
            lastSeq = Math.max(lastSeq, ack.data.seq);
          }
        }),
      );
      // If the process died on the way, say so rather than "socket has been disconnected".
      await answering.catch(async (error: unknown) => {
        await Promise.race([server.exited, new Promise((resolve) => setTimeout(resolve, 1_000))]);
        await expectAlive(server);
        throw error;
      });
      await expectAlive(server);
      await neighbour.check();
      // After the failed snapshot, answers are still acknowledged, and they are stored.
      const final = await emitAck(phones[0] as TestSocket, 'round.act', {
        roundId,
        action: { type: 'answer', choices: [2] },
      });
      expect(final).toMatchObject({ ok: true });
      if (final.ok) lastSeq = Math.max(lastSeq, final.data.seq);

      await server.kill();
      server = await children.startWatched(dataDir);
      const again = await children.connect(server.url, facilitatorOf(session));
      const restored = await nextView(again, 'view.facilitator', (m) => !!m.view.round);
      expect(restored.seq).toBe(lastSeq);
      expect(restored.view.round).toMatchObject({ submitted: 21 });
    } finally {
      neighbour.close();
    }
  });
});

/**
 * Starts a poll session and has one phone per entry of `choices` answer it; returns the
 * round, the phones and the last acknowledged sequence number.
 */
async function startAndAnswer(
  server: WatchedChildServer,
  session: CreatedSession,
  connect: (...args: Parameters<typeof connectTo>) => Promise<TestSocket>,
  choices: number[],
) {
  const seats: JoinedSeat[] = [];
  for (const [i] of choices.entries()) seats.push(await joinAt(server.url, session.code, `P${i}`));
  const facilitator = await connect(server.url, facilitatorOf(session));
  expect(await emitAck(facilitator, 'session.control', { type: 'session.start' })).toMatchObject({
    ok: true,
  });
  const { view } = await nextView(facilitator, 'view.facilitator', (m) => !!m.view.round);
  const roundId = view.round?.id ?? '';
  const phones = await Promise.all(seats.map((seat) => connect(server.url, participantOf(seat))));
  let lastSeq = 0;
  for (const [i, phone] of phones.entries()) {
    const ack = await emitAck(phone, 'round.act', {
      roundId,
      action: { type: 'answer', choices: [choices[i] ?? 0] },
    });
    if (!ack.ok) throw new Error(ack.error.message);
    lastSeq = Math.max(lastSeq, ack.data.seq);
  }
  return { roundId, phones, lastSeq };
}
