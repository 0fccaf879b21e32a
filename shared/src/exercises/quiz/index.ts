import { dict, own } from '../../own.ts';
import { fail, ok, type Result } from '../../result.ts';
import {
  teamNameIn,
  teamOfIn,
  type Actor,
  type ExerciseDefinition,
  type RoundContext,
  type SummaryBlock,
} from '../types.ts';
import type { QuizPhase } from './limits.ts';
import {
  quizConfigSchema,
  quizFacilitatorActionSchema,
  quizParticipantActionSchema,
  type QuizAnswer,
  type QuizConfig,
  type QuizFacilitatorAction,
  type QuizParticipantAction,
  type QuizPlayer,
  type QuizQuestion,
  type QuizState,
  type QuizTally,
} from './model.ts';
import { buildStandings, isRightAnswer, pointsFor, teamStandings } from './scoring.ts';
import { emptyTable, tableGet, tableSet } from './table.ts';

export { LEADERBOARD_SIZES, QUIZ_LIMITS, QUIZ_PHASES } from './limits.ts';
export type { LeaderboardSize, QuizPhase } from './limits.ts';
export {
  quizConfigSchema,
  quizFacilitatorActionSchema,
  quizParticipantActionSchema,
  quizQuestionSchema,
} from './model.ts';
export type {
  QuizAnswer,
  QuizConfig,
  QuizFacilitatorAction,
  QuizParticipantAction,
  QuizPlayer,
  QuizQuestion,
  QuizStandings,
  QuizState,
  QuizTally,
} from './model.ts';
export {
  STANDINGS_TOP,
  buildStandings,
  isRightAnswer,
  pointsFor,
  rankScores,
  teamStandings,
} from './scoring.ts';
export type { Scored, TeamLookup, TeamStanding } from './scoring.ts';
export { emptyTable, tableEntries, tableGet, tableSet, type Table } from './table.ts';

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

function questionAt(state: QuizState, index: number): QuizQuestion | undefined {
  return state.config.questions[index];
}

/** The phases after which the room has seen the current question's right answer. */
const isRevealedPhase = (phase: QuizPhase) =>
  phase === 'revealed' || phase === 'leaderboard' || phase === 'final';

function answer(
  state: QuizState,
  participantId: string,
  action: QuizParticipantAction,
  ctx: RoundContext,
): Result<QuizState> {
  const question = questionAt(state, state.current);
  if (state.phase !== 'question' || action.question !== state.current || !question)
    return fail('ROUND_LOCKED', 'This question is closed');
  // The server's clock decides: an answer after the deadline is refused, even before the lock.
  if (state.openedAt === null || state.deadline === null || ctx.at > state.deadline)
    return fail('ROUND_LOCKED', 'Time is up: answers are closed');
  if (!ctx.isOpen) return fail('ROUND_LOCKED', 'The facilitator has closed this round');
  const choices = [...new Set(action.choices)].sort((a, b) => a - b);
  if (choices.length !== action.choices.length)
    return fail('INVALID_ACTION', 'Choose each option once');
  if (choices.some((c) => c >= question.options.length))
    return fail('INVALID_ACTION', 'That option does not exist');
  if (question.correct.length === 1 && choices.length !== 1)
    return fail('INVALID_ACTION', 'Choose one answer');
  const player = tableGet(state.players, participantId);
  const key = String(state.current);
  if (player && own(player.answers, key)) return fail('CONFLICT', 'You have already answered');

  const elapsedMs = ctx.at - state.openedAt;
  const isCorrect = isRightAnswer(question, choices);
  const points = pointsFor(question, isCorrect, elapsedMs, state.config.isSpeedBonus);
  const given: QuizAnswer = { choices, elapsedMs, isCorrect, points };
  // One player's record holds at most 30 answers: copying it is O(1) in the room's size.
  const answers = Object.assign(dict<QuizAnswer>(), player?.answers);
  answers[key] = given;
  const next: QuizPlayer = { total: (player?.total ?? 0) + points, answers };
  const tally = state.tallies[state.current] ?? emptyTally(question);
  const counts = [...tally.counts];
  for (const c of choices) counts[c] = (counts[c] ?? 0) + 1;
  const tallies = [...state.tallies];
  tallies[state.current] = {
    counts,
    answered: tally.answered + 1,
    right: tally.right + (isCorrect ? 1 : 0),
  };
  return ok({
    ...state,
    players: tableSet(state.players, participantId, next),
    playerCount: state.playerCount + (player ? 0 : 1),
    tallies,
  });
}

function emptyTally(question: QuizQuestion): QuizTally {
  return { counts: question.options.map(() => 0), answered: 0, right: 0 };
}

function step(
  state: QuizState,
  action: QuizFacilitatorAction,
  ctx: RoundContext,
): Result<QuizState> {
  const n = state.config.questions.length;
  switch (action.type) {
    case 'show': {
      const question = questionAt(state, action.question);
      if (!question) return fail('INVALID_ACTION', 'That question does not exist');
      const isNext =
        action.question === state.current + 1 &&
        (state.phase === 'ready' || state.phase === 'revealed' || state.phase === 'leaderboard');
      if (!isNext) return fail('CONFLICT', 'Questions go in order, after the last one is revealed');
      const tallies = [...state.tallies];
      tallies[action.question] = emptyTally(question);
      return ok({
        ...state,
        phase: 'question',
        current: action.question,
        openedAt: ctx.at,
        deadline: ctx.at + question.timeLimitSeconds * 1000,
        tallies,
      });
    }
    case 'lock':
      if (state.phase !== 'question' || action.question !== state.current)
        return fail('CONFLICT', 'That question is not open');
      return ok({ ...state, phase: 'locked' });
    case 'reveal':
      if (state.phase !== 'locked' || action.question !== state.current)
        return fail('CONFLICT', 'Lock the answers before revealing');
      return ok({
        ...state,
        phase: 'revealed',
        standings: buildStandings(state.players, ctx.roster, state.standings, state.current),
      });
    case 'leaderboard':
      if (state.phase !== 'revealed' || action.question !== state.current)
        return fail('CONFLICT', 'Reveal the answer before the leaderboard');
      return ok({ ...state, phase: 'leaderboard' });
    case 'finish':
      if (state.current !== n - 1 || (state.phase !== 'revealed' && state.phase !== 'leaderboard'))
        return fail('CONFLICT', 'Reveal the last question before the final leaderboard');
      return ok({ ...state, phase: 'final' });
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

function reduceQuiz(
  state: QuizState,
  action: QuizParticipantAction | QuizFacilitatorAction,
  actor: Actor,
  ctx: RoundContext,
): Result<QuizState> {
  if (action.type === 'answer') {
    if (actor.role !== 'participant')
      return fail('FORBIDDEN', 'Participants answer for themselves');
    return answer(state, actor.participantId, action, ctx);
  }
  if (actor.role !== 'facilitator') return fail('FORBIDDEN', 'Only the facilitator runs the quiz');
  return step(state, action, ctx);
}

function questionView(question: QuizQuestion, index: number): QuizQuestionView {
  return {
    index,
    text: question.text,
    options: [...question.options],
    isMultiple: question.correct.length > 1,
    points: question.points,
  };
}

/** The question on now, once the room has seen it. */
function shownQuestion(state: QuizState): QuizQuestionView | null {
  const question = state.phase === 'ready' ? undefined : questionAt(state, state.current);
  return question ? questionView(question, state.current) : null;
}

function clockOf(state: QuizState): QuizClock | null {
  if (state.phase !== 'question' || state.openedAt === null || state.deadline === null) return null;
  return { endsAt: state.deadline, durationMs: state.deadline - state.openedAt };
}

function distributionOf(state: QuizState): QuizDistribution | null {
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
function revealedTotal(state: QuizState, player: QuizPlayer | undefined): number {
  if (!player) return 0;
  const pending = isRevealedPhase(state.phase)
    ? undefined
    : own(player.answers, String(state.current));
  return player.total - (pending?.points ?? 0);
}

/** 1st, 2nd, 3rd, 4th… 11th, 12th, 13th, 21st. */
export function rankWord(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** The right options in words, "Speed + Friendliness", for the summary. */
function rightLabels(question: QuizQuestion): string {
  return question.correct.map((i) => question.options[i] ?? '').join(' + ');
}

/** A quiz with a countdown, a speed bonus and a leaderboard, driven by the facilitator. */
export const quiz: ExerciseDefinition<
  QuizConfig,
  QuizState,
  QuizParticipantAction,
  QuizFacilitatorAction,
  QuizViews
> = {
  kind: 'quiz',
  label: 'Quiz with a leaderboard',
  description:
    'Timed questions with one or several right answers, points with a speed bonus, the answer distribution, and a leaderboard with rank changes and a podium. Points stay with the seat when a phone rejoins.',
  configSchema: quizConfigSchema,
  defaultConfig: () => ({
    questions: [
      {
        text: 'Total Customer Service is…',
        options: [
          'Actual service minus expected service',
          'Expected service minus actual service',
          'Complaints resolved per month',
          'Price minus cost',
        ],
        correct: [0],
        timeLimitSeconds: 20,
        points: 1000,
      },
    ],
    isSpeedBonus: true,
    leaderboardSize: 5,
    isAnonymous: false,
  }),
  participantActionSchema: quizParticipantActionSchema,
  facilitatorActionSchema: quizFacilitatorActionSchema,
  // The quiz runs its own steps (show, lock, reveal, leaderboard): no generic lock or reveal.
  roundControls: [],

  init: (config) => ({
    config,
    phase: 'ready',
    current: -1,
    openedAt: null,
    deadline: null,
    players: emptyTable(),
    playerCount: 0,
    tallies: [],
    standings: { ranks: dict(), previous: dict(), top: [], count: 0, afterQuestion: -1 },
  }),

  reduce: reduceQuiz,

  facilitatorView(state, ctx) {
    const question = state.phase === 'ready' ? undefined : questionAt(state, state.current);
    return {
      phase: state.phase,
      current: state.current,
      questionCount: state.config.questions.length,
      isSpeedBonus: state.config.isSpeedBonus,
      isAnonymous: state.config.isAnonymous,
      leaderboardSize: state.config.leaderboardSize,
      question: question
        ? {
            ...questionView(question, state.current),
            correct: [...question.correct],
            timeLimitSeconds: question.timeLimitSeconds,
          }
        : null,
      clock: clockOf(state),
      distribution: state.phase === 'ready' ? null : distributionOf(state),
      playerCount: state.playerCount,
      leaderboard: leaderboardOf(state, ctx),
      teamLeaderboard: teamLeaderboardOf(state, ctx),
      asked: state.tallies.map((tally, i) => ({
        text: questionAt(state, i)?.text ?? '',
        answered: tally.answered,
        right: tally.right,
      })),
    };
  },

  participantPublicView(state) {
    const question = questionAt(state, state.current);
    return {
      phase: state.phase,
      current: state.current,
      questionCount: state.config.questions.length,
      question: shownQuestion(state),
      clock: clockOf(state),
      correct: isRevealedPhase(state.phase) && question ? [...question.correct] : null,
      rankedCount: state.standings.count,
    };
  },

  participantOwnView(state, participantId) {
    const player = tableGet(state.players, participantId);
    const given =
      player && state.current >= 0 ? own(player.answers, String(state.current)) : undefined;
    const isRevealed = isRevealedPhase(state.phase);
    return {
      answer: given ? { choices: [...given.choices] } : null,
      result: given && isRevealed ? { isCorrect: given.isCorrect, points: given.points } : null,
      total: revealedTotal(state, player),
      rank: own(state.standings.ranks, participantId) ?? null,
      previousRank: own(state.standings.previous, participantId) ?? null,
    };
  },

  screenView(state, ctx) {
    const question = questionAt(state, state.current);
    const isAfterLock = state.phase !== 'ready' && state.phase !== 'question';
    return {
      phase: state.phase,
      current: state.current,
      questionCount: state.config.questions.length,
      question: shownQuestion(state),
      clock: clockOf(state),
      answered: state.phase === 'ready' ? 0 : (state.tallies[state.current]?.answered ?? 0),
      distribution: isAfterLock ? distributionOf(state) : null,
      correct: isRevealedPhase(state.phase) && question ? [...question.correct] : null,
      leaderboard:
        state.phase === 'leaderboard' || state.phase === 'final' ? leaderboardOf(state, ctx) : null,
      teamLeaderboard:
        state.phase === 'leaderboard' || state.phase === 'final'
          ? teamLeaderboardOf(state, ctx)
          : null,
    };
  },

  submittedCount: (state) =>
    state.phase === 'ready' ? 0 : (state.tallies[state.current]?.answered ?? 0),

  summary(state, ctx) {
    const asked = state.tallies.length;
    const rows = state.tallies.map((tally, i) => {
      const question = questionAt(state, i);
      const share = tally.answered ? `${Math.round((tally.right / tally.answered) * 100)}%` : '–';
      return [
        `${i + 1}. ${question?.text ?? ''}`,
        question ? rightLabels(question) : '',
        String(tally.answered),
        share,
      ];
    });
    const board = leaderboardOf(state, ctx);
    const winner = board[0];
    const headline = !winner
      ? `Quiz: ${asked} of ${state.config.questions.length} questions asked, no scores yet`
      : winner.name === null
        ? `Quiz: ${asked} questions, top score ${winner.points} points`
        : `Quiz: ${asked} questions, ${winner.name} first with ${winner.points} points`;
    const blocks: SummaryBlock[] = [
      {
        type: 'table',
        columns: ['Question', 'Right answer', 'Answered', 'Share right'],
        rows,
      },
    ];
    if (board.length) {
      blocks.push({
        type: 'table',
        columns: state.config.isAnonymous ? ['Rank', 'Points'] : ['Rank', 'Name', 'Points'],
        rows: board.map((e) =>
          e.name === null
            ? [rankWord(e.rank), String(e.points)]
            : [rankWord(e.rank), e.name, String(e.points)],
        ),
      });
    }
    const teamBoard = teamLeaderboardOf(state, ctx);
    if (teamBoard?.length) {
      blocks.push({
        type: 'table',
        columns: ['Rank', 'Table', 'Average points', 'Players'],
        rows: teamBoard.map((t) => [
          rankWord(t.rank),
          t.name,
          String(t.average),
          String(t.members),
        ]),
      });
    }
    blocks.push({
      type: 'text',
      text: `${state.standings.count} ${state.standings.count === 1 ? 'person' : 'people'} scored.${
        state.config.isSpeedBonus
          ? ' Right answers scored their points falling linearly to half at the time limit.'
          : ''
      } Questions with several right answers scored only when all of them and no wrong one were chosen.`,
    });
    return { headline, blocks };
  },

  actionPlanPrompt: () =>
    'Which answer in this quiz surprised me, and what will I do differently in my own work because of it?',

  /**
   * Locks the question at its deadline, as a logged facilitator action, so a replay of the
   * log reproduces the lock exactly. The reducer refuses late answers even before it lands.
   */
  automation(state, ctx) {
    if (state.phase !== 'question' || state.deadline === null) return null;
    return {
      action: { type: 'lock', question: state.current },
      delayMs: Math.max(0, state.deadline - ctx.at),
    };
  },
};
