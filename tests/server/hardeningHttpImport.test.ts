/**
 * Hardening of the HTTP API, over real HTTP against real servers: notebook imports (rate,
 * size and nesting bounded before parsing, a facilitator credential, one transaction, a
 * storage quota), join allowances that a client cannot dodge by changing its device id,
 * QR joins that wrong-code guessing on the same address cannot block, `no-store` on API
 * answers, the Host allowlist, and plans closed to seats that left.
 *
 * This file covers notebook imports (rate, size and nesting bounded before parsing, a facilitator credential, one transaction, a storage quota); the other hardeningHttp*.test.ts files cover the rest.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type CreatedSession, type SessionListing } from '@playfield/shared';
import { addNotebookBlock, initNotebook } from '@playfield/shared/notebooks/notebook';
import { childServerArgs, createSessionAt, postJson, requestJson } from './harness.ts';
import { cleanups, server, serverWith } from './hardeningHttpFixtures.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Child {
  url: string;
  dataDir: string;
  /** The server's resident memory now, in MB, from /proc. */
  rssMb(): number;
  countSessions(): number;
}

/**
 * The server as its own process (the bundle or the sources, see `childServerArgs`), so its memory is measured apart
 * from the test's and a freeze shows as unanswered requests.
 */
async function childServer(env: Record<string, string> = {}): Promise<Child> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'playfield-hardening-'));
  const child: ChildProcess = spawn(process.execPath, childServerArgs(), {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CLIENT_DIR: '',
      PUBLIC_URL: '',
      QUIET: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No start in 60 s:\n${output}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at http:\/\/localhost:(\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`Exited (${code}):\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    rssMb() {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
    },
    countSessions() {
      const db = new SQLite(path.join(dataDir, 'playfield.db'), { readonly: true });
      try {
        return (db.prepare('select count(*) as n from sessions').get() as { n: number }).n;
      } finally {
        db.close();
      }
    },
  };
}

/**
 * Times GET `url` in a loop from a separate process until `stop()`, which resolves with
 * every answer's milliseconds (a failed request counts as a very slow one).
 */
function startHealthProbe(url: string): { stop(): Promise<number[]> } {
  const script = `
    let isRunning = true;
    const times = [];
    process.stdin.on('data', () => (isRunning = false));
    (async () => {
      while (isRunning) {
        const started = performance.now();
        try { await (await fetch(${JSON.stringify(url)})).text(); } catch { times.push(1e9); continue; }
        times.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 20));
      }
      process.stdout.write(JSON.stringify(times));
      process.exit(0);
    })();`;
  const probe = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  probe.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => probe.once('exit', () => resolve()));
  cleanups.push(async () => {
    if (probe.exitCode === null) probe.kill('SIGKILL');
    await exited;
  });
  return {
    async stop() {
      probe.stdin?.write('stop\n');
      await exited;
      return JSON.parse(output || '[]') as number[];
    },
  };
}

// Notebook archives ----------------------------------------------------------------------

/** A notebook archive as the export writes it, with a Yjs state of the caller's choosing. */
function archiveOf(state: Uint8Array, title = 'Team notes'): Record<string, unknown> {
  return {
    format: 'playfield-notebook',
    version: 1,
    exportedAt: new Date().toISOString(),
    title,
    notebook: { title, blocks: [] },
    yjs: Buffer.from(state).toString('base64'),
  };
}

/** A readable notebook with `notes` notes of `size` characters each. */
function notebookState(notes = 2, size = 40): Uint8Array {
  const doc = new Y.Doc();
  initNotebook(doc, { title: 'Team notes', sessionId: 'old', code: 'ABC234', createdAt: 0 });
  for (let i = 0; i < notes; i++)
    addNotebookBlock(doc, { id: `n${i}`, type: 'note', text: `${i} ${'x'.repeat(size)}` }, i);
  return Y.encodeStateAsUpdate(doc);
}

/** The credential headers that prove a facilitator of this server. */
const asFacilitator = (session: CreatedSession) => ({
  authorization: `Bearer ${session.facilitatorToken}`,
  'x-playfield-session': session.sessionId,
});

/** Resolves with the milliseconds a request took, and its status. */
async function timed(
  run: () => Promise<{ status: number }>,
): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const { status } = await run();
  return { ms: performance.now() - started, status };
}

describe('notebook import', () => {
  it('refuses 8 concurrent 12 MB nested bodies fast, keeps answering /healthz, and stays small', async () => {
    const child = await childServer();
    const own = await createSessionAt(child.url);
    const before = child.rssMb();
    // 12 MB of `[`: JSON.parse would build twelve million arrays from each.
    // One buffer for every request, so the test spends no time encoding bodies.
    const nested = Buffer.from(
      `{"format":"playfield-notebook","notebook":${'['.repeat(12_000_000)}`,
    );
    const flood = (headers: Record<string, string>) =>
      timed(() =>
        fetch(`${child.url}/api/notebooks/import`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: nested,
        }).then(
          async (r) => ({ status: r.status, body: await r.text() }),
          // The server may answer and close before reading the rest of a body it refuses:
          // the sender then sees its write fail (EPIPE), counted as status 0.
          () => ({ status: 0, body: '' }),
        ),
      );

    // /healthz is timed from a process of its own: this one is busy sending the bodies.
    const probe = startHealthProbe(`${child.url}/healthz`);
    let peakRss = before;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, child.rssMb())), 20);
    cleanups.push(() => clearInterval(sampler));
    const started = performance.now();
    // Eight from a facilitator (anyone can create a session), then eight from nobody.
    const withCredential = await Promise.all(
      Array.from({ length: 8 }, () => flood(asFacilitator(own))),
    );
    const withoutCredential = await Promise.all(Array.from({ length: 8 }, () => flood({})));
    const elapsed = performance.now() - started;
    clearInterval(sampler);
    const health = await probe.stop();

    console.log(
      `[import flood] 16 bodies of 12 MB refused in ${elapsed.toFixed(0)} ms ` +
        `(${withCredential.map((r) => r.status).join(' ')} / ${withoutCredential.map((r) => r.status).join(' ')}); ` +
        `/healthz answered ${health.length} times, slowest ${Math.max(...health).toFixed(0)} ms; ` +
        `server RSS ${before.toFixed(0)} MB, peak ${peakRss.toFixed(0)} MB`,
    );
    for (const { status } of withCredential) expect([400, 429, 0]).toContain(status);
    for (const { status } of withoutCredential) expect([401, 0]).toContain(status);
    // Before the fix: 41 s of a frozen server at 2.2 GB. The bounds leave room for npm test's
    // three lanes on two cores; what counts is that the server never stops answering.
    expect(elapsed).toBeLessThan(30_000);
    expect(health.length).toBeGreaterThan(0);
    expect(Math.max(...health)).toBeLessThan(5_000);
    expect(peakRss - before).toBeLessThan(200);
    expect(child.countSessions()).toBe(1);
  }, 60_000);

  it('answers 401 to an import without a facilitator credential, and stores nothing', async () => {
    const test = await server();
    const own = await test.createSession();
    const body = archiveOf(notebookState());
    const url = `${test.url}/api/notebooks/import`;

    expect((await postJson(url, body)).status).toBe(401);
    // A token of another session, or a participant's resume token, is no credential.
    const other = await test.createSession();
    const wrongPair = {
      authorization: `Bearer ${other.facilitatorToken}`,
      'x-playfield-session': own.sessionId,
    };
    expect((await postJson(url, body, wrongPair)).status).toBe(401);
    const seat = await test.join(own.code, 'Ana');
    const asSeat = {
      authorization: `Bearer ${seat.resumeToken}`,
      'x-playfield-session': own.sessionId,
    };
    expect((await postJson(url, body, asSeat)).status).toBe(401);
    expect(test.countRows('sessions')).toBe(2);

    const imported = await postJson(url, body, asFacilitator(own));
    expect(imported.status).toBe(201);
    expect(test.countRows('sessions')).toBe(3);
  });

  it('leaves no session behind when it refuses an archive', async () => {
    const test = await server();
    const own = await test.createSession();
    const url = `${test.url}/api/notebooks/import`;
    // An update that builds on edits it does not carry: Yjs reads it without an error and
    // keeps it pending, so nothing of it can be read.
    const doc = new Y.Doc();
    initNotebook(doc, { title: 'Team notes', sessionId: 'old', code: 'ABC234', createdAt: 0 });
    const before = Y.encodeStateVector(doc);
    addNotebookBlock(doc, { id: 'n1', type: 'note', text: 'later' }, 0);
    const dependent = Y.encodeStateAsUpdate(doc, before);

    // Results crafted to break the readers: a control chart without its markers.
    const crafted = new Y.Doc();
    initNotebook(crafted, { title: 'Crafted', sessionId: 'old', code: 'ABC234', createdAt: 0 });
    const round = new Y.Map<unknown>();
    crafted.getArray('blocks').push([round]);
    for (const [key, value] of Object.entries({
      id: 'round-x',
      type: 'round',
      roundId: 'x',
      title: 'Red beads',
      kind: 'redBead',
      createdAt: 0,
      summary: JSON.stringify({
        headline: 'h',
        blocks: [{ type: 'controlChart', chart: { title: 'np', points: [] } }],
      }),
    }))
      round.set(key, value);

    const refused = [
      await postJson(url, archiveOf(dependent), asFacilitator(own)),
      await postJson(url, archiveOf(new Uint8Array([1, 2, 3, 4, 5])), asFacilitator(own)),
      await postJson(url, { ...archiveOf(notebookState()), version: 2 }, asFacilitator(own)),
      await postJson(url, archiveOf(Y.encodeStateAsUpdate(crafted)), asFacilitator(own)),
    ];
    expect(refused.map((r) => r.status)).toEqual([400, 400, 400, 400]);
    expect(test.countRows('sessions')).toBe(1);
    expect(test.countRows('events')).toBe(1);
  });

  it('imports in one piece: an ended session with a clean title and its notebook', async () => {
    const test = await server();
    const own = await test.createSession();
    const archive = archiveOf(notebookState(), '  Team\u200B notes\u0007\u202E  from\n\nMay ');
    const imported = await postJson(
      `${test.url}/api/notebooks/import`,
      archive,
      asFacilitator(own),
    );
    expect(imported.status).toBe(201);
    const created = imported.body as CreatedSession;
    const listed = await postJson(`${test.url}/api/facilitator/sessions`, {
      sessions: [{ sessionId: created.sessionId, token: created.facilitatorToken }],
    });
    const [listing] = (listed.body as { sessions: SessionListing[] }).sessions;
    expect(listing).toMatchObject({ title: 'Team notes from May', phase: 'ended' });
    expect(test.countRows('events')).toBe(1 + 2);
    const exported = await requestJson(`${test.url}/api/notebooks/${created.sessionId}/export/md`, {
      headers: { authorization: `Bearer ${created.facilitatorToken}` },
    });
    expect(exported.status).toBe(200);
    expect(String(exported.body)).toContain('1 xxxx');
  });

  it('answers 413 from the declared length alone, before the body arrives', async () => {
    const test = await server();
    const own = await test.createSession();
    const { port } = new URL(test.url);
    const started = performance.now();
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/notebooks/import',
        headers: {
          'content-type': 'application/json',
          'content-length': String(500 * 1024 * 1024),
          ...asFacilitator(own),
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('{"format":');
    });
    expect(status).toBe(413);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('bounds the bytes one address stores a day, across imports and new sessions', async () => {
    const { url } = await serverWith({ storedBytesPerDayPerAddress: 300_000 });
    const own = await createSessionAt(url);
    // About 100 KB of notebook each.
    const archive = archiveOf(notebookState(100, 1_000));
    const results = [];
    for (let i = 0; i < 3; i++)
      results.push(
        (await postJson(`${url}/api/notebooks/import`, archive, asFacilitator(own))).status,
      );
    expect(results).toEqual([201, 201, 429]);
    // What is left still holds a small session, but never another notebook today.
    const created = await postJson(`${url}/api/sessions`, { title: 'Another', agenda: [] });
    expect(created.status).toBe(201);
    const last = await postJson(`${url}/api/notebooks/import`, archive, asFacilitator(own));
    expect(last.status).toBe(429);
  });
});
