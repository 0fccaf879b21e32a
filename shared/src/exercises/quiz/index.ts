import { dict, own } from '../../own.ts';
import type { ExerciseDefinition } from '../types.ts';
import {
  quizConfigSchema,
  quizFacilitatorActionSchema,
  quizParticipantActionSchema,
  type QuizConfig,
  type QuizFacilitatorAction,
  type QuizParticipantAction,
  type QuizState,
} from './model.ts';
import { questionAt, reduceQuiz } from './reduce.ts';
import { quizSummary } from './summary.ts';
import { emptyTable, tableGet } from './table.ts';
import {
  clockOf,
  distributionOf,
  isRevealedPhase,
  leaderboardOf,
  questionView,
  revealedTotal,
  shownQuestion,
  teamLeaderboardOf,
  type QuizViews,
} from './views.ts';

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
export { rankWord } from './summary.ts';
export { leaderboardOf, teamLeaderboardOf } from './views.ts';
export type {
  QuizClock,
  QuizDistribution,
  QuizFacilitatorView,
  QuizLeaderboardEntry,
  QuizOwnView,
  QuizPublicView,
  QuizQuestionView,
  QuizScreenView,
  QuizTeamEntry,
  QuizViews,
} from './views.ts';

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
  summary: quizSummary,

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
