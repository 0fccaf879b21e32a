/** Shared helpers for the Red Bead Experiment's socket tests: the config and agenda, view waits, acting, and a cast of twelve phones playing turns. */
import { expect } from 'vitest';
import {
  type ControlCommand,
  type CreatedSession,
  type CreateSessionBody,
  type Credential,
  type JoinedSeat,
  type Result,
  type ExerciseViews,
} from '@playfield/shared';
import type { RedBeadConfig } from '../../shared/src/exercises/redBead/index.ts';
import {
  exerciseView,
  createSessionAt,
  emitAck,
  facilitatorOf,
  joinAt,
  nextView,
  participantOf,
  type TestSocket,
} from './harness.ts';

export const CONFIG: RedBeadConfig = {
  beads: 4000,
  redSharePercent: 20,
  paddleHoles: 50,
  workers: 6,
  days: 4,
  hasMechanicalBias: false,
  seed: 'it-seed',
};

export function redBeadAgenda(config: Partial<RedBeadConfig> = {}): CreateSessionBody['agenda'] {
  return [{ kind: 'redBead', title: 'Red beads', config: { ...CONFIG, ...config } }];
}

// The round's part of each audience's view, narrowed to the Red Bead Experiment.
export type Plant = ExerciseViews<'redBead'>['facilitator'];
export type PublicPlant = ExerciseViews<'redBead'>['participantPublic'];
export type OwnPart = ExerciseViews<'redBead'>['participantOwn'];

/** The console's newest (or next) Red Bead view where `predicate` holds. */
export async function consoleWhere(socket: TestSocket, predicate: (plant: Plant) => boolean) {
  const { seq, view } = await exerciseView(socket, 'view.facilitator', 'redBead', predicate);
  return { seq, plant: view };
}
export const phoneWhere = async (socket: TestSocket, predicate: (plant: PublicPlant) => boolean) =>
  (await exerciseView(socket, 'view.public', 'redBead', predicate)).view;
export const screenWhere = async (socket: TestSocket, predicate: (plant: PublicPlant) => boolean) =>
  (await exerciseView(socket, 'view.screen', 'redBead', predicate)).view;
/** A phone's own part; only sent when it differs from the blank (observer) one. */
export const ownWhere = async (socket: TestSocket, predicate: (own: OwnPart) => boolean) =>
  (await exerciseView(socket, 'view.own', 'redBead', predicate)).view;

export function act(
  socket: TestSocket,
  roundId: string,
  action: object,
): Promise<Result<{ seq: number }>> {
  return emitAck(socket, 'round.act', { roundId, action });
}

/** Acts and fails with the server's own words if the action is refused. */
export async function mustAct(
  socket: TestSocket,
  roundId: string,
  action: object,
): Promise<number> {
  const result = await act(socket, roundId, action);
  if (!result.ok) {
    throw new Error(`${JSON.stringify(action)}: ${result.error.code} ${result.error.message}`);
  }
  return result.data.seq;
}

export async function mustControl(socket: TestSocket, command: ControlCommand): Promise<number> {
  const result = await emitAck(socket, 'session.control', command);
  if (!result.ok) throw new Error(`${command.type}: ${result.error.code} ${result.error.message}`);
  return result.data.seq;
}

export const refused = (code: string) => ({ ok: false, error: { code } });

export const WORKER_NAMES = ['Ada', 'Ben', 'Cleo', 'Dev', 'Eve', 'Finn'];

/** Who plays what: six willing workers, two inspectors, a chief, a recorder, two observers. */
export interface Cast {
  workers: JoinedSeat[];
  inspectors: JoinedSeat[];
  chief: JoinedSeat;
  recorder: JoinedSeat;
  observers: JoinedSeat[];
}

export interface Room {
  session: CreatedSession;
  roundId: string;
  cast: Cast;
  facilitator: TestSocket;
  /** Each participant's socket by participant id. */
  phones: Map<string, TestSocket>;
  /** The room screen, when the test watches it. */
  screen?: TestSocket;
}

export function phone(room: Room, seat: JoinedSeat): TestSocket {
  const socket = room.phones.get(seat.participantId);
  if (!socket) throw new Error(`No phone for ${seat.name}`);
  return socket;
}

export async function joinCast(url: string, code: string): Promise<Cast> {
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

export function seatsOf(cast: Cast): JoinedSeat[] {
  return [...cast.workers, ...cast.inspectors, cast.chief, cast.recorder, ...cast.observers];
}

/** Connects the facilitator and every phone of the cast (again, after a restart). */
export async function connectRoom(
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
export async function openPlant(
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
export interface Draw {
  index: number;
  workerId: string;
  red: number;
}

/**
 * Plays the turn of paddle `index`: the current worker dips on the phone (nobody else may,
 * nor may they dip twice), both inspectors confirm, the chief inspector announces.
 * `isDetailed` also checks what each screen shows along the way.
 */
export async function playTurn(room: Room, index: number, isDetailed = false): Promise<Draw> {
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
export async function playDay(room: Room, firstIndex: number, turns: number): Promise<Draw[]> {
  await mustAct(room.facilitator, room.roundId, { type: 'startDay' });
  const draws: Draw[] = [];
  for (let t = 0; t < turns; t++) draws.push(await playTurn(room, firstIndex + t, t === 0));
  return draws;
}
