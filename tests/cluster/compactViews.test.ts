/**
 * Compact views across processes: a console on A and a phone on B take patches of their
 * views (as the web client does) while the session's owner may be any of three processes.
 * The owner learns from the socket's identity that they take patches, so each gets one whole,
 * numbered view and then patches, not unnumbered whole views that every patch would miss.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type CreatedSession, type Credential } from '@playfield/shared';
import {
  connectTo,
  createSessionAt,
  emitAck,
  facilitatorOf,
  joinAt,
  participantOf,
  pollRound,
  type TestSocket,
} from '../server/harness.ts';
import {
  hasServices,
  SKIP_REASON,
  startProcess,
  until,
  type ClusterProcess,
} from './clusterHarness.ts';

if (!hasServices) console.warn(SKIP_REASON);

/** A socket that takes compact views, counting the whole views and patches it is sent. */
async function compactClient(url: string, credential: Credential, events: [string, string]) {
  const socket = await connectTo(url, credential, {
    auth: { protocolVersion: PROTOCOL_VERSION, credential, viewPatches: true },
  });
  const counts = { whole: 0, patches: 0, versions: [] as (number | undefined)[] };
  /** The first whole view's message, as sent. */
  let first: { version?: number; view?: { agenda?: { id: string }[] } } | null = null;
  const [whole, patch] = events;
  const listen = socket.on.bind(socket) as (event: string, run: (m: never) => void) => void;
  listen(whole, (message: { version?: number; view?: { agenda?: { id: string }[] } }) => {
    counts.whole++;
    counts.versions.push(message.version);
    first ??= message;
  });
  listen(patch, () => void counts.patches++);
  return { socket, counts, first: () => first };
}

describe.skipIf(!hasServices)('compact views on other processes', () => {
  let processes: ClusterProcess[] = [];
  let session: CreatedSession;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    processes = await Promise.all(['A', 'B', 'C'].map((name) => startProcess(name)));
    const c = processes[2] as ClusterProcess;
    // Made and first needed on C, so C likely owns it while the clients sit on A and B.
    session = await createSessionAt(c.url, { title: 'Compact views', agenda: [pollRound()] });
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all(processes.map((p) => p.kill()));
  });

  it('sends each one whole numbered view, then patches', async () => {
    const [a, b] = processes as [ClusterProcess, ClusterProcess];
    const seat = await joinAt(b.url, session.code, 'Ada');
    const console = await compactClient(a.url, facilitatorOf(session), [
      'view.facilitator',
      'view.facilitator.patch',
    ]);
    const phone = await compactClient(b.url, participantOf(seat), [
      'view.public',
      'view.public.patch',
    ]);
    sockets.push(console.socket, phone.socket);
    // Minutes, not seconds, on a machine shared with CI's other lanes.
    await until(
      'both first views',
      () => Promise.resolve(console.counts.whole > 0 && phone.counts.whole > 0),
      60_000,
    );

    expect(
      await emitAck(console.socket, 'session.control', { type: 'session.start' }),
    ).toMatchObject({ ok: true });
    await until(
      'the round reaching both as patches',
      () => Promise.resolve(console.counts.patches > 0 && phone.counts.patches > 0),
      60_000,
    );
    // Ada answers, on whichever process owns the session.
    const roundId = console.first()?.view?.agenda?.[0]?.id ?? '';
    const answer = await emitAck(phone.socket, 'round.act', {
      roundId,
      action: { type: 'answer', choices: [1] },
    });
    expect(answer).toMatchObject({ ok: true });
    await until(
      'the answer reaching the console as a patch',
      () => Promise.resolve(console.counts.patches > 1),
      60_000,
    );

    // Every whole view each was handed is numbered, so the patches that follow apply to it.
    expect(console.counts.versions.every((v) => typeof v === 'number')).toBe(true);
    expect(phone.counts.versions.every((v) => typeof v === 'number')).toBe(true);
  });
});
