/**
 * A small harness for the session's decide/apply pair: builds a session from a
 * `session.created` event, then runs commands through `decide` and folds the resulting
 * events with `applyEvent`, numbering them like the server's log does.
 */
import {
  applyEvent,
  decide,
  replay,
  type AppError,
  type CommandActor,
  type EventEnvelope,
  type Result,
  type RoundContext,
  type RoundSpec,
  type SessionCommand,
  type SessionEvent,
  type SessionState,
} from '@playfield/shared';
import { expect } from 'vitest';
import type { PollConfig } from '@playfield/shared/exercises/poll/index';

/** The session's creation time; later events default to one second per seq after it. */
export const T0 = 1_700_000_000_000;

export const FACILITATOR = { role: 'facilitator' } as const satisfies CommandActor;
export const SYSTEM = { role: 'system' } as const satisfies CommandActor;

/** A participant actor. */
export function participant(participantId: string): CommandActor {
  return { role: 'participant', participantId };
}

/** A valid poll config, with overrides. */
export function pollConfig(overrides: Partial<PollConfig> = {}): PollConfig {
  return {
    question: 'Which channel do customers prefer?',
    options: ['Phone', 'Chat', 'Email'],
    isMultipleChoice: false,
    isAnonymous: false,
    ...overrides,
  };
}

/** A poll round as it stands in an agenda. */
export function pollRound(id: string, overrides: Partial<PollConfig> = {}): RoundSpec {
  return { id, kind: 'poll', title: `Round ${id}`, config: pollConfig(overrides) };
}

/** The log's first event. */
export function createdEnvelope(agenda: RoundSpec[], seed = 'seed-1'): EventEnvelope {
  return {
    seq: 1,
    at: T0,
    event: {
      type: 'session.created',
      sessionId: 's1',
      code: 'ABC234',
      title: 'Workshop',
      seed,
      agenda,
    },
  };
}

/** A fresh session in the lobby with the given agenda. */
export function createSession(agenda: RoundSpec[] = [pollRound('r1'), pollRound('r2')]): {
  state: SessionState;
  log: EventEnvelope[];
} {
  const log = [createdEnvelope(agenda)];
  return { state: replay(log), log };
}

/** The outcome of one command: the decision, the state after it and the logged events. */
export interface Step {
  result: Result<SessionEvent[]>;
  state: SessionState;
  envelopes: EventEnvelope[];
}

/**
 * Decides a command and, if accepted, applies each event with the next seq. Ids are made
 * from the seq so runs are deterministic.
 */
export function run(
  state: SessionState,
  command: SessionCommand,
  actor: CommandActor,
  at: number = T0 + state.seq * 1000,
): Step {
  const result = decide(state, command, actor, { at, newId: () => `id${state.seq + 1}` });
  if (!result.ok) return { result, state, envelopes: [] };
  const envelopes = result.data.map((event, i) => ({ seq: state.seq + 1 + i, at, event }));
  const next = envelopes.reduce(applyEvent, state);
  return { result, state: next, envelopes };
}

/** Runs a command that must be accepted; returns the new state. */
export function mustRun(
  state: SessionState,
  command: SessionCommand,
  actor: CommandActor,
  at?: number,
): SessionState {
  const step = run(state, command, actor, at);
  if (!step.result.ok) {
    throw new Error(`${command.type} was refused: ${step.result.error.message}`);
  }
  return step.state;
}

/** Runs a command that must be refused; returns the error. */
export function refusal(
  state: SessionState,
  command: SessionCommand,
  actor: CommandActor,
): AppError {
  const step = run(state, command, actor);
  if (step.result.ok) throw new Error(`${command.type} was accepted`);
  expect(step.state).toBe(state);
  return step.result.error;
}

/** Joins a participant through the system actor; returns the state and the new id. */
export function join(state: SessionState, name: string): { state: SessionState; id: string } {
  const step = run(state, { type: 'participant.join', name }, SYSTEM);
  const event = step.envelopes[0]?.event;
  if (!step.result.ok || event?.type !== 'participant.joined') {
    throw new Error(`join of ${name} was refused`);
  }
  return { state: step.state, id: event.participantId };
}

/** A live session on its first round with the given participants seated. */
export function liveSession(
  names: string[] = ['Ana', 'Ben'],
  agenda?: RoundSpec[],
): { state: SessionState; ids: string[] } {
  let { state } = createSession(agenda);
  const ids: string[] = [];
  for (const name of names) {
    const joined = join(state, name);
    state = joined.state;
    ids.push(joined.id);
  }
  state = mustRun(state, { type: 'session.start' }, FACILITATOR);
  return { state, ids };
}

/** A participant's poll answer as a command. */
export function answer(roundId: string, choices: number[]): SessionCommand {
  return { type: 'round.act', roundId, action: { type: 'answer', choices } };
}

/** A session that records its log, for replay tests: the people have joined, it has started. */
export interface RecordedSession {
  readonly state: SessionState;
  readonly log: EventEnvelope[];
  /** The participants' ids, in the order their names were given. */
  readonly ids: string[];
  /** Runs a command that must be accepted and records its events. */
  must: (command: SessionCommand, actor: CommandActor) => Step;
}

/** Starts a recorded session with `names` joined, ready for a round's actions. */
export function recordedSession(agenda: RoundSpec[], names: string[]): RecordedSession {
  let { state, log } = createSession(agenda);
  const must = (command: SessionCommand, actor: CommandActor): Step => {
    const step = run(state, command, actor);
    if (!step.result.ok)
      throw new Error(`${JSON.stringify(command)}: ${step.result.error.message}`);
    state = step.state;
    log = [...log, ...step.envelopes];
    return step;
  };
  const ids = names.map((name) => {
    const event = must({ type: 'participant.join', name }, SYSTEM).envelopes[0]?.event;
    if (event?.type !== 'participant.joined') throw new Error(`${name} did not join`);
    return event.participantId;
  });
  must({ type: 'session.start' }, FACILITATOR);
  return {
    get state() {
      return state;
    },
    get log() {
      return log;
    },
    ids,
    must,
  };
}

/**
 * The context an exercise's reducer and views get, for unit tests: open, not revealed,
 * with `people` on the roster (none of them left).
 */
export function exerciseContext(
  people: readonly { id: string; name: string }[],
  overrides: Partial<RoundContext> = {},
): RoundContext {
  return {
    isOpen: true,
    isRevealed: false,
    roster: Object.fromEntries(people.map((p) => [p.id, { ...p, hasLeft: false }])),
    at: 0,
    ...overrides,
  };
}
