/** The session state machine (decide, apply, replay, execute): session creation, joining and leaving, and authorisation. */
import { describe, expect, it } from 'vitest';
import { LIMITS, isNameTaken, replay, suggestName } from '@playfield/shared';
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
} from './sessionHarness.ts';
import { FACILITATOR_COMMANDS } from './sessionFixtures.ts';

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
