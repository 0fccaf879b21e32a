/**
 * The presenter's clock and room-screen commands over real sockets: blank and freeze reach
 * the room screen and never a phone, +1/+5 reach the console, a phone cannot send them,
 * junk is refused at the schema with nothing stored, and the notebook records each round's
 * planned and actual minutes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docIdOf, type Result } from '@playfield/shared';
import { readNotebook } from '@playfield/shared/notebooks/notebook';
import { TestDocClient } from './docClient.ts';
import {
  emitRaw,
  facilitatorOf,
  nextView,
  participantOf,
  pollRound,
  receivedViews,
  screenOf,
  startTestServer,
  type TestServer,
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

async function openRoom() {
  const session = await server.createSession({
    title: 'Service Pro',
    agenda: [
      { ...pollRound({}, 'Warm-up'), minutes: 10 },
      { ...pollRound({}, 'Coffee break'), minutes: 15 },
    ],
  });
  const facilitator = await server.connect(facilitatorOf(session));
  const screen = await server.connect(screenOf(session));
  const seats = await Promise.all(['Ana', 'Ben'].map((n) => server.join(session.code, n)));
  const phones = await Promise.all(seats.map((seat) => server.connect(participantOf(seat))));
  const control = (command: unknown) =>
    emitRaw(facilitator, 'session.control', command) as Promise<Result<{ seq: number }>>;
  expect(await control({ type: 'session.start' })).toMatchObject({ ok: true });
  return { session, facilitator, screen, phones, control };
}

describe('the presenter commands, live', () => {
  it('blanks and freezes the room screen and never tells a phone', async () => {
    const { facilitator, screen, phones, control } = await openRoom();
    await nextView(screen, 'view.screen', (m) => m.view.round?.title === 'Warm-up');
    for (const phone of phones) await nextView(phone, 'view.public', (m) => !!m.view.round);
    const before = phones.map((p) => receivedViews(p).length);

    expect(await control({ type: 'clock.screen', mode: 'blank' })).toMatchObject({ ok: true });
    await nextView(screen, 'view.screen', (m) => m.view.clock?.mode === 'blank');
    expect(await control({ type: 'clock.countdown', isShown: true })).toMatchObject({ ok: true });
    const counting = await nextView(screen, 'view.screen', (m) => !!m.view.clock?.countdown);
    expect(counting.view.clock?.countdown?.plannedMs).toBe(10 * 60_000);
    expect(await control({ type: 'clock.extend', minutes: 5 })).toMatchObject({ ok: true });
    const extended = await nextView(facilitator, 'view.facilitator', (m) =>
      Object.values(m.view.clock?.rounds ?? {}).some((r) => r.extendedMs === 5 * 60_000),
    );
    expect(extended.view.clock?.screen).toBe('blank');
    await nextView(
      screen,
      'view.screen',
      (m) => m.view.clock?.countdown?.plannedMs === 15 * 60_000,
    );
    expect(await control({ type: 'clock.screen', mode: 'frozen' })).toMatchObject({ ok: true });
    await nextView(screen, 'view.screen', (m) => m.view.clock?.mode === 'frozen');

    // The next round reaches phones; nothing about the screen's mode came before it or with it.
    expect(await control({ type: 'round.next' })).toMatchObject({ ok: true });
    for (const [i, phone] of phones.entries()) {
      await nextView(phone, 'view.public', (m) => m.view.round?.title === 'Coffee break');
      const sinceBlank = receivedViews(phone).slice(before[i]);
      const texts = sinceBlank.map(({ message }) => JSON.stringify(message));
      expect(texts.some((t) => t.includes('Coffee break'))).toBe(true);
      for (const text of texts) {
        expect(text).not.toMatch(/"clock"|frozen|blank|extendedMs|countdown/);
      }
      // Every phone message after the blank is the round change (or its own seat's view of it).
      expect(texts.every((t) => t.includes('Coffee break') || !t.includes('Warm-up'))).toBe(true);
    }
    // The frozen screen is still told what happens, and keeps its mode until live again.
    await nextView(
      screen,
      'view.screen',
      (m) => m.view.round?.title === 'Coffee break' && m.view.clock?.mode === 'frozen',
    );
    expect(await control({ type: 'clock.screen', mode: 'live' })).toMatchObject({ ok: true });
    await nextView(
      screen,
      'view.screen',
      (m) => m.view.round?.title === 'Coffee break' && m.view.clock?.mode === undefined,
    );
  });

  it('lets only the facilitator use them; junk stores nothing', async () => {
    const { phones, control, session } = await openRoom();
    const [ana] = phones;
    if (!ana) throw new Error('no phone');
    const events = server.countRows('events');
    for (const command of [
      { type: 'clock.screen', mode: 'blank' },
      { type: 'clock.extend', minutes: 5 },
    ]) {
      expect(await emitRaw(ana, 'session.control', command)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    for (const command of [
      { type: 'clock.screen', mode: 'dark' },
      { type: 'clock.screen' },
      { type: 'clock.extend', minutes: 0 },
      { type: 'clock.extend', minutes: 1e9 },
      { type: 'clock.extend', minutes: '5' },
      { type: 'clock.countdown', isShown: 'yes' },
      { type: 'clock.__proto__' },
    ]) {
      expect(await control(command)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(server.countRows('events')).toBe(events);
    expect(session.sessionId).toBeTruthy();
  });

  it('records planned and actual minutes per round in the notebook', async () => {
    const { session, control } = await openRoom();
    expect(await control({ type: 'round.next' })).toMatchObject({ ok: true });
    expect(await control({ type: 'session.end' })).toMatchObject({ ok: true });
    const docs = await TestDocClient.connect(server.url, {
      role: 'facilitator',
      sessionId: session.sessionId,
      token: session.facilitatorToken,
    });
    docClients.push(docs);
    const opened = await docs.open(docIdOf({ kind: 'notebook', sessionId: session.sessionId }));
    if (!opened.ok) throw new Error(opened.error.message);
    const rounds = readNotebook(opened.data.doc).blocks.filter((b) => b.type === 'round');
    expect(rounds.map((b) => [b.title, b.summary?.blocks[0]])).toEqual([
      [
        'Warm-up',
        { type: 'table', columns: ['Planned minutes', 'Actual minutes'], rows: [['10', '0']] },
      ],
      [
        'Coffee break',
        { type: 'table', columns: ['Planned minutes', 'Actual minutes'], rows: [['15', '0']] },
      ],
    ]);
  });
});
