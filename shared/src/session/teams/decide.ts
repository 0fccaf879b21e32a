import type { Actor } from '../../exercises/types.ts';
import { own } from '../../own.ts';
import type { ControlCommand, TeamActPayload } from '../../protocol/schemas.ts';
import { createRandom, deriveSeed } from '../../random.ts';
import { fail, ok, type Result } from '../../result.ts';
import type { SessionState } from '../state.ts';
import { shardGet, shardKeys } from '../sharded.ts';
import {
  findTeam,
  sizeOf,
  smallestTeam,
  tableName,
  TEAMS_MAX,
  teamIdOf,
  type TeamRecord,
  type TeamsEvent,
  type TeamsState,
} from './model.ts';

/** The facilitator's team commands. */
export type TeamsControlCommand = Extract<ControlCommand, { type: `teams.${string}` }>;
/** Every team command: the facilitator's, and a participant's pick. */
export type TeamsCommand = TeamsControlCommand | TeamActPayload;

/** Is this command about teams? (Its own decide keeps it apart from the rounds.) */
export function isTeamsCommand<C extends { type: string }>(
  command: C,
): command is Extract<C, { type: `teams.${string}` }> {
  return command.type.startsWith('teams.');
}

function teamId(teams: TeamsState | undefined, offset: number): string {
  return `t${((teams?.nextId ?? 1) + offset).toString(36)}`;
}

function isNameUsed(teams: TeamsState | undefined, name: string, except?: string): boolean {
  const wanted = name.toLocaleLowerCase();
  return !!teams?.list.some((t) => t.id !== except && t.name.toLocaleLowerCase() === wanted);
}

/** Seats still in the session, in join order. */
function presentSeats(state: SessionState): string[] {
  const ids: string[] = [];
  for (const id in state.participants) {
    const seat = own(state.participants, id);
    if (seat && !seat.hasLeft) ids.push(id);
  }
  return ids;
}

/**
 * Deals seats into `count` tables: a Fisher-Yates shuffle seeded from the session's seed
 * and the number of formings so far (so forming again gives new tables, and a replay the
 * same ones), then round-robin, so table sizes differ by one at most.
 */
export function dealSeats(seed: string, formed: number, seats: readonly string[], count: number) {
  const random = createRandom(deriveSeed(seed, 'teams', String(formed)));
  const shuffled = [...seats];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [shuffled[i], shuffled[j]] = [shuffled[j] as string, shuffled[i] as string];
  }
  const members: string[][] = Array.from({ length: count }, () => []);
  shuffled.forEach((id, i) => members[i % count]?.push(id));
  return members;
}

/**
 * The table a latecomer joins: the smallest one, unless people choose their own (or there
 * are no tables). Called from the join decision, so it costs a look at the tables only.
 */
export function latecomerEvents(state: SessionState, participantId: string): TeamsEvent[] {
  if (!state.teams || state.teams.isChoosing) return [];
  const team = smallestTeam(state.teams);
  return team ? [{ type: 'teams.assigned', participantId, teamId: team.id }] : [];
}

/**
 * Decides a team command: the events, or a typed refusal. Participants pick (only when
 * allowed); everything else is the facilitator's. Pure, like the session's decide.
 */
export function decideTeams(
  state: SessionState,
  command: TeamsCommand,
  actor: Actor | { role: 'system' },
): Result<TeamsEvent[]> {
  if (state.phase === 'ended') return fail('SESSION_ENDED', 'This session has ended');
  const teams = state.teams;
  if (command.type === 'teams.pick') {
    if (actor.role !== 'participant') return fail('FORBIDDEN', 'Only participants pick a table');
    const seat = own(state.participants, actor.participantId);
    if (!seat || seat.hasLeft) return fail('FORBIDDEN', 'You are not in this session');
    if (!teams?.isChoosing) return fail('FORBIDDEN', 'The facilitator places people at tables');
    if (!findTeam(teams, command.teamId)) return fail('NOT_FOUND', 'That table is not there');
    if (teamIdOf(teams, actor.participantId) === command.teamId) return ok([]);
    return ok([
      { type: 'teams.assigned', participantId: actor.participantId, teamId: command.teamId },
    ]);
  }
  if (actor.role !== 'facilitator') return fail('FORBIDDEN', 'Only the facilitator can do that');
  switch (command.type) {
    case 'teams.form': {
      const list: TeamRecord[] = Array.from({ length: command.count }, (_, i) => ({
        id: teamId(teams, i),
        name: tableName(i + 1),
      }));
      const members = command.isRandom
        ? dealSeats(state.seed, teams?.formed ?? 0, presentSeats(state), command.count)
        : list.map(() => []);
      return ok([{ type: 'teams.formed', teams: list, members, isRandom: command.isRandom }]);
    }
    case 'teams.add': {
      const count = teams?.list.length ?? 0;
      if (count >= TEAMS_MAX) return fail('CONFLICT', `A session has at most ${TEAMS_MAX} tables`);
      let name = command.name;
      for (let n = count + 1; name === undefined || isNameUsed(teams, name); n++) {
        if (command.name !== undefined) return fail('CONFLICT', 'Another table has that name');
        name = tableName(n);
      }
      return ok([{ type: 'teams.added', team: { id: teamId(teams, 0), name } }]);
    }
    case 'teams.rename': {
      const team = findTeam(teams, command.teamId);
      if (!team) return fail('NOT_FOUND', 'That table is not there');
      if (isNameUsed(teams, command.name, team.id))
        return fail('CONFLICT', 'Another table has that name');
      if (team.name === command.name) return ok([]);
      return ok([{ type: 'teams.renamed', teamId: team.id, name: command.name }]);
    }
    case 'teams.remove': {
      if (!teams || !findTeam(teams, command.teamId))
        return fail('NOT_FOUND', 'That table is not there');
      const others = teams.list.filter((t) => t.id !== command.teamId);
      if (others.length === 0)
        return fail('CONFLICT', 'This is the last table: clear the tables instead');
      // Its seats go one by one to the smallest table left (seats that left lose their table).
      const sizes = new Map(others.map((t) => [t.id, sizeOf(teams, t.id)]));
      const moves: [string, string | null][] = [];
      for (const id of shardKeys(teams.of)) {
        if (shardGet(teams.of, id) !== command.teamId) continue;
        const seat = own(state.participants, id);
        if (!seat || seat.hasLeft) {
          moves.push([id, null]);
          continue;
        }
        let target = others[0] as TeamRecord;
        for (const t of others)
          if ((sizes.get(t.id) ?? 0) < (sizes.get(target.id) ?? 0)) target = t;
        sizes.set(target.id, (sizes.get(target.id) ?? 0) + 1);
        moves.push([id, target.id]);
      }
      return ok([{ type: 'teams.removed', teamId: command.teamId, moves }]);
    }
    case 'teams.move': {
      const seat = own(state.participants, command.participantId);
      if (!seat) return fail('NOT_FOUND', 'That person is not in this session');
      if (seat.hasLeft) return fail('CONFLICT', 'That person has left the session');
      if (command.teamId !== null && !findTeam(teams, command.teamId))
        return fail('NOT_FOUND', 'That table is not there');
      if (teamIdOf(teams, command.participantId) === command.teamId) return ok([]);
      return ok([
        { type: 'teams.assigned', participantId: command.participantId, teamId: command.teamId },
      ]);
    }
    case 'teams.settings':
      if ((teams?.isChoosing ?? false) === command.isChoosing) return ok([]);
      return ok([{ type: 'teams.configured', isChoosing: command.isChoosing }]);
    case 'teams.clear':
      if (!teams?.list.length) return fail('CONFLICT', 'There are no tables to clear');
      return ok([{ type: 'teams.cleared' }]);
    default: {
      const unreachable: never = command;
      throw new Error(`Unhandled teams command ${JSON.stringify(unreachable)}`);
    }
  }
}
