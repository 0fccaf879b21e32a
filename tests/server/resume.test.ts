import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@playfield/shared';
import {
  choicesOf,
  disconnected,
  emitAck,
  facilitatorOf,
  nextView,
  participantOf,
  postJson,
  requestJson,
  startTestServer,
  viewAfterNow,
  type TestServer,
} from './harness.ts';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

describe('resuming a seat', () => {
  it('sends a reloaded phone its earlier answer when the facilitator goes back to that round', async () => {
    // Own views are sent only when they differ from what a phone holds; a reloaded page
    // holds nothing, so going back to a round it answered must send that answer again.
    const session = await server.createSession({
      title: 'Back and forth',
      agenda: ['First', 'Second'].map((title) => ({
        kind: 'poll',
        title,
        config: {
          question: `${title}?`,
          options: ['Yes', 'No'],
          isMultipleChoice: false,
          isAnonymous: false,
        },
      })),
    });
    const facilitator = await server.connect(facilitatorOf(session));
    const seat = await server.join(session.code, 'Ana');
    const phone = await server.connect(participantOf(seat));
    await emitAck(facilitator, 'session.control', { type: 'session.start' });
    const first =
      (await nextView(phone, 'view.public', (m) => m.view.round?.title === 'First')).view.round
        ?.id ?? '';
    expect(
      await emitAck(phone, 'round.act', {
        roundId: first,
        action: { type: 'answer', choices: [1] },
      }),
    ).toMatchObject({
      ok: true,
    });
    // The phone holds its answer before the room moves on.
    await nextView(phone, 'view.own', (m) => choicesOf(m.view, first)[0] === 1);
    await emitAck(facilitator, 'session.control', { type: 'round.next' });
    await nextView(phone, 'view.public', (m) => m.view.round?.title === 'Second');

    // The page reloads on the second round: a new socket that remembers nothing.
    phone.disconnect();
    const reloaded = await server.connect(participantOf(seat));
    await nextView(reloaded, 'view.public', (m) => m.view.round?.title === 'Second');
    await emitAck(facilitator, 'session.control', { type: 'round.back' });
    const own = await nextView(reloaded, 'view.own', (m) => m.view.round?.id === first);
    expect(own.view.round).toMatchObject({ id: first, view: { choices: [1] } });
  });

  it('gives back the same seat and answer when a phone reconnects with its resume token', async () => {
    const session = await server.createSession();
    const facilitator = await server.connect(facilitatorOf(session));
    const seat = await server.join(session.code, 'Ana');
    const phone = await server.connect(participantOf(seat));
    await emitAck(facilitator, 'session.control', { type: 'session.start' });
    const { view } = await nextView(phone, 'view.public', (m) => !!m.view.round);
    const roundId = view.round?.id ?? '';
    expect(
      await emitAck(phone, 'round.act', { roundId, action: { type: 'answer', choices: [1] } }),
    ).toMatchObject({ ok: true });
    await nextView(facilitator, 'view.facilitator', (m) => m.view.roster[0]?.isOnline === true);

    // The phone's screen locks: the socket goes away and the console notices.
    phone.disconnect();
    await nextView(facilitator, 'view.facilitator', (m) => m.view.roster[0]?.isOnline === false);

    const again = await server.connect(participantOf(seat));
    const own = await nextView(again, 'view.own');
    expect(own.view).toMatchObject({
      participantId: seat.participantId,
      name: 'Ana',
      hasLeft: false,
      round: { id: roundId, view: { choices: [1] } },
    });
    const roster = await nextView(
      facilitator,
      'view.facilitator',
      (m) => !!m.view.roster[0]?.isOnline,
    );
    expect(roster.view.roster).toEqual([
      {
        id: seat.participantId,
        name: 'Ana',
        isOnline: true,
        hasResponded: true,
      },
    ]);
    // Still one seat and one answer: reconnecting is not joining again.
    expect(roster.view.round).toMatchObject({ submitted: 1 });
  });

  it('re-sends every view when a client syncs from seq 0', async () => {
    const session = await server.createSession();
    const facilitator = await server.connect(facilitatorOf(session));
    const seat = await server.join(session.code, 'Ana');
    const phone = await server.connect(participantOf(seat));
    await emitAck(facilitator, 'session.control', { type: 'session.start' });
    const current = await nextView(phone, 'view.public', (m) => !!m.view.round);

    const publicAgain = viewAfterNow(phone, 'view.public');
    const ownAgain = viewAfterNow(phone, 'view.own');
    const ack = await emitAck(phone, 'session.sync', { lastSeq: 0 });
    expect(ack).toEqual({ ok: true, data: { seq: current.seq } });
    expect((await publicAgain).view).toEqual(current.view);
    expect((await ownAgain).view.participantId).toBe(seat.participantId);

    await nextView(facilitator, 'view.facilitator', (m) => m.seq === current.seq);
    const facilitatorAgain = viewAfterNow(facilitator, 'view.facilitator');
    expect(await emitAck(facilitator, 'session.sync', { lastSeq: 0 })).toMatchObject({ ok: true });
    expect((await facilitatorAgain).seq).toBe(current.seq);
  });

  it('refuses to reconnect a seat after the participant left', async () => {
    const session = await server.createSession();
    const facilitator = await server.connect(facilitatorOf(session));
    const seat = await server.join(session.code, 'Ana');
    const phone = await server.connect(participantOf(seat));
    const closed = disconnected(phone);
    expect(await emitAck(phone, 'participant.leave', {})).toMatchObject({ ok: true });
    expect(await closed).toBe('io server disconnect');

    // The seat stays in the roster (its answers keep their author), marked as gone.
    await nextView(facilitator, 'view.facilitator', (m) => {
      const entry = m.view.roster[0];
      return !!entry?.hasLeft && !entry.isOnline;
    });
    const refused = await server.connectRefused({
      protocolVersion: PROTOCOL_VERSION,
      credential: participantOf(seat),
    });
    expect(refused.data).toEqual({ code: 'FORBIDDEN' });
    // The name is free again for someone new.
    expect((await server.join(session.code, 'Ana')).participantId).not.toBe(seat.participantId);
  });
});

describe('a finished session', () => {
  it('is listed as ended with its poll summary when the facilitator ended it', async () => {
    const session = await server.createSession({ title: 'Complaints clinic' });
    const facilitator = await server.connect(facilitatorOf(session));
    const seats = await Promise.all(['Ana', 'Ben'].map((name) => server.join(session.code, name)));
    const phones = await Promise.all(seats.map((seat) => server.connect(participantOf(seat))));
    await emitAck(facilitator, 'session.control', { type: 'session.start' });
    const { view } = await nextView(facilitator, 'view.facilitator', (m) => !!m.view.round);
    const roundId = view.round?.id ?? '';
    for (const phone of phones) {
      expect(
        await emitAck(phone, 'round.act', { roundId, action: { type: 'answer', choices: [0] } }),
      ).toMatchObject({ ok: true });
    }
    expect(await emitAck(facilitator, 'session.control', { type: 'session.end' })).toMatchObject({
      ok: true,
    });
    await nextView(phones[0]!, 'view.public', (m) => m.view.session.phase === 'ended');
    // Nothing more happens in an ended session.
    expect(
      await emitAck(phones[0]!, 'round.act', { roundId, action: { type: 'answer', choices: [1] } }),
    ).toMatchObject({ ok: false, error: { code: 'SESSION_ENDED' } });

    const stranger = await server.createSession({ title: 'Not mine' });
    const listed = await postJson(`${server.url}/api/facilitator/sessions`, {
      sessions: [
        { sessionId: session.sessionId, token: session.facilitatorToken },
        // A token that does not match is silently left out.
        { sessionId: stranger.sessionId, token: session.facilitatorToken },
      ],
    });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({
      sessions: [
        expect.objectContaining({
          sessionId: session.sessionId,
          code: session.code,
          title: 'Complaints clinic',
          phase: 'ended',
          endedAt: expect.any(Number) as unknown,
          participantCount: 2,
          roundCount: 2,
        }) as unknown,
      ],
    });

    const results = await requestJson(`${server.url}/api/sessions/${session.sessionId}/results`, {
      headers: { authorization: `Bearer ${session.facilitatorToken}` },
    });
    expect(results.status).toBe(200);
    expect(results.body).toEqual({
      session: expect.objectContaining({ sessionId: session.sessionId, phase: 'ended' }) as unknown,
      // Only the round the room was on; the second poll never started.
      rounds: [
        {
          roundId,
          kind: 'poll',
          title: 'Warm-up poll',
          summary: {
            headline: 'How do customers reach us first?',
            blocks: [
              {
                type: 'bars',
                labels: ['Phone', 'Email', 'Chat'],
                values: [2, 0, 0],
                unit: 'answers',
              },
              { type: 'text', text: '2 people answered.' },
            ],
          },
        },
      ],
    });
  });
});
