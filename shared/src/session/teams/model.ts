/**
 * Teams (tables) for the whole session: the facilitator deals people to tables at random,
 * moves them by hand, or lets them choose on their phones; every round can then read who
 * sits where through its `RoundContext` (`teamOf`, `teams`).
 *
 * Cost per action: a seat's table lives in a sharded record (`of`), so placing one seat
 * copies one bucket, and the per-table head counts (`sizes`, at most {@link TEAMS_MAX}
 * entries) make "the smallest table" a look at the tables, never at the room.
 */
import type { RoundContext } from '../../exercises/types.ts';
import { dict, own } from '../../own.ts';
import { TEAMS_MAX } from '../../protocol/schemas.ts';
import type { ParticipantRecord } from '../state.ts';
import { emptySharded, shardGet, shardKeys, shardSet, type Sharded } from '../sharded.ts';

export { TEAMS_MAX };

/** A table: its id (`t1`…, never reused in a session) and its name. */
export interface TeamRecord {
  id: string;
  name: string;
}

/** The session's tables. Optional in the session state: older snapshots have none. */
export interface TeamsState {
  /** The tables in the order they were made. */
  list: TeamRecord[];
  /** participantId -> teamId, for every seat at a table (seats that left keep theirs). */
  of: Sharded<string>;
  /** teamId -> seats at the table that are still in the session. */
  sizes: Record<string, number>;
  /** Participants pick their table on the phone. */
  isChoosing: boolean;
  /** Random formings so far: the next one's shuffle is seeded with this counter. */
  formed: number;
  /** The number of the next table id. */
  nextId: number;
}

/** What teams do in the session's log. Facts already checked: applying them cannot fail. */
export type TeamsEvent =
  /** New tables replacing the old ones, with their members (empty when people choose). */
  | { type: 'teams.formed'; teams: TeamRecord[]; members: string[][]; isRandom: boolean }
  | { type: 'teams.added'; team: TeamRecord }
  | { type: 'teams.renamed'; teamId: string; name: string }
  /** A table dropped; `moves` says where each of its seats went (null: no table). */
  | { type: 'teams.removed'; teamId: string; moves: [string, string | null][] }
  /** One seat placed (a move, a pick, a latecomer), or taken off every table with null. */
  | { type: 'teams.assigned'; participantId: string; teamId: string | null }
  | { type: 'teams.configured'; isChoosing: boolean }
  | { type: 'teams.cleared' };

/** Is this event about teams? */
export function isTeamsEvent<E extends { type: string }>(
  event: E,
): event is Extract<E, { type: `teams.${string}` }> {
  return event.type.startsWith('teams.');
}

/** The teams of a session that never had any. */
export function initialTeams(): TeamsState {
  return { list: [], of: emptySharded(), sizes: dict(), isChoosing: false, formed: 0, nextId: 1 };
}

/** The default name of the n-th table. */
export function tableName(n: number): string {
  return `Table ${n}`;
}

/** The id of the table a seat sits at, or null. */
export function teamIdOf(teams: TeamsState | undefined, participantId: string): string | null {
  return shardGet(teams?.of, participantId) ?? null;
}

/** A table by id. */
export function findTeam(teams: TeamsState | undefined, teamId: string): TeamRecord | undefined {
  return teams?.list.find((t) => t.id === teamId);
}

/** The seats at a table that are still in. */
export function sizeOf(teams: TeamsState | undefined, teamId: string): number {
  return own(teams?.sizes, teamId) ?? 0;
}

/** The table with the fewest people still in (the first such one on ties), or null. */
export function smallestTeam(teams: TeamsState | undefined): TeamRecord | null {
  let best: TeamRecord | null = null;
  for (const team of teams?.list ?? []) {
    if (best === null || sizeOf(teams, team.id) < sizeOf(teams, best.id)) best = team;
  }
  return best;
}

const NO_TEAMS: readonly TeamRecord[] = Object.freeze([]);

/** The `teamOf`/`teams` part of a round's context: a lookup, no copies. */
export function teamsContext(
  teams: TeamsState | undefined,
): Required<Pick<RoundContext, 'teamOf' | 'teams'>> {
  return {
    teamOf: (participantId) => teamIdOf(teams, participantId),
    teams: teams?.list ?? NO_TEAMS,
  };
}

function adjustSize(sizes: Record<string, number>, teamId: string | null, by: number): void {
  if (teamId === null) return;
  sizes[teamId] = Math.max(0, (own(sizes, teamId) ?? 0) + by);
}

type Seats = Readonly<Record<string, ParticipantRecord>>;

function isIn(seats: Seats, participantId: string): boolean {
  const seat = own(seats, participantId);
  return !!seat && !seat.hasLeft;
}

/** Places one seat: one bucket of `of` and the two head counts change. */
function assign(
  teams: TeamsState,
  seats: Seats,
  participantId: string,
  teamId: string | null,
): TeamsState {
  const previous = teamIdOf(teams, participantId);
  if (previous === teamId) return teams;
  const sizes = Object.assign(dict<number>(), teams.sizes);
  if (isIn(seats, participantId)) {
    adjustSize(sizes, previous, -1);
    adjustSize(sizes, teamId, +1);
  }
  return { ...teams, of: shardSet(teams.of, participantId, teamId ?? undefined), sizes };
}

/** Seats that left or were removed stop counting at their table (they keep their tag). */
export function teamsOnLeave(
  teams: TeamsState | undefined,
  seats: Seats,
  participantIds: readonly string[],
): TeamsState | undefined {
  if (!teams) return teams;
  let sizes: Record<string, number> | null = null;
  for (const id of participantIds) {
    const teamId = teamIdOf(teams, id);
    // `seats` is the roster before the leave: count only seats that were still in.
    if (teamId === null || !isIn(seats, id)) continue;
    sizes ??= Object.assign(dict<number>(), teams.sizes);
    adjustSize(sizes, teamId, -1);
  }
  return sizes ? { ...teams, sizes } : teams;
}

/** Applies one teams event. `seats` is the roster as it stands. */
export function applyTeams(
  previous: TeamsState | undefined,
  event: TeamsEvent,
  seats: Seats,
): TeamsState {
  const teams = previous ?? initialTeams();
  switch (event.type) {
    case 'teams.formed': {
      let of = emptySharded<string>();
      const sizes = dict<number>();
      event.teams.forEach((team, i) => {
        sizes[team.id] = 0;
        for (const id of event.members[i] ?? []) {
          of = shardSet(of, id, team.id);
          if (isIn(seats, id)) adjustSize(sizes, team.id, +1);
        }
      });
      return {
        ...teams,
        list: event.teams,
        of,
        sizes,
        formed: teams.formed + (event.isRandom ? 1 : 0),
        nextId: teams.nextId + event.teams.length,
      };
    }
    case 'teams.added': {
      const sizes = Object.assign(dict<number>(), teams.sizes);
      sizes[event.team.id] = 0;
      return { ...teams, list: [...teams.list, event.team], sizes, nextId: teams.nextId + 1 };
    }
    case 'teams.renamed':
      return {
        ...teams,
        list: teams.list.map((t) => (t.id === event.teamId ? { ...t, name: event.name } : t)),
      };
    case 'teams.removed': {
      let next: TeamsState = teams;
      for (const [id, teamId] of event.moves) next = assign(next, seats, id, teamId);
      const sizes = Object.assign(dict<number>(), next.sizes);
      delete sizes[event.teamId];
      return { ...next, list: next.list.filter((t) => t.id !== event.teamId), sizes };
    }
    case 'teams.assigned':
      return assign(teams, seats, event.participantId, event.teamId);
    case 'teams.configured':
      return { ...teams, isChoosing: event.isChoosing };
    case 'teams.cleared':
      return { ...initialTeams(), formed: teams.formed, nextId: teams.nextId };
    default: {
      const unreachable: never = event;
      throw new Error(`Unhandled teams event ${JSON.stringify(unreachable)}`);
    }
  }
}

/** Every seat at a table, table by table: one pass over the placed seats. */
export function membersByTeam(teams: TeamsState | undefined): Map<string, string[]> {
  const members = new Map<string, string[]>((teams?.list ?? []).map((t) => [t.id, []]));
  if (!teams) return members;
  for (const id of shardKeys(teams.of)) {
    const teamId = shardGet(teams.of, id);
    if (teamId !== undefined) members.get(teamId)?.push(id);
  }
  return members;
}
