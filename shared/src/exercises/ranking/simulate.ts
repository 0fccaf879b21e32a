import { pickIndexes, type Simulator } from '../simulate.ts';

/** A simulated phone in a ranking: hands in one whole order (a shuffle leaning to the list's order). */
export const simulateRanking: Simulator<'ranking'> = ({ view, own, controls, random }) => {
  if (!controls.isOpen || own.order !== null || view.items.length === 0) return null;
  const n = view.items.length;
  // Mostly the list's order with a few neighbours swapped, so the room agrees somewhat.
  const order = random.next() < 0.3 ? pickIndexes(random, n, n) : [...Array(n).keys()];
  for (let swaps = random.int(n); swaps > 0; swaps--) {
    const i = random.int(n - 1);
    [order[i], order[i + 1]] = [order[i + 1] as number, order[i] as number];
  }
  return { type: 'submit', order };
};
