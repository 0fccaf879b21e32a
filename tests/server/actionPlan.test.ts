/**
 * Personal action plans through a whole session over real sockets: the prompt after a
 * round puts an answer into the participant's own plan document, the closing round
 * (`actionPlan`) counts who is done without showing anyone's plan, access stays with the
 * plan's owner until they share it, and exports give each token its own plan only.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { unzipSync } from 'fflate';
import { docIdOf, type CreatedSession, type JoinedSeat } from '@playfield/shared';
import { actionPlanPresets } from '@playfield/shared/exercises/actionPlan/index';
import {
  parsePlan,
  setPlanField,
  setPlanFlag,
  type ActionPlan,
} from '@playfield/shared/plans/plan';
import { TestDocClient } from './docClient.ts';
import {
  emitAck,
  exerciseView,
  facilitatorOf,
  nextView,
  participantOf,
  pollRound,
  requestJson,
  screenOf,
  startTestServer,
  type TestServer,
} from './harness.ts';

let server: TestServer;
const clients: TestDocClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await server?.close();
});

const ANA_ACTION = 'Greet every caller by name';

async function docsAs(seat: JoinedSeat): Promise<TestDocClient> {
  const client = await TestDocClient.connect(server.url, {
    role: 'participant',
    resumeToken: seat.resumeToken,
  });
  clients.push(client);
  return client;
}

async function openPlan(client: TestDocClient, docId: string): Promise<Y.Doc> {
  const opened = await client.open(docId);
  if (!opened.ok) throw new Error(`open ${docId}: ${opened.error.message}`);
  return opened.data.doc;
}

function planData(doc: Y.Doc): ActionPlan {
  const parsed = parsePlan(doc);
  if (!parsed.success) throw new Error(parsed.error.message);
  return parsed.data;
}

const planId = (session: CreatedSession, seat: JoinedSeat) =>
  docIdOf({ kind: 'plan', sessionId: session.sessionId, participantId: seat.participantId });

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

async function download(path: string, token: string) {
  const response = await fetch(`${server.url}/api${path}`, bearer(token));
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    disposition: response.headers.get('content-disposition') ?? '',
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** A two-round session (a poll, then the closing round) with Ana and Ben on their phones. */
async function closingSession() {
  server = await startTestServer();
  const session = await server.createSession({
    title: 'Service recovery',
    agenda: [
      pollRound({}, 'First contact'),
      { kind: 'actionPlan', ...actionPlanPresets.personalActionPlan },
    ],
  });
  const ana = await server.join(session.code, 'Ana');
  const ben = await server.join(session.code, 'Ben');
  const facilitator = await server.connect(facilitatorOf(session));
  const anaPhone = await server.connect(participantOf(ana));
  const benPhone = await server.connect(participantOf(ben));
  expect(await emitAck(facilitator, 'session.control', { type: 'session.start' })).toMatchObject({
    ok: true,
  });
  const roundIds = () => server.playfield.manager.peek(session.sessionId)?.state.agenda ?? [];
  const [poll, closing] = roundIds().map((r) => r.id);
  return {
    session,
    ana,
    ben,
    facilitator,
    anaPhone,
    benPhone,
    pollId: poll ?? '',
    closingId: closing ?? '',
  };
}

describe('personal action plans in a session', () => {
  it('captures a prompt answer into the answerer’s own plan, linked to its round', async () => {
    const { session, ana, ben, facilitator, anaPhone, benPhone, pollId } = await closingSession();

    await emitAck(facilitator, 'session.control', { type: 'prompt.send' });
    const prompt = await nextView(anaPhone, 'view.public', (m) => m.view.prompt !== null);
    expect(prompt.view.prompt).toMatchObject({ roundId: pollId, roundTitle: 'First contact' });

    expect(await emitAck(anaPhone, 'plan.answer', { roundId: pollId, text: ANA_ACTION })).toEqual(
      expect.objectContaining({ ok: true }),
    );
    expect(await emitAck(benPhone, 'plan.answer', { roundId: pollId, text: null })).toEqual(
      expect.objectContaining({ ok: true }),
    );
    const counted = await nextView(
      facilitator,
      'view.facilitator',
      (m) => m.view.prompt?.responded === 2,
    );
    expect(counted.view.prompt).toMatchObject({ roundId: pollId, responded: 2 });

    const anaPlan = planData(await openPlan(await docsAs(ana), planId(session, ana)));
    expect(anaPlan.actions).toMatchObject([
      { text: ANA_ACTION, roundId: pollId, roundTitle: 'First contact', due: '' },
    ]);
    // A skip counts as a response and adds nothing to Ben's plan.
    expect(planData(await openPlan(await docsAs(ben), planId(session, ben))).actions).toEqual([]);
  });

  it('keeps a plan to its owner until shared, then lets the facilitator read it, never write', async () => {
    const { session, ana, ben, anaPhone, pollId } = await closingSession();
    await emitAck(anaPhone, 'plan.answer', { roundId: pollId, text: ANA_ACTION });
    const anaDocs = await docsAs(ana);
    const anaPlan = await openPlan(anaDocs, planId(session, ana));

    const benDocs = await docsAs(ben);
    expect(await benDocs.open(planId(session, ana))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const consoleDocs = await TestDocClient.connect(server.url, {
      role: 'facilitator',
      sessionId: session.sessionId,
      token: session.facilitatorToken,
    });
    clients.push(consoleDocs);
    expect(await consoleDocs.open(planId(session, ana))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'This plan has not been shared with the team' },
    });

    setPlanFlag(anaPlan, 'isShared', true);
    expect(await anaDocs.settle()).toEqual([]);
    const opened = await consoleDocs.open(planId(session, ana));
    expect(opened).toMatchObject({ ok: true, data: { opened: { rights: 'read' } } });
    if (!opened.ok) return;
    expect(planData(opened.data.doc).actions[0]?.text).toBe(ANA_ACTION);
    // Ben still cannot: sharing is with the facilitator and the notebook, not other phones.
    expect(await benDocs.open(planId(session, ana))).toMatchObject({ ok: false });
  });

  it('refuses an invalid due date and keeps the stored plan as it was', async () => {
    const { session, ana, anaPhone, pollId } = await closingSession();
    await emitAck(anaPhone, 'plan.answer', { roundId: pollId, text: ANA_ACTION });
    const phone = await docsAs(ana);
    const doc = await openPlan(phone, planId(session, ana));
    const id = planData(doc).actions[0]?.id ?? '';
    setPlanField(doc, id, 'due', '2030-03-31');
    expect(await phone.settle()).toEqual([]);

    setPlanField(doc, id, 'due', '31/03/2030');
    const refused = await phone.settle();
    expect(refused).toMatchObject([{ code: 'BAD_REQUEST' }]);
    expect(refused[0]?.message).toMatch(/YYYY-MM-DD/);

    const fresh = planData(await openPlan(await docsAs(ana), planId(session, ana)));
    expect(fresh.actions[0]?.due).toBe('2030-03-31');
    expect(fresh.actions).toHaveLength(1);
  });

  it('counts finished plans in the closing round without showing anyone’s plan', async () => {
    const { session, ana, facilitator, anaPhone, benPhone, closingId } = await closingSession();
    const screen = await server.connect(screenOf(session));
    await emitAck(facilitator, 'session.control', { type: 'round.next' });
    await exerciseView(facilitator, 'view.facilitator', 'actionPlan', () => true);

    const anaDocs = await docsAs(ana);
    const plan = await openPlan(anaDocs, planId(session, ana));
    setPlanFlag(plan, 'isFinished', true);
    expect(await anaDocs.settle()).toEqual([]);
    expect(
      await emitAck(anaPhone, 'round.act', {
        roundId: closingId,
        action: { type: 'finish', isFinished: true },
      }),
    ).toMatchObject({ ok: true });

    const console = await exerciseView(
      facilitator,
      'view.facilitator',
      'actionPlan',
      (v) => v.finishedCount === 1,
    );
    expect(console.view).toMatchObject({
      finishedCount: 1,
      participantCount: 2,
      finishedNames: ['Ana'],
    });
    const room = await exerciseView(
      screen,
      'view.screen',
      'actionPlan',
      (v) => v.finishedCount === 1,
    );
    expect(room.view).toEqual({ finishedCount: 1, participantCount: 2 });
    const publicView = await exerciseView(benPhone, 'view.public', 'actionPlan', () => true);
    expect(publicView.view).toEqual({ intro: actionPlanPresets.personalActionPlan.config.intro });
    const anaOwn = await nextView(anaPhone, 'view.own', (m) => m.view.round?.id === closingId);
    expect(anaOwn.view.round).toMatchObject({ view: { isFinished: true } });

    // The facilitator cannot mark a plan done for someone.
    expect(
      await emitAck(facilitator, 'round.act', {
        roundId: closingId,
        action: { type: 'finish', isFinished: true },
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const overview = await requestJson(
      `${server.url}/api/sessions/${session.sessionId}/plans`,
      bearer(session.facilitatorToken),
    );
    expect(overview.body).toMatchObject({ participantCount: 2, finished: 1, shared: [] });
  });

  it('exports each token’s own plan only, and shares only shared plans with the facilitator', async () => {
    const { session, ana, ben, anaPhone, benPhone, pollId } = await closingSession();
    await emitAck(anaPhone, 'plan.answer', { roundId: pollId, text: ANA_ACTION });
    await emitAck(benPhone, 'plan.answer', { roundId: pollId, text: 'Ben writes his own' });
    const anaDocs = await docsAs(ana);
    const plan = await openPlan(anaDocs, planId(session, ana));
    const id = planData(plan).actions[0]?.id ?? '';
    setPlanField(plan, id, 'firstStep', 'List last week’s callers');
    setPlanField(plan, id, 'due', '2030-03-31');
    setPlanFlag(plan, 'isShared', true);
    expect(await anaDocs.settle()).toEqual([]);

    const anaMd = await download('/plan/export/md', ana.resumeToken);
    expect(anaMd.status).toBe(200);
    expect(anaMd.type).toMatch(/text\/markdown/);
    expect(text(anaMd.bytes)).toContain(ANA_ACTION);
    // Ben's token is Ben's plan, whatever else he asks for.
    const benMd = await download('/plan/export/md', ben.resumeToken);
    expect(text(benMd.bytes)).toContain('Ben writes his own');
    expect(text(benMd.bytes)).not.toContain(ANA_ACTION);
    const benIcs = await download('/plan/export/ics', ben.resumeToken);
    expect(text(benIcs.bytes)).not.toContain('20300331');
    const anaIcs = await download('/plan/export/ics', ana.resumeToken);
    expect(anaIcs.type).toMatch(/text\/calendar/);
    expect(text(anaIcs.bytes)).toContain('BEGIN:VEVENT');
    expect(text(anaIcs.bytes)).toContain('20300331');
    const pdf = await download('/plan/export/pdf', ana.resumeToken);
    expect(text(pdf.bytes.slice(0, 5))).toBe('%PDF-');
    expect(pdf.disposition).toMatch(/filename\*=UTF-8''Action%20plan%20Ana\.pdf/);
    expect((await download('/plan/export/md', 'not-a-real-token-0000')).status).toBe(401);

    const facilitatorToken = session.facilitatorToken;
    const base = `/sessions/${session.sessionId}/plans`;
    expect(
      (await download(`${base}/${ana.participantId}/export/md`, facilitatorToken)).status,
    ).toBe(200);
    expect(
      (await download(`${base}/${ben.participantId}/export/md`, facilitatorToken)).status,
    ).toBe(403);
    const zip = await download(`${base}/shared.zip`, facilitatorToken);
    expect(zip.type).toBe('application/zip');
    expect(Object.keys(unzipSync(zip.bytes))).toEqual(['Ana.pdf']);
    // Another participant's resume token is not a facilitator's key.
    expect((await download(`${base}/shared.zip`, ben.resumeToken)).status).toBe(401);
  });

  it('exports a round’s results as CSV and as a document for the facilitator only', async () => {
    const { session, ana, anaPhone, pollId } = await closingSession();
    await emitAck(anaPhone, 'round.act', {
      roundId: pollId,
      action: { type: 'answer', choices: [1] },
    });
    const base = `/sessions/${session.sessionId}/rounds/${pollId}/export`;

    const csv = await download(`${base}/csv`, session.facilitatorToken);
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/text\/csv/);
    expect(text(csv.bytes)).toContain('Email');
    const md = await download(`${base}/md`, session.facilitatorToken);
    expect(text(md.bytes)).toContain('First contact');
    expect((await download(`${base}/csv`, ana.resumeToken)).status).toBe(401);
  });
});
