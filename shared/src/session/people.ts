import type { RoundSpec } from '../exercises/registry.ts';
import { own } from '../own.ts';
import { emptySharded, shardGet, type Sharded } from './sharded.ts';
import type { SessionState } from './state.ts';
import { seatTeamId, teamsView } from './teams/views.ts';
import type { ScreenView } from './views.ts';

/*
 * The people parts of the views: the console's roster (presence, tables, and who has
 * acted in the current round) and the room screen's names, with the memo that keeps them
 * between flushes so an answer costs its author's entry, not a pass over the room.
 */

/** The projector lists this many names at most; the rest is a count. */
export const SCREEN_ROSTER_NAMES = 60;

/** A seat as the console lists it. */
export interface RosterItemView {
  id: string;
  name: string;
  isOnline: boolean;
  /**
   * The seat has left. Absent while it is still in, like `isRemoved`: a console's first
   * view of 5,000 seats is then about a quarter smaller (two false flags a seat).
   */
  hasLeft?: boolean;
  /** The facilitator closed this seat (it has left too). Absent while not. */
  isRemoved?: boolean;
  /** The seat's table (absent when the session has no tables; null for none). */
  teamId?: string | null;
  /** A rehearsal's simulated participant (absent on real seats): the console offers to take it. */
  isSimulated?: true;
  /**
   * Has this seat acted in the current round (answered, voted, written, drawn, rated)?
   * Absent when no round is running, in rounds nobody answers, and in anonymous rounds,
   * whose respondents nobody may learn: the console then has only `responses.count`.
   */
  hasResponded?: boolean;
}

/** Who has acted in the current round, as the console may know it. */
export interface ResponsesView {
  roundId: string;
  /** An anonymous round: the roster carries no marks, only this count. */
  isAnonymous: boolean;
  /** How many seats have acted in the round (each counted once). */
  count: number;
}

/** Exercises whose rounds nobody answers (slides): no marks, no count. */
const NO_RESPONSE_KINDS: ReadonlySet<string> = new Set(['content']);

/**
 * Is a round anonymous? Exercises that offer it say so in their config (`isAnonymous`:
 * poll, quiz, brainstorm, word cloud); in such a round nobody may learn who took part.
 */
export function isAnonymousRound(round: RoundSpec): boolean {
  const config: unknown = round.config;
  return (
    typeof config === 'object' &&
    config !== null &&
    own(config as Record<string, unknown>, 'isAnonymous') === true
  );
}

/** The current round's responses as the roster reads them: whose, and whether to show them. */
interface RoundResponses {
  roundId: string;
  isAnonymous: boolean;
  responded: Sharded<true> | undefined;
  count: number;
}

export function roundResponses(state: SessionState): RoundResponses | null {
  const roundId = state.currentRoundId;
  const round = roundId === null ? undefined : state.agenda.find((r) => r.id === roundId);
  const runtime = round && own(state.rounds, round.id);
  if (!round || !runtime || NO_RESPONSE_KINDS.has(round.kind)) return null;
  return {
    roundId: round.id,
    isAnonymous: isAnonymousRound(round),
    responded: runtime.responded,
    count: runtime.respondedCount ?? 0,
  };
}

export function responsesView(responses: RoundResponses | null): ResponsesView | null {
  if (!responses) return null;
  const { roundId, isAnonymous, count } = responses;
  return { roundId, isAnonymous, count };
}

/** The set whose members the roster marks: none in an anonymous round, or with no round. */
export function markedSet(responses: RoundResponses | null): Sharded<true> | null {
  if (!responses || responses.isAnonymous) return null;
  return responses.responded ?? emptySharded<true>();
}

/**
 * What a caller that projects views again and again (the server's live session) keeps
 * between them: the parts built from the seat table, which are rebuilt only when the
 * table, the tables (teams), the online set or the current round changed, not on every
 * answer. The caller bumps `onlineVersion` whenever the online set changes. The same
 * roster array comes back while nothing changed, so a diff against the last view skips
 * it at once; an answer replaces only its author's entry (found through the one bucket
 * of the round's responded set that changed), so the console's patch carries that entry.
 */
export class ViewMemo {
  onlineVersion = 0;
  private roster: {
    key: readonly unknown[];
    roster: RosterItemView[];
    marked: Sharded<true> | null;
    /** Each seat's place in `roster`. */
    index: Map<string, number>;
    /** The seat table the roster was built from. */
    seats: SessionState['participants'];
    /** The round's response count the marks were built from. */
    count: number;
  } | null = null;
  private screen: {
    key: readonly unknown[];
    people: Pick<ScreenView, 'roster' | 'participantCount' | 'onlineCount'>;
  } | null = null;

  facilitatorRoster(state: SessionState, online: ReadonlySet<string>): RosterItemView[] {
    const responses = roundResponses(state);
    const marked = markedSet(responses);
    const key = [
      state.participants,
      state.teams,
      this.onlineVersion,
      responses?.roundId,
      responses?.isAnonymous,
    ];
    const memo = this.roster;
    // A round started afresh (a new config) empties its set: marks then go, so rebuild.
    const isShrunk = !!memo && (responses?.count ?? 0) < memo.count;
    if (!memo || isShrunk || !sameKey(memo.key, key)) {
      // Entries whose seat and marks did not change are kept (the same objects), so a
      // join or a presence change rebuilds the list but the diff skips every old entry.
      const roster = facilitatorRoster(state, online, marked, memo ?? undefined);
      const index = new Map(roster.map((p, i) => [p.id, i]));
      const seats = state.participants;
      this.roster = { key, roster, marked, index, seats, count: responses?.count ?? 0 };
      return roster;
    }
    if (memo.marked !== marked && memo.marked && marked) {
      memo.roster = withNewMarks(memo.roster, memo.index, memo.marked, marked);
      memo.marked = marked;
      memo.count = responses?.count ?? 0;
    }
    return memo.roster;
  }

  screenPeople(
    state: SessionState,
    online: ReadonlySet<string>,
  ): Pick<ScreenView, 'roster' | 'participantCount' | 'onlineCount'> {
    const key = [state.participants, this.onlineVersion];
    if (!this.screen || !sameKey(this.screen.key, key))
      this.screen = { key, people: screenPeople(state, online) };
    return this.screen.people;
  }
}

function sameKey(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

/**
 * The roster with the marks of seats that joined `after` since `before`: only the buckets
 * that are new objects are read (a response copies one), and only their new members'
 * entries are replaced. A seat leaves the set only when the round starts afresh, which
 * rebuilds the roster instead.
 */
function withNewMarks(
  roster: RosterItemView[],
  index: ReadonlyMap<string, number>,
  before: Sharded<true>,
  after: Sharded<true>,
): RosterItemView[] {
  let next: RosterItemView[] | null = null;
  for (const name in after) {
    const bucket = own(after, name);
    const old = own(before, name);
    if (!bucket || bucket === old) continue;
    for (const id in bucket) {
      if (!Object.hasOwn(bucket, id) || own(old, id)) continue;
      const at = index.get(id);
      const item = at === undefined ? undefined : roster[at];
      if (at === undefined || !item) continue;
      next ??= [...roster];
      next[at] = { ...item, hasResponded: true };
    }
  }
  return next ?? roster;
}

/** A roster built before, whose unchanged entries a new one may keep. */
interface EarlierRoster {
  roster: readonly RosterItemView[];
  index: ReadonlyMap<string, number>;
  seats: SessionState['participants'];
}

/**
 * The console's roster: one entry a seat, in join order. With `earlier`, an entry whose
 * seat record is the same object and whose presence, table and mark are unchanged is the
 * earlier entry itself.
 */
export function facilitatorRoster(
  state: SessionState,
  online: ReadonlySet<string>,
  marked: Sharded<true> | null,
  earlier?: EarlierRoster,
): RosterItemView[] {
  const hasTeams = !!teamsView(state);
  return Object.values(state.participants).map((p) => {
    const isOnline = online.has(p.id);
    const teamId = hasTeams ? seatTeamId(state, p.id) : undefined;
    const hasResponded = marked ? shardGet(marked, p.id) === true : undefined;
    const at = earlier && own(earlier.seats, p.id) === p ? earlier.index.get(p.id) : undefined;
    const before = at === undefined ? undefined : earlier?.roster[at];
    if (
      before?.isOnline === isOnline &&
      before.teamId === teamId &&
      before.hasResponded === hasResponded
    )
      return before;
    return {
      id: p.id,
      name: p.name,
      isOnline,
      ...(p.hasLeft ? { hasLeft: true } : {}),
      ...(p.isRemoved === true ? { isRemoved: true } : {}),
      ...(p.isSimulated ? { isSimulated: true as const } : {}),
      ...(hasTeams ? { teamId: teamId ?? null } : {}),
      ...(marked ? { hasResponded: hasResponded === true } : {}),
    };
  });
}

export function screenPeople(
  state: SessionState,
  online: ReadonlySet<string>,
): Pick<ScreenView, 'roster' | 'participantCount' | 'onlineCount'> {
  const present = Object.values(state.participants).filter((p) => !p.hasLeft);
  return {
    roster: present
      .slice(-SCREEN_ROSTER_NAMES)
      .map((p) => ({ name: p.name, isOnline: online.has(p.id) })),
    participantCount: present.length,
    onlineCount: present.reduce((n, p) => n + (online.has(p.id) ? 1 : 0), 0),
  };
}
