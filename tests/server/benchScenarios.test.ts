/**
 * The bench's many-rooms scenario and its bare socket.io baseline run end to end at a tiny
 * size (3 rooms x 3 phones), so `npm run bench -- --scenario rooms` cannot rot unnoticed.
 * Speed is measured by the bench, never here: this checks that every action is acknowledged
 * and reaches its room's console, on Playfield and on the baseline alike.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startBareServer, type BareServer } from '../bench/bareServer.ts';
import {
  act,
  closeRooms,
  setupBareRooms,
  setupPlayfieldRooms,
  type ActFigures,
  type LoadRoom,
} from '../bench/roomsLoad.ts';
import { startTestServer, type TestServer } from './harness.ts';

const ROOMS = 3;
const PHONES = 3;
/** No spread: every action is sent at once (the bench spreads them over 6 s). */
const PLAN = { answerSpreadMs: 0, advanceAtMs: 0, noteSpreadMs: 0, seed: 'smoke' };
const cpuS = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1e6;
};

let rooms: LoadRoom[] = [];
let playfield: TestServer | null = null;
let bare: BareServer | null = null;
afterEach(async () => {
  closeRooms(rooms);
  rooms = [];
  await playfield?.close();
  await bare?.close();
  playfield = null;
  bare = null;
});

function expectEveryActionSeen(figures: ActFigures): void {
  expect(figures.refusals).toEqual({});
  expect(figures.roomsBehind).toBe(0);
  expect(figures.answers.accepted).toBe(ROOMS * PHONES);
  expect(figures.notes.accepted).toBe(ROOMS * PHONES);
  // Every answer and note is matched to a console view that holds it.
  expect(figures.answers.seenMs).toHaveLength(ROOMS * PHONES);
  expect(figures.notes.seenMs).toHaveLength(ROOMS * PHONES);
  expect(figures.advanceAckMs).toHaveLength(ROOMS);
  expect(figures.actions).toBe(2 * ROOMS * PHONES + ROOMS);
}

describe('bench: many rooms', () => {
  it('runs a poll then a brainstorm in every room on Playfield', async () => {
    playfield = await startTestServer();
    rooms = await setupPlayfieldRooms(playfield.url, ROOMS, PHONES);
    expect(rooms.map((room) => room.phones.length)).toEqual([PHONES, PHONES, PHONES]);
    expectEveryActionSeen(await act(rooms, PLAN, cpuS));
  });

  it('runs the same load on the bare socket.io baseline', async () => {
    bare = await startBareServer();
    rooms = await setupBareRooms(`http://127.0.0.1:${bare.port}`, ROOMS, PHONES);
    expectEveryActionSeen(await act(rooms, PLAN, cpuS));
  });

  it('refuses on the baseline what Playfield refuses: an answer after the poll', async () => {
    bare = await startBareServer();
    rooms = await setupBareRooms(`http://127.0.0.1:${bare.port}`, 1, 1);
    const [room] = rooms;
    if (!room) throw new Error('no room');
    await room.facilitator.emitWithAck('session.control', { type: 'round.next' });
    const reply: unknown = await room.phones[0]?.emitWithAck('round.act', {
      roundId: 'r0',
      action: { type: 'answer', choices: [0] },
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
