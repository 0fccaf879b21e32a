/**
 * Every exercise's simulated participant, over a full round with 12 seats: every action it
 * chooses is accepted by the exercise's schema and reducer (through the session's own
 * decide/apply, as the server runs it), and the round reaches its end state. The
 * facilitator's steps (phases, questions, days) are the exercises' simulated facilitators'.
 */
import {
  createRandom,
  EXERCISE_KINDS,
  facilitatorView,
  getExercise,
  participantOwnView,
  participantPublicView,
  replay,
  roundContext,
  type EventEnvelope,
  type ExerciseKind,
  type FacilitatorView,
  type RoundSpec,
  type SessionState,
} from '@playfield/shared';
import { facilitateNext, PLAIN_FACILITATOR } from '@playfield/shared/exercises/facilitators';
import { canSimulate, simulateNext } from '@playfield/shared/exercises/simulators';
import { describe, expect, it } from 'vitest';
import { FACILITATOR, participant, run, SYSTEM, T0 } from './sessionHarness.ts';

const SEATS = 12;
/** Kinds with nothing for participants to do (slides): no simulated participant needed. */
const NO_PARTICIPANT_ACTIONS = new Set<string>(['content']);

type RoundView = NonNullable<FacilitatorView['round']>;

/** A view of a round's own fields, loosely typed for the end checks below. */
function v(round: RoundView): Record<string, unknown> {
  return round.view as unknown as Record<string, unknown>;
}

/** The exercise's own automation (the Fine Line's clock), as the server would run it. */
function automationOf(state: SessionState): unknown {
  const round = state.agenda.find((r) => r.id === state.currentRoundId);
  const runtime = round && state.rounds[round.id];
  const exercise = round && getExercise(round.kind);
  if (!runtime || !exercise) return null;
  return exercise.automation(runtime.state, roundContext(state, runtime, T0))?.action ?? null;
}

/** Did the round end as it should, by the console's view? */
const ENDS: Partial<Record<ExerciseKind, (round: RoundView) => boolean>> = {
  quiz: (round) => v(round).phase === 'final',
  brainstorm: (round) => v(round).phase === 'results',
  playingField: (round) => v(round).phase === 'map',
  // Moods belong to a visit, so the count is back to 0 when the run is over: see below.
  fineLine: (round) => v(round).status === 'finished',
  redBead: (round) => v(round).stage === 'finished' && round.submitted > 0,
  rolePlay: (round) =>
    (v(round).groups as { status: string }[]).every((g) => g.status === 'scored'),
};

function agendaFor(kind: ExerciseKind): RoundSpec[] {
  const exercise = getExercise(kind);
  if (!exercise) throw new Error(kind);
  return [{ id: 'r1', kind, title: exercise.label, config: exercise.defaultConfig() } as RoundSpec];
}

interface Outcome {
  state: SessionState;
  log: EventEnvelope[];
  actions: number;
  kindsOfAction: Set<string>;
}

/** A whole round: 12 simulated seats act until none has anything to do, the facilitator drives. */
function simulateRound(kind: ExerciseKind): Outcome {
  const log: EventEnvelope[] = [
    {
      seq: 1,
      at: T0,
      event: {
        type: 'session.created',
        sessionId: 's1',
        code: 'ABC234',
        title: 'Rehearsal',
        seed: `seed-${kind}`,
        agenda: agendaFor(kind),
      },
    },
  ];
  let state = replay(log);
  let at = T0;
  const step = (command: Parameters<typeof run>[1], actor: Parameters<typeof run>[2]) => {
    at += 250;
    const result = run(state, command, actor, at);
    if (!result.result.ok) return result.result.error;
    state = result.state;
    log.push(...result.envelopes);
    return null;
  };
  for (let i = 0; i < SEATS; i++) {
    expect(step({ type: 'participant.join', name: `Seat ${i + 1}` }, SYSTEM)).toBeNull();
  }
  const seatIds = Object.keys(state.participants);
  expect(seatIds).toHaveLength(SEATS);
  expect(step({ type: 'session.start' }, FACILITATOR)).toBeNull();
  const random = createRandom(`sim-${kind}`);
  const lastActed = new Map<string, number>();
  let actions = 0;
  const kindsOfAction = new Set<string>();
  for (let pass = 0; pass < 5000; pass++) {
    let acted = false;
    for (const id of seatIds) {
      const pub = participantPublicView(state, at);
      const own = participantOwnView(state, id, at);
      const round = pub.round;
      if (!round || !own?.round) continue;
      const last = lastActed.get(id);
      const action = simulateNext({
        kind: round.kind,
        view: round.view,
        own: own.round.view,
        controls: { isOpen: round.isOpen, isRevealed: round.isRevealed },
        participantId: id,
        now: at,
        sinceLastActionMs: last === undefined ? null : at - last,
        random,
      });
      if (action === null) continue;
      const refused = step({ type: 'round.act', roundId: round.id, action }, participant(id));
      expect(refused, `${kind}: ${JSON.stringify(action)}`).toBeNull();
      lastActed.set(id, at);
      actions++;
      kindsOfAction.add((action as { type: string }).type);
      acted = true;
    }
    if (acted) continue;
    const fround = facilitatorView(state, new Set(), at).round;
    if (!fround) break;
    // The Fine Line runs on its own once started: its clock ticks as the server's would.
    const action =
      facilitateNext(fround, PLAIN_FACILITATOR) ??
      (kind === 'fineLine' ? automationOf(state) : null);
    if (action === null) break;
    const refused = step({ type: 'round.act', roundId: fround.id, action }, FACILITATOR);
    expect(refused, `${kind} facilitator: ${JSON.stringify(action)}`).toBeNull();
  }
  return { state, log, actions, kindsOfAction };
}

describe('simulated participants', () => {
  it('every exercise with participant actions has one', () => {
    const missing = EXERCISE_KINDS.filter(
      (kind) => !NO_PARTICIPANT_ACTIONS.has(kind) && !canSimulate(kind),
    );
    expect(missing).toEqual([]);
  });

  it.each(EXERCISE_KINDS.filter((kind) => canSimulate(kind)))(
    '%s: 12 seats, only accepted actions, the round reaches its end',
    (kind) => {
      const { state, log, actions } = simulateRound(kind);
      expect(actions).toBeGreaterThan(0);
      const round = facilitatorView(state, new Set(), T0).round;
      expect(round).not.toBeNull();
      if (!round) return;
      const end = ENDS[kind];
      if (end) expect(end(round), JSON.stringify(round.view).slice(0, 400)).toBe(true);
      else expect(round.submitted).toBe(SEATS);
      // The log replays to exactly the live state.
      expect(replay(log)).toEqual(state);
    },
    30_000,
  );

  it('is deterministic: the same seed gives the same actions', () => {
    const first = simulateRound('dotVote');
    const second = simulateRound('dotVote');
    expect(second.log).toEqual(first.log);
  });

  it('brainstorm seats write notes and spend dots; workers dip; shoppers report moods; cards are placed and tested', () => {
    expect([...simulateRound('brainstorm').kindsOfAction].sort()).toEqual(['addNote', 'vote']);
    expect(simulateRound('redBead').kindsOfAction.has('dip')).toBe(true);
    expect(simulateRound('fineLine').kindsOfAction).toEqual(new Set(['mood']));
    expect(simulateRound('playingField').kindsOfAction).toEqual(new Set(['place', 'test.answer']));
  }, 30_000);
});
