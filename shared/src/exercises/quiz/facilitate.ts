import type { Facilitate } from '../facilitate.ts';

/** Shows each question, locks it, reveals it, and finishes after the last. */
export const facilitateQuiz: Facilitate<'quiz'> = (view) => {
  switch (view.phase) {
    case 'ready':
      return { type: 'show', question: 0 };
    case 'question':
      return { type: 'lock', question: view.current };
    case 'locked':
      return { type: 'reveal', question: view.current };
    case 'revealed':
    case 'leaderboard':
      return view.current + 1 < view.questionCount
        ? { type: 'show', question: view.current + 1 }
        : { type: 'finish' };
    default:
      return null;
  }
};
