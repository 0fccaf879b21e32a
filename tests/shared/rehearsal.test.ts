import {
  facilitatorView,
  participantOwnView,
  participantPublicView,
  replay,
  screenView,
  type EventEnvelope,
  type SessionState,
} from '@playfield/shared';
import { describe, expect, it } from 'vitest';
import {
  createdEnvelope,
  FACILITATOR,
  participant,
  pollRound,
  run,
  SYSTEM,
  T0,
} from './sessionHarness.ts';

function rehearsal(): { state: SessionState; log: EventEnvelope[] } {
  const created = createdEnvelope([pollRound('r1')]);
  const log = [
    {
      ...created,
      event: {
        ...(created.event as Extract<EventEnvelope['event'], { type: 'session.created' }>),
        rehearsal: { seats: 3, actionsPerMinute: 60 },
      },
    },
  ];
  return { state: replay(log), log };
}

function apply(
  start: { state: SessionState; log: EventEnvelope[] },
  command: Parameters<typeof run>[1],
  actor: Parameters<typeof run>[2],
) {
  const step = run(start.state, command, actor);
  if (step.result.ok) {
    start.state = step.state;
    start.log.push(...step.envelopes);
  }
  return step.result;
}

describe('rehearsal in the session', () => {
  it('starts with its pace, unpaused and closed to typed codes', () => {
    const { state } = rehearsal();
    expect(state.rehearsal).toEqual({
      seats: 3,
      actionsPerMinute: 60,
      isPaused: false,
      isOpenToCode: false,
    });
  });

  it('marks simulated seats, labels every audience, and lets the facilitator take a seat', () => {
    const session = rehearsal();
    expect(
      apply(session, { type: 'participant.join', name: 'Sim', isSimulated: true }, SYSTEM).ok,
    ).toBe(true);
    expect(apply(session, { type: 'participant.join', name: 'Real' }, SYSTEM).ok).toBe(true);
    const [sim, real] = Object.values(session.state.participants);
    expect(sim?.isSimulated).toBe(true);
    expect(real?.isSimulated).toBeUndefined();

    const console = facilitatorView(session.state, new Set(), T0);
    expect(console.session.isRehearsal).toBe(true);
    expect(console.rehearsal?.simulated).toBe(1);
    expect(console.roster.map((r) => r.isSimulated ?? false)).toEqual([true, false]);
    expect(screenView(session.state, new Set(), T0).session.isRehearsal).toBe(true);
    expect(participantPublicView(session.state, T0).session.isRehearsal).toBe(true);
    expect(participantOwnView(session.state, sim?.id ?? '', T0)).not.toBeNull();

    // Only the facilitator takes a seat, only a simulated one.
    const take = { type: 'rehearsal.takeSeat', participantId: sim?.id ?? '' } as const;
    expect(apply(session, take, participant(real?.id ?? '')).ok).toBe(false);
    expect(
      apply(session, { type: 'rehearsal.takeSeat', participantId: real?.id ?? '' }, FACILITATOR),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(apply(session, take, FACILITATOR).ok).toBe(true);
    expect(session.state.participants[sim?.id ?? '']?.isSimulated).toBeUndefined();
    expect(facilitatorView(session.state, new Set(), T0).rehearsal?.simulated).toBe(0);
    expect(replay(session.log)).toEqual(session.state);
  });

  it('pace, pause and the typed code are the facilitator’s, logged and replayed', () => {
    const session = rehearsal();
    const pace = { type: 'rehearsal.pace', actionsPerMinute: 240 } as const;
    expect(apply(session, { type: 'participant.join', name: 'Ann' }, SYSTEM).ok).toBe(true);
    const ann = Object.keys(session.state.participants)[0] ?? '';
    expect(apply(session, pace, participant(ann))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(apply(session, pace, FACILITATOR).ok).toBe(true);
    expect(apply(session, { type: 'rehearsal.pause', isPaused: true }, FACILITATOR).ok).toBe(true);
    expect(apply(session, { type: 'rehearsal.openToCode', isOpen: true }, FACILITATOR).ok).toBe(
      true,
    );
    expect(session.state.rehearsal).toMatchObject({
      actionsPerMinute: 240,
      isPaused: true,
      isOpenToCode: true,
    });
    expect(replay(session.log)).toEqual(session.state);
    expect(apply(session, { type: 'session.end' }, FACILITATOR).ok).toBe(true);
    expect(apply(session, pace, FACILITATOR)).toMatchObject({
      ok: false,
      error: { code: 'SESSION_ENDED' },
    });
  });

  it('a real session ignores the simulated mark and refuses rehearsal commands', () => {
    const log = [createdEnvelope([pollRound('r1')])];
    const session = { state: replay(log), log };
    expect(
      apply(session, { type: 'participant.join', name: 'Sim', isSimulated: true }, SYSTEM).ok,
    ).toBe(true);
    expect(Object.values(session.state.participants)[0]?.isSimulated).toBeUndefined();
    expect(facilitatorView(session.state, new Set(), T0).session.isRehearsal).toBeUndefined();
    expect(apply(session, { type: 'rehearsal.pause', isPaused: true }, FACILITATOR)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });
});
