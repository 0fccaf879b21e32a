/** The session state machine (decide, apply, replay, execute): navigation, round actions and round controls. */
import { describe, expect, it } from 'vitest';
import { type SessionCommand } from '@playfield/shared';
import {
  FACILITATOR,
  T0,
  answer,
  createSession,
  join,
  liveSession,
  mustRun,
  participant,
  pollConfig,
  pollRound,
  refusal,
  run,
} from './sessionHarness.ts';
import { answers } from './sessionFixtures.ts';

describe('navigation', () => {
  const agenda = [pollRound('r1'), pollRound('r2'), pollRound('r3')];

  it('goes live on the first round when the session starts', () => {
    const step = run(createSession(agenda).state, { type: 'session.start' }, FACILITATOR);
    expect(step.result).toEqual({
      ok: true,
      data: [{ type: 'session.started' }, { type: 'round.entered', roundId: 'r1' }],
    });
    expect(step.state.phase).toBe('live');
    expect(step.state.currentRoundId).toBe('r1');
    expect(step.state.rounds.r1?.hasStarted).toBe(true);
    expect(step.state.rounds.r2?.hasStarted).toBe(false);
    expect(step.state.seq).toBe(3);
  });

  it('goes live with no current round when the agenda is empty', () => {
    const state = mustRun(createSession([]).state, { type: 'session.start' }, FACILITATOR);
    expect(state.phase).toBe('live');
    expect(state.currentRoundId).toBeNull();
  });

  it('refuses a second start with CONFLICT', () => {
    expect(refusal(liveSession().state, { type: 'session.start' }, FACILITATOR).code).toBe(
      'CONFLICT',
    );
  });

  it('moves forward and back through the agenda when live', () => {
    let { state } = liveSession([], agenda);
    state = mustRun(state, { type: 'round.next' }, FACILITATOR);
    expect(state.currentRoundId).toBe('r2');
    state = mustRun(state, { type: 'round.next' }, FACILITATOR);
    expect(state.currentRoundId).toBe('r3');
    state = mustRun(state, { type: 'round.back' }, FACILITATOR);
    expect(state.currentRoundId).toBe('r2');
    expect(Object.values(state.rounds).every((r) => r.hasStarted)).toBe(true);
  });

  it('refuses next on the last round with a message pointing to the end', () => {
    let { state } = liveSession([], agenda);
    state = mustRun(state, { type: 'round.goto', roundId: 'r3' }, FACILITATOR);
    expect(refusal(state, { type: 'round.next' }, FACILITATOR)).toEqual({
      code: 'CONFLICT',
      message: 'This is the last round: end the session when you are ready',
    });
  });

  it('refuses back on the first round with a clear message', () => {
    expect(refusal(liveSession([], agenda).state, { type: 'round.back' }, FACILITATOR)).toEqual({
      code: 'CONFLICT',
      message: 'This is the first round',
    });
  });

  it('jumps to any round when told goto, and only marks that one started', () => {
    const state = mustRun(
      liveSession([], agenda).state,
      { type: 'round.goto', roundId: 'r3' },
      FACILITATOR,
    );
    expect(state.currentRoundId).toBe('r3');
    expect(state.rounds.r2?.hasStarted).toBe(false);
  });

  it('refuses goto to an unknown round with NOT_FOUND', () => {
    expect(
      refusal(liveSession([], agenda).state, { type: 'round.goto', roundId: 'nope' }, FACILITATOR)
        .code,
    ).toBe('NOT_FOUND');
  });

  it.each<SessionCommand>([
    { type: 'round.next' },
    { type: 'round.back' },
    { type: 'round.goto', roundId: 'r1' },
  ])('refuses %j in the lobby with CONFLICT', (command) => {
    expect(refusal(createSession(agenda).state, command, FACILITATOR)).toEqual({
      code: 'CONFLICT',
      message: 'Start the session first',
    });
  });

  it('enters the first round on next when live with no current round', () => {
    let state = mustRun(createSession([]).state, { type: 'session.start' }, FACILITATOR);
    state = mustRun(
      state,
      { type: 'agenda.add', round: { kind: 'poll', title: 'Late', config: pollConfig() } },
      FACILITATOR,
    );
    state = mustRun(state, { type: 'round.next' }, FACILITATOR);
    expect(state.currentRoundId).toBe(state.agenda[0]?.id);
  });

  it('ends the session and records the time when told to end', () => {
    const { state } = liveSession();
    const ended = mustRun(state, { type: 'session.end' }, FACILITATOR, T0 + 99_000);
    expect(ended.phase).toBe('ended');
    expect(ended.endedAt).toBe(T0 + 99_000);
  });

  it('can end a session straight from the lobby', () => {
    expect(mustRun(createSession().state, { type: 'session.end' }, FACILITATOR).phase).toBe(
      'ended',
    );
  });
});

describe('round actions', () => {
  it('records an answer when a seated participant acts on the current round', () => {
    const { state, ids } = liveSession();
    const ana = ids[0] ?? '';
    const step = run(state, answer('r1', [1]), participant(ana));
    expect(step.result).toEqual({
      ok: true,
      data: [
        {
          type: 'round.acted',
          roundId: 'r1',
          actor: participant(ana),
          action: { type: 'answer', choices: [1] },
        },
      ],
    });
    expect(answers(step.state, 'r1')).toEqual({ [ana]: [1] });
  });

  it('logs the parsed action, not the raw payload', () => {
    const { state, ids } = liveSession();
    const step = run(
      state,
      { type: 'round.act', roundId: 'r1', action: { type: 'answer', choices: [1], extra: 'x' } },
      participant(ids[0] ?? ''),
    );
    expect(step.envelopes[0]?.event).toMatchObject({ action: { type: 'answer', choices: [1] } });
    expect(JSON.stringify(step.envelopes)).not.toContain('extra');
  });

  it('refuses an act on another round with ROUND_NOT_CURRENT', () => {
    const { state, ids } = liveSession();
    expect(refusal(state, answer('r2', [0]), participant(ids[0] ?? '')).code).toBe(
      'ROUND_NOT_CURRENT',
    );
  });

  it('refuses an act on a round the room has left with ROUND_NOT_CURRENT', () => {
    const { state, ids } = liveSession();
    const moved = mustRun(state, { type: 'round.next' }, FACILITATOR);
    expect(refusal(moved, answer('r1', [0]), participant(ids[0] ?? '')).code).toBe(
      'ROUND_NOT_CURRENT',
    );
  });

  it('refuses an act in the lobby with ROUND_NOT_CURRENT', () => {
    const { state, id } = join(createSession().state, 'Ana');
    expect(refusal(state, answer('r1', [0]), participant(id)).code).toBe('ROUND_NOT_CURRENT');
  });

  it('refuses an act with FORBIDDEN from someone who never joined', () => {
    expect(refusal(liveSession().state, answer('r1', [0]), participant('stranger')).code).toBe(
      'FORBIDDEN',
    );
  });

  it('refuses an act with FORBIDDEN from someone who has left', () => {
    const { state, ids } = liveSession();
    const ana = participant(ids[0] ?? '');
    const left = mustRun(state, { type: 'participant.leave' }, ana);
    expect(refusal(left, answer('r1', [0]), ana)).toEqual({
      code: 'FORBIDDEN',
      message: 'You are not in this session',
    });
  });

  it.each([
    ['an unparsable action', { type: 'answer', choices: 'all' }, 'BAD_REQUEST'],
    ['an unknown option', { type: 'answer', choices: [7] }, 'INVALID_ACTION'],
    ['two options in a single-choice poll', { type: 'answer', choices: [0, 1] }, 'INVALID_ACTION'],
  ])('refuses %s with %s', (_label, action, code) => {
    const { state, ids } = liveSession();
    expect(
      refusal(state, { type: 'round.act', roundId: 'r1', action }, participant(ids[0] ?? '')).code,
    ).toBe(code);
  });

  it('refuses answers with ROUND_LOCKED when the round is locked, and accepts them once reopened', () => {
    const { state, ids } = liveSession();
    const ana = participant(ids[0] ?? '');
    const locked = mustRun(state, { type: 'round.lock' }, FACILITATOR);
    expect(locked.rounds.r1?.isOpen).toBe(false);
    expect(refusal(locked, answer('r1', [0]), ana).code).toBe('ROUND_LOCKED');
    const reopened = mustRun(locked, { type: 'round.open' }, FACILITATOR);
    expect(answers(mustRun(reopened, answer('r1', [0]), ana), 'r1')).toEqual({
      [ids[0] ?? '']: [0],
    });
  });

  it('lets the facilitator reset any round, even one that is not current', () => {
    const { state, ids } = liveSession();
    let next = mustRun(state, answer('r1', [2]), participant(ids[0] ?? ''));
    next = mustRun(next, { type: 'round.next' }, FACILITATOR);
    next = mustRun(
      next,
      { type: 'round.act', roundId: 'r1', action: { type: 'reset' } },
      FACILITATOR,
    );
    expect(answers(next, 'r1')).toEqual({});
  });

  it('refuses a facilitator act on an unknown round with NOT_FOUND', () => {
    expect(
      refusal(
        liveSession().state,
        { type: 'round.act', roundId: 'zz', action: { type: 'reset' } },
        FACILITATOR,
      ).code,
    ).toBe('NOT_FOUND');
  });
});

describe('round controls', () => {
  it.each([
    ['round.lock', { isOpen: false, isRevealed: false }],
    ['round.reveal', { isOpen: true, isRevealed: true }],
  ] as const)('updates the current round when told %s', (type, expected) => {
    const state = mustRun(liveSession().state, { type }, FACILITATOR);
    expect(state.rounds.r1).toMatchObject(expected);
    expect(state.rounds.r2).toMatchObject({ isOpen: true, isRevealed: false });
  });

  it('targets the named round when a roundId is given', () => {
    const state = mustRun(
      liveSession().state,
      { type: 'round.reveal', roundId: 'r2' },
      FACILITATOR,
    );
    expect(state.rounds.r2?.isRevealed).toBe(true);
    expect(state.rounds.r1?.isRevealed).toBe(false);
  });

  it('undoes reveal with hide and lock with open', () => {
    let { state } = liveSession();
    state = mustRun(state, { type: 'round.reveal' }, FACILITATOR);
    state = mustRun(state, { type: 'round.lock' }, FACILITATOR);
    state = mustRun(state, { type: 'round.hide' }, FACILITATOR);
    state = mustRun(state, { type: 'round.open' }, FACILITATOR);
    expect(state.rounds.r1).toMatchObject({ isOpen: true, isRevealed: false });
  });

  it('refuses a control without roundId in the lobby with CONFLICT', () => {
    expect(refusal(createSession().state, { type: 'round.lock' }, FACILITATOR).code).toBe(
      'CONFLICT',
    );
  });

  it('accepts a control with roundId in the lobby', () => {
    const state = mustRun(
      createSession().state,
      { type: 'round.lock', roundId: 'r2' },
      FACILITATOR,
    );
    expect(state.rounds.r2?.isOpen).toBe(false);
  });

  it('refuses a control on an unknown round with NOT_FOUND', () => {
    expect(
      refusal(liveSession().state, { type: 'round.reveal', roundId: 'x' }, FACILITATOR).code,
    ).toBe('NOT_FOUND');
  });
});
