import { chance, pickIndexes, type Simulator } from '../simulate.ts';

/** A simulated phone in a quiz: answers the question on now, once, before the time is up. */
export const simulateQuiz: Simulator<'quiz'> = ({ view, own, controls, now, random }) => {
  const question = view.question;
  if (!controls.isOpen || view.phase !== 'question' || !question || own.answer !== null)
    return null;
  if (view.clock && view.clock.endsAt <= now) return null;
  const n = question.options.length;
  if (n === 0) return null;
  const count = question.isMultiple ? (chance(random, 0.5) ? 2 : 1) : 1;
  return {
    type: 'answer',
    question: question.index,
    choices: pickIndexes(random, n, count).sort(),
  };
};
