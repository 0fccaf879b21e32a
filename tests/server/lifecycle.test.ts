import { afterEach, describe, expect, it } from 'vitest';
import {
  PROTOCOL_VERSION,
  type AppError,
  type CreatedSession,
  type JoinedSeat,
} from '@playfield/shared';
import { actionPlanPresets } from '@playfield/shared/exercises/actionPlan/index';
import type { SessionRowCounts } from '../../server/src/lifecycle/repository.ts';
import type { Repository } from '../../server/src/store/repository.ts';
import {
  disconnected,
  emitAck,
  facilitatorOf,
  participantOf,
  pollRound,
  postJson,
  requestJson,
  screenOf,
  type TestSocket,
} from './harness.ts';
import {
  BACKENDS,
  bearer,
  png,
  startLifecycleServer,
  type LifecycleServer,
} from './lifecycleKit.ts';

let server: LifecycleServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const ZERO: SessionRowCounts = {
  sessions: 0,
  events: 0,
  snapshots: 0,
  participant_tokens: 0,
  documents: 0,
  document_updates: 0,
  share_links: 0,
  images: 0,
  image_variants: 0,
};

/** The next `session.deleted` a socket is told. */
function deletedNotice(socket: TestSocket): Promise<AppError> {
  return new Promise((resolve) => socket.once('session.deleted', resolve));
}

/**
 * A session that holds a row in every table: an uploaded slide image, two seats, answers,
 * a plan written from a prompt, a notebook with a share link, and a snapshot.
 */
async function fullSession(live: LifecycleServer) {
  const upload = await fetch(`${live.url}/api/images`, {
    method: 'POST',
    body: new Uint8Array(await png()),
  });
  expect(upload.status).toBe(201);
  const imageId = ((await upload.json()) as { id: string }).id;
  const session = await live.createSession({
    title: 'Service recovery',
    agenda: [
      pollRound({}, 'First contact'),
      {
        kind: 'content',
        title: 'Our counter',
        config: { layout: 'image', imageId, imageAlt: 'The counter at opening time' },
      },
      { kind: 'actionPlan', ...actionPlanPresets.personalActionPlan },
    ],
  });
  const ana = await live.join(session.code, 'Ana Lopez');
  const ben = await live.join(session.code, 'Ben');
  const facilitator = await live.connect(facilitatorOf(session));
  const screen = await live.connect(screenOf(session));
  const anaPhone = await live.connect(participantOf(ana));
  // Ben's phone takes compact views as the web client does, so it sits in the patch rooms.
  const benPhone = await live.connect(participantOf(ben), {
    auth: { protocolVersion: PROTOCOL_VERSION, credential: participantOf(ben), viewPatches: true },
  });
  expect(await emitAck(facilitator, 'session.control', { type: 'session.start' })).toMatchObject({
    ok: true,
  });
  const roundId = live.playfield.manager.peek(session.sessionId)?.state.agenda[0]?.id ?? '';
  for (const phone of [anaPhone, benPhone])
    expect(
      await emitAck(phone, 'round.act', { roundId, action: { type: 'answer', choices: [1] } }),
    ).toMatchObject({ ok: true });
  expect(await emitAck(facilitator, 'session.control', { type: 'prompt.send' })).toMatchObject({
    ok: true,
  });
  expect(
    await emitAck(anaPhone, 'plan.answer', { roundId, text: 'Call Mrs Diaz back by Friday' }),
  ).toMatchObject({ ok: true });
  const link = await postJson(
    `${live.url}/api/notebooks/${session.sessionId}/links`,
    { rights: 'read' },
    bearer(session.facilitatorToken),
  );
  expect(link.status).toBe(201);
  await live.playfield.manager.peek(session.sessionId)?.snapshot();
  return { session, ana, ben, facilitator, screen, anaPhone, benPhone, imageId, roundId };
}

describe.each(BACKENDS)('deleting a session on %s', (backend) => {
  it('lets only its facilitator delete it, removes every row in one go and tells every client', async () => {
    server = await startLifecycleServer(backend);
    const live = server;
    const room = await fullSession(live);
    const { session, ana } = room;
    const before = await live.store.count(session.sessionId);
    for (const [table, count] of Object.entries(before))
      expect([table, count]).not.toEqual([table, 0]);

    const del = (headers: Record<string, string>) =>
      requestJson(`${live.url}/api/sessions/${session.sessionId}`, { method: 'DELETE', headers });
    // The authorisation matrix: nothing is deleted by anyone but the facilitator.
    expect(await del(bearer(session.screenKey))).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect(await del(bearer(ana.resumeToken))).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect(await del({})).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } });
    expect(await del(bearer('x'.repeat(43)))).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHORIZED' } },
    });
    expect(
      await requestJson(`${live.url}/api/sessions/..%2Fsessions`, {
        method: 'DELETE',
        headers: bearer(session.facilitatorToken),
      }),
    ).toMatchObject({ status: 404 });
    expect(await live.store.count(session.sessionId)).toEqual(before);

    const told = [room.facilitator, room.screen, room.anaPhone, room.benPhone].map((socket) =>
      Promise.all([deletedNotice(socket), disconnected(socket)]),
    );
    const deleted = await del(bearer(session.facilitatorToken));
    expect(deleted).toMatchObject({ status: 200, body: { deleted: true, rows: before } });
    for (const [notice, reason] of await Promise.all(told)) {
      expect(notice).toEqual({ code: 'NOT_FOUND', message: 'This session was deleted' });
      expect(reason).toBe('io server disconnect');
    }
    expect(await live.store.count(session.sessionId)).toEqual(ZERO);
    expect(live.playfield.manager.peek(session.sessionId)).toBeUndefined();
    expect(live.playfield.documents.liveCount).toBe(0);

    // Every way back to it answers NOT_FOUND now.
    expect(await del(bearer(session.facilitatorToken))).toMatchObject({
      status: 404,
      body: { error: { code: 'NOT_FOUND' } },
    });
    expect(await requestJson(`${live.url}/api/join/${session.code}`)).toMatchObject({
      status: 404,
    });
    expect(await requestJson(`${live.url}/api/images/${room.imageId}`)).toMatchObject({
      status: 404,
    });
    expect(
      await requestJson(`${live.url}/api/sessions/${session.sessionId}/agenda-file`, {
        headers: bearer(session.facilitatorToken),
      }),
    ).toMatchObject({ status: 404 });
  });

  it('keeps an image another session still shows, and that session whole', async () => {
    server = await startLifecycleServer(backend);
    const live = server;
    const { session, imageId } = await fullSession(live);
    const copy = await postJson(
      `${live.url}/api/sessions/${session.sessionId}/duplicate`,
      {},
      bearer(session.facilitatorToken),
    );
    expect(copy.status).toBe(201);
    const duplicate = copy.body as CreatedSession & { title: string };
    expect(duplicate.title).toBe('Service recovery (copy)');
    const copyBefore = await live.store.count(duplicate.sessionId);
    expect((await live.store.count(session.sessionId)).images).toBe(0);

    const deleted = await requestJson(`${live.url}/api/sessions/${session.sessionId}`, {
      method: 'DELETE',
      headers: bearer(session.facilitatorToken),
    });
    expect(deleted.status).toBe(200);
    expect((await fetch(`${live.url}/api/images/${imageId}`)).status).toBe(200);
    // The copy is whole, and the image is now its own (its deletion would take it).
    expect(await live.store.count(duplicate.sessionId)).toEqual({
      ...copyBefore,
      images: 1,
      image_variants: 2,
    });
  });

  it('acknowledges no action it did not store and writes nothing after the deletion', async () => {
    server = await startLifecycleServer(backend);
    const live = server;
    const session = await live.createSession();
    const seats: JoinedSeat[] = [];
    for (let i = 0; i < 6; i++) seats.push(await live.join(session.code, `Seat ${i}`));
    const facilitator = await live.connect(facilitatorOf(session));
    const phones = await Promise.all(seats.map((seat) => live.connect(participantOf(seat))));
    expect(await emitAck(facilitator, 'session.control', { type: 'session.start' })).toMatchObject({
      ok: true,
    });
    const roundId = live.playfield.manager.peek(session.sessionId)?.state.agenda[0]?.id ?? '';

    // Every write the repository makes, and whether it came after the deletion's answer.
    const repository = live.playfield.manager.repository as Repository & Record<string, unknown>;
    const stored = new Set<number>();
    let isDeleted = false;
    let writesAfter = 0;
    const append = repository.append.bind(repository);
    repository.append = async (...args: Parameters<Repository['append']>) => {
      if (isDeleted) writesAfter++;
      await append(...args);
      for (const envelope of args[1]) stored.add(envelope.seq);
    };
    const saveSnapshot = repository.saveSnapshot.bind(repository);
    repository.saveSnapshot = async (state) => {
      if (isDeleted) writesAfter++;
      await saveSnapshot(state);
    };

    // The phones keep answering (alternating choices, so every answer is a change) while
    // the facilitator deletes the session.
    const acks: Promise<{ ok: boolean; data?: { seq: number } }>[] = [];
    let isActing = true;
    const acting = phones.map(async (phone, index) => {
      // An action in flight when the server closes the phone is never answered: the close
      // ends the wait (not the ack time-out), and counts as not acknowledged.
      const closed = new Promise<{ ok: false }>((resolve) =>
        phone.once('disconnect', () => resolve({ ok: false })),
      );
      for (let round = 0; isActing && round < 200; round++) {
        const answered = emitAck(phone, 'round.act', {
          roundId,
          action: { type: 'answer', choices: [(index + round) % 3] },
        }).catch(() => ({ ok: false }));
        const ack = Promise.race([answered, closed]);
        acks.push(ack);
        const result = await ack;
        if (!result.ok) return;
      }
    });
    await acks[12];
    const deleted = await requestJson(`${live.url}/api/sessions/${session.sessionId}`, {
      method: 'DELETE',
      headers: bearer(session.facilitatorToken),
    });
    isDeleted = true;
    isActing = false;
    expect(deleted.status).toBe(200);
    await Promise.all(acting);
    const results = await Promise.all(acks);
    const accepted = results.filter((r) => r.ok);
    expect(accepted.length).toBeGreaterThan(0);
    for (const result of accepted) expect(stored.has(result.data?.seq ?? -1)).toBe(true);
    expect(results.some((r) => !r.ok)).toBe(true);
    expect(writesAfter).toBe(0);
    expect(await live.store.count(session.sessionId)).toEqual(ZERO);
  });
});
