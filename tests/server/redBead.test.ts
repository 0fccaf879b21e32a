/**
 * The Red Bead Experiment through real sockets: a facilitator, a room screen and twelve
 * phones run the classic four days; the same seed gives the same beads in any session
 * and in a replay of the stored log; a kill -9 mid-day loses nothing; demo mode runs a day
 * on its own. Every wait is on an ack or a view; nothing sleeps.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  replay,
  type ControlCommand,
  type CreatedSession,
  type CreateSessionBody,
  type Credential,
  type JoinedSeat,
  type Result,
  type ExerciseViews,
} from '@playfield/shared';
import type { RedBeadConfig, RedBeadState } from '../../shared/src/exercises/redBead/index.ts';
import {
  exerciseView,
  createSessionAt,
  disconnected,
  emitAck,
  facilitatorOf,
  joinAt,
  nextView,
  participantOf,
  screenOf,
  startTestServer,
  type TestServer,
  type TestSocket,
  useChildServers,
} from './harness.ts';

const CONFIG: RedBeadConfig = {
  beads: 4000,
  redSharePercent: 20,
  paddleHoles: 50,
  workers: 6,
  days: 4,
  hasMechanicalBias: false,
  seed: 'it-seed',
};

function redBeadAgenda(config: Partial<RedBeadConfig> = {}): CreateSessionBody['agenda'] {
  return [{ kind: 'redBead', title: 'Red beads', config: { ...CONFIG, ...config } }];
}

// The round's part of each audience's view, narrowed to the Red Bead Experiment.
type Plant = ExerciseViews<'redBead'>['facilitator'];
type PublicPlant = ExerciseViews<'redBead'>['participantPublic'];
type OwnPart = ExerciseViews<'redBead'>['participantOwn'];

/** The console's newest (or next) Red Bead view where `predicate` holds. */
async function consoleWhere(socket: TestSocket, predicate: (plant: Plant) => boolean) {
  const { seq, view } = await exerciseView(socket, 'view.facilitator', 'redBead', predicate);
  return { seq, plant: view };
}
const phoneWhere = async (socket: TestSocket, predicate: (plant: PublicPlant) => boolean) =>
  (await exerciseView(socket, 'view.public', 'redBead', predicate)).view;
const screenWhere = async (socket: TestSocket, predicate: (plant: PublicPlant) => boolean) =>
  (await exerciseView(socket, 'view.screen', 'redBead', predicate)).view;
/** A phone's own part; only sent when it differs from the blank (observer) one. */
const ownWhere = async (socket: TestSocket, predicate: (own: OwnPart) => boolean) =>
  (await exerciseView(socket, 'view.own', 'redBead', predicate)).view;

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
const round1 = (n: number) => Math.round(n * 10) / 10;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

const WORKER_NAMES = ['Ada', 'Ben', 'Cleo', 'Dev', 'Eve', 'Finn'];

/** Who plays what: six willing workers, two inspectors, a chief, a recorder, two observers. */
interface Cast {
  workers: JoinedSeat[];
  inspectors: JoinedSeat[];
  chief: JoinedSeat;
  recorder: JoinedSeat;
  observers: JoinedSeat[];
}

interface Room {
  session: CreatedSession;
  roundId: string;
  cast: Cast;
  facilitator: TestSocket;
  /** Each participant's socket by participant id. */
  phones: Map<string, TestSocket>;
  /** The room screen, when the test watches it. */
  screen?: TestSocket;
}

function phone(room: Room, seat: JoinedSeat): TestSocket {
  const socket = room.phones.get(seat.participantId);
  if (!socket) throw new Error(`No phone for ${seat.name}`);
  return socket;
}

async function joinCast(url: string, code: string): Promise<Cast> {
  const join = (name: string) => joinAt(url, code, name);
  const [workers, inspectors, [chief], [recorder], observers] = await Promise.all([
    Promise.all(WORKER_NAMES.map(join)),
    Promise.all(['Ines', 'Ivo'].map(join)),
    Promise.all(['Kai'].map(join)),
    Promise.all(['Rosa'].map(join)),
    Promise.all(['Omar', 'Olga'].map(join)),
  ]);
  return { workers, inspectors, chief: chief!, recorder: recorder!, observers };
}

function seatsOf(cast: Cast): JoinedSeat[] {
  return [...cast.workers, ...cast.inspectors, cast.chief, cast.recorder, ...cast.observers];
}

/** Connects the facilitator and every phone of the cast (again, after a restart). */
async function connectRoom(
  session: CreatedSession,
  cast: Cast,
  connect: (credential: Credential) => Promise<TestSocket>,
): Promise<Omit<Room, 'roundId'>> {
  const facilitator = await connect(facilitatorOf(session));
  const phones = new Map(
    await Promise.all(
      seatsOf(cast).map(
        async (seat) => [seat.participantId, await connect(participantOf(seat))] as const,
      ),
    ),
  );
  return { session, cast, facilitator, phones };
}

/** Creates the session, seats the cast, starts the round and hands out the roles. */
async function openPlant(
  url: string,
  connect: (credential: Credential) => Promise<TestSocket>,
): Promise<Room> {
  const session = await createSessionAt(url, { title: 'The plant', agenda: redBeadAgenda() });
  const cast = await joinCast(url, session.code);
  const connected = await connectRoom(session, cast, connect);
  await mustControl(connected.facilitator, { type: 'session.start' });
  const { view } = await nextView(connected.facilitator, 'view.facilitator', (m) => !!m.view.round);
  const room = { ...connected, roundId: view.round?.id ?? '' };

  const assign = (role: string, slot: number, seat: JoinedSeat) =>
    mustAct(room.facilitator, room.roundId, {
      type: 'assign',
      role,
      slot,
      participantId: seat.participantId,
    });
  for (const [slot, seat] of cast.workers.entries()) await assign('worker', slot, seat);
  for (const [slot, seat] of cast.inspectors.entries()) await assign('inspector', slot, seat);
  await assign('chief', 0, cast.chief);
  await assign('recorder', 0, cast.recorder);

  const { plant } = await consoleWhere(room.facilitator, (p) => p.roles.recorder !== null);
  expect(plant.roles).toEqual({
    workers: cast.workers.map((seat, slot) => ({
      slot,
      workerId: 'ABCDEF'[slot],
      participantId: seat.participantId,
    })),
    inspectors: cast.inspectors.map((seat) => seat.participantId),
    chief: cast.chief.participantId,
    recorder: cast.recorder.participantId,
  });
  return room;
}

/** One recorded paddle as the players saw it. */
interface Draw {
  index: number;
  workerId: string;
  red: number;
}

/**
 * Plays the turn of paddle `index`: the current worker dips on the phone (nobody else may,
 * nor may they dip twice), both inspectors confirm, the chief inspector announces.
 * `isDetailed` also checks what each screen shows along the way.
 */
async function playTurn(room: Room, index: number, isDetailed = false): Promise<Draw> {
  const { roundId, facilitator, cast } = room;
  const { plant } = await consoleWhere(
    facilitator,
    (p) => p.stage === 'working' && p.chart.points.length === index && p.currentWorkerId !== null,
  );
  const workerId = plant.currentWorkerId!;
  const slot = plant.roles.workers.find((w) => w.workerId === workerId);
  const worker = cast.workers.find((seat) => seat.participantId === slot?.participantId);
  if (!worker) throw new Error(`Worker ${workerId} has no phone`);
  const others = cast.workers.filter((seat) => seat !== worker);

  // Another worker (on day 4 possibly a fired one) cannot dip in their place.
  expect(
    await act(phone(room, others[index % others.length]!), roundId, { type: 'dip' }),
  ).toMatchObject(refused('FORBIDDEN'));
  await mustAct(phone(room, worker), roundId, { type: 'dip' });
  // Once per turn: the paddle now waits for the inspectors.
  expect(await act(phone(room, worker), roundId, { type: 'dip' })).toMatchObject(
    refused('FORBIDDEN'),
  );

  // The worker's phone shows the paddle, red beads counted from the beads themselves.
  const seen = await phoneWhere(phone(room, worker), (p) => p.paddle?.index === index);
  const paddle = seen.paddle!;
  expect(paddle).toMatchObject({ workerId, isRecorded: false, confirmations: 0 });
  expect(paddle.beads).toHaveLength(seen.system.paddleHoles);
  expect(paddle.beads.filter((b) => b === 'red')).toHaveLength(paddle.red);
  expect(seen.currentWorkerId).toBeNull();

  const [first, second] = cast.inspectors.map((seat) => phone(room, seat));
  const chief = phone(room, cast.chief);
  // Each new paddle reaches both inspectors' phones unconfirmed, whoever confirmed the last.
  await Promise.all(
    [first!, second!].map((socket) =>
      ownWhere(socket, (own) => own.role === 'inspector' && !own.hasConfirmed),
    ),
  );
  await mustAct(first!, roundId, { type: 'confirm', drawIndex: index });
  if (isDetailed) {
    expect(await act(first!, roundId, { type: 'confirm', drawIndex: index })).toMatchObject(
      refused('CONFLICT'),
    );
    // The chief announces only once both inspectors have counted.
    expect(await act(chief, roundId, { type: 'confirm', drawIndex: index })).toMatchObject(
      refused('CONFLICT'),
    );
    await ownWhere(first!, (own) => own.hasConfirmed);
    // The room sees the paddle being inspected.
    if (room.screen) {
      const onScreen = await screenWhere(
        room.screen,
        (p) => p.paddle?.index === index && p.paddle.confirmations === 1,
      );
      expect(onScreen.paddle).toMatchObject({ beads: paddle.beads, isRecorded: false });
    }
  }
  await mustAct(second!, roundId, { type: 'confirm', drawIndex: index });
  await mustAct(chief, roundId, { type: 'confirm', drawIndex: index });
  return { index, workerId, red: paddle.red };
}

/** Starts a day (from between days or from predictions) and plays its turns. */
async function playDay(room: Room, firstIndex: number, turns: number): Promise<Draw[]> {
  await mustAct(room.facilitator, room.roundId, { type: 'startDay' });
  const draws: Draw[] = [];
  for (let t = 0; t < turns; t++) draws.push(await playTurn(room, firstIndex + t, t === 0));
  return draws;
}

/** Management's ranking: fewest red per paddle first, ties by slot. */
function rankWorkers(draws: Draw[]): string[] {
  const ids = [...new Set(draws.map((d) => d.workerId))];
  const average = (id: string) => mean(draws.filter((d) => d.workerId === id).map((d) => d.red));
  return ids.sort((a, b) => average(a) - average(b) || a.localeCompare(b));
}

describe('the Red Bead Experiment, live', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('runs the classic four days with roles, inspection, interventions and a debrief in the run’s numbers', async () => {
    const room: Room = await openPlant(server.url, (c) => server.connect(c));
    room.screen = await server.connect(screenOf(room.session));
    const { roundId, facilitator, cast } = room;
    const recorder = phone(room, cast.recorder);
    const nameOf = (workerId: string) => WORKER_NAMES['ABCDEF'.indexOf(workerId)];

    // Everyone's phone knows their part; observers hold the blank (observer) view.
    for (const [slot, seat] of cast.workers.entries()) {
      expect(await ownWhere(phone(room, seat), (o) => o.role === 'worker')).toMatchObject({
        workerId: 'ABCDEF'[slot],
      });
    }
    await ownWhere(phone(room, cast.chief), (o) => o.role === 'chief');
    await ownWhere(recorder, (o) => o.role === 'recorder');

    // Before day 1, management sets a quota and posts a slogan.
    await mustAct(facilitator, roundId, { type: 'quota', max: 3 });
    await mustAct(facilitator, roundId, { type: 'slogan', text: 'Zero defects!' });
    const day1 = await playDay(room, 0, 6);
    const praised = rankWorkers(day1)[0]!;
    await consoleWhere(facilitator, (p) => p.stage === 'dayEnded' && p.day === 1);
    // The recorder's board has one count per worker for day 1.
    const board1 = await phoneWhere(recorder, (p) => p.table.rows.every((r) => r.cells[0]?.length));
    expect(board1.table.columns).toEqual(['Worker', 'Day 1', 'Day 2', 'Day 3', 'Day 4', 'Total']);
    expect(board1.table.rows.map((r) => [r.name, r.cells[0], r.total])).toEqual(
      WORKER_NAMES.map((name, slot) => {
        const red = day1.find((d) => d.workerId === 'ABCDEF'[slot])!.red;
        return [name, [red], red];
      }),
    );

    // After day 1: praise for the best; observers predict day 2.
    await mustAct(facilitator, roundId, { type: 'reward', kind: 'praise' });
    await mustAct(facilitator, roundId, { type: 'openPredictions' });
    const [omar, olga] = cast.observers.map((seat) => phone(room, seat));
    await mustAct(omar!, roundId, { type: 'predict', day: 2, bestWorkerId: 'A', trend: 'better' });
    await mustAct(olga!, roundId, { type: 'predict', day: 2, bestWorkerId: 'B', trend: 'worse' });
    expect(
      await act(phone(room, cast.workers[0]!), roundId, {
        type: 'predict',
        day: 2,
        bestWorkerId: 'A',
        trend: null,
      }),
    ).toMatchObject(refused('FORBIDDEN'));
    expect(await ownWhere(omar!, (o) => o.prediction !== null)).toMatchObject({
      role: 'observer',
      prediction: { bestWorkerId: 'A', trend: 'better' },
    });
    await consoleWhere(facilitator, (p) => p.predictionsToday === 2);
    const day2 = await playDay(room, 6, 6);

    // After day 2 the observers see how their forecasts fared.
    const fared = await phoneWhere(omar!, (p) => p.stage === 'dayEnded' && p.day === 2);
    const fewest = Math.min(...day2.map((d) => d.red));
    const bestOfDay2 = day2.filter((d) => d.red === fewest).map((d) => d.workerId);
    const trend2 =
      mean(day2.map((d) => d.red)) < mean(day1.map((d) => d.red))
        ? 'better'
        : mean(day2.map((d) => d.red)) > mean(day1.map((d) => d.red))
          ? 'worse'
          : 'same';
    expect(fared.lastPredictions).toEqual({
      day: 2,
      predictions: 2,
      bestWorkerIds: bestOfDay2,
      bestWorkerNames: bestOfDay2.map(nameOf),
      guessedBest: ['A', 'B'].filter((id) => bestOfDay2.includes(id)).length,
      trend: trend2,
      guessedTrend: (['better', 'worse'] as const).filter((t) => t === trend2).length,
    });

    // After day 2: the worst so far goes on probation.
    await mustAct(facilitator, roundId, { type: 'reward', kind: 'probation' });
    const worstAfter2 = rankWorkers([...day1, ...day2]).at(-1)!;
    await consoleWhere(facilitator, (p) =>
      p.workers.some((w) => w.id === worstAfter2 && w.status === 'probation'),
    );
    const day3 = await playDay(room, 12, 6);

    // After day 3: fire the three worst, double shifts for the three best; then a new supplier.
    expect(await act(facilitator, roundId, { type: 'fireWorst', count: 4 })).toMatchObject(
      refused('CONFLICT'),
    );
    await mustAct(facilitator, roundId, { type: 'fireWorst', count: 3 });
    await mustAct(facilitator, roundId, { type: 'newSupplier', redSharePercent: 10 });
    const ranked = rankWorkers([...day1, ...day2, ...day3]);
    const [best, fired] = [ranked.slice(0, 3), ranked.slice(3)];
    const between = await consoleWhere(facilitator, (p) => p.system.redSharePercent === 10);
    expect(between.plant.expectedRed).toBe(5);
    for (const w of between.plant.workers) {
      expect([w.id, w.status === 'fired', w.hasDoubleShift]).toEqual([
        w.id,
        fired.includes(w.id),
        best.includes(w.id),
      ]);
    }
    const firedSeat = cast.workers['ABCDEF'.indexOf(fired[0]!)]!;
    expect(await ownWhere(phone(room, firedSeat), (o) => o.role !== 'worker')).toMatchObject({
      role: 'observer',
      workerId: null,
    });

    // Day 4: three workers on double shifts; the fired ones cannot dip.
    const day4 = await playDay(room, 18, 6);
    expect(day4.map((d) => d.workerId)).toEqual([...best].sort().flatMap((id) => [id, id]));

    const { plant: end } = await consoleWhere(facilitator, (p) => p.stage === 'finished');
    const draws = [...day1, ...day2, ...day3, ...day4];
    const reds = draws.map((d) => d.red);
    expect(end.chart.points.map((p) => p.value)).toEqual(reds);
    expect(end.chart.points).toHaveLength(24);
    expect(end.chart.points[0]?.label).toBe(`Day 1, ${nameOf(draws[0]!.workerId)}`);
    // Limits from theory, recomputed from the system change on.
    expect(end.chart.segments.map((s) => [s.start, s.center])).toEqual([
      [0, 10],
      [18, 5],
    ]);
    expect(end.chart.markers).toEqual([
      { beforePoint: 0, label: 'Quota: no more than 3 red beads', isSystemChange: false },
      { beforePoint: 0, label: 'Slogan: “Zero defects!”', isSystemChange: false },
      { beforePoint: 6, label: `Praise for ${nameOf(praised)}`, isSystemChange: false },
      { beforePoint: 12, label: `${nameOf(worstAfter2)} on probation`, isSystemChange: false },
      {
        beforePoint: 18,
        label: `Fired ${fired.map(nameOf).join(', ')}; double shifts for ${best.map(nameOf).join(', ')}`,
        isSystemChange: false,
      },
      {
        beforePoint: 18,
        label: 'System change: new supplier, 10% red',
        isSystemChange: true,
      },
    ]);
    expect(end.interventions.map((i) => [i.kind, i.day])).toEqual([
      ['quota', 1],
      ['slogan', 1],
      ['praise', 2],
      ['probation', 3],
      ['fire', 4],
      ['newSupplier', 4],
    ]);

    // The debrief asks about this run, in this run's numbers.
    const debrief = end.debrief!;
    expect(debrief.draws).toBe(24);
    // 18 paddles from the first supplier (20 % red: 10 expected) and day 4's 6 from the new
    // one (10 %: 5 expected): the expectation follows the system each paddle came from.
    const expectedRed = (18 * 10 + 6 * 5) / 24;
    expect(debrief.expectedRed).toBeCloseTo(expectedRed, 10);
    expect(debrief.averageRed).toBeCloseTo(mean(reds), 10);
    const questions = debrief.questions.join('\n');
    expect(questions).toContain(
      `The quota was no more than 3 red. ${reds.filter((r) => r <= 3).length} of 24 paddles met it.`,
    );
    expect(questions).toContain(
      `The average was ${round1(mean(reds))} red per paddle, against ${round1(expectedRed)} expected`,
    );
    expect(questions).toContain(
      `the average went from ${round1(mean(reds.slice(0, 18)))} to ${round1(mean(reds.slice(18)))}`,
    );
    expect(questions).toContain(`${[...fired].sort().map(nameOf).join(', ')} were fired.`);
    const praisedLater = draws.filter((d) => d.workerId === praised && d.index >= 6);
    expect(questions).toContain(
      `${nameOf(praised)} got praise before day 2 and then averaged ${round1(mean(praisedLater.map((d) => d.red)))} red.`,
    );
    const swing =
      /^(\w+) drew ([\d.]+) on day (\d) and ([\d.]+) on day (\d): what changed\?$/m.exec(questions);
    expect(swing).not.toBeNull();
    const [, who, from, fromDay, to, toDay] = swing!;
    const dayMean = (day: number) =>
      round1(
        mean(
          draws
            .filter((d) => nameOf(d.workerId) === who && Math.floor(d.index / 6) + 1 === day)
            .map((d) => d.red),
        ),
      );
    expect([dayMean(Number(fromDay)), dayMean(Number(toDay))]).toEqual([Number(from), Number(to)]);

    // The recorder's board and the room screen agree with the chart.
    const board = await phoneWhere(recorder, (p) => p.stage === 'finished');
    for (const row of board.table.rows) {
      const mine = draws.filter((d) => d.workerId === row.workerId);
      expect(row.cells.flat()).toEqual(mine.map((d) => d.red));
      expect(row.cells.map((c) => c.length)).toEqual(
        [1, 2, 3, 4].map((day) => mine.filter((d) => Math.floor(d.index / 6) + 1 === day).length),
      );
    }
    const screen = await nextView(room.screen, 'view.screen', (m) => {
      const plant = m.view.round?.kind === 'redBead' ? m.view.round.view : null;
      return plant?.stage === 'finished';
    });
    expect(screen.view.round?.kind === 'redBead' && screen.view.round.view.chart.points).toEqual(
      end.chart.points,
    );

    // The stored log, replayed, gives every draw again.
    const log = await server.playfield.manager.repository.loadEvents(room.session.sessionId);
    const replayed = replay(log).rounds[roundId]?.state as RedBeadState;
    expect(replayed.draws.map((d) => [d.index, d.workerId, d.red])).toEqual(
      draws.map((d) => [d.index, d.workerId, d.red]),
    );
  });

  it('draws the same beads in the same order from the same seed, in a new session and in a replay of the log', async () => {
    const first = await runFromConsole(server, 'it-seed');
    const second = await runFromConsole(server, 'it-seed');
    const other = await runFromConsole(server, 'another-seed');
    expect(first.reds).toHaveLength(24);
    expect(second.reds).toEqual(first.reds);
    expect(other.reds).not.toEqual(first.reds);

    // The stored log folds back to the same draws, paddle by paddle.
    const log = await server.playfield.manager.repository.loadEvents(first.sessionId);
    const replayed = replay(log).rounds[first.roundId]?.state as RedBeadState;
    expect(replayed.stage).toBe('finished');
    expect(replayed.draws.map((d) => d.red)).toEqual(first.reds);
    expect(replayed.draws.map((d) => d.index)).toEqual(first.reds.map((_, i) => i));
  });

  it('runs a day on its own in demo mode and stops dipping when demo is turned off', async () => {
    const session = await server.createSession({ title: 'Rehearsal', agenda: redBeadAgenda() });
    const facilitator = await server.connect(facilitatorOf(session));
    // A lone observer watches the simulated workers from a phone.
    const watcher = await server.connect(participantOf(await server.join(session.code, 'Omar')));
    const roundId = await startRound(facilitator);

    await mustAct(facilitator, roundId, { type: 'demo', isOn: true, intervalMs: 300 });
    await mustAct(facilitator, roundId, { type: 'startDay' });
    const { plant: day1 } = await consoleWhere(facilitator, (p) => p.stage === 'dayEnded');
    expect(day1.chart.points).toHaveLength(6);
    expect(day1.workers.every((w) => w.isSimulated && w.draws === 1)).toBe(true);
    const seen = await phoneWhere(watcher, (p) => p.stage === 'dayEnded' && p.day === 1);
    expect(seen.table.rows.map((r) => r.cells[0]?.length)).toEqual([1, 1, 1, 1, 1, 1]);

    // Day 2: a couple of automatic paddles, then the facilitator turns demo off.
    await mustAct(facilitator, roundId, { type: 'startDay' });
    await consoleWhere(facilitator, (p) => p.chart.points.length >= 8);
    const offSeq = await mustAct(facilitator, roundId, {
      type: 'demo',
      isOn: false,
      intervalMs: 300,
    });
    const { plant: stopped } = await consoleWhere(facilitator, (p) => !p.demo.isOn);
    const drawn = stopped.chart.points.length;
    expect(stopped.stage).toBe('working');
    expect(stopped.currentWorkerId).not.toBeNull();

    // A clock made of the server's own timers: another plant's demo dips three paddles,
    // at least three intervals during which a leftover timer here would have fired.
    const clock = await server.createSession({ title: 'Clock', agenda: redBeadAgenda() });
    const clockConsole = await server.connect(facilitatorOf(clock));
    const clockRound = await startRound(clockConsole);
    await mustAct(clockConsole, clockRound, { type: 'demo', isOn: true, intervalMs: 300 });
    await mustAct(clockConsole, clockRound, { type: 'startDay' });
    await consoleWhere(clockConsole, (p) => p.chart.points.length >= 3);

    // Nothing was logged here meanwhile: the next command gets the very next seq.
    expect(await mustAct(facilitator, roundId, { type: 'chart', basis: 'data' })).toBe(offSeq + 1);
    const { plant: still } = await consoleWhere(
      facilitator,
      (p) => p.chartSettings.basis === 'data',
    );
    expect(still.chart.points).toHaveLength(drawn);
    // The facilitator can still dip by hand for a simulated worker.
    await mustAct(facilitator, roundId, { type: 'dip' });
    await consoleWhere(facilitator, (p) => p.chart.points.length === drawn + 1);
  });

  it('refuses management from phones, stale confirmations and impossible settings with clear errors', async () => {
    const session = await server.createSession({ title: 'Rules', agenda: redBeadAgenda() });
    const facilitator = await server.connect(facilitatorOf(session));
    const [inspectorSeat, observerSeat] = await Promise.all(
      ['Ines', 'Omar'].map((name) => server.join(session.code, name)),
    );
    const inspector = await server.connect(participantOf(inspectorSeat!));
    const observer = await server.connect(participantOf(observerSeat!));
    const roundId = await startRound(facilitator);
    await mustAct(facilitator, roundId, {
      type: 'assign',
      role: 'inspector',
      slot: 0,
      participantId: inspectorSeat!.participantId,
    });

    // Management is the facilitator's alone, and confirming counts the inspectors'. A
    // well-formed action of the other side is refused as FORBIDDEN before any rule runs.
    const assigned = await consoleWhere(facilitator, (p) => p.roles.inspectors[0] !== null);
    for (const action of [
      { type: 'quota', max: 3 },
      { type: 'startDay' },
      { type: 'fireWorst', count: 1 },
      { type: 'demo', isOn: true, intervalMs: 300 },
    ]) {
      for (const socket of [observer, inspector]) {
        const result = await act(socket, roundId, action);
        expect(result).toMatchObject(refused('FORBIDDEN'));
        expect(!result.ok && result.error.message).toBe('Only the facilitator can do that');
      }
    }
    expect(await act(facilitator, roundId, { type: 'confirm', drawIndex: 0 })).toMatchObject(
      refused('FORBIDDEN'),
    );
    expect(await act(facilitator, roundId, { type: 'quota', max: -1 })).toMatchObject(
      refused('BAD_REQUEST'),
    );
    // None of it reached the log: the next accepted command follows the assignment.
    const { plant: untouched } = await consoleWhere(facilitator, (p) => p.stage === 'setup');
    expect(untouched).toMatchObject({ quota: null, demo: { isOn: false } });

    // The facilitator dips for simulated worker A; the paddle waits for the inspector.
    expect(await mustAct(facilitator, roundId, { type: 'startDay' })).toBe(assigned.seq + 1);
    await mustAct(facilitator, roundId, { type: 'dip' });
    expect(await act(observer, roundId, { type: 'confirm', drawIndex: 0 })).toMatchObject(
      refused('FORBIDDEN'),
    );
    expect(await act(inspector, roundId, { type: 'confirm', drawIndex: 1 })).toMatchObject(
      refused('CONFLICT'),
    );
    await mustAct(inspector, roundId, { type: 'confirm', drawIndex: 0 });
    await mustAct(facilitator, roundId, { type: 'dip' });
    // Paddle 0 is on the record: confirming it again is stale.
    expect(await act(inspector, roundId, { type: 'confirm', drawIndex: 0 })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'That paddle is no longer waiting for inspection' },
    });
    const { plant } = await consoleWhere(facilitator, (p) => p.paddle?.index === 1);
    expect(plant.chart.points).toHaveLength(1);
    expect(plant.paddle).toMatchObject({ confirmations: 0, isRecorded: false });

    // Settings the experiment cannot run with are refused with a sentence to act on.
    const add = (config: Partial<RedBeadConfig>) =>
      emitAck(facilitator, 'session.control', {
        type: 'agenda.add',
        round: { kind: 'redBead', title: 'Broken', config: { ...CONFIG, ...config } },
      });
    for (const [config, message] of [
      [{ beads: 0 }, /bead/i],
      [{ beads: 100, paddleHoles: 200 }, /paddle has 200 holes but the bucket only 100 beads/],
      [{ redSharePercent: 120 }, /between 0 and 100/],
      [{ workers: 0 }, /worker/i],
    ] as const) {
      const result = await add(config);
      expect(result).toMatchObject(refused('BAD_REQUEST'));
      expect(!result.ok && result.error.message).toMatch(message);
    }
    expect(await add({ seed: 'fine' })).toMatchObject({ ok: true });
    await nextView(facilitator, 'view.facilitator', (m) => m.view.agenda.length === 2);
  });
});

/** Starts the session and resolves with the Red Bead round's id. */
async function startRound(facilitator: TestSocket): Promise<string> {
  await mustControl(facilitator, { type: 'session.start' });
  const { view } = await nextView(facilitator, 'view.facilitator', (m) => !!m.view.round);
  return view.round?.id ?? '';
}

/**
 * The classic script from the console alone: simulated workers, no inspectors, so each
 * dip goes straight onto the record. Resolves with the red counts in order.
 */
async function runFromConsole(
  server: TestServer,
  seed: string,
): Promise<{ sessionId: string; roundId: string; reds: number[] }> {
  const session = await server.createSession({ title: seed, agenda: redBeadAgenda({ seed }) });
  const facilitator = await server.connect(facilitatorOf(session));
  const roundId = await startRound(facilitator);
  const step = (action: object) => mustAct(facilitator, roundId, action);
  await step({ type: 'quota', max: 3 });
  for (let day = 1; day <= 4; day++) {
    if (day === 2) await step({ type: 'reward', kind: 'praise' });
    if (day === 3) await step({ type: 'reward', kind: 'probation' });
    if (day === 4) {
      await step({ type: 'fireWorst', count: 3 });
      await step({ type: 'newSupplier', redSharePercent: 10 });
    }
    await step({ type: 'startDay' });
    for (let turn = 0; turn < 6; turn++) await step({ type: 'dip' });
  }
  const { plant } = await consoleWhere(facilitator, (p) => p.stage === 'finished');
  return { sessionId: session.sessionId, roundId, reds: plant.chart.points.map((p) => p.value) };
}

describe('the Red Bead Experiment across a crash', () => {
  const servers = useChildServers();
  const start = (dataDir: string) => servers.start(dataDir);
  const connectAt = (url: string) => (credential: Credential) => servers.connect(url, credential);

  it('brings back the board, the paddle under inspection, the turn and the roles after kill -9 mid-day', async () => {
    const dataDir = servers.newDataDir();
    const first = await start(dataDir);
    const room = await openPlant(first.url, connectAt(first.url));
    const { roundId, cast } = room;
    const [firstInspector, secondInspector] = cast.inspectors;

    const day1 = await playDay(room, 0, 6);
    await mustAct(room.facilitator, roundId, { type: 'startDay' });
    const day2 = [await playTurn(room, 6), await playTurn(room, 7)];
    // Paddle 8: Cleo (worker C) dips, the first inspector has counted, the second not yet.
    await consoleWhere(room.facilitator, (p) => p.currentWorkerId === 'C');
    await mustAct(phone(room, cast.workers[2]!), roundId, { type: 'dip' });
    const lastSeq = await mustAct(phone(room, firstInspector!), roundId, {
      type: 'confirm',
      drawIndex: 8,
    });
    const { plant: before } = await consoleWhere(
      room.facilitator,
      (p) => p.paddle?.index === 8 && p.paddle.confirmations === 1,
    );

    // Acknowledged means stored: pull the plug right after the last ack.
    const lost = [room.facilitator, ...room.phones.values()].map((socket) => disconnected(socket));
    await first.kill();
    await Promise.all(lost);

    const second = await start(dataDir);
    const again: Room = {
      ...(await connectRoom(room.session, cast, connectAt(second.url))),
      roundId,
    };
    const { seq, plant: after } = await consoleWhere(again.facilitator, () => true);
    expect(seq).toBe(lastSeq);
    expect(after).toMatchObject({ stage: 'working', day: 2, currentWorkerId: null });
    expect(after.paddle).toEqual(before.paddle);
    expect(after.paddle).toMatchObject({ workerId: 'C', confirmations: 1, isRecorded: false });
    expect(after.table).toEqual(before.table);
    expect(after.roles).toEqual(before.roles);
    expect(after.chart.points).toHaveLength(8);

    // Every phone has its part back, and the recorder its board.
    for (const [slot, seat] of cast.workers.entries()) {
      expect(await ownWhere(phone(again, seat), () => true)).toMatchObject({
        role: 'worker',
        workerId: 'ABCDEF'[slot],
      });
    }
    expect(await ownWhere(phone(again, firstInspector!), () => true)).toMatchObject({
      role: 'inspector',
      hasConfirmed: true,
    });
    expect(await ownWhere(phone(again, secondInspector!), () => true)).toMatchObject({
      role: 'inspector',
      hasConfirmed: false,
    });
    await ownWhere(phone(again, cast.chief), (o) => o.role === 'chief');
    const board = await phoneWhere(phone(again, cast.recorder), () => true);
    expect(board.table).toEqual(before.table);
    expect(board.paddle).toEqual(before.paddle);

    // The day carries on where it stopped: paddle 8 is announced, then D, E and F dip.
    expect(await act(phone(again, cast.workers[3]!), roundId, { type: 'dip' })).toMatchObject(
      refused('FORBIDDEN'),
    );
    await mustAct(phone(again, secondInspector!), roundId, { type: 'confirm', drawIndex: 8 });
    await mustAct(phone(again, cast.chief), roundId, { type: 'confirm', drawIndex: 8 });
    const rest = [];
    for (let index = 9; index < 12; index++) rest.push(await playTurn(again, index));
    expect(rest.map((d) => d.workerId)).toEqual(['D', 'E', 'F']);

    const { plant: end } = await consoleWhere(again.facilitator, (p) => p.stage === 'dayEnded');
    const paddle8 = { index: 8, workerId: 'C', red: before.paddle!.red };
    const draws = [...day1, ...day2, paddle8, ...rest];
    expect(end.chart.points.map((p) => p.value)).toEqual(draws.map((d) => d.red));
    expect(end.table.rows.map((r) => r.cells.slice(0, 2))).toEqual(
      cast.workers.map((_, slot) => [0, 6].map((offset) => [draws[offset + slot]!.red])),
    );
    await second.kill();
  });
});
