/**
 * Scale over real sockets: the console's view as numbered patches (and a resync after a
 * gap), and an overloaded session refusing with BUSY while everything it acknowledged is
 * stored. Speed itself is measured by `npm run bench`, never here.
 */
import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  applyViewPatch,
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type FacilitatorView,
  type ServerToClientEvents,
  type ViewMessage,
  type ViewPatchMessage,
} from '@playfield/shared';
import { sessionQueue } from '../../server/src/sessions/liveSession.ts';
import { Repository } from '../../server/src/store/repository.ts';
import {
  emitAck,
  facilitatorOf,
  nextView,
  participantOf,
  startTestServer,
  type TestServer,
} from './harness.ts';

type PatchSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  sessionQueue.limit = 2_000;
  vi.restoreAllMocks();
  await server.close();
});

/** A console as the web client runs it: whole view first, then patches it applies. */
interface PatchConsole {
  socket: PatchSocket;
  view(): FacilitatorView | null;
  seq(): number;
  /** Whole views received (the first, and one per resync). */
  wholeViews(): number;
  patches(): number;
  /** Drops the next patch on the floor, as a lost message would; resolves once it has. */
  dropNextPatch(): Promise<void>;
  until(check: (view: FacilitatorView, seq: number) => boolean): Promise<FacilitatorView>;
}

function patchConsole(
  url: string,
  credential: ReturnType<typeof facilitatorOf>,
): Promise<PatchConsole> {
  const socket: PatchSocket = io(url, {
    auth: { protocolVersion: PROTOCOL_VERSION, credential, viewPatches: true },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  let view: FacilitatorView | null = null;
  let version = -1;
  let seq = 0;
  let whole = 0;
  let patches = 0;
  let onDropped: (() => void) | null = null;
  const waiters = new Set<() => void>();
  const changed = () => {
    for (const waiter of [...waiters]) waiter();
  };
  socket.on('view.facilitator', (message: ViewMessage<FacilitatorView>) => {
    whole++;
    view = message.view;
    version = message.version ?? -1;
    seq = message.seq;
    changed();
  });
  socket.on('view.facilitator.patch', (message: ViewPatchMessage) => {
    if (onDropped) {
      onDropped();
      onDropped = null;
      return;
    }
    if (!view || message.base !== version) {
      // A gap: ask for the whole view again, as the web client does.
      socket.emit('session.sync', { lastSeq: 0 }, () => undefined);
      return;
    }
    patches++;
    view = applyViewPatch(view, message.ops);
    version = message.version;
    seq = message.seq;
    changed();
  });
  const console: PatchConsole = {
    socket,
    view: () => view,
    seq: () => seq,
    wholeViews: () => whole,
    patches: () => patches,
    dropNextPatch: () => new Promise<void>((resolve) => (onDropped = resolve)),
    until: (check) =>
      new Promise((resolve, reject) => {
        const test = () => {
          if (view && check(view, seq)) {
            waiters.delete(test);
            clearTimeout(timer);
            resolve(view);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(test);
          reject(new Error(`The console never got there; last view ${JSON.stringify(view)}`));
        }, 10_000);
        waiters.add(test);
        test();
      }),
  };
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(console));
    socket.once('connect_error', reject);
  });
}

const respondents = (view: FacilitatorView): number =>
  view.round?.kind === 'poll' ? view.round.view.results.respondents : -1;

describe('the console view as patches', () => {
  it('ends with the same view a whole-view console gets, and resyncs after a lost patch', async () => {
    const session = await server.createSession();
    const patched = await patchConsole(server.url, facilitatorOf(session));
    const whole = await server.connect(facilitatorOf(session));
    try {
      const seats = await Promise.all(
        ['Ana', 'Ben', 'Chloé', 'Dev'].map((name) => server.join(session.code, name)),
      );
      const phones = await Promise.all(seats.map((seat) => server.connect(participantOf(seat))));
      await patched.until((view) => view.roster.filter((p) => p.isOnline).length === 4);
      expect(await emitAck(whole, 'session.control', { type: 'session.start' })).toMatchObject({
        ok: true,
      });
      const started = await patched.until((view) => !!view.round);
      const roundId = started.round?.id ?? '';

      // Two answers arrive as patches on the console.
      for (const [i, phone] of phones.slice(0, 2).entries())
        expect(
          await emitAck(phone, 'round.act', { roundId, action: { type: 'answer', choices: [i] } }),
        ).toMatchObject({ ok: true });
      await patched.until((view) => respondents(view) === 2);
      expect(patched.patches()).toBeGreaterThan(0);
      expect(patched.wholeViews()).toBe(1);

      // One patch is lost: the next does not follow, so the console asks for the whole view.
      const dropped = patched.dropNextPatch();
      const third = await emitAck(phones[2] as (typeof phones)[number], 'round.act', {
        roundId,
        action: { type: 'answer', choices: [2] },
      });
      expect(third).toMatchObject({ ok: true });
      await dropped;
      expect(respondents(patched.view() as FacilitatorView)).toBe(2);
      const last = await emitAck(phones[3] as (typeof phones)[number], 'round.act', {
        roundId,
        action: { type: 'answer', choices: [0] },
      });
      const lastSeq = last.ok ? last.data.seq : Infinity;
      const final = await patched.until((view, seq) => respondents(view) === 4 && seq >= lastSeq);
      expect(patched.wholeViews()).toBe(2);

      // The patched view is the whole view a console without patches holds at that seq.
      const reference = await nextView(whole, 'view.facilitator', (m) => m.seq >= lastSeq);
      expect(JSON.parse(JSON.stringify(final))).toEqual(JSON.parse(JSON.stringify(reference.view)));
    } finally {
      patched.socket.disconnect();
    }
  });
});

describe('an overloaded session', () => {
  it('refuses with BUSY past its queue, and stores everything it acknowledged', async () => {
    const session = await server.createSession();
    const facilitator = await server.connect(facilitatorOf(session));
    const seats = await Promise.all(
      Array.from({ length: 12 }, (_, i) => server.join(session.code, `Person ${i + 1}`)),
    );
    const phones = await Promise.all(seats.map((seat) => server.connect(participantOf(seat))));
    expect(await emitAck(facilitator, 'session.control', { type: 'session.start' })).toMatchObject({
      ok: true,
    });
    const started = await nextView(facilitator, 'view.facilitator', (m) => !!m.view.round);
    const roundId = started.view.round?.id ?? '';

    // Storage holds the first write until every answer has arrived, so the rest queue up.
    sessionQueue.limit = 4;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let isFirst = true;
    const { append } = Object.getOwnPropertyDescriptors(Repository.prototype);
    const store = append?.value as Repository['append'];
    vi.spyOn(Repository.prototype, 'append').mockImplementation(async function (
      this: Repository,
      ...args: Parameters<Repository['append']>
    ) {
      if (isFirst) {
        isFirst = false;
        await gate;
      }
      return store.apply(this, args);
    });
    const eventsBefore = server.countRows('events');

    const acks = phones.map((phone, i) =>
      emitAck(phone, 'round.act', { roundId, action: { type: 'answer', choices: [i % 3] } }),
    );
    // Every answer that is not queued is refused at once, before storage lets go.
    const early = await Promise.race([
      Promise.all(acks.slice(5)),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000)),
    ]).catch(() => null);
    release();
    const results = await Promise.all(acks);
    const busy = results.filter((r) => !r.ok && r.error.code === 'BUSY');
    const accepted = results.filter((r) => r.ok);
    expect(early).not.toBeNull();
    expect(busy.length).toBeGreaterThan(0);
    expect(accepted.length + busy.length).toBe(12);
    expect(busy[0]).toMatchObject({ ok: false, error: { code: 'BUSY' } });

    // What was acknowledged is stored, and nothing else: the log grew by the accepted
    // answers, and the console counts exactly them.
    expect(server.countRows('events') - eventsBefore).toBe(accepted.length);
    const lastSeq = Math.max(...accepted.map((r) => (r.ok ? r.data.seq : 0)));
    const { view } = await nextView(facilitator, 'view.facilitator', (m) => m.seq >= lastSeq);
    expect(respondents(view)).toBe(accepted.length);

    // Once the queue drains, a refused phone sends again and is accepted.
    const retried = await emitAck(phones[11] as (typeof phones)[number], 'round.act', {
      roundId,
      action: { type: 'answer', choices: [1] },
    });
    expect(retried).toMatchObject({ ok: true });
  });
});
