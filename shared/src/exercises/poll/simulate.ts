import { pickIndexes, type Simulator } from '../simulate.ts';

/** A simulated phone in a poll: answers once while the poll is open (one or two choices). */
export const simulatePoll: Simulator<'poll'> = ({ view, own, controls, random }) => {
  if (!controls.isOpen || own.choices.length > 0 || view.options.length === 0) return null;
  const count = view.isMultipleChoice ? 1 + random.int(Math.min(2, view.options.length)) : 1;
  return { type: 'answer', choices: pickIndexes(random, view.options.length, count).sort() };
};
