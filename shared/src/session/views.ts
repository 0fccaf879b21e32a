import {
  getExercise,
  type Audience,
  type RoundSpec,
  type RoundViewFor,
} from '../exercises/registry.ts';
import type { RoundControl, RoundSummary } from '../exercises/types.ts';
import { own } from '../own.ts';
import { roundContext } from './apply.ts';
import { rehearsalView, type RehearsalView } from '../rehearsal/model.ts';
import type { SessionPhase, SessionState, TimerState } from './state.ts';
import { seatCounts } from './seats.ts';
import {
  facilitatorRoster,
  markedSet,
  responsesView,
  roundResponses,
  screenPeople,
  type ResponsesView,
  type RosterItemView,
  type ViewMemo,
} from './people.ts';
import {
  clockFacilitatorView,
  clockScreenView,
  type ClockScreenView,
  type ClockView,
} from './clock/views.ts';
import {
  qaFacilitatorView,
  qaOwnView,
  qaPublicView,
  qaScreenView,
  type QaFacilitatorView,
  type QaOwnView,
  type QaPublicView,
  type QaScreenView,
} from './qa/views.ts';
import {
  currentRoundByTeam,
  screenTeamsView,
  seatTeamId,
  teamsView,
  type ScreenTeamView,
  type TeamsView,
} from './teams/views.ts';

/** The session header every audience sees. */
export interface SessionHeader {
  id: string;
  code: string;
  title: string;
  phase: SessionPhase;
  createdAt: number;
  endedAt: number | null;
  /** A rehearsal with simulated participants: every screen says so (absent on real sessions). */
  isRehearsal?: true;
}

/** A round as the console lists it in the agenda. */
export interface AgendaItemView {
  id: string;
  kind: RoundSpec['kind'];
  title: string;
  config: RoundSpec['config'];
  isOpen: boolean;
  isRevealed: boolean;
  hasStarted: boolean;
  submitted: number;
  /** The facilitator's notes (the console's own: never in a phone's or the screen's view). */
  notes?: string;
  /** The round's planned minutes. */
  minutes?: number;
}

/** The current round as an audience sees it. */
export type CurrentRoundView<A extends Audience> = RoundViewFor<A> & {
  id: string;
  title: string;
  index: number;
  count: number;
  isOpen: boolean;
  isRevealed: boolean;
  actionPlanPrompt: string;
  /** The generic controls that mean something for this exercise. */
  controls: readonly RoundControl[];
} & (A extends 'participantPublic'
    ? // Phones are not sent the live count: it changes with every answer, and the view
      // every phone shares would then be re-sent to the whole room on each one.
      unknown
    : { submitted: number });

/** The action-plan prompt the phones show: "what will I do about this?" for a round. */
export interface PromptView {
  roundId: string;
  roundTitle: string;
  question: string;
}

export interface FacilitatorView {
  session: SessionHeader;
  /** A rehearsal's pace, pause and simulated seats (absent on real sessions). */
  rehearsal?: RehearsalView;
  /** The room is closed to new joins (seats already taken still work). */
  isLocked: boolean;
  /** The open prompt and how many have answered or skipped it. */
  prompt: (PromptView & { responded: number }) | null;
  agenda: AgendaItemView[];
  /** The day's planned start, "HH:MM" (absent: none planned). */
  plannedStart?: string;
  roster: RosterItemView[];
  /** Who has acted in the current round (null with no round, or one nobody answers). */
  responses?: ResponsesView | null;
  timer: TimerState | null;
  round: CurrentRoundView<'facilitator'> | null;
  /** The session-wide Q&A (optional in the type: views from older servers lack it). */
  qa?: QaFacilitatorView;
  /** The session's tables (absent when there are none). */
  teams?: TeamsView;
  /** The current round's results per table, when the session has tables and the exercise says. */
  roundByTeam?: RoundSummary;
  /** The session's clock: time per round, extensions, the room screen's mode (optional: older servers). */
  clock?: ClockView;
}

/** Identical for every phone in the room, so it is serialised and sent once per change. */
export interface ParticipantPublicView {
  session: SessionHeader;
  prompt: PromptView | null;
  participantCount: number;
  timer: TimerState | null;
  round: CurrentRoundView<'participantPublic'> | null;
  /** The Q&A's list, the same for every phone. */
  qa?: QaPublicView;
  /** The tables, and whether people pick their own (the same for every phone). */
  teams?: TeamsView;
}

/** What only one participant sees: their seat and their own answers. */
export interface ParticipantOwnView {
  participantId: string;
  name: string;
  hasLeft: boolean;
  /** The facilitator closed this seat: the phone says so instead of the round. */
  isRemoved: boolean;
  round: (RoundViewFor<'participantOwn'> & { id: string }) | null;
  /** This seat's Q&A votes and questions (absent while it has none, and for a removed seat). */
  qa?: QaOwnView;
  /** This seat's table id (absent while it sits at none). */
  teamId?: string;
}

export interface ScreenView {
  session: SessionHeader;
  /** The latest names only: the projector shows who is here, never anyone's answers. */
  roster: { name: string; isOnline: boolean }[];
  /** Everyone still in the session, and how many of them are online. */
  participantCount: number;
  onlineCount: number;
  timer: TimerState | null;
  round: CurrentRoundView<'screen'> | null;
  /** The Q&A as the room sees it: highlighted question, or the best few. */
  qa?: QaScreenView;
  /** The tables and their members, for the lobby (absent when there are none). */
  teams?: ScreenTeamView[];
  /** Blank or frozen, and the round's countdown (absent while live without a countdown). */
  clock?: ClockScreenView;
}

/** A finished round's results, for the session's results and its notebook. */
export interface RoundResult {
  roundId: string;
  kind: RoundSpec['kind'];
  title: string;
  summary: RoundSummary;
}

/** The console's rehearsal part: absent on real sessions. */
function rehearsalField(state: SessionState): { rehearsal?: RehearsalView } {
  const view = rehearsalView(state);
  return view ? { rehearsal: view } : {};
}

function header(state: SessionState): SessionHeader {
  const { id, code, title, phase, createdAt, endedAt } = state;
  return {
    id,
    code,
    title,
    phase,
    createdAt,
    endedAt,
    ...(state.rehearsal ? { isRehearsal: true as const } : {}),
  };
}

function currentRound<A extends Audience>(
  state: SessionState,
  at: number,
  view: (round: RoundSpec, roundState: unknown, ctx: ReturnType<typeof roundContext>) => unknown,
): (CurrentRoundView<A> & { submitted: number }) | null {
  const index = state.agenda.findIndex((r) => r.id === state.currentRoundId);
  const round = state.agenda[index];
  const runtime = round && own(state.rounds, round.id);
  const exercise = round && getExercise(round.kind);
  if (!round || !runtime || !exercise) return null;
  const ctx = roundContext(state, runtime, at);
  // The view function belongs to the same exercise as `kind`, so the pair is consistent.
  const tagged = { kind: round.kind, view: view(round, runtime.state, ctx) } as RoundViewFor<A>;
  return {
    ...tagged,
    id: round.id,
    title: round.title,
    index,
    count: state.agenda.length,
    isOpen: runtime.isOpen,
    isRevealed: runtime.isRevealed,
    actionPlanPrompt: exercise.actionPlanPrompt(round.config),
    controls: exercise.roundControls,
    submitted: exercise.submittedCount(runtime.state),
  };
}

function promptView(state: SessionState): PromptView | null {
  const round = state.prompt && state.agenda.find((r) => r.id === state.prompt?.roundId);
  if (!round) return null;
  return {
    roundId: round.id,
    roundTitle: round.title,
    question: exerciseOf(round).actionPlanPrompt(round.config),
  };
}

function exerciseOf(round: RoundSpec) {
  const exercise = getExercise(round.kind);
  if (!exercise) throw new Error(`Unknown exercise ${round.kind}`);
  return exercise;
}

/** The facilitator console: everything, including who is online. */
export function facilitatorView(
  state: SessionState,
  online: ReadonlySet<string>,
  at: number,
  memo?: ViewMemo,
): FacilitatorView {
  const prompt = promptView(state);
  const teams = teamsView(state);
  const roundByTeam = currentRoundByTeam(state, at);
  return {
    ...(teams ? { teams } : {}),
    ...(roundByTeam ? { roundByTeam } : {}),
    session: header(state),
    isLocked: state.isLocked ?? false,
    prompt: prompt && {
      ...prompt,
      responded: Object.keys(own(state.promptResponses, prompt.roundId) ?? {}).length,
    },
    agenda: state.agenda.map((round) => {
      const runtime = own(state.rounds, round.id);
      return {
        id: round.id,
        kind: round.kind,
        title: round.title,
        config: round.config,
        isOpen: runtime?.isOpen ?? false,
        isRevealed: runtime?.isRevealed ?? false,
        hasStarted: runtime?.hasStarted ?? false,
        submitted: runtime ? exerciseOf(round).submittedCount(runtime.state) : 0,
        ...(round.notes ? { notes: round.notes } : {}),
        ...(round.minutes !== undefined ? { minutes: round.minutes } : {}),
      };
    }),
    ...(state.plannedStart ? { plannedStart: state.plannedStart } : {}),
    roster: memo
      ? memo.facilitatorRoster(state, online)
      : facilitatorRoster(state, online, markedSet(roundResponses(state))),
    responses: responsesView(roundResponses(state)),
    timer: state.timer,
    round: currentRound<'facilitator'>(state, at, (r, s, ctx) =>
      exerciseOf(r).facilitatorView(s, ctx),
    ),
    qa: qaFacilitatorView(state),
    ...rehearsalField(state),
    clock: clockFacilitatorView(state),
  };
}

/** Drops the live submission count from a round view (phones are not sent it). */
function withoutCount(
  round: (CurrentRoundView<'participantPublic'> & { submitted: number }) | null,
): CurrentRoundView<'participantPublic'> | null {
  if (!round) return null;
  const { submitted: _submitted, ...rest } = round;
  return rest;
}

/** What every phone shows, apart from the participant's own answers. */
export function participantPublicView(state: SessionState, at: number): ParticipantPublicView {
  const teams = teamsView(state);
  return {
    ...(teams ? { teams } : {}),
    session: header(state),
    prompt: promptView(state),
    participantCount: seatCounts(state).present,
    timer: state.timer,
    round: withoutCount(
      currentRound<'participantPublic'>(state, at, (r, s, ctx) =>
        exerciseOf(r).participantPublicView(s, ctx),
      ),
    ),
    qa: qaPublicView(state),
  };
}

/** One participant's own seat and answers; null if they never joined this session. */
export function participantOwnView(
  state: SessionState,
  participantId: string,
  at: number,
): ParticipantOwnView | null {
  const seat = own(state.participants, participantId);
  if (!seat) return null;
  const round = state.agenda.find((r) => r.id === state.currentRoundId);
  const runtime = round && own(state.rounds, round.id);
  let ownRound: ParticipantOwnView['round'] = null;
  // A removed seat is told so and nothing more: it takes no further part in rounds.
  if (round && runtime && seat.isRemoved !== true) {
    const view = exerciseOf(round).participantOwnView(
      runtime.state,
      participantId,
      roundContext(state, runtime, at),
    );
    ownRound = { kind: round.kind, view, id: round.id } as ParticipantOwnView['round'];
  }
  return {
    participantId,
    name: seat.name,
    hasLeft: seat.hasLeft,
    isRemoved: seat.isRemoved === true,
    round: ownRound,
    ...ownQa(state, seat.isRemoved === true ? null : participantId),
    ...ownTeam(state, participantId),
  };
}

/** A seat's table part of its own view: absent while it sits at none. */
function ownTeam(state: SessionState, participantId: string): { teamId?: string } {
  const teamId = seatTeamId(state, participantId);
  return teamId === null ? {} : { teamId };
}

/** A seat's Q&A part of its own view: absent while it has neither asked nor voted. */
function ownQa(state: SessionState, participantId: string | null): { qa?: QaOwnView } {
  if (participantId === null) return {};
  const qa = qaOwnView(state, participantId);
  return qa.votedIds.length + qa.mineIds.length + qa.pending.length > 0 ? { qa } : {};
}

/**
 * The current round's own view for a participant who has done nothing in it: phones
 * assume it for any round until the server tells them otherwise, so a round change
 * need not send every phone its own (blank) view. Null when no round is running.
 */
export function blankOwnRoundView(
  state: SessionState,
  at: number,
): { id: string; json: string } | null {
  const round = state.agenda.find((r) => r.id === state.currentRoundId);
  const runtime = round && own(state.rounds, round.id);
  if (!round || !runtime) return null;
  const view = exerciseOf(round).participantOwnView(
    runtime.state,
    '',
    roundContext(state, runtime, at),
  );
  return { id: round.id, json: JSON.stringify(view) };
}

/** The room screen: big, public, and free of anyone's private answers. */
export function screenView(
  state: SessionState,
  online: ReadonlySet<string>,
  at: number,
  memo?: ViewMemo,
): ScreenView {
  const people = memo ? memo.screenPeople(state, online) : screenPeople(state, online);
  const teams = screenTeamsView(state);
  const clock = clockScreenView(state);
  return {
    ...(teams ? { teams } : {}),
    ...(clock.mode || clock.countdown ? { clock } : {}),
    session: header(state),
    ...people,
    timer: state.timer,
    round: currentRound<'screen'>(state, at, (r, s, ctx) => exerciseOf(r).screenView(s, ctx)),
    qa: qaScreenView(state),
  };
}

/** Results of every round the room has been on, in agenda order. */
export function sessionResults(state: SessionState, at: number): RoundResult[] {
  return state.agenda.flatMap((round) => {
    const runtime = own(state.rounds, round.id);
    if (!runtime?.hasStarted) return [];
    const summary = exerciseOf(round).summary(runtime.state, roundContext(state, runtime, at));
    return [{ roundId: round.id, kind: round.kind, title: round.title, summary }];
  });
}

// The console's roster and the screen's names, with their memo.
export * from './people.ts';
// The seat table's counts, which views and the server read without a pass over the room.
export * from './seats.ts';
// The Q&A's own parts (schemas aside), exported with the session's views they belong to.
export * from './qa/index.ts';
// The clock's parts, likewise.
export * from './clock/index.ts';
// The tables' parts, likewise.
export * from './teams/model.ts';
export * from './teams/decide.ts';
export * from './teams/views.ts';
