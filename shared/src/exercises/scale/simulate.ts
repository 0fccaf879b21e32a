import { chance, type Simulator } from '../simulate.ts';

/** A simulated phone on a scale: rates each statement in turn, now and then skipping one. */
export const simulateScale: Simulator<'scale'> = ({ view, own, controls, random }) => {
  if (!controls.isOpen) return null;
  const statement = view.statements.findIndex((_, i) => (own.answers[i] ?? null) === null);
  if (statement < 0) return null;
  const { min, max, allowSkip } = view.scale;
  if (allowSkip && chance(random, 0.05)) return { type: 'rate', statement, value: 'skip' };
  // Opinions lean to the upper middle, as they do in a friendly room.
  const span = max - min;
  const lean = (random.next() + random.next() + random.next()) / 3;
  return { type: 'rate', statement, value: Math.round(min + span * Math.min(1, lean * 1.15)) };
};
