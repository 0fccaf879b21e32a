import { describe, expect, it } from 'vitest';
import {
  HTTP_STATUS,
  LIMITS,
  ROOM_LOCKED_MESSAGE,
  facilitatorView,
  participantOwnView,
  participantPublicView,
  replay,
  screenView,
  type ParticipantRecord,
  type SessionState,
} from '@playfield/shared';
import {
  FACILITATOR,
  SYSTEM,
  T0,
  answer,
  createSession,
  join,
  liveSession,
  mustRun,
  participant,
  recordedSession,
  pollRound,
  refusal,
  run,
} from './sessionHarness.ts';

const AT = T0 + 60_000;

function seats(count: number, opts: Partial<ParticipantRecord> = {}) {
  return Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `p${i}`,
      { id: `p${i}`, name: `P${i}`, nameKey: `p${i}`, joinedAt: T0, hasLeft: false, ...opts },
    ]),
  );
}

describe('room lock', () => {
  it('refuses joins with ROOM_LOCKED when the facilitator locked the room', () => {
    const locked = mustRun(createSession().state, { type: 'session.lock' }, FACILITATOR);
    expect(locked.isLocked).toBe(true);

    const error = refusal(locked, { type: 'participant.join', name: 'Late' }, SYSTEM);

    expect(error).toEqual({ code: 'ROOM_LOCKED', message: ROOM_LOCKED_MESSAGE });
    expect(ROOM_LOCKED_MESSAGE).toBe('This room is closed to new joins: ask the facilitator');
    expect(HTTP_STATUS.ROOM_LOCKED).toBe(423);
  });

  it('accepts joins again when the room is unlocked', () => {
    let { state } = createSession();
    state = mustRun(state, { type: 'session.lock' }, FACILITATOR);
    state = mustRun(state, { type: 'session.unlock' }, FACILITATOR);

    expect(state.isLocked).toBe(false);
    const sam = join(state, 'Sam');
    expect(sam.state.participants[sam.id]?.name).toBe('Sam');
  });

  it('treats a snapshot without isLocked as an open room', () => {
    const { isLocked: _isLocked, ...old } = createSession().state;
    expect(join(old as SessionState, 'Sam').id).toBe('id2');
  });

  it('keeps seats already taken working while the room is locked', () => {
    const { state, ids } = liveSession(['Ana']);
    const locked = mustRun(state, { type: 'session.lock' }, FACILITATOR);

    expect(run(locked, answer('r1', [0]), participant(ids[0] ?? '')).result.ok).toBe(true);
  });

  it.each([
    ['session.lock', participant('p1')],
    ['session.unlock', participant('p1')],
    ['session.lock', SYSTEM],
  ] as const)('refuses %s from a non-facilitator', (type, actor) => {
    expect(refusal(createSession().state, { type }, actor).code).toBe('FORBIDDEN');
  });

  it('refuses locking twice and unlocking an open room with CONFLICT', () => {
    const { state } = createSession();
    expect(refusal(state, { type: 'session.unlock' }, FACILITATOR).code).toBe('CONFLICT');
    const locked = mustRun(state, { type: 'session.lock' }, FACILITATOR);
    expect(refusal(locked, { type: 'session.lock' }, FACILITATOR).code).toBe('CONFLICT');
  });

  it('tells the facilitator, and nobody else, that the room is locked', () => {
    const { state } = liveSession(['Ana']);
    const locked = mustRun(state, { type: 'session.lock' }, FACILITATOR);

    expect(facilitatorView(state, new Set(), AT).isLocked).toBe(false);
    expect(facilitatorView(locked, new Set(), AT).isLocked).toBe(true);
    expect(JSON.stringify(participantPublicView(locked, AT))).not.toContain('isLocked');
    expect(JSON.stringify(screenView(locked, new Set(), AT))).not.toContain('isLocked');
  });
});

describe('bulk seat removal', () => {
  it('closes every listed seat in one event and keeps the others', () => {
    const { state, ids } = liveSession(['Ana', 'Ben', 'Cai', 'Dee']);
    const [ana, ben, cai, dee] = ids as [string, string, string, string];

    const step = run(
      state,
      { type: 'participants.remove', participantIds: [ben, dee] },
      FACILITATOR,
    );

    expect(step.result).toEqual({
      ok: true,
      data: [{ type: 'participants.removed', participantIds: [ben, dee] }],
    });
    const after = step.state.participants;
    expect(after[ben]).toMatchObject({ hasLeft: true, isRemoved: true, name: 'Ben' });
    expect(after[dee]).toMatchObject({ hasLeft: true, isRemoved: true });
    expect(after[ana]).toEqual(state.participants[ana]);
    expect(after[cai]).toEqual(state.participants[cai]);
    expect(after[ana]).not.toHaveProperty('isRemoved');
    // The earlier state is untouched: a failed write must leave the live state as it was.
    expect(state.participants[ben]?.hasLeft).toBe(false);
  });

  it('ignores unknown, duplicate and already-left seats', () => {
    const { state, ids } = liveSession(['Ana', 'Ben', 'Cai']);
    const [ana, ben, cai] = ids as [string, string, string];
    const left = mustRun(state, { type: 'participant.leave' }, participant(cai));

    const step = run(
      left,
      { type: 'participants.remove', participantIds: [ana, 'nobody', ana, cai, 'constructor'] },
      FACILITATOR,
    );

    expect(step.result).toEqual({
      ok: true,
      data: [{ type: 'participants.removed', participantIds: [ana] }],
    });
    expect(step.state.participants[cai]).not.toHaveProperty('isRemoved');
    expect(step.state.participants[ben]?.hasLeft).toBe(false);
  });

  it('refuses with CONFLICT when no listed seat is still in', () => {
    const { state, ids } = liveSession(['Ana']);
    const removed = mustRun(
      state,
      { type: 'participants.remove', participantIds: ids },
      FACILITATOR,
    );

    for (const participantIds of [ids, ['nobody'], ['__proto__', 'toString']]) {
      expect(
        refusal(removed, { type: 'participants.remove', participantIds }, FACILITATOR).code,
      ).toBe('CONFLICT');
    }
  });

  it.each([participant('p0'), SYSTEM])('refuses a removal from %j', (actor) => {
    const { state, ids } = liveSession(['Ana']);
    expect(refusal(state, { type: 'participants.remove', participantIds: ids }, actor).code).toBe(
      'FORBIDDEN',
    );
  });

  it('lets a removed seat do nothing more', () => {
    const { state, ids } = liveSession(['Ana', 'Ben'], [pollRound('r1')]);
    const ana = ids[0] ?? '';
    const prompted = mustRun(state, { type: 'prompt.send' }, FACILITATOR);
    const removed = mustRun(
      prompted,
      { type: 'participants.remove', participantIds: [ana] },
      FACILITATOR,
    );

    expect(refusal(removed, answer('r1', [1]), participant(ana)).code).toBe('FORBIDDEN');
    expect(refusal(removed, { type: 'prompt.respond', roundId: 'r1' }, participant(ana)).code).toBe(
      'FORBIDDEN',
    );
    expect(refusal(removed, { type: 'participant.leave' }, participant(ana)).code).toBe('CONFLICT');
  });

  it('frees removed seats for real people when a flooded session is full', () => {
    const { state } = createSession();
    const full = { ...state, participants: seats(LIMITS.participantsPerSession) };
    expect(refusal(full, { type: 'participant.join', name: 'Real' }, SYSTEM).code).toBe('CONFLICT');

    const fakes = Array.from({ length: 4980 }, (_, i) => `p${i}`);
    const cleared = mustRun(
      full,
      { type: 'participants.remove', participantIds: fakes },
      FACILITATOR,
    );

    expect(cleared.removedCount).toBe(4980);
    const real = join(cleared, 'Real');
    expect(real.state.participants[real.id]?.name).toBe('Real');
  });

  it('stays full when only people who left (not removed) hold the seats', () => {
    const { state } = createSession();
    const full = {
      ...state,
      participants: seats(LIMITS.participantsPerSession, { hasLeft: true }),
    };
    expect(refusal(full, { type: 'participant.join', name: 'Late' }, SYSTEM).code).toBe('CONFLICT');
  });

  it('shows the facilitator which seats were removed and the removed phone that it was', () => {
    const { state, ids } = liveSession(['Ana', 'Ben']);
    const [ana, ben] = ids as [string, string];
    const removed = mustRun(
      state,
      { type: 'participants.remove', participantIds: [ana] },
      FACILITATOR,
    );

    expect(facilitatorView(removed, new Set([ben]), AT).roster).toEqual([
      {
        id: ana,
        name: 'Ana',
        isOnline: false,
        hasLeft: true,
        isRemoved: true,
        hasResponded: false,
      },
      {
        id: ben,
        name: 'Ben',
        isOnline: true,
        hasResponded: false,
      },
    ]);
    expect(participantOwnView(removed, ana, AT)).toEqual({
      participantId: ana,
      name: 'Ana',
      hasLeft: true,
      isRemoved: true,
      round: null,
    });
    expect(participantOwnView(removed, ben, AT)).toMatchObject({ isRemoved: false });
    expect(participantPublicView(removed, AT).participantCount).toBe(1);
    expect(screenView(removed, new Set(), AT).roster.map((p) => p.name)).toEqual(['Ben']);
  });

  it('keeps a removed seat’s answers in the results', () => {
    const { state, ids } = liveSession(['Ana', 'Ben'], [pollRound('r1')]);
    const ana = ids[0] ?? '';
    const answered = mustRun(state, answer('r1', [2]), participant(ana));
    const removed = mustRun(
      answered,
      { type: 'participants.remove', participantIds: [ana] },
      FACILITATOR,
    );

    expect(removed.rounds.r1).toEqual(answered.rounds.r1);
    expect(facilitatorView(removed, new Set(), AT).round?.submitted).toBe(1);
  });

  it('changes only the removed seats’ records, sharing every other record object', () => {
    const { state } = createSession();
    const big = { ...state, participants: seats(3000) };
    const ids = ['p5', 'p2999'];

    const after = mustRun(big, { type: 'participants.remove', participantIds: ids }, FACILITATOR);

    let changed = 0;
    for (const id of Object.keys(big.participants)) {
      if (after.participants[id] !== big.participants[id]) changed++;
    }
    expect(changed).toBe(2);
    expect(Object.keys(after.participants)).toEqual(Object.keys(big.participants));
  });
});

describe('replay', () => {
  it('rebuilds the same state from the log after locks, removals and joins', () => {
    const session = recordedSession([pollRound('r1'), pollRound('r2')], ['Ana', 'Ben', 'Cai']);
    const [ana, ben, cai] = session.ids as [string, string, string];
    session.must(answer('r1', [0]), participant(ana));
    session.must({ type: 'session.lock' }, FACILITATOR);
    session.must({ type: 'participants.remove', participantIds: [ben, cai] }, FACILITATOR);
    session.must({ type: 'session.unlock' }, FACILITATOR);
    session.must({ type: 'participant.join', name: 'Ben' }, SYSTEM);
    session.must(answer('r1', [1]), participant(ana));

    const replayed = replay(session.log);

    expect(replayed).toEqual(session.state);
    expect(JSON.parse(JSON.stringify(replayed))).toEqual(JSON.parse(JSON.stringify(session.state)));
    expect(replayed.removedCount).toBe(2);
    expect(replayed.isLocked).toBe(false);
    // Replaying from a snapshot (a JSON copy, as storage holds it) gives the same too.
    const cut = session.log.findIndex((e) => e.event.type === 'participants.removed');
    const snapshot = JSON.parse(JSON.stringify(replay(session.log.slice(0, cut)))) as SessionState;
    expect(replay(session.log.slice(cut), snapshot)).toEqual(session.state);
  });
});
