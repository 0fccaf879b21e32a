/**
 * The Red Bead Experiment through real sockets: a facilitator, a room screen and twelve
 * phones run the classic four days; the same seed gives the same beads in any session
 * and in a replay of the stored log; a kill -9 mid-day loses nothing; demo mode runs a day
 * on its own. Every wait is on an ack or a view; nothing sleeps.
 *
 * This file covers a kill -9 mid-day losing nothing; the other redBead*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { type Credential } from '@playfield/shared';
import { disconnected, useChildServers } from './harness.ts';
import {
  consoleWhere,
  phoneWhere,
  ownWhere,
  act,
  mustAct,
  refused,
  type Room,
  phone,
  connectRoom,
  openPlant,
  playTurn,
  playDay,
} from './redBeadFixtures.ts';

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
