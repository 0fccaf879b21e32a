import { describe, expect, it } from 'vitest';
import {
  createSessionAt,
  disconnected,
  emitAck,
  facilitatorOf,
  joinAt,
  nextView,
  participantOf,
  postJson,
  requestJson,
  viewAfterNow,
  useChildServers,
  type MessageOf,
} from './harness.ts';

describe('crash recovery', () => {
  const { newDataDir, start, connect } = useChildServers();

  it('restores roster, round, answers and seq when the process is killed and restarted', async () => {
    const dataDir = newDataDir();
    const first = await start(dataDir);

    const session = await createSessionAt(first.url, { title: 'Crash course' });
    const names = ['Ana', 'Ben', 'Chloé'];
    const seats = [];
    for (const name of names) seats.push(await joinAt(first.url, session.code, name));
    const facilitator = await connect(first.url, facilitatorOf(session));
    const phones = await Promise.all(seats.map((seat) => connect(first.url, participantOf(seat))));

    const started = await emitAck(facilitator, 'session.control', { type: 'session.start' });
    expect(started.ok).toBe(true);
    const { view } = await nextView(facilitator, 'view.facilitator', (m) => !!m.view.round);
    const roundId = view.round?.id ?? '';
    const choices = [2, 0, 1];
    let lastSeq = 0;
    for (const [i, phone] of phones.entries()) {
      const ack = await emitAck(phone, 'round.act', {
        roundId,
        action: { type: 'answer', choices: [choices[i] ?? 0] },
      });
      if (!ack.ok) throw new Error(ack.error.message);
      lastSeq = Math.max(lastSeq, ack.data.seq);
    }

    // Acknowledged means stored: pull the plug right after the last ack.
    const lost = [facilitator, ...phones].map((socket) => disconnected(socket));
    await first.kill();
    await Promise.all(lost);

    const second = await start(dataDir);
    const facilitatorAgain = await connect(second.url, facilitatorOf(session));
    const phonesAgain = await Promise.all(
      seats.map((seat) => connect(second.url, participantOf(seat))),
    );

    const restored = await nextView(
      facilitatorAgain,
      'view.facilitator',
      (m) => m.view.roster.filter((p) => p.isOnline).length === 3,
    );
    expect(restored.seq).toBe(lastSeq);
    expect(restored.view.session).toMatchObject({ phase: 'live', title: 'Crash course' });
    expect(restored.view.roster.map((p) => [p.id, p.name])).toEqual(
      seats.map((s) => [s.participantId, s.name]),
    );
    expect(restored.view.round).toMatchObject({
      id: roundId,
      isOpen: true,
      submitted: 3,
      view: { results: { counts: [1, 1, 1], respondents: 3 } },
    });
    for (const [i, phone] of phonesAgain.entries()) {
      const own = await nextView(phone, 'view.own');
      expect(own.view).toMatchObject({
        participantId: seats[i]?.participantId,
        round: { id: roundId, view: { choices: [choices[i]] } },
      });
      expect(own.seq).toBe(lastSeq);
    }

    // The restarted server carries on: names are still taken, new commands get the next seq.
    const taken = await postJson(`${second.url}/api/join`, {
      code: session.code,
      name: 'Ana',
      deviceId: 'device-after-the-crash',
    });
    expect(taken.status).toBe(409);
    const reveal = await emitAck(facilitatorAgain, 'session.control', { type: 'round.reveal' });
    expect(reveal).toEqual({ ok: true, data: { seq: lastSeq + 1 } });
    const results = await requestJson(`${second.url}/api/sessions/${session.sessionId}/results`, {
      headers: { authorization: `Bearer ${session.facilitatorToken}` },
    });
    expect(results.body).toMatchObject({
      rounds: [
        {
          roundId,
          summary: {
            blocks: [{ values: [1, 1, 1] }, { type: 'text', text: '3 people answered.' }],
          },
        },
      ],
    });
    await second.kill();
  });

  it('lets socket.io-client resume by itself when the server comes back on the same port', async () => {
    const dataDir = newDataDir();
    const first = await start(dataDir);
    const session = await createSessionAt(first.url);
    const seat = await joinAt(first.url, session.code, 'Ana');
    const phone = await connect(first.url, participantOf(seat), {
      reconnection: true,
      // Retry quickly so the test measures the server coming back, not the client's backoff.
      reconnectionDelay: 100,
      reconnectionDelayMax: 300,
      randomizationFactor: 0,
    });
    await nextView(phone, 'view.own');

    const lost = disconnected(phone);
    await first.kill();
    expect(await lost).toBe('transport close');

    // 'connect' again means the handshake, with the same stored auth, was accepted. The views
    // are awaited from then on: a loaded machine may take longer to start the server.
    const resumed = new Promise<[MessageOf<'view.own'>, MessageOf<'view.public'>]>((resolve) =>
      phone.once('connect', () =>
        resolve(Promise.all([viewAfterNow(phone, 'view.own'), viewAfterNow(phone, 'view.public')])),
      ),
    );
    const second = await start(dataDir, first.port);
    expect(second.port).toBe(first.port);
    const [ownAgain, publicAgain] = await resumed;
    expect(phone.connected).toBe(true);
    expect(ownAgain.view).toMatchObject({ participantId: seat.participantId, name: 'Ana' });
    expect(publicAgain.view.participantCount).toBe(1);
    phone.disconnect();
    await second.kill();
  });
});
