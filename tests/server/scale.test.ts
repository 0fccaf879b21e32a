/**
 * Scale over real sockets: the console's and the phones' views as numbered patches (and a
 * resync after a gap), and an overloaded session refusing with BUSY while everything it
 * acknowledged is stored. Speed itself is measured by `npm run bench`, never here.
 */
import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  applyViewPatch,
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type Credential,
  type FacilitatorView,
  type ParticipantPublicView,
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

/** The views a client may take as patches, with their events. */
const PATCHED = {
  facilitator: { whole: 'view.facilitator', patch: 'view.facilitator.patch' },
  participant: { whole: 'view.public', patch: 'view.public.patch' },
} as const;

/** A console or phone as the web client runs it: whole view first, then patches it applies. */
interface PatchClient<V> {
  socket: PatchSocket;
  view(): V | null;
  seq(): number;
  /** Whole views received (the first, and one per resync). */
  wholeViews(): number;
  patches(): number;
  /** The bytes of the patches' operations received, as JSON. */
  patchBytes(): number;
  /** Drops the next patch on the floor, as a lost message would; resolves once it has. */
  dropNextPatch(): Promise<void>;
  until(check: (view: V, seq: number) => boolean): Promise<V>;
}

function patchClient<V>(
  url: string,
  credential: Credential,
  events: (typeof PATCHED)[keyof typeof PATCHED],
): Promise<PatchClient<V>> {
  const socket: PatchSocket = io(url, {
    auth: { protocolVersion: PROTOCOL_VERSION, credential, viewPatches: true },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  // The two events' listeners are typed by name; the client handles both views alike.
  const listen = socket.on.bind(socket) as (event: string, listener: (m: never) => void) => void;
  let view: V | null = null;
  let version = -1;
  let seq = 0;
  let whole = 0;
  let patches = 0;
  let patchBytes = 0;
  let onDropped: (() => void) | null = null;
  const waiters = new Set<() => void>();
  const changed = () => {
    for (const waiter of [...waiters]) waiter();
  };
  listen(events.whole, (message: ViewMessage<V>) => {
    whole++;
    view = message.view;
    version = message.version ?? -1;
    seq = message.seq;
    changed();
  });
  listen(events.patch, (message: ViewPatchMessage) => {
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
    patchBytes += JSON.stringify(message.ops).length;
    view = applyViewPatch(view, message.ops);
    version = message.version;
    seq = message.seq;
    changed();
  });
  const client: PatchClient<V> = {
    socket,
    view: () => view,
    seq: () => seq,
    wholeViews: () => whole,
    patches: () => patches,
    patchBytes: () => patchBytes,
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
          reject(new Error(`The client never got there; last view ${JSON.stringify(view)}`));
        }, 10_000);
        waiters.add(test);
        test();
      }),
  };
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', reject);
  });
}

const respondents = (view: FacilitatorView): number =>
  view.round?.kind === 'poll' ? view.round.view.results.respondents : -1;

describe('the console view as patches', () => {
  it('ends with the same view a whole-view console gets, and resyncs after a lost patch', async () => {
    const session = await server.createSession();
    const patched = await patchClient<FacilitatorView>(
      server.url,
      facilitatorOf(session),
      PATCHED.facilitator,
    );
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

/** A session with its console, a phone that takes compact views (Ana) and one that does not (Ben). */
async function twoPhones() {
  const session = await server.createSession();
  const facilitator = await server.connect(facilitatorOf(session));
  const patched = await patchClient<ParticipantPublicView>(
    server.url,
    participantOf(await server.join(session.code, 'Ana')),
    PATCHED.participant,
  );
  const whole = await server.connect(participantOf(await server.join(session.code, 'Ben')));
  return { session, facilitator, patched, whole };
}

describe("the phones' shared view as patches", () => {
  it('patches a head count and a round change, and resyncs after a lost patch', async () => {
    const { facilitator, patched, whole, session } = await twoPhones();
    try {
      // Later joins reach the patched phone as a head count, not as its whole view again.
      await patched.until((view) => view.participantCount === 2);
      await Promise.all(['Chloé', 'Dev'].map((name) => server.join(session.code, name)));
      await patched.until((view) => view.participantCount === 4);
      expect(patched.wholeViews()).toBe(1);
      expect(patched.patches()).toBeGreaterThan(0);
      expect(patched.patchBytes()).toBeLessThan(200);

      const started = await emitAck(facilitator, 'session.control', { type: 'session.start' });
      expect(started).toMatchObject({ ok: true });
      await patched.until((view) => view.round?.kind === 'poll');

      // One patch is lost: the next does not follow, so the phone asks for the whole view.
      const dropped = patched.dropNextPatch();
      expect(await emitAck(facilitator, 'session.control', { type: 'round.next' })).toMatchObject({
        ok: true,
      });
      await dropped;
      const back = await emitAck(facilitator, 'session.control', { type: 'round.back' });
      const backSeq = back.ok ? back.data.seq : Infinity;
      const final = await patched.until((view, seq) => seq >= backSeq && !!view.round);
      expect(patched.wholeViews()).toBe(2);

      // The patched view is the whole view a phone without patches holds at that seq.
      const reference = await nextView(whole, 'view.public', (m) => m.seq >= backSeq);
      expect(JSON.parse(JSON.stringify(final))).toEqual(JSON.parse(JSON.stringify(reference.view)));
    } finally {
      patched.socket.disconnect();
    }
  });
});

describe("a phone back after the room's shared view changed without it", () => {
  it('starts from the current view, not the last one sent while it was there', async () => {
    const { facilitator, patched, whole, session } = await twoPhones();
    const cleo = participantOf(await server.join(session.code, 'Cleo'));
    const first = await patchClient<ParticipantPublicView>(server.url, cleo, PATCHED.participant);
    await first.until((view) => view.participantCount === 3);
    first.socket.disconnect();
    patched.socket.disconnect();
    whole.disconnect();
    // Every phone is gone: the round starts with nobody to send the shared view to.
    const started = await emitAck(facilitator, 'session.control', { type: 'session.start' });
    expect(started).toMatchObject({ ok: true });
    await nextView(facilitator, 'view.facilitator', (m) => m.view.round?.kind === 'poll');

    const back = await patchClient<ParticipantPublicView>(server.url, cleo, PATCHED.participant);
    try {
      await back.until((view) => view.round?.kind === 'poll');
      expect(back.wholeViews()).toBe(1);
      expect(back.patches()).toBe(0);
    } finally {
      back.socket.disconnect();
    }
  });
});

describe("a phone's own view in its action's acknowledgement", () => {
  it('comes in the ack to a phone that takes compact views, and as a message to the rest', async () => {
    const { facilitator, patched, whole } = await twoPhones();
    try {
      let ownMessages = 0;
      patched.socket.on('view.own', () => void ownMessages++);
      await emitAck(facilitator, 'session.control', { type: 'session.start' });
      const { round } = await patched.until((v) => v.round?.kind === 'poll');
      const roundId = round?.id ?? '';
      const before = ownMessages;

      const ack = await emitAck(patched.socket, 'round.act', {
        roundId,
        action: { type: 'answer', choices: [1] },
      });
      expect(ack).toMatchObject({
        ok: true,
        data: {
          own: { view: { name: 'Ana', round: { view: { choices: [1] } } } },
        },
      });

      // A phone without compact views gets its own view as a message of its own.
      const other = await emitAck(whole, 'round.act', {
        roundId,
        action: { type: 'answer', choices: [0] },
      });
      expect(other.ok && other.data.own).toBe(undefined);
      const otherSeq = other.ok ? other.data.seq : Infinity;
      await nextView(whole, 'view.own', (m) => m.seq >= otherSeq);
      // Anything sent to the first phone before this ack has arrived by now: no second message.
      await emitAck(patched.socket, 'session.sync', { lastSeq: Number.MAX_SAFE_INTEGER });
      expect(ownMessages).toBe(before);
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
