/** A round's plan (notes, minutes) and the day's planned start: schemas, decide, replay. */
import {
  controlCommandSchema,
  createSessionBodySchema,
  replay,
  roundInputSchema,
} from '@playfield/shared';
import { describe, expect, it } from 'vitest';
import {
  answer,
  FACILITATOR,
  participant,
  pollRound,
  recordedSession,
  refusal,
} from './sessionHarness.ts';

describe('round plan schemas', () => {
  it('keeps the lines of notes, cleans each line and refuses more than 6,000 characters', () => {
    const parsed = roundInputSchema.parse({
      kind: 'poll',
      title: 'Warm-up',
      config: {},
      notes: '  Say hello\u200B\r\n\r\n\r\n\r\n- ask\tthe room  \n- debrief  ',
      minutes: 15,
    });
    expect(parsed.notes).toBe('Say hello\n\n- ask the room\n- debrief');
    const long = roundInputSchema.safeParse({
      kind: 'poll',
      title: 'x',
      config: {},
      notes: 'a'.repeat(6001),
    });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.message).toBe('The notes has at most 6000 characters');
  });

  it('refuses minutes that are not whole, below 1 or above 480', () => {
    for (const minutes of [0, 1.5, 481, '10']) {
      expect(
        roundInputSchema.safeParse({ kind: 'poll', title: 'x', config: {}, minutes }).success,
      ).toBe(false);
    }
    expect(
      roundInputSchema.safeParse({ kind: 'poll', title: 'x', config: {}, minutes: 480 }).success,
    ).toBe(true);
  });

  it('takes a planned start as HH:MM only', () => {
    const body = (plannedStart: unknown) =>
      createSessionBodySchema.safeParse({ title: 'Day', agenda: [], plannedStart }).success;
    expect(body('09:00')).toBe(true);
    expect(body('23:59')).toBe(true);
    for (const bad of ['9:00', '24:00', '09:60', '0900', 'noon', 900])
      expect(body(bad)).toBe(false);
    expect(
      controlCommandSchema.safeParse({ type: 'session.reschedule', plannedStart: null }).success,
    ).toBe(true);
  });
});

describe('editing the plan', () => {
  it('changes notes and minutes after answers, and null clears them; replay agrees', () => {
    const room = recordedSession([pollRound('r1')], ['Ana']);
    room.must(answer('r1', [0]), participant(room.ids[0] ?? ''));
    room.must({ type: 'agenda.update', roundId: 'r1', notes: 'Ask why', minutes: 12 }, FACILITATOR);
    expect(room.state.agenda[0]).toMatchObject({ notes: 'Ask why', minutes: 12 });
    // The answers stay: notes are not the exercise.
    expect(room.state.agenda[0]?.config).toEqual(pollRound('r1').config);
    room.must({ type: 'agenda.update', roundId: 'r1', notes: null, minutes: null }, FACILITATOR);
    expect(room.state.agenda[0]).not.toHaveProperty('notes');
    expect(room.state.agenda[0]).not.toHaveProperty('minutes');
    expect(replay(room.log)).toEqual(room.state);
  });

  it('sets and clears the planned start, facilitator only', () => {
    const room = recordedSession([pollRound('r1')], ['Ana']);
    room.must({ type: 'session.reschedule', plannedStart: '08:30' }, FACILITATOR);
    expect(room.state.plannedStart).toBe('08:30');
    expect(
      refusal(
        room.state,
        { type: 'session.reschedule', plannedStart: '10:00' },
        participant(room.ids[0] ?? ''),
      ).code,
    ).toBe('FORBIDDEN');
    room.must({ type: 'session.reschedule', plannedStart: null }, FACILITATOR);
    expect(room.state).not.toHaveProperty('plannedStart');
    expect(replay(room.log)).toEqual(room.state);
  });
});
