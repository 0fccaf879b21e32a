import { describe, expect, it } from 'vitest';
import {
  LIMITS,
  applyEvent,
  createSessionState,
  decide,
  execute,
  isNameTaken,
  replay,
  suggestName,
  type CommandActor,
  type EventEnvelope,
  type SessionCommand,
  type SessionState,
} from '@playfield/shared';
import { answersByParticipant, type PollState } from '@playfield/shared/exercises/poll/index';
import {
  FACILITATOR,
  SYSTEM,
  T0,
  answer,
  createSession,
  createdEnvelope,
  join,
  liveSession,
  mustRun,
  participant,
  pollConfig,
  pollRound,
  refusal,
  run,
} from './sessionHarness.ts';

function answers(state: SessionState, roundId: string): Record<string, number[]> {
  return answersByParticipant(state.rounds[roundId]?.state as PollState);
}

describe('session creation', () => {
  it('builds a lobby with every round initialised when the log starts', () => {
    const { state } = createSession([pollRound('r1'), pollRound('r2')]);
    expect(state).toMatchObject({
      id: 's1',
      code: 'ABC234',
      title: 'Workshop',
      phase: 'lobby',
      createdAt: T0,
      endedAt: null,
      currentRoundId: null,
      participants: {},
      timer: null,
      seq: 1,
    });
    expect(state.agenda.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(state.rounds.r1).toEqual({
      isOpen: true,
      isRevealed: false,
      hasStarted: false,
      state: { config: pollConfig(), answers: {} },
    });
  });

  it('throws when a log does not start with session.created', () => {
    expect(() => replay([{ seq: 1, at: T0, event: { type: 'session.started' } }])).toThrow(
      /starts with session.created/,
    );
  });

  it('throws when the log is empty and there is no snapshot', () => {
    expect(() => replay([])).toThrow(/Empty/);
  });

  it('returns the snapshot when the tail is empty', () => {
    const { state } = createSession();
    expect(replay([], state)).toBe(state);
  });

  it('throws when the agenda has a kind this build does not know', () => {
    const envelope = createdEnvelope([
      { id: 'x', kind: 'bingo', title: 'B', config: {} } as unknown as ReturnType<typeof pollRound>,
    ]);
    expect(() => replay([envelope])).toThrow(/Unknown exercise/);
  });
});

describe('joining and leaving', () => {
  it('seats a participant when the system joins them', () => {
    const { state } = createSession();
    const joined = join(state, 'Sam');
    expect(joined.state.participants[joined.id]).toEqual({
      id: joined.id,
      name: 'Sam',
      nameKey: 'sam',
      joinedAt: T0 + 1000,
      hasLeft: false,
    });
    expect(joined.state.seq).toBe(2);
  });

  it.each(['Sam', 'sam', 'SAM', 'sAm'])(
    'refuses %j with NAME_TAKEN and suggests "Sam 2" when Sam is seated',
    (name) => {
      const { state } = join(createSession().state, 'Sam');
      const error = refusal(state, { type: 'participant.join', name }, SYSTEM);
      expect(error.code).toBe('NAME_TAKEN');
      expect(error.suggestion).toBe(`${name} 2`);
      expect(error.message).toContain(name);
    },
  );

  it('suggests "Sam 3" when "Sam 2" is taken too', () => {
    let { state } = join(createSession().state, 'Sam');
    state = join(state, 'sam 2').state;
    expect(refusal(state, { type: 'participant.join', name: 'Sam' }, SYSTEM).suggestion).toBe(
      'Sam 3',
    );
  });

  it('keeps the suggestion within the name length limit when the name is at the limit', () => {
    const long = 'x'.repeat(LIMITS.nameLength);
    const { state } = join(createSession().state, long);
    const suggestion = suggestName(state, long);
    expect(suggestion).toHaveLength(LIMITS.nameLength);
    expect(suggestion.endsWith(' 2')).toBe(true);
    expect(isNameTaken(state, suggestion)).toBe(false);
  });

  it('allows the name again when its holder has left', () => {
    const first = join(createSession().state, 'Sam');
    const left = mustRun(first.state, { type: 'participant.leave' }, participant(first.id));
    expect(isNameTaken(left, 'sam')).toBe(false);
    const second = join(left, 'SAM');
    expect(second.id).not.toBe(first.id);
    expect(second.state.participants[first.id]?.hasLeft).toBe(true);
    expect(second.state.participants[second.id]?.hasLeft).toBe(false);
  });

  it.each([
    ['the facilitator', FACILITATOR],
    ['a participant', participant('p1')],
  ])('refuses a join from %s', (_label, actor) => {
    expect(
      refusal(createSession().state, { type: 'participant.join', name: 'X' }, actor).code,
    ).toBe('FORBIDDEN');
  });

  it('refuses a join with CONFLICT when the session is full', () => {
    const { state } = createSession();
    const participants = Object.fromEntries(
      Array.from({ length: LIMITS.participantsPerSession }, (_, i) => [
        `p${i}`,
        { id: `p${i}`, name: `P${i}`, nameKey: `p${i}`, joinedAt: T0, hasLeft: true },
      ]),
    );
    const full = { ...state, participants };
    expect(refusal(full, { type: 'participant.join', name: 'Late' }, SYSTEM).code).toBe('CONFLICT');
  });

  it('refuses a second leave with CONFLICT', () => {
    const { state, id } = join(createSession().state, 'Sam');
    const left = mustRun(state, { type: 'participant.leave' }, participant(id));
    expect(refusal(left, { type: 'participant.leave' }, participant(id)).code).toBe('CONFLICT');
  });

  it('refuses a leave from someone who never joined', () => {
    expect(
      refusal(createSession().state, { type: 'participant.leave' }, participant('nobody')).code,
    ).toBe('CONFLICT');
  });

  it.each([
    ['the facilitator', FACILITATOR],
    ['the system', SYSTEM],
  ])('refuses a leave from %s', (_label, actor) => {
    expect(refusal(createSession().state, { type: 'participant.leave' }, actor).code).toBe(
      'FORBIDDEN',
    );
  });

  it('keeps join order when participants join', () => {
    const { state } = liveSession(['Cy', 'Ana', 'Ben']);
    expect(Object.values(state.participants).map((p) => p.name)).toEqual(['Cy', 'Ana', 'Ben']);
  });
});

const FACILITATOR_COMMANDS: SessionCommand[] = [
  { type: 'session.start' },
  { type: 'session.end' },
  { type: 'round.next' },
  { type: 'round.back' },
  { type: 'round.goto', roundId: 'r1' },
  { type: 'round.open' },
  { type: 'round.lock' },
  { type: 'round.reveal' },
  { type: 'round.hide' },
  { type: 'timer.start', seconds: 60 },
  { type: 'timer.pause' },
  { type: 'timer.resume' },
  { type: 'timer.clear' },
  { type: 'agenda.add', round: { kind: 'poll', title: 'New', config: pollConfig() } },
  { type: 'agenda.update', roundId: 'r1', title: 'Renamed' },
  { type: 'agenda.remove', roundId: 'r2' },
  { type: 'agenda.move', roundId: 'r2', toIndex: 0 },
];

describe('authorisation', () => {
  it.each(FACILITATOR_COMMANDS)('refuses %j from a participant with FORBIDDEN', (command) => {
    const { state, ids } = liveSession(['Ana']);
    const error = refusal(state, command, participant(ids[0] ?? ''));
    expect(error).toEqual({ code: 'FORBIDDEN', message: 'Only the facilitator can do that' });
  });

  it.each(FACILITATOR_COMMANDS)('refuses %j from the system with FORBIDDEN', (command) => {
    expect(refusal(liveSession().state, command, SYSTEM).code).toBe('FORBIDDEN');
  });

  it('refuses round.act from the system', () => {
    expect(refusal(liveSession().state, answer('r1', [0]), SYSTEM).code).toBe('FORBIDDEN');
  });
});

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

describe('decide and apply purity', () => {
  it('does not mutate the state when deciding and applying', () => {
    const { state, ids } = liveSession();
    const frozen = structuredClone(state);
    mustRun(state, answer('r1', [1]), participant(ids[0] ?? ''));
    mustRun(
      state,
      { type: 'agenda.add', round: { kind: 'poll', title: 'X', config: pollConfig() } },
      FACILITATOR,
    );
    mustRun(state, { type: 'agenda.remove', roundId: 'r2' }, FACILITATOR);
    mustRun(state, { type: 'timer.start', seconds: 5 }, FACILITATOR);
    expect(state).toEqual(frozen);
  });

  it('sets seq from the envelope when applying', () => {
    const { state } = createSession();
    const next = applyEvent(state, { seq: 41, at: T0, event: { type: 'session.started' } });
    expect(next.seq).toBe(41);
  });

  it('returns the same events when deciding twice on the same state', () => {
    const { state } = createSession();
    const meta = { at: T0, newId: () => 'fixed' };
    const command: SessionCommand = { type: 'participant.join', name: 'Ana' };
    expect(decide(state, command, SYSTEM, meta)).toEqual(decide(state, command, SYSTEM, meta));
  });

  it('builds the same state from createSessionState as from replay', () => {
    const envelope = createdEnvelope([pollRound('r1')]);
    expect(replay([envelope])).toEqual(
      createSessionState(envelope as EventEnvelope & { event: { type: 'session.created' } }),
    );
  });
});

/** A scripted session touching every kind of event, returning the whole log. */
function scriptedLog(): { log: EventEnvelope[]; state: SessionState } {
  const created = createSession([
    pollRound('r1'),
    pollRound('r2', { isMultipleChoice: true }),
    pollRound('r3'),
  ]);
  let { state } = created;
  const log = [...created.log];
  const step = (command: SessionCommand, actor: Parameters<typeof run>[2], at?: number) => {
    const s = run(state, command, actor, at);
    if (!s.result.ok) throw new Error(`${command.type}: ${s.result.error.message}`);
    log.push(...s.envelopes);
    state = s.state;
    return s;
  };
  const idOf = (s: ReturnType<typeof step>) =>
    s.envelopes[0]?.event.type === 'participant.joined' ? s.envelopes[0].event.participantId : '';
  const ana = idOf(step({ type: 'participant.join', name: 'Ana' }, SYSTEM));
  const ben = idOf(step({ type: 'participant.join', name: 'Ben' }, SYSTEM));
  step({ type: 'session.start' }, FACILITATOR);
  step(answer('r1', [0]), participant(ana));
  step(answer('r1', [2]), participant(ben));
  step({ type: 'timer.start', seconds: 120 }, FACILITATOR);
  step({ type: 'timer.pause' }, FACILITATOR);
  step({ type: 'round.lock' }, FACILITATOR);
  step({ type: 'round.reveal' }, FACILITATOR);
  step({ type: 'round.next' }, FACILITATOR);
  step({ type: 'timer.start', seconds: 60 }, FACILITATOR);
  step(answer('r2', [0, 1]), participant(ben));
  step({ type: 'participant.leave' }, participant(ben));
  step(
    { type: 'agenda.add', round: { kind: 'poll', title: 'Extra', config: pollConfig() }, index: 1 },
    FACILITATOR,
  );
  step({ type: 'agenda.move', roundId: 'r3', toIndex: 0 }, FACILITATOR);
  step(
    { type: 'agenda.update', roundId: 'r3', config: pollConfig({ options: ['Y', 'N'] }) },
    FACILITATOR,
  );
  step({ type: 'agenda.update', roundId: 'r1', title: 'First, renamed' }, FACILITATOR);
  step({ type: 'agenda.update', roundId: 'r2', title: 'Second, renamed' }, FACILITATOR);
  step({ type: 'round.hide', roundId: 'r1' }, FACILITATOR);
  step({ type: 'timer.clear' }, FACILITATOR);
  step({ type: 'agenda.remove', roundId: 'r3' }, FACILITATOR);
  step(answer('r2', [1]), participant(ana));
  step({ type: 'session.end' }, FACILITATOR);
  return { log, state };
}

describe('replay', () => {
  it('rebuilds the live state when folding the whole log', () => {
    const { log, state } = scriptedLog();
    expect(replay(log)).toEqual(state);
  });

  it('gives deep-equal states when folding the same log twice', () => {
    const { log } = scriptedLog();
    expect(replay(log)).toEqual(replay(log));
  });

  it('keeps answers of renamed rounds when the rename is in the log', () => {
    const { state } = scriptedLog();
    expect(state.agenda.find((r) => r.id === 'r1')?.title).toBe('First, renamed');
    expect(Object.keys(answers(state, 'r1'))).toHaveLength(2);
    expect(Object.keys(answers(state, 'r2'))).toHaveLength(2);
  });

  it('numbers the log without gaps', () => {
    const { log, state } = scriptedLog();
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(state.seq).toBe(log.length);
  });

  it.each([3, 5, 8, 12, 15, 18, 20, 22, 24])(
    'equals the full replay when resuming from a JSON snapshot at seq %i plus the tail',
    (cut) => {
      const { log } = scriptedLog();
      const snapshot = JSON.parse(JSON.stringify(replay(log.slice(0, cut)))) as SessionState;
      expect(replay(log.slice(cut), snapshot)).toEqual(replay(log));
    },
  );

  it('equals the in-memory replay when the log itself went through JSON', () => {
    const { log } = scriptedLog();
    const stored = JSON.parse(JSON.stringify(log)) as EventEnvelope[];
    expect(replay(stored)).toEqual(replay(log));
  });
});

describe('replay of a title-only edit (regression)', () => {
  it('keeps the answers when the rename is read back from a stored log', () => {
    const log: EventEnvelope[] = [createdEnvelope([pollRound('r1'), pollRound('r2')])];
    let state = replay(log);
    const record = (command: SessionCommand, actor: Parameters<typeof run>[2]) => {
      const step = run(state, command, actor);
      if (!step.result.ok) throw new Error(step.result.error.message);
      log.push(...step.envelopes);
      state = step.state;
      return step;
    };
    const joined = record({ type: 'participant.join', name: 'Ana' }, SYSTEM).envelopes[0]?.event;
    const ana = joined?.type === 'participant.joined' ? joined.participantId : '';
    record({ type: 'session.start' }, FACILITATOR);
    record(answer('r1', [2]), participant(ana));
    record({ type: 'agenda.update', roundId: 'r1', title: 'Renamed' }, FACILITATOR);
    expect(answers(state, 'r1')).toEqual({ [ana]: [2] });

    // The server reads its log back from storage as JSON: configs are copies, not the
    // same objects, and a rename must still not look like a new config.
    const stored = JSON.parse(JSON.stringify(log)) as EventEnvelope[];
    expect(answers(replay(stored), 'r1')).toEqual({ [ana]: [2] });
    expect(replay(stored)).toEqual(state);
  });
});

describe('execute', () => {
  const meta = (at: number) => ({ at, newId: () => 'p-new' });

  it('gives the same state as deciding and applying, for every kind of command', () => {
    const { state: start, ids } = liveSession(['Ana', 'Ben']);
    const roundId = start.currentRoundId ?? '';
    const steps: [SessionCommand, CommandActor][] = [
      [{ type: 'participant.join', name: 'Cy' }, SYSTEM],
      [{ type: 'timer.start', seconds: 60 }, FACILITATOR],
      [answer(roundId, [1]), participant(ids[0] ?? '')],
      [answer(roundId, [2]), participant(ids[1] ?? '')],
      [{ type: 'round.reveal' }, FACILITATOR],
      [{ type: 'round.next' }, FACILITATOR],
    ];
    let live = start;
    let replayed = start;
    for (const [i, [command, actor]] of steps.entries()) {
      const executed = execute(live, command, actor, meta(T0 + 10_000 + i));
      if (!executed.ok) throw new Error(executed.error.message);
      expect(executed.data.envelopes.map((e) => e.seq)).toEqual(
        executed.data.envelopes.map((_, j) => live.seq + j + 1),
      );
      replayed = executed.data.envelopes.reduce(applyEvent, replayed);
      live = executed.data.state;
      expect(live).toEqual(replayed);
    }
  });

  it('refuses what decide refuses, with the same error', () => {
    const { state } = liveSession();
    const command: SessionCommand = { type: 'session.end' };
    const viaExecute = execute(state, command, participant('nobody'), meta(T0));
    expect(viaExecute).toEqual(decide(state, command, participant('nobody'), meta(T0)));
    expect(viaExecute.ok).toBe(false);
  });
});
