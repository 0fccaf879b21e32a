/**
 * Notebook benchmark: a full-day session's notebook (10 rounds with results, 50
 * participants, 500 notes), opened cold from storage and warm, then 1,000 concurrent
 * edits from 20 editors. Figures, not pass/fail: a table for people, then one JSON line.
 *
 *   npm run bench:notebook      (options: --editors 20 --edits 1000 --notes 500)
 *
 * The server runs in this process (its document hub is what is measured); the editors
 * are real socket.io clients over loopback.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import * as Y from 'yjs';
import { io, type Socket } from 'socket.io-client';
import {
  createRandom,
  docIdOf,
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type CreatedSession,
  type JoinedSeat,
  type ServerToClientEvents,
} from '@playfield/shared';
import {
  addNotebookBlock,
  notebookBlockMap,
  readNotebook,
} from '@playfield/shared/notebooks/notebook';
import { loadConfig, startPlayfield, type Playfield } from '@playfield/server';
import { TestDocClient } from '../server/docClient.ts';

const option = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const ROUNDS = 10;
const PARTICIPANTS = option('participants', 50);
const NOTES = option('notes', 500);
const EDITORS = option('editors', 20);
const EDITS = option('edits', 1000);

const percentile = (samples: number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function start(dataDir: string): Promise<{ playfield: Playfield; url: string }> {
  const playfield = await startPlayfield({
    ...loadConfig({}),
    port: 0,
    host: '127.0.0.1',
    dataDir,
    clientDir: null,
    isQuiet: true,
    allowedOrigins: [],
  });
  return { playfield, url: `http://127.0.0.1:${playfield.port}` };
}

async function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

type SessionSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
function connect(url: string, credential: unknown): Promise<SessionSocket> {
  const socket: SessionSocket = io(url, {
    auth: { protocolVersion: PROTOCOL_VERSION, credential },
    transports: ['websocket'],
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

function emit<E extends keyof ClientToServerEvents>(
  socket: SessionSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<unknown> {
  return new Promise((resolve) =>
    (socket.emit as (e: E, p: unknown, ack: (r: unknown) => void) => void)(event, payload, resolve),
  );
}

/** Runs a full day: 10 poll rounds, everyone answers each, then the session ends. */
async function runDay(url: string): Promise<CreatedSession> {
  const agenda = Array.from({ length: ROUNDS }, (_, i) => ({
    kind: 'poll',
    title: `Round ${i + 1}`,
    config: {
      question: `Question ${i + 1}: how do customers see us?`,
      options: ['Great', 'Good', 'Fair', 'Poor'],
      isMultipleChoice: false,
      isAnonymous: false,
    },
  }));
  const session = await post<CreatedSession>(`${url}/api/sessions`, {
    title: 'Full-day service workshop',
    agenda,
  });
  const facilitator = await connect(url, {
    role: 'facilitator',
    sessionId: session.sessionId,
    token: session.facilitatorToken,
  });
  const phones: SessionSocket[] = [];
  for (let i = 0; i < PARTICIPANTS; i++) {
    const seat = await post<JoinedSeat>(`${url}/api/join`, {
      code: session.code,
      name: `Person ${i + 1}`,
      deviceId: `bench-device-${String(i).padStart(4, '0')}-notebook`,
    });
    phones.push(await connect(url, { role: 'participant', resumeToken: seat.resumeToken }));
  }
  const random = createRandom('notebook-bench');
  await emit(facilitator, 'session.control', { type: 'session.start' });
  for (let round = 0; round < ROUNDS; round++) {
    const roundId = (await currentRound(facilitator)) ?? '';
    await Promise.all(
      phones.map((phone) =>
        emit(phone, 'round.act', {
          roundId,
          action: { type: 'answer', choices: [random.int(4)] },
        }),
      ),
    );
    await emit(facilitator, 'session.control', {
      type: round < ROUNDS - 1 ? 'round.next' : 'session.end',
    });
  }
  phones.forEach((p) => p.disconnect());
  facilitator.disconnect();
  return session;
}

async function currentRound(facilitator: SessionSocket): Promise<string | null> {
  // The view arrives before the ack: listen first.
  const view = new Promise<string | null>((resolve) =>
    facilitator.once('view.facilitator', (m) => resolve(m.view.round?.id ?? null)),
  );
  await emit(facilitator, 'session.sync', { lastSeq: 0 });
  return view;
}

function storedSize(dataDir: string, docId: string) {
  const db = new SQLite(path.join(dataDir, 'playfield.db'), { readonly: true });
  try {
    return db
      .prepare(
        'select count(*) as rows, coalesce(sum(length(data)), 0) as bytes from document_updates where doc_id = ?',
      )
      .get(docId) as { rows: number; bytes: number };
  } finally {
    db.close();
  }
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'playfield-notebook-bench-'));
  let server = await start(dataDir);
  try {
    const dayStart = performance.now();
    const session = await runDay(server.url);
    const dayMs = performance.now() - dayStart;
    const docId = docIdOf({ kind: 'notebook', sessionId: session.sessionId });
    const owner = {
      role: 'facilitator',
      sessionId: session.sessionId,
      token: session.facilitatorToken,
    } as const;

    // 500 notes, written the way a team does: in many small edits over the day.
    const writer = await TestDocClient.connect(server.url, owner);
    const opened = await writer.open(docId);
    if (!opened.ok) throw new Error(opened.error.message);
    for (let i = 0; i < NOTES; i++) {
      addNotebookBlock(
        opened.data.doc,
        {
          id: `note-${i}`,
          type: i % 10 === 0 ? 'followUp' : i % 7 === 0 ? 'decision' : 'note',
          text: `Note ${i}: the team agreed to call back every complaint within one working day.`,
          owner: 'Ana',
        },
        i,
      );
      if (i % 10 === 9) await writer.settle();
    }
    await writer.settle();
    writer.close();
    const beforeEdits = storedSize(dataDir, docId);

    // Cold open: a restarted server loads the notebook from storage.
    await server.playfield.close();
    server = await start(dataDir);
    const coldStart = performance.now();
    const cold = await TestDocClient.connect(server.url, owner);
    const coldOpened = await cold.open(docId);
    const coldMs = performance.now() - coldStart;
    if (!coldOpened.ok) throw new Error(coldOpened.error.message);
    const blocks = readNotebook(coldOpened.data.doc).blocks;
    const warmStart = performance.now();
    const warm = await TestDocClient.connect(server.url, owner);
    await warm.open(docId);
    const warmMs = performance.now() - warmStart;

    // 1,000 concurrent edits from 20 editors on an edit link, each edit sent on its own.
    const link = await post<{ token: string }>(
      `${server.url}/api/notebooks/${session.sessionId}/links`,
      { rights: 'edit' },
      session.facilitatorToken,
    );
    const editors = await Promise.all(
      Array.from({ length: EDITORS }, () =>
        TestDocClient.connect(server.url, { role: 'link', token: link.token }),
      ),
    );
    const docs = await Promise.all(
      editors.map(async (e) => {
        const result = await e.open(docId);
        if (!result.ok) throw new Error(result.error.message);
        return result.data.doc;
      }),
    );
    const random = createRandom('notebook-bench-edits');
    const latencies: number[] = [];
    const perEditor = Math.ceil(EDITS / EDITORS);
    const editsStart = performance.now();
    await Promise.all(
      editors.map(async (editor, e) => {
        const doc = docs[e] as Y.Doc;
        for (let i = 0; i < perEditor; i++) {
          const block = blocks[random.int(blocks.length)];
          const text = block && notebookBlockMap(doc, block.id)?.get('text');
          if (!(text instanceof Y.Text)) continue;
          text.insert(random.int(text.length + 1), `[${e}:${i}]`);
          const sent = performance.now();
          editor.flush();
          const errors = await editor.settle();
          if (errors.length > 0) throw new Error(errors[0]?.message);
          latencies.push(performance.now() - sent);
        }
      }),
    );
    const editsMs = performance.now() - editsStart;
    // Every editor, and a reader who only watched, converges on the server's copy.
    const serverCopy = () =>
      server.playfield.documents.read(docId, (d) => JSON.stringify(readNotebook(d)));
    const watchers = [...docs, warm.docs.get(docId) as Y.Doc];
    const deadline = Date.now() + 10_000;
    let converged = false;
    while (!converged && Date.now() < deadline) {
      const reference = await serverCopy();
      converged = watchers.every((d) => JSON.stringify(readNotebook(d)) === reference);
      if (!converged) await new Promise((r) => setTimeout(r, 50));
    }
    const afterEdits = storedSize(dataDir, docId);
    const stateBytes = Y.encodeStateAsUpdate(warm.docs.get(docId) as Y.Doc).byteLength;
    [cold, warm, ...editors].forEach((c) => c.close());

    const figures = {
      rounds: ROUNDS,
      participants: PARTICIPANTS,
      notes: NOTES,
      blocks: blocks.length,
      dayMs: Math.round(dayMs),
      coldOpenMs: Number(coldMs.toFixed(1)),
      warmOpenMs: Number(warmMs.toFixed(1)),
      edits: latencies.length,
      editors: EDITORS,
      editsMs: Math.round(editsMs),
      editsPerSecond: Math.round((latencies.length / editsMs) * 1000),
      editAckP50Ms: Number(percentile(latencies, 50).toFixed(1)),
      editAckP95Ms: Number(percentile(latencies, 95).toFixed(1)),
      editAckP99Ms: Number(percentile(latencies, 99).toFixed(1)),
      converged,
      yjsStateBytes: stateBytes,
      storedRowsBeforeEdits: beforeEdits.rows,
      storedBytesBeforeEdits: beforeEdits.bytes,
      storedRowsAfterEdits: afterEdits.rows,
      storedBytesAfterEdits: afterEdits.bytes,
    };
    console.log(
      `\nPlayfield notebook benchmark (${os.cpus().length} CPUs, Node ${process.version})`,
    );
    console.log(`  full day (${ROUNDS} rounds, ${PARTICIPANTS} people) run in   ${ms(dayMs)}`);
    console.log(`  notebook: ${blocks.length} blocks, Yjs state after the edits ${kb(stateBytes)}`);
    console.log(`  open after a restart (cold, from storage)         ${ms(coldMs)}`);
    console.log(`  open again (warm, in memory)                      ${ms(warmMs)}`);
    console.log(
      `  ${latencies.length} edits from ${EDITORS} editors                   ${ms(editsMs)} (${figures.editsPerSecond}/s)`,
    );
    console.log(
      `  edit ack p50 / p95 / p99                          ${ms(figures.editAckP50Ms)} / ${ms(figures.editAckP95Ms)} / ${ms(figures.editAckP99Ms)}`,
    );
    console.log(`  all editors converged                             ${converged ? 'yes' : 'NO'}`);
    console.log(
      `  stored before edits                               ${beforeEdits.rows} rows, ${kb(beforeEdits.bytes)}`,
    );
    console.log(
      `  stored after edits (compacted past 200 rows)      ${afterEdits.rows} rows, ${kb(afterEdits.bytes)}`,
    );
    console.log(JSON.stringify(figures));
    if (!converged) process.exitCode = 1;
  } finally {
    await server.playfield.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
