/**
 * Facilitator notes are the console's own: every view of every other audience, for every
 * exercise kind and at every step of a round, is walked here and must not carry them.
 */
import {
  blankOwnRoundView,
  EXERCISE_KINDS,
  facilitatorView,
  getExercise,
  participantOwnView,
  participantPublicView,
  screenView,
  sessionResults,
  type RoundSpec,
  type SessionState,
} from '@playfield/shared';
import { describe, expect, it } from 'vitest';
import { FACILITATOR, join, mustRun, run, createSession, T0 } from './sessionHarness.ts';

const secret = (kind: string) => `SECRET-SCRIPT-${kind}: say this only to yourself`;

function agenda(): RoundSpec[] {
  return EXERCISE_KINDS.map((kind, i) => {
    const exercise = getExercise(kind);
    if (!exercise) throw new Error(kind);
    return {
      id: `r${i}`,
      kind,
      title: `Round ${kind}`,
      config: exercise.defaultConfig(),
      notes: `${secret(kind)}\n\n- ask the room\n- debrief`,
      minutes: 10 + i,
    } as RoundSpec;
  });
}

/** Every view a phone or the room screen could receive now, as JSON. */
function publicJson(state: SessionState, ids: string[], at: number): string[] {
  const online = new Set(ids);
  return [
    JSON.stringify(participantPublicView(state, at)),
    JSON.stringify(screenView(state, online, at)),
    JSON.stringify(blankOwnRoundView(state, at)),
    JSON.stringify(sessionResults(state, at)),
    ...ids.map((id) => JSON.stringify(participantOwnView(state, id, at))),
  ];
}

describe('facilitator notes', () => {
  it('reach the console but never a phone, the screen or a summary, for every kind', () => {
    let { state } = createSession(agenda());
    const ids: string[] = [];
    for (const name of ['Ana', 'Ben', 'Cleo']) {
      const joined = join(state, name);
      state = joined.state;
      ids.push(joined.id);
    }
    const at = () => T0 + state.seq * 1000;
    const check = (step: string) => {
      for (const json of publicJson(state, ids, at())) {
        expect(json, step).not.toContain('SECRET-SCRIPT');
      }
    };
    check('lobby');
    state = mustRun(state, { type: 'session.start' }, FACILITATOR);
    for (const round of state.agenda) {
      state = mustRun(state, { type: 'round.goto', roundId: round.id }, FACILITATOR);
      check(`${round.kind} entered`);
      const console = JSON.stringify(facilitatorView(state, new Set(ids), at()));
      expect(console).toContain(secret(round.kind));
      for (const command of ['round.open', 'round.reveal', 'prompt.send', 'round.lock'] as const) {
        // Some exercises refuse a control (no reveal, say): what they accept is walked.
        state = run(state, { type: command }, FACILITATOR).state;
        check(`${round.kind} ${command}`);
      }
      state = run(state, { type: 'prompt.close' }, FACILITATOR).state;
    }
    state = mustRun(state, { type: 'session.end' }, FACILITATOR);
    check('ended');
  });

  it('stay private when edited live, after answers, and carry the planned minutes', () => {
    let { state } = createSession(agenda());
    state = mustRun(state, { type: 'session.start' }, FACILITATOR);
    const roundId = state.agenda[0]?.id ?? '';
    state = mustRun(
      state,
      { type: 'agenda.update', roundId, notes: 'SECRET-SCRIPT edited\nline two', minutes: 7 },
      FACILITATOR,
    );
    const item = facilitatorView(state, new Set(), T0).agenda[0];
    expect(item?.notes).toBe('SECRET-SCRIPT edited\nline two');
    expect(item?.minutes).toBe(7);
    for (const json of publicJson(state, [], T0)) expect(json).not.toContain('SECRET-SCRIPT');
  });
});
