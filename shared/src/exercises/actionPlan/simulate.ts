import { pick, type Simulator } from '../simulate.ts';
import type { Random } from '../../random.ts';

const INTENTIONS = [
  'I will call back every customer I promise to, on the day I promise it.',
  'I will ask what a good outcome looks like before I explain our rules.',
  'I will fix small problems myself instead of passing them on.',
  'I will tell my team leader which rule blocks us most often.',
  'I will end each call by checking the customer knows the next step.',
  'I will thank a colleague in front of the team every Friday.',
  'I will read our three latest complaints and share what I learn.',
  'I will keep a note of promises I make and when I kept them.',
];

/** A handful of distinct plan sentences for one simulated seat. */
export function planSentences(random: Random, count: number): string[] {
  const chosen: string[] = [];
  while (chosen.length < Math.min(count, INTENTIONS.length)) {
    const line = pick(random, INTENTIONS);
    if (line && !chosen.includes(line)) chosen.push(line);
  }
  return chosen;
}

/**
 * A simulated phone in the action-plan round: marks its plan finished. Writing the plan's
 * sentences is a document edit, which the rehearsal runner makes through the server's
 * document hub (see `planSentences`) before this mark.
 */
export const simulateActionPlan: Simulator<'actionPlan'> = ({ own }) =>
  own.isFinished ? null : { type: 'finish', isFinished: true };
