/** What the console, the phones and the room screen see of a quiz. */
import { own } from '../../own.ts';
import { teamNameIn, teamOfIn, type RoundContext } from '../types.ts';
import type { QuizPhase } from './limits.ts';
import type { QuizPlayer, QuizQuestion, QuizState } from './model.ts';
import { questionAt } from './reduce.ts';
import { teamStandings } from './scoring.ts';
import { tableGet } from './table.ts';

/** A question as the room sees it while answering: never which options are right. */
export interface QuizQuestionView {
  index: number;
  text: string;
  options: string[];
  /** Several options are right: the phone lets people choose several, then send. */
  isMultiple: boolean;
  points: number;
}

/** The countdown of the question on now, by the server's clock. */
export interface QuizClock {
  /** When answers close, in ms since the epoch (server time). */
  endsAt: number;
  durationMs: number;
}

/** How the room answered one question: counts per option, never who chose what. */
export interface QuizDistribution {
  counts: number[];
  answered: number;
  right: number;
}

/** A place on the leaderboard. `name` is null when the quiz is anonymous. */
export interface QuizLeaderboardEntry {
  rank: number;
  /** The rank at the reveal before, or null for a first score. */
  previousRank: number | null;
  name: string | null;
  points: number;
}

/** A table on the team leaderboard: ranked by its members' average, so size does not win. */
export interface QuizTeamEntry {
  rank: number;
  name: string;
  average: number;
  total: number;
  members: number;
}

/**
 * The tables' leaderboard when the quiz says `byTeam` and the session has tables, from
 * `teamStandings` with the session's `ctx.teamOf`; null otherwise.
 */
export function teamLeaderboardOf(state: QuizState, ctx: RoundContext): QuizTeamEntry[] | null {
  if (!state.config.byTeam || !ctx.teams?.length) return null;
  return teamStandings(state.players, (id) => teamOfIn(ctx, id)).map((t) => ({
    rank: t.rank,
    name: teamNameIn(ctx, t.team) ?? t.team,
    average: t.average,
    total: t.total,
    members: t.members,
  }));
}

/** The console: the whole quiz, the right answers, live counts and the leaderboard. */
export interface QuizFacilitatorView {
  phase: QuizPhase;
  current: number;
  questionCount: number;
  isSpeedBonus: boolean;
  isAnonymous: boolean;
  leaderboardSize: number;
  question: (QuizQuestionView & { correct: number[]; timeLimitSeconds: number }) | null;
  clock: QuizClock | null;
  /** Live counts of the question on now (the console sees them before the room does). */
  distribution: QuizDistribution | null;
  /** Everyone who has answered at least once. */
  playerCount: number;
  leaderboard: QuizLeaderboardEntry[];
  /** The tables' leaderboard (a `byTeam` quiz in a session with tables), else null. */
  teamLeaderboard?: QuizTeamEntry[] | null;
  /** Per question asked so far: how many answered and how many were right. */
  asked: { text: string; answered: number; right: number }[];
}

/** What every phone sees: the question and its clock, then the right answer. Identical for all. */
export interface QuizPublicView {
  phase: QuizPhase;
  current: number;
  questionCount: number;
  question: QuizQuestionView | null;
  clock: QuizClock | null;
  /** Only once revealed. */
  correct: number[] | null;
  /** How many were ranked at the last reveal (the "of 12" in "3rd of 12"). */
  rankedCount: number;
}

/** What only this participant sees: their answer, their result, their points and rank. */
export interface QuizOwnView {
  /** Their answer to the question on now, or null. */
  answer: { choices: number[] } | null;
  /** After the reveal: how their answer scored (null when they did not answer). */
  result: { isCorrect: boolean; points: number } | null;
  /** Points as of the last reveal. */
  total: number;
  rank: number | null;
  previousRank: number | null;
}

/** The room screen: the question and countdown, the distribution, the leaderboard, the podium. */
export interface QuizScreenView {
  phase: QuizPhase;
  current: number;
  questionCount: number;
  question: QuizQuestionView | null;
  clock: QuizClock | null;
  /** How many have answered the question on now. */
  answered: number;
  /** After the lock: how the room answered. */
  distribution: QuizDistribution | null;
  /** After the reveal. */
  correct: number[] | null;
  /** At the leaderboard and at the end. */
  leaderboard: QuizLeaderboardEntry[] | null;
  /** The tables' leaderboard, at the leaderboard and at the end of a `byTeam` quiz. */
  teamLeaderboard?: QuizTeamEntry[] | null;
}

/** The four views of a quiz. */
export interface QuizViews {
  facilitator: QuizFacilitatorView;
  participantPublic: QuizPublicView;
  participantOwn: QuizOwnView;
  screen: QuizScreenView;
}

/** The phases after which the room has seen the current question's right answer. */
export const isRevealedPhase = (phase: QuizPhase) =>
  phase === 'revealed' || phase === 'leaderboard' || phase === 'final';

export function questionView(question: QuizQuestion, index: number): QuizQuestionView {
  return {
    index,
    text: question.text,
    options: [...question.options],
    isMultiple: question.correct.length > 1,
    points: question.points,
  };
}

/** The question on now, once the room has seen it. */
export function shownQuestion(state: QuizState): QuizQuestionView | null {
  const question = state.phase === 'ready' ? undefined : questionAt(state, state.current);
  return question ? questionView(question, state.current) : null;
}

export function clockOf(state: QuizState): QuizClock | null {
  if (state.phase !== 'question' || state.openedAt === null || state.deadline === null) return null;
  return { endsAt: state.deadline, durationMs: state.deadline - state.openedAt };
}

export function distributionOf(state: QuizState): QuizDistribution | null {
  const tally = state.tallies[state.current];
  return tally ? { counts: [...tally.counts], answered: tally.answered, right: tally.right } : null;
}

/** The top of the standings as of the last reveal: names only when the quiz is not anonymous. */
export function leaderboardOf(state: QuizState, ctx: RoundContext): QuizLeaderboardEntry[] {
  const { standings, config } = state;
  return standings.top.slice(0, config.leaderboardSize).map((id) => ({
    rank: own(standings.ranks, id) ?? 0,
    previousRank: own(standings.previous, id) ?? null,
    name: config.isAnonymous ? null : (own(ctx.roster, id)?.name ?? 'Unknown'),
    points: tableGet(state.players, id)?.total ?? 0,
  }));
}

/** Points as of the last reveal: the current question's points stay hidden until it. */
export function revealedTotal(state: QuizState, player: QuizPlayer | undefined): number {
  if (!player) return 0;
  const pending = isRevealedPhase(state.phase)
    ? undefined
    : own(player.answers, String(state.current));
  return player.total - (pending?.points ?? 0);
}
