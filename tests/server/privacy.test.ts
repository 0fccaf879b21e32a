import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  emitAck,
  facilitatorOf,
  nextView,
  participantOf,
  pollRound,
  receivedViews,
  screenOf,
  startTestServer,
  type TestServer,
  choicesOf,
} from './harness.ts';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

const NAMES = ['Zoltan', 'Yvette', 'Xavier'];

/** A started session on one poll, three phones and a screen connected, everyone answered. */
async function answeredRoom(isAnonymous: boolean) {
  const session = await server.createSession({ agenda: [pollRound({ isAnonymous })] });
  const facilitator = await server.connect(facilitatorOf(session));
  const screen = await server.connect(screenOf(session));
  const seats = await Promise.all(NAMES.map((name) => server.join(session.code, name)));
  const phones = await Promise.all(seats.map((seat) => server.connect(participantOf(seat))));
  await emitAck(facilitator, 'session.control', { type: 'session.start' });
  const { view } = await nextView(facilitator, 'view.facilitator', (m) => !!m.view.round);
  const roundId = view.round?.id ?? '';
  const acks = await Promise.all(
    phones.map((phone, i) =>
      emitAck(phone, 'round.act', { roundId, action: { type: 'answer', choices: [i] } }),
    ),
  );
  expect(acks.every((a) => a.ok)).toBe(true);
  await emitAck(facilitator, 'session.control', { type: 'round.reveal' });
  // Wait until every audience has seen the revealed, fully answered round.
  const final = await nextView(
    facilitator,
    'view.facilitator',
    (m) => m.view.round?.submitted === 3 && m.view.round.isRevealed,
  );
  await nextView(screen, 'view.screen', (m) => !!m.view.round?.isRevealed);
  for (const phone of phones) {
    await nextView(phone, 'view.public', (m) => !!m.view.round?.isRevealed);
    await nextView(phone, 'view.own', (m) => choicesOf(m.view).length === 1);
  }
  return { session, facilitator, screen, seats, phones, final };
}

describe('privacy', () => {
  it('never links a name or id to an answer in any view when the poll is anonymous', async () => {
    const { facilitator, screen, seats, phones, final } = await answeredRoom(true);
    expect(final.view.round).toMatchObject({
      kind: 'poll',
      view: { isAnonymous: true, results: { counts: [1, 1, 1], respondents: 3 } },
    });
    expect(final.view.round?.view).not.toHaveProperty('voters');

    const secrets = seats.flatMap((s) => [s.participantId, s.name]);
    // The console's roster lists who is here; the round itself must not say who chose what.
    for (const { event, message } of receivedViews(facilitator)) {
      const { round } = (message as { view: { round: unknown } }).view;
      for (const secret of secrets) expect(JSON.stringify(round), event).not.toContain(secret);
    }
    // Screens and phones get rounds and counts only; the screen's roster has names but no ids.
    for (const socket of [screen, ...phones]) {
      for (const { event, message } of receivedViews(socket)) {
        if (event === 'view.own') continue;
        const { round } = (message as { view: { round: unknown } }).view;
        const json = JSON.stringify(round);
        for (const secret of secrets) expect(json, event).not.toContain(secret);
        for (const seat of seats)
          expect(JSON.stringify(message), event).not.toContain(seat.participantId);
      }
    }
  });

  it('shows voters by name to the facilitator only when the poll is named', async () => {
    const { screen, phones, final } = await answeredRoom(false);
    expect(final.view.round).toMatchObject({
      view: { isAnonymous: false, voters: [['Zoltan'], ['Yvette'], ['Xavier']] },
    });
    // Even in a named poll, the room sees counts, never who chose what.
    for (const socket of [screen, ...phones]) {
      for (const { event, message } of receivedViews(socket)) {
        if (event === 'view.own') continue;
        expect(JSON.stringify(message), event).not.toContain('voters');
      }
    }
  });

  it('sends each own view to its participant only when answers change', async () => {
    const { seats, phones, facilitator, screen } = await answeredRoom(false);
    for (const [i, phone] of phones.entries()) {
      const owns = receivedViews(phone).filter((r) => r.event === 'view.own');
      expect(owns.length).toBeGreaterThan(0);
      for (const { message } of owns) {
        const { view } = message as { view: { participantId: string; name: string } };
        expect(view.participantId).toBe(seats[i]?.participantId);
        expect(view.name).toBe(seats[i]?.name);
      }
      // The public view is the same for the whole room: it names nobody.
      for (const { event, message } of receivedViews(phone)) {
        if (event !== 'view.public') continue;
        for (const name of NAMES) expect(JSON.stringify(message)).not.toContain(name);
      }
    }
    for (const socket of [facilitator, screen]) {
      expect(receivedViews(socket).some((r) => r.event === 'view.own')).toBe(false);
      expect(receivedViews(socket).some((r) => r.event === 'view.public')).toBe(false);
    }
    for (const phone of phones) {
      const events = new Set(receivedViews(phone).map((r) => r.event));
      expect(events).toEqual(new Set(['view.public', 'view.own']));
    }
  });
});
