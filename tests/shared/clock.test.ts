import {
  clockFigures,
  controlCommandSchema,
  describeVariance,
  participantOwnView,
  participantPublicView,
  plannedStartAt,
  replay,
  screenView,
  toMinutes,
  type RoundSpec,
  type SessionState,
} from '@playfield/shared';
import { describe, expect, it } from 'vitest';
import {
  createSession,
  FACILITATOR,
  join,
  mustRun,
  participant,
  pollRound,
  refusal,
  run,
  T0,
} from './sessionHarness.ts';

const MIN = 60_000;

/** A poll round planned for `minutes` (none when undefined). */
function planned(id: string, minutes?: number): RoundSpec {
  return { ...pollRound(id), ...(minutes === undefined ? {} : { minutes }) };
}

/** The figures at `at`, for a day planned to start at `startAt` (null: none planned). */
function figures(state: SessionState, at: number, startAt: number | null = null) {
  return clockFigures({
    clock: state.clock,
    agenda: state.agenda,
    currentRoundId: state.currentRoundId,
    at,
    plannedStartAt: startAt,
  });
}

/** A session started at T0 + 60 s on an agenda; each command at its own time. */
function started(agenda: RoundSpec[]) {
  const { state } = createSession(agenda);
  return mustRun(state, { type: 'session.start' }, FACILITATOR, T0 + MIN);
}

describe('plannedStartAt', () => {
  const utc = (iso: string) => Date.parse(iso);

  it('reads HH:MM in the given offset from UTC', () => {
    expect(plannedStartAt('09:00', utc('2026-03-10T08:10:00Z'), 60)).toBe(
      utc('2026-03-10T08:00:00Z'),
    );
    expect(plannedStartAt('09:00', utc('2026-03-10T09:05:00Z'), 0)).toBe(
      utc('2026-03-10T09:00:00Z'),
    );
  });

  it('takes the planned start nearest the real one when the day crosses midnight', () => {
    // Planned for 23:50, started at 00:05 the next day: fifteen minutes late, not a day early.
    expect(plannedStartAt('23:50', utc('2026-03-11T00:05:00Z'), 0)).toBe(
      utc('2026-03-10T23:50:00Z'),
    );
    // Planned for 00:10, started at 23:55 the day before: fifteen minutes early.
    expect(plannedStartAt('00:10', utc('2026-03-10T23:55:00Z'), 0)).toBe(
      utc('2026-03-11T00:10:00Z'),
    );
  });

  it('refuses what is not a time of day', () => {
    for (const bad of ['9:00', '24:00', '12:60', 'noon', '']) {
      expect(plannedStartAt(bad, T0, 0)).toBeNull();
    }
  });
});

describe('the session clock', () => {
  it('times each round from the log: entered, left, revisited', () => {
    let state = started([planned('r1', 10), planned('r2', 20), planned('r3', 5)]);
    expect(state.clock?.startedAt).toBe(T0 + MIN);
    expect(state.clock?.currentSince).toBe(T0 + MIN);
    state = mustRun(state, { type: 'round.next' }, FACILITATOR, T0 + 13 * MIN);
    expect(state.clock?.rounds.r1).toEqual({ spentMs: 12 * MIN, extendedMs: 0 });
    state = mustRun(state, { type: 'round.back' }, FACILITATOR, T0 + 20 * MIN);
    expect(state.clock?.rounds.r2?.spentMs).toBe(7 * MIN);
    // Back on r1: its open visit adds to the twelve minutes it had.
    const f = figures(state, T0 + 23 * MIN);
    expect(f.round).toEqual({
      elapsedMs: 15 * MIN,
      plannedMs: 10 * MIN,
      extendedMs: 0,
      remainingMs: -5 * MIN,
    });
    state = mustRun(state, { type: 'session.end' }, FACILITATOR, T0 + 25 * MIN);
    expect(state.clock?.rounds.r1?.spentMs).toBe(17 * MIN);
    expect(state.clock?.currentSince).toBeNull();
  });

  it('adds extensions to the round and counts them against the day', () => {
    let state = started([planned('r1', 10), planned('r2', 20)]);
    state = mustRun(state, { type: 'clock.extend', minutes: 5 }, FACILITATOR, T0 + 2 * MIN);
    state = mustRun(state, { type: 'clock.extend', minutes: 1 }, FACILITATOR, T0 + 3 * MIN);
    const f = figures(state, T0 + 5 * MIN);
    // Four minutes into a ten-minute round extended by six: twelve left.
    expect(f.round?.plannedMs).toBe(16 * MIN);
    expect(f.round?.remainingMs).toBe(12 * MIN);
    // The day started at T0 + 1 min (no planned start): the round now ends six minutes late.
    expect(f.day?.varianceMs).toBe(6 * MIN);
    expect(describeVariance(f.day?.varianceMs ?? 0)).toBe('6 min behind');
    // An extension belongs to the round it was made on.
    state = mustRun(state, { type: 'round.next' }, FACILITATOR, T0 + 6 * MIN);
    expect(figures(state, T0 + 6 * MIN).round?.extendedMs).toBe(0);
  });

  it('says ahead or behind against a planned start, breaks counted like any round', () => {
    // Planned: 09:00 start, 30 min talk, 15 min break, 45 min exercise.
    const start = T0;
    let state = createSession([
      planned('talk', 30),
      { ...planned('break', 15), title: 'Coffee break' },
      planned('work', 45),
    ]).state;
    // Started five minutes late.
    state = mustRun(state, { type: 'session.start' }, FACILITATOR, start + 5 * MIN);
    expect(describeVariance(figures(state, start + 5 * MIN, start).day?.varianceMs ?? 0)).toBe(
      '5 min behind',
    );
    // The talk ran 20 minutes: into the break at 09:25, the plan had it at 09:30.
    state = mustRun(state, { type: 'round.next' }, FACILITATOR, start + 25 * MIN);
    let day = figures(state, start + 25 * MIN, start).day;
    expect(day?.varianceMs).toBe(-5 * MIN);
    expect(day?.plannedMs).toBe(90 * MIN);
    expect(day?.projectedEndAt).toBe(start + 85 * MIN);
    // The break overran by ten minutes: now five behind.
    day = figures(state, start + 50 * MIN, start).day;
    expect(day?.varianceMs).toBe(5 * MIN);
    expect(day?.elapsedMs).toBe(50 * MIN);
  });

  it('counts skipped rounds as time saved and a look back as no loss', () => {
    let state = started([planned('a', 10), planned('b', 10), planned('c', 10), planned('d', 10)]);
    state = mustRun(state, { type: 'round.goto', roundId: 'c' }, FACILITATOR, T0 + 11 * MIN);
    // On c at ten minutes in: the plan has c starting at 20, so ten ahead.
    expect(figures(state, T0 + 11 * MIN).day?.varianceMs).toBe(-10 * MIN);
    state = mustRun(state, { type: 'round.goto', roundId: 'a' }, FACILITATOR, T0 + 21 * MIN);
    // Back on a (already spent): the furthest round reached (c) ends at 30 in the plan.
    expect(figures(state, T0 + 21 * MIN).day?.varianceMs).toBe(-10 * MIN);
  });

  it('shows no plan figures without planned minutes, and elapsed time still', () => {
    let state = started([planned('r1'), planned('r2')]);
    state = mustRun(state, { type: 'round.next' }, FACILITATOR, T0 + 4 * MIN);
    const f = figures(state, T0 + 6 * MIN);
    expect(f.round).toEqual({
      elapsedMs: 2 * MIN,
      plannedMs: null,
      extendedMs: 0,
      remainingMs: null,
    });
    expect(f.day).toBeNull();
    // Before the start there is nothing to time.
    expect(figures(createSession([planned('r1', 5)]).state, T0).day).toBeNull();
  });

  it('rounds to whole minutes for people', () => {
    expect(describeVariance(29_000)).toBe('on time');
    expect(describeVariance(-90_000)).toBe('2 min ahead');
    expect(describeVariance(65 * MIN)).toBe('1 h 05 min behind');
    expect(toMinutes(17 * MIN + 29_000)).toBe(17);
  });

  it('replays to the same clock', () => {
    const { state: created, log } = createSession([planned('r1', 10), planned('r2', 5)]);
    let state = created;
    const steps: [Parameters<typeof run>[1], number][] = [
      [{ type: 'session.start' }, T0 + MIN],
      [{ type: 'clock.extend', minutes: 5 }, T0 + 2 * MIN],
      [{ type: 'clock.countdown', isShown: true }, T0 + 3 * MIN],
      [{ type: 'round.next' }, T0 + 9 * MIN],
      [{ type: 'clock.screen', mode: 'blank' }, T0 + 10 * MIN],
      [{ type: 'round.back' }, T0 + 12 * MIN],
    ];
    const all = [...log];
    for (const [command, at] of steps) {
      const step = run(state, command, FACILITATOR, at);
      expect(step.result.ok).toBe(true);
      state = step.state;
      all.push(...step.envelopes);
    }
    expect(replay(all)).toEqual(state);
    expect(state.clock).toMatchObject({
      screen: 'blank',
      isCountdownShown: true,
      rounds: { r1: { spentMs: 8 * MIN, extendedMs: 5 * MIN }, r2: { spentMs: 3 * MIN } },
    });
  });
});

describe('the room screen mode and countdown', () => {
  it('reaches the screen view and no phone', () => {
    let { state } = createSession([planned('r1', 10)]);
    const ana = join(state, 'Ana');
    state = mustRun(ana.state, { type: 'session.start' }, FACILITATOR, T0 + MIN);
    const phonePublic = JSON.stringify(participantPublicView(state, T0 + MIN));
    const phoneOwn = JSON.stringify(participantOwnView(state, ana.id, T0 + MIN));
    expect(screenView(state, new Set(), T0 + MIN).clock).toBeUndefined();

    state = mustRun(state, { type: 'clock.screen', mode: 'blank' }, FACILITATOR, T0 + 2 * MIN);
    state = mustRun(state, { type: 'clock.countdown', isShown: true }, FACILITATOR, T0 + 2 * MIN);
    expect(screenView(state, new Set(), T0 + 2 * MIN).clock).toEqual({
      mode: 'blank',
      countdown: { plannedMs: 10 * MIN, spentMs: 0, since: T0 + MIN },
    });
    state = mustRun(state, { type: 'clock.screen', mode: 'frozen' }, FACILITATOR, T0 + 3 * MIN);
    expect(screenView(state, new Set(), T0 + 3 * MIN).clock?.mode).toBe('frozen');
    // Phones see exactly what they saw before.
    expect(JSON.stringify(participantPublicView(state, T0 + MIN))).toBe(phonePublic);
    expect(JSON.stringify(participantOwnView(state, ana.id, T0 + MIN))).toBe(phoneOwn);

    // Setting the mode it already has logs nothing.
    expect(run(state, { type: 'clock.screen', mode: 'frozen' }, FACILITATOR).envelopes).toEqual([]);
    // The end of the session brings the screen back to thank the room.
    state = mustRun(state, { type: 'session.end' }, FACILITATOR, T0 + 4 * MIN);
    expect(screenView(state, new Set(), T0 + 4 * MIN).clock).toBeUndefined();
  });

  it('shows no countdown for a round without a plan', () => {
    let state = started([planned('r1')]);
    state = mustRun(state, { type: 'clock.countdown', isShown: true }, FACILITATOR);
    expect(screenView(state, new Set(), T0 + 2 * MIN).clock).toBeUndefined();
  });

  it('is for the facilitator only, and needs a running round to extend', () => {
    const { state: lobby } = createSession([planned('r1', 5)]);
    expect(refusal(lobby, { type: 'clock.extend', minutes: 1 }, FACILITATOR).code).toBe('CONFLICT');
    const { state, id } = join(lobby, 'Ana');
    const live = mustRun(state, { type: 'session.start' }, FACILITATOR);
    for (const command of [
      { type: 'clock.extend', minutes: 5 },
      { type: 'clock.screen', mode: 'blank' },
      { type: 'clock.countdown', isShown: true },
    ] as const) {
      expect(refusal(live, command, participant(id)).code).toBe('FORBIDDEN');
    }
    const ended = mustRun(live, { type: 'session.end' }, FACILITATOR);
    expect(refusal(ended, { type: 'clock.screen', mode: 'blank' }, FACILITATOR).code).toBe(
      'SESSION_ENDED',
    );
  });

  it('parses the commands with readable refusals', () => {
    const parse = (value: unknown) => controlCommandSchema.safeParse(value);
    expect(parse({ type: 'clock.extend', minutes: 5 }).success).toBe(true);
    expect(parse({ type: 'clock.extend', minutes: 0 }).error?.issues[0]?.message).toBe(
      'Add at least 1 minute',
    );
    expect(parse({ type: 'clock.extend', minutes: 61 }).error?.issues[0]?.message).toMatch(
      /at most 60/,
    );
    expect(parse({ type: 'clock.extend', minutes: '5' }).success).toBe(false);
    expect(parse({ type: 'clock.extend', minutes: 1.5 }).success).toBe(false);
    expect(parse({ type: 'clock.screen', mode: 'dark' }).error?.issues[0]?.message).toBe(
      'The room screen is live, blank or frozen',
    );
    expect(parse({ type: 'clock.countdown', isShown: 'yes' }).success).toBe(false);
  });
});
