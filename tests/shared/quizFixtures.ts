/** Shared builders for the quiz's unit tests: the people, config, stepping, answering and the first question. */
import {
  type QuizConfig,
  type QuizFacilitatorAction,
  type QuizParticipantAction,
} from '@playfield/shared/exercises/quiz/index';

export type Action = QuizParticipantAction | QuizFacilitatorAction;

/** Q0: one right answer (B), 20 s, 1000 points. Q1: two right answers (A and C), 10 s, 500. */
export function config(overrides: Partial<QuizConfig> = {}): QuizConfig {
  return {
    questions: [
      {
        text: 'Who defines quality?',
        options: ['The inspector', 'The customer', 'The regulator'],
        correct: [1],
        timeLimitSeconds: 20,
        points: 1000,
      },
      {
        text: 'Which are sins of service?',
        options: ['Apathy', 'Late delivery', 'Runaround', 'High prices'],
        correct: [0, 2],
        timeLimitSeconds: 10,
        points: 500,
      },
    ],
    isSpeedBonus: true,
    leaderboardSize: 5,
    isAnonymous: false,
    ...overrides,
  };
}

export const answer = (question: number, ...choices: number[]): Action => ({
  type: 'answer',
  question,
  choices,
});
