import type { Simulator } from '../simulate.ts';

/** A simulated phone in a sort: puts each statement, in order, into a category. */
export const simulateSort: Simulator<'sort'> = ({ view, own, controls, random }) => {
  if (!controls.isOpen || controls.isRevealed || view.categories.length === 0) return null;
  const item = view.items.findIndex((_, i) => (own.placements[i] ?? null) === null);
  if (item < 0) return null;
  return { type: 'place', item, category: random.int(view.categories.length) };
};
