/** The `/docs` namespace over real sockets (Yjs plans and notebooks): personal action plans. */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPlanAction,
  parsePlan,
  PLAN_LIMITS,
  setPlanField,
  setPlanFlag,
} from '@playfield/shared/plans/plan';
import {
  emitAck,
  requestJson,
  startTestServer,
  facilitatorOf,
  participantOf,
  type TestServer,
} from './harness.ts';
import {
  clients,
  docClient,
  openOk,
  until,
  planOf,
  facilitatorDocs,
  seatDocs,
} from './docsFixtures.ts';

let server: TestServer;

afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await server?.close();
});

describe('personal action plans', () => {
  it('syncs a plan between the same participant on phone and laptop, live', async () => {
    server = await startTestServer();
    const session = await server.createSession();
    const seat = await server.join(session.code, 'Ana');
    const phone = await docClient(server.url, seatDocs(seat));
    const laptop = await docClient(server.url, seatDocs(seat));
    const onPhone = await openOk(phone, planOf(session, seat));
    const onLaptop = await openOk(laptop, planOf(session, seat));

    addPlanAction(onPhone, { id: 'a1', text: 'Call back every complaint within a day' });
    expect(await phone.settle()).toEqual([]);
    await until(onLaptop, () => parsePlan(onLaptop).data?.actions.length === 1);
    setPlanField(onLaptop, 'a1', 'due', '2027-01-15');
    setPlanField(onPhone, 'a1', 'why', 'Customers who wait leave');
    expect([...(await phone.settle()), ...(await laptop.settle())]).toEqual([]);
    await until(onPhone, () => parsePlan(onPhone).data?.actions[0]?.due === '2027-01-15');
    await until(onLaptop, () => parsePlan(onLaptop).data?.actions[0]?.why !== '');
    expect(parsePlan(onPhone).data).toEqual(parsePlan(onLaptop).data);
  });

  it('refuses an invalid due date or too many actions, and keeps the plan as it was', async () => {
    server = await startTestServer();
    const session = await server.createSession();
    const seat = await server.join(session.code, 'Ana');
    const phone = await docClient(server.url, seatDocs(seat));
    const doc = await openOk(phone, planOf(session, seat));
    addPlanAction(doc, { id: 'a1', text: 'Answer within a day' });
    expect(await phone.settle()).toEqual([]);

    setPlanField(doc, 'a1', 'due', '2027-02-30');
    const refused = await phone.settle();
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ code: 'BAD_REQUEST' });
    expect(refused[0]?.message).toMatch(/calendar/);

    // This client's copy now holds an edit the server never took: its next edit is refused
    // too, rather than acknowledged and left dangling, and the client reloads.
    setPlanField(doc, 'a1', 'why', 'Because');
    expect(await phone.settle()).toMatchObject([{ code: 'CONFLICT' }]);

    const laptop = await docClient(server.url, seatDocs(seat));
    const plan = await openOk(laptop, planOf(session, seat));
    for (let i = 0; i <= PLAN_LIMITS.actions; i++)
      addPlanAction(plan, { id: `x${i}`, text: 'More' });
    expect((await laptop.settle()).some((e) => /At most 30 actions/.test(e.message))).toBe(true);

    const fresh = await docClient(server.url, seatDocs(seat));
    const stored = parsePlan(await openOk(fresh, planOf(session, seat)));
    expect(stored.success).toBe(true);
    expect(stored.data?.actions.length).toBeLessThanOrEqual(PLAN_LIMITS.actions);
    expect(stored.data?.actions.find((a) => a.id === 'a1')?.due).toBe('');
  });

  it('lets no one else open a plan, and the facilitator only read it once shared', async () => {
    server = await startTestServer();
    const session = await server.createSession();
    const ana = await server.join(session.code, 'Ana');
    const ben = await server.join(session.code, 'Ben');
    const anaDocs = await docClient(server.url, seatDocs(ana));
    const plan = await openOk(anaDocs, planOf(session, ana));
    addPlanAction(plan, { id: 'a1', text: 'Private thought' });
    expect(await anaDocs.settle()).toEqual([]);

    const benDocs = await docClient(server.url, seatDocs(ben));
    expect(await benDocs.open(planOf(session, ana))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const console = await docClient(server.url, facilitatorDocs(session));
    expect(await console.open(planOf(session, ana))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // Another session's facilitator cannot open it either, shared or not.
    const other = await server.createSession();
    const otherConsole = await docClient(server.url, facilitatorDocs(other));

    setPlanFlag(plan, 'isShared', true);
    expect(await anaDocs.settle()).toEqual([]);
    const opened = await console.open(planOf(session, ana));
    expect(opened).toMatchObject({ ok: true, data: { opened: { rights: 'read' } } });
    expect(await otherConsole.open(planOf(session, ana))).toMatchObject({ ok: false });
    // Read rights cannot write.
    const forged = new Y.Doc();
    addPlanAction(forged, { id: 'f1', text: 'Written by someone else' });
    expect(await console.send(planOf(session, ana), Y.encodeStateAsUpdate(forged))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // Unsharing closes the facilitator's open copy at once.
    setPlanFlag(plan, 'isShared', false);
    expect(await anaDocs.settle()).toEqual([]);
    await expect.poll(() => console.revoked).toEqual([planOf(session, ana)]);
    expect(await console.open(planOf(session, ana))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('puts a prompt answer into the plan, linked to its round, and counts who answered', async () => {
    server = await startTestServer();
    const session = await server.createSession();
    const seat = await server.join(session.code, 'Ana');
    const facilitator = await server.connect(facilitatorOf(session));
    const phone = await server.connect(participantOf(seat));
    await emitAck(facilitator, 'session.control', { type: 'session.start' });
    await emitAck(facilitator, 'session.control', { type: 'prompt.send' });
    const roundId = server.playfield.manager.peek(session.sessionId)?.state.currentRoundId ?? '';
    expect(
      await emitAck(phone, 'plan.answer', { roundId, text: 'Greet every caller by name' }),
    ).toMatchObject({ ok: true });
    expect(
      server.playfield.manager.peek(session.sessionId)?.facilitatorMessage().view.prompt,
    ).toMatchObject({ roundId, responded: 1 });
    // A skip counts as a response but adds nothing.
    const ben = await server.join(session.code, 'Ben');
    const benPhone = await server.connect(participantOf(ben));
    expect(await emitAck(benPhone, 'plan.answer', { roundId, text: null })).toMatchObject({
      ok: true,
    });

    const docs = await docClient(server.url, seatDocs(seat));
    const plan = parsePlan(await openOk(docs, planOf(session, seat)));
    expect(plan.data?.actions).toMatchObject([
      { text: 'Greet every caller by name', roundId, roundTitle: 'Warm-up poll' },
    ]);
    const benDocs = await docClient(server.url, seatDocs(ben));
    expect(parsePlan(await openOk(benDocs, planOf(session, ben))).data?.actions).toEqual([]);
    expect(await emitAck(phone, 'plan.answer', { roundId: 'nope', text: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('exports only the plan of the token that asks, and refuses without one', async () => {
    server = await startTestServer();
    const session = await server.createSession();
    const ana = await server.join(session.code, 'Ana');
    const ben = await server.join(session.code, 'Ben');
    const docs = await docClient(server.url, seatDocs(ana));
    const plan = await openOk(docs, planOf(session, ana));
    addPlanAction(plan, { id: 'a1', text: 'Ana secret action' });
    expect(await docs.settle()).toEqual([]);

    const none = await requestJson(`${server.url}/api/plan/export/md`);
    expect(none.status).toBe(401);
    const bens = await requestJson(`${server.url}/api/plan/export/md`, {
      headers: { authorization: `Bearer ${ben.resumeToken}` },
    });
    expect(bens.status).toBe(200);
    expect(String(bens.body)).not.toContain('Ana secret action');
    const notShared = await requestJson(
      `${server.url}/api/sessions/${session.sessionId}/plans/${ana.participantId}/export/md`,
      { headers: { authorization: `Bearer ${session.facilitatorToken}` } },
    );
    expect(notShared.status).toBe(403);
  });
});
