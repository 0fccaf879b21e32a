import { dict, own } from '../../own.ts';
import type { RosterEntry } from '../types.ts';
import type { QuizPlayer, QuizQuestion, QuizStandings } from './model.ts';
import { tableEntries, type Table } from './table.ts';

/**
 * Is this answer right? A question with several right answers scores only when every right
 * option is chosen and no wrong one: a partly right answer scores nothing (no partial
 * credit, so guessing "all of them" never pays).
 */
export function isRightAnswer(question: Pick<QuizQuestion, 'correct'>, choices: number[]): boolean {
  const chosen = new Set(choices);
  return chosen.size === question.correct.length && question.correct.every((i) => chosen.has(i));
}

/**
 * The points of an answer given `elapsedMs` after the question was shown.
 *
 * Wrong: 0. Right without the speed bonus: `points`. Right with the speed bonus, falling in
 * a straight line from the full points at 0 s to half of them at the time limit:
 *
 *     points x (1 - t / (2 x limit)),  t = elapsedMs clamped to [0, limit], rounded to a whole point
 *
 * so 1000 points with a 20 s limit give 1000 at 0 s, 875 at 5 s, 750 at 10 s and 500 at 20 s.
 */
export function pointsFor(
  question: Pick<QuizQuestion, 'points' | 'timeLimitSeconds'>,
  isCorrect: boolean,
  elapsedMs: number,
  isSpeedBonus: boolean,
): number {
  if (!isCorrect) return 0;
  if (!isSpeedBonus) return question.points;
  const limitMs = question.timeLimitSeconds * 1000;
  const t = Math.min(Math.max(elapsedMs, 0), limitMs);
  return Math.round(question.points * (1 - t / (2 * limitMs)));
}

/** A score to rank: who, how many points, and the name ties are ordered by. */
export interface Scored {
  id: string;
  points: number;
  name: string;
}

/** Best first; equal points by name, then id, so the order is the same on every replay. */
function byPoints(a: Scored, b: Scored): number {
  if (a.points !== b.points) return b.points - a.points;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Ranks scores best first. Equal points share a rank and the next rank skips (1, 2, 2, 4):
 * the rank says how many did better, plus one.
 */
export function rankScores(scores: Scored[]): (Scored & { rank: number })[] {
  const sorted = [...scores].sort(byPoints);
  const ranked: (Scored & { rank: number })[] = [];
  sorted.forEach((score, i) => {
    const before = ranked[i - 1];
    const rank = before && before.points === score.points ? before.rank : i + 1;
    ranked.push({ ...score, rank });
  });
  return ranked;
}

/** How many ids the standings keep for the leaderboard: the larger of the two sizes. */
export const STANDINGS_TOP = 10;

/**
 * The standings after a reveal: every player ranked by total points. Costs O(players log
 * players), once per reveal, which changes everyone's place anyway.
 */
export function buildStandings(
  players: Table<QuizPlayer>,
  roster: Readonly<Record<string, RosterEntry>>,
  previous: QuizStandings,
  afterQuestion: number,
): QuizStandings {
  const ranked = rankScores(
    tableEntries(players).map(([id, player]) => ({
      id,
      points: player.total,
      name: own(roster, id)?.name ?? '',
    })),
  );
  const ranks = dict<number>();
  for (const { id, rank } of ranked) ranks[id] = rank;
  return {
    ranks,
    previous: previous.ranks,
    top: ranked.slice(0, STANDINGS_TOP).map((r) => r.id),
    count: ranked.length,
    afterQuestion,
  };
}

/**
 * Which team a participant plays for, or null for none: a `byTeam` quiz passes the session's
 * `ctx.teamOf` to {@link teamStandings} (see `teamLeaderboardOf`).
 */
export type TeamLookup = (participantId: string) => string | null;

/** A team's place on a team leaderboard. */
export interface TeamStanding {
  team: string;
  rank: number;
  /** Sum of the members' points. */
  total: number;
  /** Members who have answered at least once. */
  members: number;
  /** `total / members`, rounded: what teams are ranked by, so a big team does not win by size. */
  average: number;
}

/**
 * Aggregates players' points per team: sums, member counts and averages, ranked by average
 * (ties share a rank, then by team name). Players without a team are left out.
 */
export function teamStandings(players: Table<QuizPlayer>, teamOf: TeamLookup): TeamStanding[] {
  const teams = new Map<string, { total: number; members: number }>();
  for (const [id, player] of tableEntries(players)) {
    const team = teamOf(id);
    if (team === null) continue;
    const entry = teams.get(team) ?? { total: 0, members: 0 };
    entry.total += player.total;
    entry.members += 1;
    teams.set(team, entry);
  }
  const ranked = rankScores(
    [...teams].map(([team, t]) => ({
      id: team,
      name: team,
      points: Math.round(t.total / t.members),
    })),
  );
  return ranked.map((r) => {
    const t = teams.get(r.id) ?? { total: 0, members: 0 };
    return { team: r.id, rank: r.rank, total: t.total, members: t.members, average: r.points };
  });
}
