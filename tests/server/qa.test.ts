/**
 * The session's Q&A over real sockets: three phones ask (named and anonymous) and vote
 * beside a running round; the console moderates, merges, pins, answers and highlights;
 * the screen follows. A phone cannot moderate, the console and screen cannot ask, junk is
 * refused at the schema with nothing stored, and no message that leaves the server ever
 * names the author of an anonymous question. The notebook gets a "qa" block.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docIdOf, type FacilitatorView, type Result } from '@playfield/shared';
import { readNotebook } from '@playfield/shared/notebooks/notebook';
import { TestDocClient } from './docClient.ts';
import {
  emitAck,
  emitRaw,
  facilitatorOf,
  nextView,
  participantOf,
  receivedViews,
  screenOf,
  startTestServer,
  type TestServer,
  type TestSocket,
} from './harness.ts';

let server: TestServer;
const docClients: TestDocClient[] = [];
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  docClients.splice(0).forEach((c) => c.close());
  await server.close();
});

type QaConsole = NonNullable<FacilitatorView['qa']>;

async function openRoom() {
  const session = await server.createSession({ title: 'Service Pro' });
  const facilitator = await server.connect(facilitatorOf(session));
  const screen = await server.connect(screenOf(session));
  const seats = await Promise.all(['Ana', 'Ben', 'Cai'].map((n) => server.join(session.code, n)));
  const phones = await Promise.all(seats.map((seat) => server.connect(participantOf(seat))));
  expect(await emitAck(facilitator, 'session.control', { type: 'session.start' })).toMatchObject({
    ok: true,
  });
  const control = (command: unknown) =>
    emitRaw(facilitator, 'session.control', command) as Promise<Result<{ seq: number }>>;
  const qa = (socket: TestSocket, payload: unknown) =>
    emitRaw(socket, 'qa.act', payload) as Promise<Result<{ seq: number }>>;
  const consoleWhere = async (predicate: (qa: QaConsole) => boolean) =>
    (await nextView(facilitator, 'view.facilitator', (m) => !!m.view.qa && predicate(m.view.qa)))
      .view.qa as QaConsole;
  return { session, facilitator, screen, seats, phones, control, qa, consoleWhere };
}

describe('the Q&A, live', () => {
  it('takes questions and votes beside the round, moderated from the console', async () => {
    const { session, facilitator, screen, seats, phones, control, qa, consoleWhere } =
      await openRoom();
    const [ana, ben, cai] = phones as [TestSocket, TestSocket, TestSocket];
    const benSeat = seats[1];

    expect(
      await qa(ana, { type: 'qa.ask', text: 'Will the refund window change?', isAnonymous: false }),
    ).toMatchObject({ ok: true });
    expect(
      await qa(ben, { type: 'qa.ask', text: 'Why do we script every call?', isAnonymous: true }),
    ).toMatchObject({ ok: true });
    let list = await consoleWhere((q) => q.questions.length === 2);
    const [named, anonymous] = list.questions;
    expect(named).toMatchObject({ author: 'Ana', isAnonymous: false });
    expect(anonymous).toMatchObject({ author: null, isAnonymous: true });

    // Votes set a state: Cai's retried vote counts once; Ana votes for Ben's question too.
    for (let i = 0; i < 3; i++)
      expect(
        await qa(cai, { type: 'qa.vote', questionId: anonymous?.id, isVoting: true }),
      ).toMatchObject({ ok: true });
    expect(
      await qa(ana, { type: 'qa.vote', questionId: anonymous?.id, isVoting: true }),
    ).toMatchObject({ ok: true });
    expect(
      await qa(ben, { type: 'qa.vote', questionId: anonymous?.id, isVoting: true }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ACTION' },
    });
    list = await consoleWhere((q) => q.questions.find((x) => x.id === anonymous?.id)?.votes === 2);
    const own = await nextView(cai, 'view.own', (m) => (m.view.qa?.votedIds.length ?? 0) === 1);
    expect(own.view.qa?.votedIds).toEqual([anonymous?.id]);
    const phone = await nextView(ana, 'view.public', (m) => m.view.qa?.top[0]?.votes === 2);
    expect(phone.view.qa?.top.map((q) => [q.text, q.author, q.votes])).toEqual([
      ['Why do we script every call?', null, 2],
      ['Will the refund window change?', 'Ana', 0],
    ]);
    const strip = await nextView(screen, 'view.screen', (m) => m.view.qa?.top[0]?.votes === 2);
    expect(strip.view.qa?.top).toHaveLength(2);

    // Moderation on: a new question waits, shown to its author only.
    expect(await control({ type: 'qa.settings', isModerated: true })).toMatchObject({ ok: true });
    expect(
      await qa(cai, { type: 'qa.ask', text: 'Who sets the targets?', isAnonymous: false }),
    ).toMatchObject({ ok: true });
    const pending = await nextView(cai, 'view.own', (m) => (m.view.qa?.pending.length ?? 0) === 1);
    expect(pending.view.qa?.pending[0]?.text).toBe('Who sets the targets?');
    list = await consoleWhere((q) => q.pending === 1);
    const waiting = list.questions[2];
    expect(await control({ type: 'qa.approve', questionId: waiting?.id })).toMatchObject({
      ok: true,
    });
    await nextView(ana, 'view.public', (m) => m.view.qa?.total === 3);

    // Merge the refund question into Cai's; highlight; mark answered; full-screen.
    expect(await qa(ben, { type: 'qa.vote', questionId: named?.id, isVoting: true })).toMatchObject(
      { ok: true },
    );
    expect(
      await control({ type: 'qa.merge', questionId: named?.id, intoId: waiting?.id }),
    ).toMatchObject({ ok: true });
    list = await consoleWhere((q) => q.questions.find((x) => x.id === waiting?.id)?.votes === 1);
    expect(await control({ type: 'qa.highlight', questionId: anonymous?.id })).toMatchObject({
      ok: true,
    });
    const big = await nextView(screen, 'view.screen', (m) => !!m.view.qa?.highlighted);
    expect(big.view.qa?.highlighted).toMatchObject({
      text: 'Why do we script every call?',
      author: null,
      votes: 2,
    });
    expect(
      await control({ type: 'qa.answer', questionId: anonymous?.id, isAnswered: true }),
    ).toMatchObject({ ok: true });
    expect(await control({ type: 'qa.display', isFullScreen: true })).toMatchObject({ ok: true });
    await nextView(
      screen,
      'view.screen',
      (m) => m.view.qa?.isFullScreen === true && m.view.qa.highlighted?.isAnswered === true,
    );
    expect(await control({ type: 'qa.highlight', questionId: null })).toMatchObject({ ok: true });
    await nextView(screen, 'view.screen', (m) => m.view.qa?.highlighted === null);

    // The anonymous author never left the server: not in any message anyone received.
    const benId = benSeat?.participantId ?? '';
    for (const socket of [facilitator, screen, ana, cai]) {
      for (const { message } of receivedViews(socket)) {
        const qaPart = JSON.stringify((message as { view: { qa?: unknown } }).view.qa ?? null);
        expect(qaPart).not.toContain(benId);
        expect(qaPart).not.toContain('Ben');
      }
    }
    for (const { message } of receivedViews(ben)) {
      expect(JSON.stringify((message as { view: { qa?: unknown } }).view.qa ?? null)).not.toContain(
        benId,
      );
    }

    // The notebook gets the Q&A as a round-type block: votes and answered marks, no author.
    expect(await control({ type: 'session.end' })).toMatchObject({ ok: true });
    const docs = await TestDocClient.connect(server.url, {
      role: 'facilitator',
      sessionId: session.sessionId,
      token: session.facilitatorToken,
    });
    docClients.push(docs);
    const opened = await docs.open(docIdOf({ kind: 'notebook', sessionId: session.sessionId }));
    if (!opened.ok) throw new Error(opened.error.message);
    const block = readNotebook(opened.data.doc).blocks.find((b) => b.roundId === 'qa');
    expect(block).toMatchObject({ type: 'round', kind: 'qa', title: 'Questions from the room' });
    expect(block?.summary?.headline).toBe('2 questions from the room, 1 answered');
    expect(block?.summary?.blocks[0]).toMatchObject({
      type: 'table',
      rows: [
        ['Who sets the targets?', 'Cai', '1', 'No'],
        ['Why do we script every call?', 'Anonymous', '2', 'Yes'],
      ],
    });
    expect(JSON.stringify(block)).not.toContain('Ben');
  });

  it('lets only the facilitator moderate and only phones ask; junk stores nothing', async () => {
    const { facilitator, screen, phones, qa, consoleWhere } = await openRoom();
    const [ana, ben] = phones as [TestSocket, TestSocket];
    expect(
      await qa(ana, { type: 'qa.ask', text: 'Is the canteen open late?', isAnonymous: true }),
    ).toMatchObject({ ok: true });
    const list = await consoleWhere((q) => q.questions.length === 1);
    const id = list.questions[0]?.id ?? '';
    const events = server.countRows('events');

    const moderation = [
      { type: 'qa.approve', questionId: id },
      { type: 'qa.hide', questionId: id, isHidden: true },
      { type: 'qa.highlight', questionId: id },
      { type: 'qa.settings', isOpen: false },
      { type: 'qa.display', isFullScreen: true },
    ];
    for (const command of moderation) {
      expect(await emitRaw(ben, 'session.control', command)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect(await emitRaw(screen, 'session.control', command)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    for (const socket of [facilitator, screen]) {
      expect(
        await qa(socket, { type: 'qa.ask', text: 'From the console', isAnonymous: false }),
      ).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    const junk: unknown[] = [
      null,
      { type: 'qa.ask', text: 'x'.repeat(301), isAnonymous: false },
      { type: 'qa.ask', text: '   ', isAnonymous: false },
      { type: 'qa.ask', text: 'Hi' },
      { type: 'qa.vote', questionId: '__proto__', isVoting: true },
      { type: 'qa.vote', questionId: id, isVoting: 'yes' },
      { type: 'qa.approve', questionId: id },
      'Hi',
      { type: 'qa.ask', text: { toString: 'Hi' }, isAnonymous: false },
    ];
    for (const payload of junk) {
      expect(await qa(ben, payload)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    for (const command of [
      { type: 'qa.merge', questionId: id, intoId: 'constructor' },
      { type: 'qa.pin', questionId: id },
      { type: 'qa.settings' },
      { type: 'qa.highlight', questionId: 'q1 or 1=1' },
    ]) {
      expect(await emitRaw(facilitator, 'session.control', command)).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    }
    expect(server.countRows('events')).toBe(events);
  });

  it('refuses a flood of questions from one phone with RATE_LIMITED', async () => {
    const { phones, qa } = await openRoom();
    const [ana] = phones as [TestSocket];
    const results = [];
    for (let i = 0; i < 7; i++)
      results.push(
        await qa(ana, { type: 'qa.ask', text: `Question number ${i}`, isAnonymous: false }),
      );
    expect(results.slice(0, 5).every((r) => r.ok)).toBe(true);
    expect(results[5]).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });
});
