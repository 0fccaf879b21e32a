/** The session state machine (decide, apply, replay, execute): the timer, agenda edits and an ended session. */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '@playfield/shared';
import {
  FACILITATOR,
  SYSTEM,
  T0,
  answer,
  createSession,
  liveSession,
  mustRun,
  participant,
  pollConfig,
  pollRound,
  refusal,
} from './sessionHarness.ts';
import { answers, FACILITATOR_COMMANDS } from './sessionFixtures.ts';

describe('timer', () => {
  it('starts, pauses, resumes and clears with the right times', () => {
    let { state } = liveSession();
    const start = T0 + 100_000;
    state = mustRun(state, { type: 'timer.start', seconds: 90 }, FACILITATOR, start);
    expect(state.timer).toEqual({
      durationMs: 90_000,
      endsAt: start + 90_000,
      remainingMs: 90_000,
    });

    state = mustRun(state, { type: 'timer.pause' }, FACILITATOR, start + 30_000);
    expect(state.timer).toEqual({ durationMs: 90_000, endsAt: null, remainingMs: 60_000 });

    state = mustRun(state, { type: 'timer.resume' }, FACILITATOR, start + 50_000);
    expect(state.timer).toEqual({
      durationMs: 90_000,
      endsAt: start + 110_000,
      remainingMs: 60_000,
    });

    state = mustRun(state, { type: 'timer.pause' }, FACILITATOR, start + 100_000);
    expect(state.timer?.remainingMs).toBe(10_000);

    state = mustRun(state, { type: 'timer.clear' }, FACILITATOR);
    expect(state.timer).toBeNull();
  });

  it('keeps zero remaining when paused after it ran out', () => {
    let { state } = liveSession();
    state = mustRun(state, { type: 'timer.start', seconds: 10 }, FACILITATOR, T0);
    state = mustRun(state, { type: 'timer.pause' }, FACILITATOR, T0 + 60_000);
    expect(state.timer).toEqual({ durationMs: 10_000, endsAt: null, remainingMs: 0 });
  });

  it('restarts from full when started again while running', () => {
    let { state } = liveSession();
    state = mustRun(state, { type: 'timer.start', seconds: 10 }, FACILITATOR, T0);
    state = mustRun(state, { type: 'timer.start', seconds: 20 }, FACILITATOR, T0 + 5000);
    expect(state.timer).toEqual({ durationMs: 20_000, endsAt: T0 + 25_000, remainingMs: 20_000 });
  });

  it.each([
    ['pause with no timer', [], { type: 'timer.pause' }, 'No timer is running'],
    ['resume with no timer', [], { type: 'timer.resume' }, 'No timer is paused'],
    ['clear with no timer', [], { type: 'timer.clear' }, 'No timer to clear'],
    ['pause while paused', ['start', 'pause'], { type: 'timer.pause' }, 'No timer is running'],
    ['resume while running', ['start'], { type: 'timer.resume' }, 'No timer is paused'],
  ] as const)('refuses %s with CONFLICT', (_label, setup, command, message) => {
    let { state } = liveSession();
    for (const s of setup) {
      state = mustRun(
        state,
        s === 'start' ? { type: 'timer.start', seconds: 30 } : { type: 'timer.pause' },
        FACILITATOR,
      );
    }
    expect(refusal(state, command, FACILITATOR)).toEqual({ code: 'CONFLICT', message });
  });

  it('clears the timer when the room moves to another round', () => {
    let { state } = liveSession();
    state = mustRun(state, { type: 'timer.start', seconds: 30 }, FACILITATOR);
    state = mustRun(state, { type: 'round.next' }, FACILITATOR);
    expect(state.timer).toBeNull();
  });

  it('clears the timer when the session ends', () => {
    let { state } = liveSession();
    state = mustRun(state, { type: 'timer.start', seconds: 30 }, FACILITATOR);
    state = mustRun(state, { type: 'session.end' }, FACILITATOR);
    expect(state.timer).toBeNull();
  });
});

describe('agenda edits', () => {
  const newRound = { kind: 'poll', title: 'Added', config: pollConfig({ question: 'New?' }) };

  it('appends a round with a fresh id when no index is given', () => {
    const state = mustRun(
      liveSession().state,
      { type: 'agenda.add', round: newRound },
      FACILITATOR,
    );
    expect(state.agenda.map((r) => r.title)).toEqual(['Round r1', 'Round r2', 'Added']);
    const added = state.agenda[2];
    expect(added?.id).toMatch(/^id\d+$/);
    expect(state.rounds[added?.id ?? '']).toMatchObject({ isOpen: true, hasStarted: false });
  });

  it.each([
    [0, ['Added', 'Round r1', 'Round r2']],
    [1, ['Round r1', 'Added', 'Round r2']],
    [2, ['Round r1', 'Round r2', 'Added']],
    [50, ['Round r1', 'Round r2', 'Added']],
  ])('inserts at index %i (clamped to the end)', (index, titles) => {
    const state = mustRun(
      liveSession().state,
      { type: 'agenda.add', round: newRound, index },
      FACILITATOR,
    );
    expect(state.agenda.map((r) => r.title)).toEqual(titles);
  });

  it.each([
    ['an unknown kind', { ...newRound, kind: 'bingo' }],
    ['an invalid config', { ...newRound, config: { question: 'Q', options: ['one'] } }],
    ['no config', { ...newRound, config: undefined }],
  ])('refuses to add a round with %s as BAD_REQUEST', (_label, round) => {
    expect(refusal(liveSession().state, { type: 'agenda.add', round }, FACILITATOR).code).toBe(
      'BAD_REQUEST',
    );
  });

  it('refuses to add a round when the agenda is full', () => {
    const agenda = Array.from({ length: LIMITS.agendaRounds }, (_, i) => pollRound(`r${i}`));
    const { state } = createSession(agenda);
    expect(refusal(state, { type: 'agenda.add', round: newRound }, FACILITATOR).code).toBe(
      'CONFLICT',
    );
  });

  it('renames a round and keeps its answers when only the title changes', () => {
    const { state, ids } = liveSession();
    const answered = mustRun(state, answer('r1', [1]), participant(ids[0] ?? ''));
    const renamed = mustRun(
      answered,
      { type: 'agenda.update', roundId: 'r1', title: 'Renamed' },
      FACILITATOR,
    );
    expect(renamed.agenda[0]?.title).toBe('Renamed');
    expect(renamed.agenda[0]?.config).toEqual(pollConfig());
    expect(answers(renamed, 'r1')).toEqual({ [ids[0] ?? '']: [1] });
    expect(renamed.rounds.r1?.hasStarted).toBe(true);
  });

  it('replaces the config and re-initialises the round when nobody has answered', () => {
    let { state } = liveSession();
    state = mustRun(state, { type: 'round.lock', roundId: 'r2' }, FACILITATOR);
    const config = pollConfig({ options: ['Yes', 'No'] });
    state = mustRun(state, { type: 'agenda.update', roundId: 'r2', config }, FACILITATOR);
    expect(state.agenda[1]?.config).toEqual(config);
    expect(state.rounds.r2).toEqual({
      isOpen: false,
      isRevealed: false,
      hasStarted: false,
      state: { config, answers: {} },
    });
  });

  it('refuses a config edit with CONFLICT when people have answered', () => {
    const { state, ids } = liveSession();
    const answered = mustRun(state, answer('r1', [1]), participant(ids[0] ?? ''));
    expect(
      refusal(
        answered,
        { type: 'agenda.update', roundId: 'r1', config: pollConfig({ question: 'Other?' }) },
        FACILITATOR,
      ),
    ).toEqual({
      code: 'CONFLICT',
      message: 'People have already answered this round; only its title can change',
    });
  });

  it('allows a config edit again after the facilitator resets the answers', () => {
    const { state, ids } = liveSession();
    let next = mustRun(state, answer('r1', [1]), participant(ids[0] ?? ''));
    next = mustRun(
      next,
      { type: 'round.act', roundId: 'r1', action: { type: 'reset' } },
      FACILITATOR,
    );
    next = mustRun(
      next,
      { type: 'agenda.update', roundId: 'r1', config: pollConfig({ question: 'Other?' }) },
      FACILITATOR,
    );
    expect(next.agenda[0]?.config).toMatchObject({ question: 'Other?' });
  });

  it.each([
    [
      'an invalid config',
      { type: 'agenda.update', roundId: 'r1', config: { options: [] } },
      'BAD_REQUEST',
    ],
    ['an unknown round', { type: 'agenda.update', roundId: 'zz', title: 'T' }, 'NOT_FOUND'],
  ] as const)('refuses an update with %s', (_label, command, code) => {
    expect(refusal(liveSession().state, command, FACILITATOR).code).toBe(code);
  });

  it('removes a round that is not current and has no answers', () => {
    const state = mustRun(
      liveSession().state,
      { type: 'agenda.remove', roundId: 'r2' },
      FACILITATOR,
    );
    expect(state.agenda.map((r) => r.id)).toEqual(['r1']);
    expect(state.rounds).not.toHaveProperty('r2');
  });

  it('refuses to remove the current round', () => {
    expect(
      refusal(liveSession().state, { type: 'agenda.remove', roundId: 'r1' }, FACILITATOR),
    ).toEqual({
      code: 'CONFLICT',
      message: 'This round is running: move to another round before removing it',
    });
  });

  it('refuses to remove a round with answers even after the room moved on', () => {
    const { state, ids } = liveSession();
    let next = mustRun(state, answer('r1', [0]), participant(ids[0] ?? ''));
    next = mustRun(next, { type: 'round.next' }, FACILITATOR);
    expect(refusal(next, { type: 'agenda.remove', roundId: 'r1' }, FACILITATOR)).toEqual({
      code: 'CONFLICT',
      message: 'People have answered this round, so it stays in the results',
    });
  });

  it('refuses to remove an unknown round with NOT_FOUND', () => {
    expect(
      refusal(liveSession().state, { type: 'agenda.remove', roundId: 'zz' }, FACILITATOR).code,
    ).toBe('NOT_FOUND');
  });

  it.each([
    ['r1', 2, ['r2', 'r3', 'r1']],
    ['r3', 0, ['r3', 'r1', 'r2']],
    ['r2', 1, ['r1', 'r2', 'r3']],
    ['r1', 40, ['r2', 'r3', 'r1']],
  ])('moves %s to index %i', (roundId, toIndex, order) => {
    const { state } = createSession([pollRound('r1'), pollRound('r2'), pollRound('r3')]);
    const moved = mustRun(state, { type: 'agenda.move', roundId, toIndex }, FACILITATOR);
    expect(moved.agenda.map((r) => r.id)).toEqual(order);
  });

  it('keeps the current round when the agenda is reordered', () => {
    const state = mustRun(
      liveSession().state,
      { type: 'agenda.move', roundId: 'r1', toIndex: 1 },
      FACILITATOR,
    );
    expect(state.currentRoundId).toBe('r1');
    expect(mustRun(state, { type: 'round.back' }, FACILITATOR).currentRoundId).toBe('r2');
  });

  it('refuses to move an unknown round with NOT_FOUND', () => {
    expect(
      refusal(liveSession().state, { type: 'agenda.move', roundId: 'zz', toIndex: 0 }, FACILITATOR)
        .code,
    ).toBe('NOT_FOUND');
  });
});

describe('an ended session', () => {
  const ended = () => {
    const { state, ids } = liveSession();
    return { state: mustRun(state, { type: 'session.end' }, FACILITATOR), ids };
  };

  it.each(FACILITATOR_COMMANDS)('refuses %j from the facilitator with SESSION_ENDED', (command) => {
    expect(refusal(ended().state, command, FACILITATOR)).toEqual({
      code: 'SESSION_ENDED',
      message: 'This session has ended',
    });
  });

  it('refuses joins, leaves and answers with SESSION_ENDED', () => {
    const { state, ids } = ended();
    const ana = participant(ids[0] ?? '');
    expect(refusal(state, { type: 'participant.join', name: 'Late' }, SYSTEM).code).toBe(
      'SESSION_ENDED',
    );
    expect(refusal(state, { type: 'participant.leave' }, ana).code).toBe('SESSION_ENDED');
    expect(refusal(state, answer('r1', [0]), ana).code).toBe('SESSION_ENDED');
    expect(
      refusal(state, { type: 'round.act', roundId: 'r1', action: { type: 'reset' } }, FACILITATOR)
        .code,
    ).toBe('SESSION_ENDED');
  });
});
