import { getExercise } from '../../exercises/registry.ts';
import type { RoundSummary } from '../../exercises/types.ts';
import { own } from '../../own.ts';
import { roundContext } from '../apply.ts';
import type { SessionState } from '../state.ts';
import { membersByTeam, sizeOf, teamIdOf } from './model.ts';

/** A table as the console and the phones list it. */
export interface TeamItemView {
  id: string;
  name: string;
  /** People at the table who are still in the session. */
  size: number;
}

/** The tables, for the console and every phone alike (no one's seat in it). */
export interface TeamsView {
  teams: TeamItemView[];
  /** Participants pick their table on the phone. */
  isChoosing: boolean;
}

/** A table on the room screen: its name and who sits there (names of people still in). */
export interface ScreenTeamView {
  id: string;
  name: string;
  size: number;
  /** The first names, up to {@link SCREEN_TEAM_NAMES}; `size` says how many there are. */
  members: string[];
}

/** Names the room screen lists per table at most. */
export const SCREEN_TEAM_NAMES = 12;

/** The tables and their head counts, or undefined when there are none (and nobody chooses). */
export function teamsView(state: SessionState): TeamsView | undefined {
  const teams = state.teams;
  if (!teams || (teams.list.length === 0 && !teams.isChoosing)) return undefined;
  return {
    teams: teams.list.map((t) => ({ id: t.id, name: t.name, size: sizeOf(teams, t.id) })),
    isChoosing: teams.isChoosing,
  };
}

/** A seat's table id, for its own view and the console's roster. */
export function seatTeamId(state: SessionState, participantId: string): string | null {
  return teamIdOf(state.teams, participantId);
}

/**
 * The tables with their members' names for the room screen's lobby, or undefined without
 * tables or once a round is on (the screen shows them only in the lobby, and a pass over the
 * seated room per screen view is not worth making while answers come in).
 */
export function screenTeamsView(state: SessionState): ScreenTeamView[] | undefined {
  const teams = state.teams;
  if (!teams?.list.length) return undefined;
  if (state.phase === 'ended' || (state.phase === 'live' && state.currentRoundId !== null))
    return undefined;
  const members = membersByTeam(teams);
  return teams.list.map((t) => {
    const names: string[] = [];
    for (const id of members.get(t.id) ?? []) {
      const seat = own(state.participants, id);
      if (seat && !seat.hasLeft && names.length < SCREEN_TEAM_NAMES) names.push(seat.name);
    }
    return { id: t.id, name: t.name, size: sizeOf(teams, t.id), members: names };
  });
}

/** The current round's results per table, when the session has tables and the exercise says. */
export function currentRoundByTeam(state: SessionState, at: number): RoundSummary | undefined {
  if (!state.teams?.list.length) return undefined;
  const round = state.agenda.find((r) => r.id === state.currentRoundId);
  const runtime = round && own(state.rounds, round.id);
  const exercise = round && getExercise(round.kind);
  if (!runtime || !exercise) return undefined;
  return exercise.teamSummary(runtime.state, roundContext(state, runtime, at)) ?? undefined;
}
