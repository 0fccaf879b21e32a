import { getExercise } from '../exercises/registry.ts';
import type { RoundSpec } from '../exercises/registry.ts';
import type { Actor, RoundContext } from '../exercises/types.ts';
import { dict, own } from '../own.ts';
import { deriveSeed } from '../random.ts';
import { copyRecord, Draft, withEntry } from '../exercises/records.ts';
import { moveSeatIndex } from './seats.ts';
import { emptySharded, shardGet, shardSet } from './sharded.ts';
import type { EventEnvelope, SessionEvent } from './events.ts';
import type { ParticipantRecord, RoundRuntime, SessionState } from './state.ts';
import { applyClock, isClockEvent, trackClock } from './clock/apply.ts';
import { isQaEvent } from './qa/decide.ts';
import { applyQa } from './qa/apply.ts';
import { applyTeams, isTeamsEvent, teamsContext, teamsOnLeave } from './teams/model.ts';
import { applyRehearsal, initialRehearsal, isRehearsalEvent } from '../rehearsal/model.ts';

/** The `teams` field of a state, absent (not undefined) when there are none. */
function teamsField(teams: SessionState['teams']): Pick<SessionState, 'teams'> {
  return teams ? { teams } : {};
}

/** The draft of the fold running now (see {@link inFold}); none outside folds. */
let foldDraft: Draft | undefined;

/**
 * Runs `fold` (a synchronous run of decides and applies) with a fresh {@link Draft}: the
 * records it creates it may write again in place, so a batch of joins or answers copies
 * the seat table or the answers once, not once per event. Whatever `fold` returns leaves
 * the draft behind and is never written in place again. Views and single decides run
 * outside folds and copy as before.
 */
export function inFold<T>(fold: () => T): T {
  const outer = foldDraft;
  foldDraft = new Draft();
  try {
    return fold();
  } finally {
    foldDraft = outer;
  }
}

/** How names are compared for duplicates: case-insensitive. */
export function nameKey(name: string): string {
  return name.toLocaleLowerCase();
}

/** The context an exercise sees for one of the session's rounds. */
export function roundContext(state: SessionState, runtime: RoundRuntime, at: number): RoundContext {
  const draft = foldDraft;
  return {
    isOpen: runtime.isOpen,
    isRevealed: runtime.isRevealed,
    roster: state.participants,
    at,
    ...teamsContext(state.teams),
    ...(draft ? { draft } : {}),
  };
}

function initRound(seed: string, round: RoundSpec): RoundRuntime {
  const exercise = getExercise(round.kind);
  if (!exercise) throw new Error(`Unknown exercise ${round.kind}`);
  return {
    isOpen: true,
    isRevealed: false,
    hasStarted: false,
    state: exercise.init(round.config, deriveSeed(seed, round.id)),
  };
}

/** Structural equality of JSON data (configs are parsed JSON: no cycles, dates or maps). */
function isSameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => Object.hasOwn(right, key) && isSameJson(left[key], right[key]))
  );
}

/**
 * The session with one round's exercise state replaced; with the `actor` of an accepted
 * action, that participant is marked as having acted in the round (as applying the
 * logged `round.acted` does).
 */
export function withRoundState(
  state: SessionState,
  roundId: string,
  roundState: unknown,
  actor?: Actor | { role: 'system' },
): SessionState {
  return updateRound(state, roundId, (runtime) => {
    const next = { ...runtime, state: roundState };
    return actor ? withResponse(next, actor) : next;
  });
}

function updateRound(
  state: SessionState,
  roundId: string,
  change: (runtime: RoundRuntime) => RoundRuntime,
): SessionState {
  const runtime = own(state.rounds, roundId);
  if (!runtime) return state;
  return { ...state, rounds: withEntry(state.rounds, roundId, change(runtime)) };
}

/**
 * Marks a participant as having acted in the round: one bucket of the round's responded
 * set copied, and the count kept beside it, so the console learns who has answered without
 * a pass over the room. Facilitator actions (and the automation's) are nobody's response.
 */
function withResponse(runtime: RoundRuntime, actor: Actor | { role: 'system' }): RoundRuntime {
  if (actor.role !== 'participant') return runtime;
  const responded = runtime.responded ?? emptySharded<true>();
  if (shardGet(responded, actor.participantId)) return runtime;
  return {
    ...runtime,
    responded: shardSet(responded, actor.participantId, true),
    respondedCount: (runtime.respondedCount ?? 0) + 1,
  };
}

/** The session as the first event of its log creates it. */
export function createSessionState(
  envelope: EventEnvelope & { event: { type: 'session.created' } },
): SessionState {
  const { event, at, seq } = envelope;
  return {
    id: event.sessionId,
    code: event.code,
    title: event.title,
    seed: event.seed,
    createdAt: at,
    phase: 'lobby',
    endedAt: null,
    agenda: event.agenda,
    ...(event.plannedStart ? { plannedStart: event.plannedStart } : {}),
    currentRoundId: null,
    rounds: event.agenda.reduce(
      (rounds, r) => Object.assign(rounds, { [r.id]: initRound(event.seed, r) }),
      dict<RoundRuntime>(),
    ),
    participants: dict<ParticipantRecord>(),
    ...initialRehearsal(event.rehearsal),
    timer: null,
    seq,
  };
}

/**
 * Closes the seats the facilitator removed. One copy of the seat table, then work for the
 * removed seats only: never a pass over the whole room per seat. Seats already closed or
 * unknown are skipped (decide leaves them out; a log written by hand might not).
 */
function removeSeats(state: SessionState, ids: readonly string[]): SessionState {
  let participants: Record<string, ParticipantRecord> | null = null;
  let removed = 0;
  for (const id of ids) {
    const seat = own(participants ?? state.participants, id);
    if (!seat || seat.hasLeft) continue;
    participants ??= copyRecord(state.participants);
    participants[id] = { ...seat, hasLeft: true, isRemoved: true };
    moveSeatIndex(state.participants, participants, { type: 'closed', nameKey: seat.nameKey });
    removed++;
  }
  if (!participants) return state;
  return {
    ...state,
    ...teamsField(teamsOnLeave(state.teams, state.participants, ids)),
    participants,
    removedCount: (state.removedCount ?? 0) + removed,
  };
}

function applyChange(state: SessionState, event: SessionEvent, at: number): SessionState {
  const draft = foldDraft;
  if (isRehearsalEvent(event)) return applyRehearsal(state, event);
  if (event.type === 'participant.joined' && event.isSimulated) {
    // A rehearsal's simulated seat: joined like any other, then marked on its new record.
    const { isSimulated: _simulated, ...join } = event;
    const next = applyChange(state, join, at);
    const seat = own(next.participants, event.participantId);
    if (seat && (next.participants !== state.participants || foldDraft?.owns(next.participants)))
      next.participants[seat.id] = { ...seat, isSimulated: true };
    return next;
  }
  if (isQaEvent(event)) return { ...state, qa: applyQa(state.qa, event, at) };
  if (isTeamsEvent(event))
    return { ...state, teams: applyTeams(state.teams, event, state.participants) };
  if (isClockEvent(event)) return { ...state, clock: applyClock(state.clock, event, at) };
  switch (event.type) {
    case 'session.created':
      return state;
    case 'session.started':
      return { ...state, phase: 'live' };
    case 'session.ended':
      return { ...state, phase: 'ended', endedAt: at, timer: null };
    case 'participant.joined': {
      const seat: ParticipantRecord = {
        id: event.participantId,
        name: event.name,
        nameKey: nameKey(event.name),
        joinedAt: at,
        hasLeft: false,
      };
      const participants = withEntry(state.participants, seat.id, seat, draft);
      moveSeatIndex(state.participants, participants, { type: 'joined', nameKey: seat.nameKey });
      return { ...state, participants };
    }
    case 'participant.left': {
      const seat = own(state.participants, event.participantId);
      if (!seat) return state;
      const teams = teamsField(teamsOnLeave(state.teams, state.participants, [seat.id]));
      const participants = withEntry(
        state.participants,
        seat.id,
        { ...seat, hasLeft: true },
        draft,
      );
      if (!seat.hasLeft)
        moveSeatIndex(state.participants, participants, { type: 'closed', nameKey: seat.nameKey });
      return { ...state, ...teams, participants };
    }
    case 'participants.removed':
      return removeSeats(state, event.participantIds);
    case 'session.locked':
      return { ...state, isLocked: true };
    case 'session.unlocked':
      return { ...state, isLocked: false };
    case 'round.entered': {
      const next = updateRound(state, event.roundId, (r) => ({ ...r, hasStarted: true }));
      return { ...next, currentRoundId: event.roundId, timer: null };
    }
    case 'round.opened':
      return updateRound(state, event.roundId, (r) => ({ ...r, isOpen: true }));
    case 'round.locked':
      return updateRound(state, event.roundId, (r) => ({ ...r, isOpen: false }));
    case 'round.revealed':
      return updateRound(state, event.roundId, (r) => ({ ...r, isRevealed: true }));
    case 'round.hidden':
      return updateRound(state, event.roundId, (r) => ({ ...r, isRevealed: false }));
    case 'round.acted': {
      const round = state.agenda.find((r) => r.id === event.roundId);
      const exercise = round && getExercise(round.kind);
      if (!exercise) return state;
      return updateRound(state, event.roundId, (runtime) => {
        const reduced = exercise.reduce(
          runtime.state,
          event.action,
          event.actor,
          roundContext(state, runtime, at),
        );
        // A logged action was accepted when it was decided; refusing it now would mean
        // the reducer is not deterministic. Keep the state rather than crash a replay.
        if (!reduced.ok) return runtime;
        return withResponse({ ...runtime, state: reduced.data }, event.actor);
      });
    }
    case 'session.rescheduled': {
      const { plannedStart: _previous, ...rest } = state;
      return event.plannedStart ? { ...rest, plannedStart: event.plannedStart } : rest;
    }
    case 'agenda.added': {
      const agenda = [...state.agenda];
      agenda.splice(event.index, 0, event.round);
      return {
        ...state,
        agenda,
        rounds: withEntry(state.rounds, event.round.id, initRound(state.seed, event.round)),
      };
    }
    case 'agenda.updated': {
      const previous = state.agenda.find((r) => r.id === event.round.id);
      const agenda = state.agenda.map((r) => (r.id === event.round.id ? event.round : r));
      const next = { ...state, agenda };
      // Compare by value: a log or snapshot read back from storage holds copies, so a
      // title-only edit must not be mistaken for a new config (that would wipe answers).
      if (previous && isSameJson(previous.config, event.round.config)) return next;
      // A new config starts the round afresh (decide allows it only before any answers).
      return updateRound(next, event.round.id, (r) => ({
        ...initRound(state.seed, event.round),
        isOpen: r.isOpen,
        isRevealed: r.isRevealed,
        hasStarted: r.hasStarted,
      }));
    }
    case 'agenda.removed': {
      const rounds = Object.assign(dict<RoundRuntime>(), state.rounds);
      delete rounds[event.roundId];
      return { ...state, agenda: state.agenda.filter((r) => r.id !== event.roundId), rounds };
    }
    case 'agenda.moved': {
      const round = state.agenda.find((r) => r.id === event.roundId);
      if (!round) return state;
      const agenda = state.agenda.filter((r) => r.id !== event.roundId);
      agenda.splice(event.toIndex, 0, round);
      return { ...state, agenda };
    }
    case 'prompt.sent':
      return { ...state, prompt: { roundId: event.roundId } };
    case 'prompt.closed':
      return { ...state, prompt: null };
    case 'prompt.responded': {
      const responses = state.promptResponses ?? dict<Record<string, true>>();
      const round = withEntry<true>(own(responses, event.roundId) ?? {}, event.participantId, true);
      return { ...state, promptResponses: withEntry(responses, event.roundId, round) };
    }
    case 'timer.started':
      return {
        ...state,
        timer: {
          durationMs: event.durationMs,
          endsAt: at + event.durationMs,
          remainingMs: event.durationMs,
        },
      };
    case 'timer.paused':
      if (!state.timer?.endsAt) return state;
      return {
        ...state,
        timer: { ...state.timer, endsAt: null, remainingMs: Math.max(0, state.timer.endsAt - at) },
      };
    case 'timer.resumed':
      if (!state.timer || state.timer.endsAt !== null) return state;
      return { ...state, timer: { ...state.timer, endsAt: at + state.timer.remainingMs } };
    case 'timer.cleared':
      return { ...state, timer: null };
    default: {
      const unreachable: never = event;
      throw new Error(`Unhandled event ${JSON.stringify(unreachable)}`);
    }
  }
}

/** Applies one logged event. Pure: the same log always folds to the same state. */
export function applyEvent(state: SessionState, envelope: EventEnvelope): SessionState {
  const { event, at } = envelope;
  return { ...trackClock(state, applyChange(state, event, at), event, at), seq: envelope.seq };
}

/** Rebuilds a session from its log, optionally starting from a snapshot. */
export function replay(
  events: readonly EventEnvelope[],
  from: SessionState | null = null,
): SessionState {
  return inFold(() => {
    let state = from;
    for (const envelope of events) {
      if (state === null) {
        if (envelope.event.type !== 'session.created')
          throw new Error('A session log starts with session.created');
        state = createSessionState({ ...envelope, event: envelope.event });
      } else {
        state = applyEvent(state, envelope);
      }
    }
    if (!state) throw new Error('Empty session log');
    return state;
  });
}
