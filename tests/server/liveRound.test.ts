import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  emitAck,
  facilitatorOf,
  nextView,
  participantOf,
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

describe('a live poll round', () => {
  it('runs answers, reveal, lock and next when the facilitator drives the room', async () => {
    const session = await server.createSession();
    const facilitator = await server.connect(facilitatorOf(session));
    const screen = await server.connect(screenOf(session));
    const names = ['Ana', 'Ben', 'Chloé'];
    const seats = await Promise.all(names.map((name) => server.join(session.code, name)));
    const phones = await Promise.all(seats.map((seat) => server.connect(participantOf(seat))));

    // Everyone is in the lobby and the console sees the three phones online.
    await nextView(
      facilitator,
      'view.facilitator',
      ({ view }) =>
        view.roster.filter((p) => p.isOnline).length === 3 && view.session.phase === 'lobby',
    );

    expect(await emitAck(facilitator, 'session.control', { type: 'session.start' })).toMatchObject({
      ok: true,
    });
    const started = await nextView(facilitator, 'view.facilitator', ({ view }) => !!view.round);
    const firstRound = started.view.round;
    expect(firstRound).toMatchObject({ index: 0, count: 2, isOpen: true, isRevealed: false });
    const roundId = firstRound?.id ?? '';

    for (const phone of phones) {
      const { view } = await nextView(phone, 'view.public', (m) => m.view.round?.id === roundId);
      expect(view.session.phase).toBe('live');
      expect(view.round).toMatchObject({ kind: 'poll', view: { results: null } });
    }

    // Ana and Ben pick Phone (0), Chloé picks Email (1); the console counts live.
    const answers = [0, 0, 1];
    const acks = await Promise.all(
      phones.map((phone, i) =>
        emitAck(phone, 'round.act', {
          roundId,
          action: { type: 'answer', choices: [answers[i] ?? 0] },
        }),
      ),
    );
    expect(acks.every((ack) => ack.ok)).toBe(true);
    const counted = await nextView(
      facilitator,
      'view.facilitator',
      ({ view }) => view.round?.submitted === 3,
    );
    expect(counted.view.round).toMatchObject({
      kind: 'poll',
      view: { results: { counts: [2, 1, 0], respondents: 3 } },
    });

    // Before the reveal, phones see no results and no live count (it would re-send the
    // room's shared view on every answer); the screen shows the progress.
    for (const phone of phones) {
      const { view } = await nextView(phone, 'view.public', (m) => m.view.round?.id === roundId);
      expect(view.round).toMatchObject({ view: { results: null } });
      expect(view.round).not.toHaveProperty('submitted');
      const own = await nextView(phone, 'view.own', (m) => m.view.round?.id === roundId);
      expect(choicesOf(own.view)).toHaveLength(1);
    }
    const screenBefore = await nextView(
      screen,
      'view.screen',
      ({ view }) => view.round?.submitted === 3,
    );
    expect(screenBefore.view.round).toMatchObject({ view: { respondents: 3, results: null } });

    // Chloé changes her mind while the round is open.
    const chloe = phones[2]!;
    expect(
      await emitAck(chloe, 'round.act', { roundId, action: { type: 'answer', choices: [2] } }),
    ).toMatchObject({ ok: true });
    await nextView(chloe, 'view.own', ({ view }) => choicesOf(view)[0] === 2);
    await nextView(facilitator, 'view.facilitator', ({ view }) => {
      const round = view.round;
      return round?.kind === 'poll' && round.view.results.counts.join() === '2,0,1';
    });

    expect(await emitAck(facilitator, 'session.control', { type: 'round.reveal' })).toMatchObject({
      ok: true,
    });
    for (const phone of phones) {
      const { view } = await nextView(phone, 'view.public', (m) => !!m.view.round?.isRevealed);
      expect(view.round).toMatchObject({
        view: { results: { counts: [2, 0, 1], respondents: 3 } },
      });
    }
    await nextView(
      screen,
      'view.screen',
      ({ view }) => view.round?.kind === 'poll' && view.round.view.results?.respondents === 3,
    );

    expect(await emitAck(facilitator, 'session.control', { type: 'round.lock' })).toMatchObject({
      ok: true,
    });
    await nextView(chloe, 'view.public', ({ view }) => view.round?.isOpen === false);
    expect(
      await emitAck(chloe, 'round.act', { roundId, action: { type: 'answer', choices: [0] } }),
    ).toMatchObject({ ok: false, error: { code: 'ROUND_LOCKED' } });
    expect(await emitAck(chloe, 'round.act', { roundId, action: { type: 'clear' } })).toMatchObject(
      { ok: false, error: { code: 'ROUND_LOCKED' } },
    );

    // A timer reaches every audience.
    expect(
      await emitAck(facilitator, 'session.control', { type: 'timer.start', seconds: 90 }),
    ).toMatchObject({ ok: true });
    await nextView(screen, 'view.screen', ({ view }) => view.timer?.durationMs === 90_000);
    await nextView(phones[0]!, 'view.public', ({ view }) => view.timer?.durationMs === 90_000);

    expect(await emitAck(facilitator, 'session.control', { type: 'round.next' })).toMatchObject({
      ok: true,
    });
    const nextIds = await Promise.all(
      phones.map(async (phone) => {
        const { view } = await nextView(
          phone,
          'view.public',
          (m) => !!m.view.round && m.view.round.id !== roundId,
        );
        expect(view.round).toMatchObject({ index: 1, isRevealed: false, view: { results: null } });
        // Entering a round clears the timer of the previous one.
        expect(view.timer).toBeNull();
        return view.round?.id;
      }),
    );
    expect(new Set(nextIds).size).toBe(1);
    // An answer to the old round is refused now that the room has moved on.
    expect(
      await emitAck(phones[0]!, 'round.act', { roundId, action: { type: 'answer', choices: [1] } }),
    ).toMatchObject({ ok: false, error: { code: 'ROUND_NOT_CURRENT' } });

    // Going past the last round is refused with a message the console can show.
    expect(await emitAck(facilitator, 'session.control', { type: 'round.next' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('adds a round to the agenda when the facilitator sends agenda.add', async () => {
    const session = await server.createSession({ agenda: [] });
    const facilitator = await server.connect(facilitatorOf(session));
    const added = await emitAck(facilitator, 'session.control', {
      type: 'agenda.add',
      round: {
        kind: 'poll',
        title: 'Added live',
        config: {
          question: 'Ready?',
          options: ['Yes', 'No'],
          isMultipleChoice: false,
          isAnonymous: true,
        },
      },
    });
    expect(added).toMatchObject({ ok: true });
    const { view } = await nextView(
      facilitator,
      'view.facilitator',
      (m) => m.view.agenda.length === 1,
    );
    expect(view.agenda[0]).toMatchObject({ kind: 'poll', title: 'Added live', hasStarted: false });

    const invalid = await emitAck(facilitator, 'session.control', {
      type: 'agenda.add',
      round: { kind: 'poll', title: 'Broken', config: { question: 'Ready?', options: [] } },
    });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
