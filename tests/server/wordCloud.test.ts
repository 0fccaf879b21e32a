/**
 * The word cloud through real sockets: three phones send words, one of them a swear word
 * that is held; the console sees live counts and the queue, approves or hides, merges two
 * words; nothing reaches the screen or the phones before the reveal, and held entries never
 * do. An anonymous round names nobody. A phone cannot moderate (FORBIDDEN), malformed
 * payloads are BAD_REQUEST, and refusals leave nothing in the log. The round's CSV export
 * carries the entries table.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreateSessionBody, ExerciseViews, Result } from '@playfield/shared';
import type { WordCloudConfig } from '@playfield/shared/exercises/wordCloud/index';
import {
  emitAck,
  emitRaw,
  exerciseView,
  facilitatorOf,
  nextView,
  participantOf,
  receivedViews,
  screenOf,
  startTestServer,
  type TestServer,
  type TestSocket,
} from './harness.ts';

const CONFIG: WordCloudConfig = {
  question: 'One word for how our customers feel today',
  mode: 'cloud',
  entriesPerPerson: 3,
  maxWords: 3,
  maxLength: 40,
  isAnonymous: false,
  isModerated: false,
  profanity: 'hold',
  isLive: false,
};

const agenda = (config: Partial<WordCloudConfig> = {}): CreateSessionBody['agenda'] => [
  { kind: 'wordCloud', title: 'How customers feel', config: { ...CONFIG, ...config } },
];

type Console = ExerciseViews<'wordCloud'>['facilitator'];
type Phone = ExerciseViews<'wordCloud'>['participantPublic'];
type Own = ExerciseViews<'wordCloud'>['participantOwn'];
type Screen = ExerciseViews<'wordCloud'>['screen'];

const consoleWhere = async (socket: TestSocket, predicate: (v: Console) => boolean) =>
  (await exerciseView(socket, 'view.facilitator', 'wordCloud', predicate)).view;
const phoneWhere = async (socket: TestSocket, predicate: (v: Phone) => boolean) =>
  (await exerciseView(socket, 'view.public', 'wordCloud', predicate)).view;
const ownWhere = async (socket: TestSocket, predicate: (v: Own) => boolean) =>
  (await exerciseView(socket, 'view.own', 'wordCloud', predicate)).view;
const screenWhere = async (socket: TestSocket, predicate: (v: Screen) => boolean) =>
  (await exerciseView(socket, 'view.screen', 'wordCloud', predicate)).view;

const NAMES = ['Ana', 'Ben', 'Cai'];

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

async function openRoom(config: Partial<WordCloudConfig> = {}) {
  const session = await server.createSession({ title: 'Service Pro', agenda: agenda(config) });
  const facilitator = await server.connect(facilitatorOf(session));
  const screen = await server.connect(screenOf(session));
  const seats = await Promise.all(NAMES.map((name) => server.join(session.code, name)));
  const phones = await Promise.all(seats.map((seat) => server.connect(participantOf(seat))));
  expect(await emitAck(facilitator, 'session.control', { type: 'session.start' })).toMatchObject({
    ok: true,
  });
  const { view } = await nextView(facilitator, 'view.facilitator', (m) => !!m.view.round);
  const roundId = view.round?.id ?? '';
  const act = (socket: TestSocket, action: unknown): Promise<Result<{ seq: number }>> =>
    emitRaw(socket, 'round.act', { roundId, action }) as Promise<Result<{ seq: number }>>;
  return { session, roundId, facilitator, screen, seats, phones, act };
}

const submit = (text: string) => ({ type: 'submit', text });

describe('a word cloud, live', () => {
  it('holds a swear word, counts alike words together, merges and reveals', async () => {
    const { session, roundId, facilitator, screen, phones, act } = await openRoom();
    const [ana, ben, cai] = phones as [TestSocket, TestSocket, TestSocket];
    for (const [phone, text] of [
      [ana, 'Frustrated'],
      [ben, 'frustrated!'],
      [cai, 'shit'],
      [ana, 'CS'],
      [ben, 'customer service'],
    ] as const) {
      expect(await act(phone, submit(text)), text).toMatchObject({ ok: true });
    }
    const live = await consoleWhere(facilitator, (v) => v.counts.entries === 5);
    expect(live.counts).toMatchObject({ people: 3, shown: 4, pending: 1, hidden: 0 });
    expect(live.queue).toMatchObject([{ text: 'shit', isProfane: true, author: 'Cai' }]);
    expect(live.words.map((w) => [w.label, w.count])).toEqual([
      ['Frustrated', 2],
      ['CS', 1],
      ['customer service', 1],
    ]);
    expect(await ownWhere(cai, (v) => v.entries.length === 1)).toMatchObject({
      entries: [{ text: 'shit', status: 'pending' }],
      left: 2,
    });
    // Before the reveal the screen shows a count only; phones see no results.
    expect(await screenWhere(screen, (v) => v.counts.entries === 5)).toMatchObject({
      isShown: false,
      words: [],
    });

    expect(
      await act(facilitator, { type: 'merge', from: 'cs', into: 'customer service' }),
    ).toMatchObject({ ok: true });
    expect(await emitAck(facilitator, 'session.control', { type: 'round.reveal' })).toMatchObject({
      ok: true,
    });
    const shown = await screenWhere(screen, (v) => v.isShown);
    expect(shown.words).toEqual([
      { key: 'customer service', label: 'customer service', count: 2 },
      { key: 'frustrated', label: 'Frustrated', count: 2 },
    ]);
    const onPhone = await phoneWhere(ben, (v) => v.results !== null);
    expect(onPhone.results?.words).toEqual(shown.words);

    // The held word reaches no screen and no other phone.
    for (const socket of [screen, ana, ben]) {
      for (const { event, message } of receivedViews(socket))
        expect(JSON.stringify(message), event).not.toContain('shit');
    }
    const held = live.queue[0]?.id ?? '';
    expect(await act(facilitator, { type: 'hide', entryId: held })).toMatchObject({ ok: true });
    expect(await ownWhere(cai, (v) => v.entries[0]?.status === 'hidden')).toBeTruthy();

    // The round's CSV carries the shown entries with their authors (a named round).
    const response = await fetch(
      `${server.url}/api/sessions/${session.sessionId}/rounds/${roundId}/export/csv`,
      { headers: { authorization: `Bearer ${session.facilitatorToken}` } },
    );
    expect(response.status).toBe(200);
    const csv = await response.text();
    expect(csv).toContain('Entry,Counted as,Author');
    expect(csv).toContain('Frustrated,Frustrated,Ana');
    expect(csv).toContain('CS,customer service,Ana');
    expect(csv).not.toContain('shit');
  });

  it('names nobody in any round view when anonymous', async () => {
    const { facilitator, screen, phones, seats, act } = await openRoom({
      isAnonymous: true,
      isLive: true,
    });
    for (const [i, phone] of phones.entries())
      expect(await act(phone, submit(['slow', 'slow', 'kind'][i] ?? ''))).toMatchObject({
        ok: true,
      });
    await consoleWhere(facilitator, (v) => v.counts.entries === 3);
    await screenWhere(screen, (v) => v.words.length === 2);
    const secrets = seats.flatMap((s) => [s.participantId, s.name]);
    for (const socket of [facilitator, screen, ...phones]) {
      for (const { event, message } of receivedViews(socket)) {
        if (event === 'view.own') continue;
        const { round } = (message as { view: { round: unknown } }).view;
        for (const secret of secrets) expect(JSON.stringify(round), event).not.toContain(secret);
      }
    }
  });

  it('refuses a phone’s moderation as FORBIDDEN and malformed payloads, storing nothing', async () => {
    const { facilitator, phones, act } = await openRoom({ entriesPerPerson: 1, maxWords: 1 });
    const [ana, ben] = phones as [TestSocket, TestSocket];
    expect(await act(ana, submit('slow'))).toMatchObject({ ok: true });
    const before = await consoleWhere(facilitator, (v) => v.counts.entries === 1);
    const entryId = before.entries[0]?.id ?? '';
    const events = server.countRows('events');

    for (const action of [
      { type: 'approve', entryId },
      { type: 'hide', entryId },
      { type: 'approveAll' },
      { type: 'merge', from: 'slow', into: 'slow' },
    ]) {
      expect(await act(ben, action), JSON.stringify(action)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect(await act(facilitator, submit('fast'))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    for (const action of [
      { type: 'submit' },
      { type: 'submit', text: '' },
      { type: 'submit', text: 'x'.repeat(2000) },
      { type: 'submit', text: 42 },
      { type: 'withdraw', entryId: '__proto__' },
      { type: 'shout', text: 'hi' },
    ]) {
      expect(await act(ben, action), JSON.stringify(action)).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    }
    expect(
      await act(facilitator, { type: 'merge', from: '__proto__', into: 'slow' }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    for (const [phone, action, code] of [
      [ana, submit('fast'), 'CONFLICT'],
      [ben, submit('very slow'), 'INVALID_ACTION'],
      [ben, { type: 'withdraw', entryId }, 'FORBIDDEN'],
    ] as const) {
      expect(await act(phone, action)).toMatchObject({ ok: false, error: { code } });
    }
    expect(server.countRows('events')).toBe(events);

    // Locked: no more entries and no withdrawing.
    expect(await emitAck(facilitator, 'session.control', { type: 'round.lock' })).toMatchObject({
      ok: true,
    });
    expect(await act(ana, { type: 'withdraw', entryId })).toMatchObject({
      ok: false,
      error: { code: 'ROUND_LOCKED' },
    });
  });
});
