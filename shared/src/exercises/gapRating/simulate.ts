import type { Simulator } from '../simulate.ts';

/** A simulated phone rating expected against actual service: expectations high, delivery a little lower. */
export const simulateGapRating: Simulator<'gapRating'> = ({ view, own, controls, random }) => {
  if (!controls.isOpen) return null;
  const { min, max } = view.scale;
  for (let measure = 0; measure < view.measures.length; measure++) {
    for (const side of ['expected', 'actual'] as const) {
      if ((own[side][measure] ?? null) !== null) continue;
      const top = side === 'expected' ? max : max - 1 - random.int(2);
      const value = Math.max(min, Math.min(max, top - random.int(2)));
      return { type: 'rate', measure, side, value };
    }
  }
  return null;
};
