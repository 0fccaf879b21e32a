import { getExercise, parseRoundInput } from '../exercises/registry.ts';
import type { RoundSpec } from '../exercises/registry.ts';
import type { Actor } from '../exercises/types.ts';
import { LIMITS } from '../limits.ts';
import { hasOwn, own } from '../own.ts';
import { ROOM_LOCKED_MESSAGE } from '../protocol/errors.ts';
import type { ControlCommand, QaActPayload, TeamActPayload } from '../protocol/schemas.ts';
import { fail, ok, type Result } from '../result.ts';
import { applyEvent, nameKey, roundContext, withRoundState } from './apply.ts';
import type { EventEnvelope, SessionEvent } from './events.ts';
import type { SessionState } from './state.ts';
import { isNameKeyTaken, seatCounts } from './seats.ts';
import { decideClock, isClockCommand } from './clock/decide.ts';
import { decideQa, isQaCommand } from './qa/decide.ts';
import { decideTeams, isTeamsCommand, latecomerEvents } from './teams/decide.ts';
import { decideRehearsal, isRehearsalCommand, type RehearsalCommand } from '../rehearsal/model.ts';

/** A command from a participant, or made on the server's behalf (joins come over HTTP). */
export type SessionCommand =
  | ControlCommand
  | { type: 'round.act'; roundId: string; action: unknown }
  /** `isSimulated`: a rehearsal's simulated participant (ignored outside rehearsals). */
  | { type: 'participant.join'; name: string; isSimulated?: true }
  | { type: 'participant.leave' }
  /** Made by the server once a participant's answer to a prompt is in their plan. */
  | { type: 'prompt.respond'; roundId: string }
  /** A participant asks or votes in the session's Q&A. */
  | QaActPayload
  /** A participant picks their table. */
  | TeamActPayload
  /** The rehearsal's pace and pause, and taking a simulated seat. */
  | RehearsalCommand;

/** Who issued a command: an authenticated actor, or the server itself. */
export type CommandActor = Actor | { role: 'system' };

/** What decide needs from the outside world, passed in so it stays pure. */
export interface DecideMeta {
  at: number;
  newId: () => string;
}

const FACILITATOR_ONLY = new Set<SessionCommand['type']>([
  'session.start',
  'session.end',
  'round.next',
  'round.back',
  'round.goto',
  'round.open',
  'round.lock',
  'round.reveal',
  'round.hide',
  'prompt.send',
  'prompt.close',
  'timer.start',
  'timer.pause',
  'timer.resume',
  'timer.clear',
  'agenda.add',
  'agenda.update',
  'agenda.remove',
  'agenda.move',
  'session.reschedule',
  'session.lock',
  'session.unlock',
  'participants.remove',
]);

/**
 * Seat records a session keeps at most, removed ones included: removed seats stop counting
 * against `LIMITS.participantsPerSession`, and this bounds the log and memory behind them.
 */
export const MAX_SEAT_RECORDS = 2 * LIMITS.participantsPerSession;

/** Suggests a free display name: "Sam" taken gives "Sam 2", then "Sam 3"... */
export function suggestName(state: SessionState, name: string): string {
  for (let n = 2; ; n++) {
    const candidate = `${name.slice(0, LIMITS.nameLength - String(n).length - 1)} ${n}`;
    if (!isNameTaken(state, candidate)) return candidate;
  }
}

/** Is a display name in use by a participant still in the session (case-insensitive)? */
export function isNameTaken(state: SessionState, name: string): boolean {
  return isNameKeyTaken(state, nameKey(name));
}

function roundIndex(state: SessionState, roundId: string | null): number {
  return roundId === null ? -1 : state.agenda.findIndex((r) => r.id === roundId);
}

function targetRound(state: SessionState, roundId: string | undefined): Result<string> {
  const id = roundId ?? state.currentRoundId;
  if (id === null) return fail('CONFLICT', 'No round is running yet: start the session first');
  if (!hasOwn(state.rounds, id)) return fail('NOT_FOUND', 'That round is not on the agenda');
  return ok(id);
}

function enter(state: SessionState, roundId: string): Result<SessionEvent[]> {
  if (state.phase !== 'live') return fail('CONFLICT', 'Start the session first');
  return ok([{ type: 'round.entered', roundId }]);
}

function hasSubmissions(state: SessionState, roundId: string): boolean {
  const runtime = own(state.rounds, roundId);
  const round = state.agenda.find((r) => r.id === roundId);
  const exercise = round && getExercise(round.kind);
  return !!runtime && !!exercise && exercise.submittedCount(runtime.state) > 0;
}

/**
 * Decides what a command means for the session: the events to append, or a typed
 * refusal. Authorisation of the actor's role happens here too, so the rules live in one
 * pure place. The events are then applied with {@link applyEvent}.
 */
export function decide(
  state: SessionState,
  command: SessionCommand,
  actor: CommandActor,
  meta: DecideMeta,
): Result<SessionEvent[]> {
  const decision = decideWithRound(state, command, actor, meta);
  return decision.ok ? ok(decision.data.events) : decision;
}

/** The events of a command and the state after them, stamped with sequence numbers. */
export interface Executed {
  envelopes: EventEnvelope[];
  state: SessionState;
}

/**
 * Decides a command and applies its events in one step, for the live server. An action
 * in a round is reduced once here: its result is the same one `applyEvent` computes on
 * replay (same reducer, state and time), so the live state and the replayed log agree.
 */
export function execute(
  state: SessionState,
  command: SessionCommand,
  actor: CommandActor,
  meta: DecideMeta,
): Result<Executed> {
  const decision = decideWithRound(state, command, actor, meta);
  if (!decision.ok) return decision;
  const envelopes = decision.data.events.map((event, i) => ({
    seq: state.seq + i + 1,
    at: meta.at,
    event,
  }));
  const { reduced } = decision.data;
  if (reduced) {
    return ok({
      envelopes,
      state: {
        ...withRoundState(state, reduced.roundId, reduced.state, actor),
        seq: state.seq + 1,
      },
    });
  }
  return ok({ envelopes, state: envelopes.reduce(applyEvent, state) });
}

interface Decision {
  events: SessionEvent[];
  /** For an action in a round: the round's state after it, already computed. */
  reduced?: { roundId: string; state: unknown };
}

function decideWithRound(
  state: SessionState,
  command: SessionCommand,
  actor: CommandActor,
  meta: DecideMeta,
): Result<Decision> {
  if (command.type === 'round.act') return decideRoundAct(state, command, actor, meta);
  if (isQaCommand(command)) {
    const qa = decideQa(state, command, actor, meta);
    return qa.ok ? ok({ events: qa.data }) : qa;
  }
  if (isRehearsalCommand(command)) {
    const rehearsal = decideRehearsal(state, command, actor);
    return rehearsal.ok ? ok({ events: rehearsal.data }) : rehearsal;
  }
  if (isTeamsCommand(command)) {
    const teams = decideTeams(state, command, actor);
    return teams.ok ? ok({ events: teams.data }) : teams;
  }
  if (isClockCommand(command)) {
    const clock = decideClock(state, command, actor);
    return clock.ok ? ok({ events: clock.data }) : clock;
  }
  const events = decideSession(state, command, actor, meta);
  return events.ok ? ok({ events: events.data }) : events;
}

function decideRoundAct(
  state: SessionState,
  command: Extract<SessionCommand, { type: 'round.act' }>,
  actor: CommandActor,
  meta: DecideMeta,
): Result<Decision> {
  if (state.phase === 'ended') return fail('SESSION_ENDED', 'This session has ended');
  if (actor.role === 'system') return fail('FORBIDDEN', 'Not an actor');
  if (actor.role === 'participant') {
    const seat = own(state.participants, actor.participantId);
    if (!seat || seat.hasLeft) return fail('FORBIDDEN', 'You are not in this session');
    if (state.phase !== 'live' || state.currentRoundId !== command.roundId) {
      return fail('ROUND_NOT_CURRENT', 'This round is not running any more');
    }
  }
  const round = state.agenda.find((r) => r.id === command.roundId);
  const runtime = own(state.rounds, command.roundId);
  const exercise = round && getExercise(round.kind);
  if (!round || !runtime || !exercise) return fail('NOT_FOUND', 'That round is not on the agenda');
  const action = exercise.parseAction(actor.role, command.action);
  if (!action.ok) return action;
  const reduced = exercise.reduce(
    runtime.state,
    action.data,
    actor,
    roundContext(state, runtime, meta.at),
  );
  if (!reduced.ok) return reduced;
  return ok({
    events: [{ type: 'round.acted', roundId: round.id, actor, action: action.data }],
    reduced: { roundId: round.id, state: reduced.data },
  });
}

function decideSession(
  state: SessionState,
  command: Exclude<
    SessionCommand,
    | { type: 'round.act' }
    | { type: `qa.${string}` }
    | { type: `teams.${string}` }
    | { type: `rehearsal.${string}` }
    | { type: `clock.${string}` }
  >,
  actor: CommandActor,
  meta: DecideMeta,
): Result<SessionEvent[]> {
  if (FACILITATOR_ONLY.has(command.type) && actor.role !== 'facilitator') {
    return fail('FORBIDDEN', 'Only the facilitator can do that');
  }
  if (state.phase === 'ended') return fail('SESSION_ENDED', 'This session has ended');

  switch (command.type) {
    case 'participant.join': {
      if (actor.role !== 'system') return fail('FORBIDDEN', 'Join with the join code');
      if (state.isLocked) return fail('ROOM_LOCKED', ROOM_LOCKED_MESSAGE);
      const seats = seatCounts(state).all;
      if (
        seats - (state.removedCount ?? 0) >= LIMITS.participantsPerSession ||
        seats >= MAX_SEAT_RECORDS
      ) {
        return fail('CONFLICT', 'This session is full');
      }
      if (isNameTaken(state, command.name)) {
        return {
          ok: false,
          error: {
            code: 'NAME_TAKEN',
            message: `Someone here is already called ${command.name}. Add an initial or pick another name.`,
            suggestion: suggestName(state, command.name),
          },
        };
      }
      const participantId = meta.newId();
      return ok([
        {
          type: 'participant.joined',
          participantId,
          name: command.name,
          ...(command.isSimulated && state.rehearsal ? { isSimulated: true as const } : {}),
        },
        ...latecomerEvents(state, participantId),
      ]);
    }
    case 'participant.leave': {
      if (actor.role !== 'participant') return fail('FORBIDDEN', 'Only a participant can leave');
      const seat = own(state.participants, actor.participantId);
      if (!seat || seat.hasLeft) return fail('CONFLICT', 'You have already left this session');
      return ok([{ type: 'participant.left', participantId: actor.participantId }]);
    }
    case 'session.start':
      if (state.phase !== 'lobby') return fail('CONFLICT', 'The session has already started');
      return ok([
        { type: 'session.started' },
        ...(state.agenda[0]
          ? [{ type: 'round.entered', roundId: state.agenda[0].id } as const]
          : []),
      ]);
    case 'session.end':
      return ok([{ type: 'session.ended' }]);
    case 'session.reschedule':
      if ((state.plannedStart ?? null) === command.plannedStart) return ok([]);
      return ok([{ type: 'session.rescheduled', plannedStart: command.plannedStart }]);
    case 'session.lock':
      if (state.isLocked) return fail('CONFLICT', 'The room is already locked');
      return ok([{ type: 'session.locked' }]);
    case 'session.unlock':
      if (!state.isLocked) return fail('CONFLICT', 'The room is not locked');
      return ok([{ type: 'session.unlocked' }]);
    case 'participants.remove': {
      // Each seat once, and only seats still in: the event then says exactly what changed.
      const ids = new Set<string>();
      for (const id of command.participantIds) {
        const seat = own(state.participants, id);
        if (seat && !seat.hasLeft) ids.add(id);
      }
      if (ids.size === 0)
        return fail('CONFLICT', 'Nobody to remove: those seats are already closed');
      return ok([{ type: 'participants.removed', participantIds: [...ids] }]);
    }
    case 'round.next':
    case 'round.back': {
      if (state.phase !== 'live') return fail('CONFLICT', 'Start the session first');
      const index =
        roundIndex(state, state.currentRoundId) + (command.type === 'round.next' ? 1 : -1);
      const round = state.agenda[index];
      if (!round) {
        return fail(
          'CONFLICT',
          command.type === 'round.next'
            ? 'This is the last round: end the session when you are ready'
            : 'This is the first round',
        );
      }
      return enter(state, round.id);
    }
    case 'round.goto':
      if (!hasOwn(state.rounds, command.roundId))
        return fail('NOT_FOUND', 'That round is not on the agenda');
      return enter(state, command.roundId);
    case 'round.open':
    case 'round.lock':
    case 'round.reveal':
    case 'round.hide': {
      const target = targetRound(state, command.roundId);
      if (!target.ok) return target;
      const type = (
        {
          'round.open': 'round.opened',
          'round.lock': 'round.locked',
          'round.reveal': 'round.revealed',
          'round.hide': 'round.hidden',
        } as const
      )[command.type];
      return ok([{ type, roundId: target.data }]);
    }
    case 'prompt.send': {
      const target = targetRound(state, command.roundId);
      if (!target.ok) return target;
      return ok([{ type: 'prompt.sent', roundId: target.data }]);
    }
    case 'prompt.close':
      if (!state.prompt) return fail('CONFLICT', 'No prompt is open');
      return ok([{ type: 'prompt.closed' }]);
    case 'prompt.respond': {
      if (actor.role !== 'participant') return fail('FORBIDDEN', 'Only a participant can answer');
      const seat = own(state.participants, actor.participantId);
      if (!seat || seat.hasLeft) return fail('FORBIDDEN', 'You are not in this session');
      const round = own(state.rounds, command.roundId);
      if (!round) return fail('NOT_FOUND', 'That round is not on the agenda');
      // An answer is to a round the room has played (its plan action links to the round).
      if (!round.hasStarted) return fail('CONFLICT', 'That round has not been played yet');
      if (hasOwn(own(state.promptResponses, command.roundId), actor.participantId)) return ok([]);
      return ok([
        { type: 'prompt.responded', roundId: command.roundId, participantId: actor.participantId },
      ]);
    }
    case 'timer.start':
      return ok([{ type: 'timer.started', durationMs: command.seconds * 1000 }]);
    case 'timer.pause':
      if (!state.timer || state.timer.endsAt === null)
        return fail('CONFLICT', 'No timer is running');
      return ok([{ type: 'timer.paused' }]);
    case 'timer.resume':
      if (!state.timer || state.timer.endsAt !== null)
        return fail('CONFLICT', 'No timer is paused');
      return ok([{ type: 'timer.resumed' }]);
    case 'timer.clear':
      if (!state.timer) return fail('CONFLICT', 'No timer to clear');
      return ok([{ type: 'timer.cleared' }]);
    case 'agenda.add': {
      if (state.agenda.length >= LIMITS.agendaRounds) {
        return fail('CONFLICT', `An agenda holds at most ${LIMITS.agendaRounds} rounds`);
      }
      const input = parseRoundInput(command.round);
      if (!input.ok) return input;
      const round = { ...input.data, id: meta.newId() } as RoundSpec;
      const index = Math.min(command.index ?? state.agenda.length, state.agenda.length);
      return ok([{ type: 'agenda.added', round, index }]);
    }
    case 'agenda.update': {
      const round = state.agenda.find((r) => r.id === command.roundId);
      if (!round) return fail('NOT_FOUND', 'That round is not on the agenda');
      let config: unknown = round.config;
      if (command.config !== undefined) {
        if (hasSubmissions(state, round.id)) {
          return fail(
            'CONFLICT',
            'People have already answered this round; only its title can change',
          );
        }
        const parsed = parseRoundInput({
          kind: round.kind,
          title: round.title,
          config: command.config,
        });
        if (!parsed.ok) return parsed;
        config = parsed.data.config;
      }
      // Notes and minutes are the facilitator's plan, not the exercise: they change at any
      // time, answers or not. Null clears them; absent keeps them.
      const { notes: _notes, minutes: _minutes, ...base } = round;
      const notes = command.notes === undefined ? round.notes : command.notes || undefined;
      const minutes =
        command.minutes === undefined ? round.minutes : (command.minutes ?? undefined);
      const updated = {
        ...base,
        title: command.title ?? round.title,
        config,
        ...(notes ? { notes } : {}),
        ...(minutes !== undefined ? { minutes } : {}),
      } as RoundSpec;
      return ok([{ type: 'agenda.updated', round: updated }]);
    }
    case 'agenda.remove': {
      if (!hasOwn(state.rounds, command.roundId))
        return fail('NOT_FOUND', 'That round is not on the agenda');
      if (state.currentRoundId === command.roundId) {
        return fail('CONFLICT', 'This round is running: move to another round before removing it');
      }
      if (hasSubmissions(state, command.roundId)) {
        return fail('CONFLICT', 'People have answered this round, so it stays in the results');
      }
      return ok([{ type: 'agenda.removed', roundId: command.roundId }]);
    }
    case 'agenda.move': {
      if (!hasOwn(state.rounds, command.roundId))
        return fail('NOT_FOUND', 'That round is not on the agenda');
      const toIndex = Math.min(command.toIndex, state.agenda.length - 1);
      return ok([{ type: 'agenda.moved', roundId: command.roundId, toIndex }]);
    }
    default: {
      const unreachable: never = command;
      throw new Error(`Unhandled command ${JSON.stringify(unreachable)}`);
    }
  }
}
