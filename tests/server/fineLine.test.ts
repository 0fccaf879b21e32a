/**
 * The Fine Line through real sockets: a facilitator opens the store, the server's own clock
 * moves it (the exercise's automation hook, no test sends a tick), four phones wait in line
 * as customers, one becomes store management and changes the staffing policy, the run ends
 * at closing time, a replay runs the same customers under another policy, and a kill -9
 * mid-run loses neither the clock, the line nor the shoppers. Every wait is on an ack or a
 * view; nothing sleeps.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ControlCommand,
  CreatedSession,
  CreateSessionBody,
  Credential,
  JoinedSeat,
  ParticipantOwnView,
  Result,
  ExerciseViews,
} from '@playfield/shared';
import {
  fineLine,
  type FineLineConfig,
  type ShopperStatus,
} from '@playfield/shared/exercises/fineLine/index';
import {
  exerciseView,
  createSessionAt,
  disconnected,
  emitAck,
  facilitatorOf,
  joinAt,
  nextView,
  participantOf,
  receivedViews,
  screenOf,
  startTestServer,
  type TestServer,
  type TestSocket,
  useChildServers,
} from './harness.ts';

/** 600 store minutes per real minute: a 5-minute step every 0.5 s, the 30 minutes in 3 s. */
const CONFIG: FineLineConfig = { ...fineLine.defaultConfig(), speed: 600, durationMinutes: 30 };

function fineLineAgenda(config: Partial<FineLineConfig> = {}): CreateSessionBody['agenda'] {
  return [{ kind: 'fineLine', title: 'Checkout', config: { ...CONFIG, ...config } }];
}

/** A sane alternative to the default policy: open early, with no delay. */
const EAGER = {
  openAtStart: 2,
  openThreshold: 2,
  openDelayMinutes: 0,
  maxRegisters: 6,
  costPerRegisterMinute: 0.5,
};

type Store = ExerciseViews<'fineLine'>['facilitator'];
type PublicStore = ExerciseViews<'fineLine'>['participantPublic'];
type OwnPart = ExerciseViews<'fineLine'>['participantOwn'];

/** The console's newest (or next) Fine Line view where `predicate` holds. */
async function consoleWhere(socket: TestSocket, predicate: (store: Store) => boolean) {
  const { seq, view } = await exerciseView(socket, 'view.facilitator', 'fineLine', predicate);
  return { seq, store: view };
}
/** Like {@link consoleWhere}, but only views broadcast from now on: "the clock moved again". */
async function nextConsoleWhere(socket: TestSocket, predicate: (store: Store) => boolean) {
  const { seq, view } = await exerciseView(socket, 'view.facilitator', 'fineLine', predicate, {
    isAfterNow: true,
  });
  return { seq, store: view };
}
const phoneWhere = async (socket: TestSocket, predicate: (store: PublicStore) => boolean) =>
  (await exerciseView(socket, 'view.public', 'fineLine', predicate)).view;
const screenWhere = async (socket: TestSocket, predicate: (store: PublicStore) => boolean) =>
  (await exerciseView(socket, 'view.screen', 'fineLine', predicate)).view;
/** A phone's own part; only sent when it differs from the blank one. */
const ownWhere = async (socket: TestSocket, predicate: (own: OwnPart) => boolean) =>
  (await exerciseView(socket, 'view.own', 'fineLine', predicate)).view;

/** A phone's own view, narrowed to the Fine Line. */
function ownPartOf(view: ParticipantOwnView): OwnPart | null {
  return view.round?.kind === 'fineLine' ? view.round.view : null;
}

/** The newest own part a phone has received, without waiting. */
function latestOwn(socket: TestSocket): OwnPart | null {
  const views = receivedViews(socket).filter((v) => v.event === 'view.own');
  const last = views.at(-1)?.message as { view: ParticipantOwnView } | undefined;
  return last ? ownPartOf(last.view) : null;
}

/** Every status a phone was shown, in order, repeats folded: its walk through the store. */
function walkOf(socket: TestSocket): ShopperStatus['kind'][] {
  const kinds = receivedViews(socket)
    .filter((v) => v.event === 'view.own')
    .map((v) => ownPartOf((v.message as { view: ParticipantOwnView }).view)?.status?.kind)
    .filter((k): k is ShopperStatus['kind'] => k !== undefined);
  return kinds.filter((k, i) => k !== kinds[i - 1]);
}

/** Whether `walk` holds arriving, then waiting, then at a register, in that order. */
function queuedThrough(walk: readonly string[]): boolean {
  const arriving = walk.indexOf('arriving');
  const waiting = walk.indexOf('waiting', arriving + 1);
  return arriving >= 0 && waiting > arriving && walk.indexOf('atRegister', waiting + 1) > waiting;
}

/**
 * The next tick's console view, once every phone has everything that tick sent it. A
 * phone's own view only comes when it changed, so rather than wait for one, each phone
 * asks to sync: the ack comes after whatever the server queued for it before, and says
 * whether the clock has moved on since (then the next tick is taken).
 */
async function settledTick(facilitator: TestSocket, phones: TestSocket[]) {
  for (;;) {
    const tick = await nextConsoleWhere(facilitator, (s) => s.status === 'running');
    const acks = await Promise.all(
      phones.map((p) => emitAck(p, 'session.sync', { lastSeq: tick.seq })),
    );
    if (acks.every((a) => a.ok && a.data.seq === tick.seq)) return tick;
  }
}

function act(
  socket: TestSocket,
  roundId: string,
  action: object,
): Promise<Result<{ seq: number }>> {
  return emitAck(socket, 'round.act', { roundId, action });
}

/** Acts and fails with the server's own words if the action is refused. */
async function mustAct(socket: TestSocket, roundId: string, action: object): Promise<number> {
  const result = await act(socket, roundId, action);
  if (!result.ok) {
    throw new Error(`${JSON.stringify(action)}: ${result.error.code} ${result.error.message}`);
  }
  return result.data.seq;
}

async function mustControl(socket: TestSocket, command: ControlCommand): Promise<number> {
  const result = await emitAck(socket, 'session.control', command);
  if (!result.ok) throw new Error(`${command.type}: ${result.error.code} ${result.error.message}`);
  return result.data.seq;
}

const refused = (code: string) => ({ ok: false, error: { code } });

const NAMES = ['Ada', 'Ben', 'Cleo', 'Dev'];

interface Room {
  session: CreatedSession;
  roundId: string;
  seats: JoinedSeat[];
  facilitator: TestSocket;
  phones: TestSocket[];
}

/** Connects the facilitator and every phone (again, after a restart). */
async function connectRoom(
  session: CreatedSession,
  seats: JoinedSeat[],
  connect: (credential: Credential) => Promise<TestSocket>,
): Promise<Omit<Room, 'roundId'>> {
  const facilitator = await connect(facilitatorOf(session));
  const phones = await Promise.all(seats.map((seat) => connect(participantOf(seat))));
  return { session, seats, facilitator, phones };
}

/** Creates the session with one Fine Line round, seats four phones and starts the session. */
async function openSession(
  url: string,
  connect: (credential: Credential) => Promise<TestSocket>,
): Promise<Room> {
  const session = await createSessionAt(url, { title: 'The fine line', agenda: fineLineAgenda() });
  const seats = await Promise.all(NAMES.map((name) => joinAt(url, session.code, name)));
  const connected = await connectRoom(session, seats, connect);
  await mustControl(connected.facilitator, { type: 'session.start' });
  const { view } = await nextView(connected.facilitator, 'view.facilitator', (m) => !!m.view.round);
  return { ...connected, roundId: view.round?.id ?? '' };
}

describe('the Fine Line, live', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('runs the store on the server’s clock, lets management set the policy and replays the same customers', async () => {
    const room = await openSession(server.url, (c) => server.connect(c));
    const screen = await server.connect(screenOf(room.session));
    const { roundId, facilitator, phones, seats } = room;
    const [ada, ben, cleo, dev] = phones as [TestSocket, TestSocket, TestSocket, TestSocket];

    // The store is set up but closed: nobody is in line and the clock stands still.
    const { store: ready } = await consoleWhere(facilitator, () => true);
    expect(ready).toMatchObject({ status: 'ready', clock: 0, speed: 600, durationMinutes: 30 });
    expect(ready.policy).toEqual(CONFIG.policy);
    expect(ready.people.map((p) => p.name).sort()).toEqual(NAMES);
    expect(ready.runs).toHaveLength(1);
    expect(ready.debrief).toBeNull();
    // A shopper is not the clock: phones cannot open the store, nor tick it along.
    expect(await act(ada, roundId, { type: 'start' })).toMatchObject(refused('FORBIDDEN'));
    expect(await act(ada, roundId, { type: 'tick', toClock: 10 })).toMatchObject(
      refused('FORBIDDEN'),
    );

    // Opening the store seats every phone among the simulated customers, still on its way.
    await mustAct(facilitator, roundId, { type: 'start' });
    for (const phone of phones) {
      const own = await ownWhere(phone, (o) => o.status !== null);
      expect(own.status?.kind).toBe('arriving');
      expect(own).toMatchObject({ isManager: false, visits: 1, mood: null });
    }
    expect(await act(facilitator, roundId, { type: 'start' })).toMatchObject(refused('CONFLICT'));

    // Nobody sends a tick: the server's clock moves the store by itself, step after step.
    const { store: first } = await consoleWhere(
      facilitator,
      (s) => s.status === 'running' && s.clock > 0,
    );
    const { store: second } = await consoleWhere(facilitator, (s) => s.clock > first.clock);
    expect(second.clock - first.clock).toBeCloseTo(5, 6);
    expect(second.points.length).toBeGreaterThan(first.points.length);

    // Pause while someone is standing in line, so what follows happens at one store time.
    const inLine = (o: OwnPart) => o.status?.kind === 'waiting' || o.status?.kind === 'atRegister';
    const queued = await Promise.any(phones.map((p) => ownWhere(p, inLine).then(() => p)));
    await mustAct(facilitator, roundId, { type: 'pause' });
    const { store: paused } = await consoleWhere(facilitator, (s) => s.status === 'paused');
    const shopper = phones.find((p) => {
      const own = latestOwn(p);
      return own !== null && inLine(own);
    });
    expect(shopper, 'a phone in line when the store paused').toBeDefined();
    expect(queued).toBeDefined();

    // A phone in line reports its mood; a second report right away is rate limited.
    await mustAct(shopper!, roundId, { type: 'mood', value: 2 });
    expect(await ownWhere(shopper!, (o) => o.mood === 2)).toMatchObject({ mood: 2 });
    const again = await act(shopper!, roundId, { type: 'mood', value: 1 });
    expect(again).toMatchObject(refused('RATE_LIMITED'));
    if (!again.ok) expect(again.error.message).toMatch(/moment/);
    expect(await act(shopper!, roundId, { type: 'mood', value: 9 })).toMatchObject(
      refused('BAD_REQUEST'),
    );
    // Only the management team sets the policy: Dev is a customer, not yet a manager.
    const forbidden = await act(dev, roundId, { type: 'policy', policy: EAGER });
    expect(forbidden).toMatchObject(refused('FORBIDDEN'));
    expect(await act(facilitator, roundId, { type: 'mood', value: 3 })).toMatchObject(
      refused('FORBIDDEN'),
    );

    // The facilitator makes Dev store management: Dev leaves the line and sets the policy.
    await mustAct(facilitator, roundId, {
      type: 'manager',
      participantId: seats[3]!.participantId,
      isManager: true,
    });
    expect(await ownWhere(dev, (o) => o.isManager)).toMatchObject({ status: null });
    await consoleWhere(facilitator, (s) => s.people.some((p) => p.name === 'Dev' && p.isManager));
    await mustAct(dev, roundId, { type: 'policy', policy: EAGER });
    const { store: changed } = await consoleWhere(facilitator, (s) => s.policy.openThreshold === 2);
    expect(changed.policy).toEqual(EAGER);
    expect(changed.clock).toBe(paused.clock);
    expect((await phoneWhere(dev, (s) => s.policy.openThreshold === 2)).policy).toEqual(EAGER);
    expect((await phoneWhere(ada, (s) => s.policy.openThreshold === 2)).policy).toEqual(EAGER);
    expect((await screenWhere(screen, (s) => s.policy.openThreshold === 2)).policy).toEqual(EAGER);

    // A policy that makes no sense is refused with a message a person can act on.
    const insane = await act(dev, roundId, {
      type: 'policy',
      policy: { ...EAGER, openAtStart: 5, maxRegisters: 2 },
    });
    expect(insane).toMatchObject(refused('BAD_REQUEST'));
    if (!insane.ok)
      expect(insane.error.message).toMatch(/5 registers open at the start, but the maximum is 2/);
    const negative = await act(facilitator, roundId, {
      type: 'policy',
      policy: { ...EAGER, openDelayMinutes: -3 },
    });
    expect(negative).toMatchObject(refused('BAD_REQUEST'));
    if (!negative.ok) expect(negative.error.message).toMatch(/0 minutes or more/);
    expect((await consoleWhere(facilitator, () => true)).store.policy).toEqual(EAGER);

    // Resume: the clock goes on by itself to closing time and stops there.
    await mustAct(facilitator, roundId, { type: 'resume' });
    const { store: closed } = await consoleWhere(facilitator, (s) => s.status === 'finished');
    expect(closed.clock).toBe(30);
    expect(closed.runs).toHaveLength(1);
    expect(closed.runs[0]).toMatchObject({ minutes: 30, policy: EAGER });
    expect(closed.debrief).not.toBeNull();
    // Phones walked through the store: on the way, in line, then at a register.
    const walks = [ada, ben, cleo].map(walkOf);
    expect(walks.some(queuedThrough), JSON.stringify(walks)).toBe(true);
    // A closed store takes no moods and no policies, and its clock stays at closing time.
    expect(await act(ada, roundId, { type: 'mood', value: 4 })).toMatchObject(refused('CONFLICT'));
    expect(await act(dev, roundId, { type: 'policy', policy: CONFIG.policy })).toMatchObject(
      refused('CONFLICT'),
    );

    // Replay the same customers under the default policy, with its own label.
    const label = 'Wait for six';
    await mustAct(facilitator, roundId, { type: 'replay', label, policy: CONFIG.policy });
    const { store: replayReady } = await consoleWhere(
      facilitator,
      (s) => s.runs.length === 2 && s.status === 'ready',
    );
    expect(replayReady).toMatchObject({ clock: 0, runLabel: label, policy: CONFIG.policy });
    expect(replayReady.debrief).toBeNull();
    await mustAct(facilitator, roundId, { type: 'start' });
    // The phones join the new run as customers again; the manager stays management.
    await ownWhere(ada, (o) => o.status?.kind === 'arriving');
    expect(await ownWhere(dev, () => true)).toMatchObject({ isManager: true, status: null });
    const { store: done } = await consoleWhere(
      facilitator,
      (s) => s.runs.length === 2 && s.status === 'finished',
    );

    // The comparison: two rows over the same 30 minutes and the same customers.
    const [mine, replayed] = done.runs as [Store['runs'][number], Store['runs'][number]];
    expect(mine).toMatchObject({ label: 'Wait for the line to grow', policy: EAGER, minutes: 30 });
    expect(replayed).toMatchObject({ label, policy: CONFIG.policy, minutes: 30 });
    expect(replayed.customers).toBe(mine.customers);
    expect(mine.customers).toBeGreaterThan(30);
    for (const row of [mine, replayed]) {
      expect(row.averageWait).toBeGreaterThanOrEqual(0);
      expect(row.worstWait).toBeGreaterThanOrEqual(row.averageWait);
      expect(row.pastPatienceShare).toBeGreaterThanOrEqual(0);
      expect(row.pastPatienceShare).toBeLessThanOrEqual(1);
      expect(row.staffingCost).toBeGreaterThan(0);
    }
    // Waiting for six keeps customers waiting longer than opening at two.
    expect(replayed.averageWait).toBeGreaterThan(mine.averageWait);

    // The debrief, in the runs' own numbers, reaches the console, the screen and the phones.
    const debrief = done.debrief ?? [];
    // Run 1's policy changed mid-run (management's phone at minute 10): the debrief says when.
    expect(debrief[0]).toMatch(
      /^Wait for the line to grow \(30 store minutes, policy changed at minute 10\): average wait/,
    );
    expect(debrief[1]).toMatch(/^Wait for six \(30 store minutes\)/);
    expect(debrief.join(' ')).toMatch(/a choice with a cost/);
    expect(
      (await screenWhere(screen, (s) => s.debrief !== null && s.runs.length === 2)).debrief,
    ).toEqual(debrief);
    expect((await phoneWhere(ben, (s) => s.debrief !== null && s.runs.length === 2)).runs).toEqual(
      done.runs,
    );
  });
});

describe('the Fine Line across a crash', () => {
  const servers = useChildServers();
  const start = (dataDir: string) => servers.start(dataDir);
  const connectAt = (url: string) => (credential: Credential) => servers.connect(url, credential);

  it('brings back the clock, the line and the shoppers after kill -9 mid-run, and the clock goes on', async () => {
    const dataDir = servers.newDataDir();
    const first = await start(dataDir);
    const room = await openSession(first.url, connectAt(first.url));
    const { roundId, facilitator } = room;
    // Slower, so the run is still going when the server comes back: 1 store minute a tick.
    await mustAct(facilitator, roundId, { type: 'speed', speed: 120 });
    await mustAct(facilitator, roundId, { type: 'start' });
    await consoleWhere(facilitator, (s) => s.clock >= 2);
    // Kill right after a tick, once every phone holds that tick's views: the next tick is
    // half a second away.
    const { seq, store: before } = await settledTick(facilitator, room.phones);
    const owns = room.phones.map((p) => latestOwn(p));
    expect(owns.every((own) => own?.status?.kind !== undefined)).toBe(true);
    const lost = [facilitator, ...room.phones].map((socket) => disconnected(socket));
    await first.kill();
    await Promise.all(lost);

    const second = await start(dataDir);
    const again = await connectRoom(room.session, room.seats, connectAt(second.url));
    const { seq: restoredSeq, store: after } = await consoleWhere(again.facilitator, () => true);
    expect(restoredSeq).toBe(seq);
    expect(after).toMatchObject({ status: 'running', speed: 120, clock: before.clock });
    expect(after.registers).toEqual(before.registers);
    expect(after.line).toEqual(before.line);
    expect(after.waitingCount).toBe(before.waitingCount);
    expect(after.points).toEqual(before.points);
    // Every phone is the same customer, at the same place in the store.
    for (const [i, phone] of again.phones.entries()) {
      expect(await ownWhere(phone, () => true)).toEqual(owns[i]);
    }
    // Nobody sends a tick: the restarted server's clock picks the run up by itself.
    const { store: later } = await consoleWhere(again.facilitator, (s) => s.clock > before.clock);
    expect(later.clock - before.clock).toBeCloseTo(1, 6);
    expect(later.status).toBe('running');
    await mustAct(again.facilitator, roundId, { type: 'finish' });
    await consoleWhere(again.facilitator, (s) => s.status === 'finished');
    await second.kill();
  });
});
