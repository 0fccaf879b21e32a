import type { Facilitate } from '../facilitate.ts';

/** Placing, then a test of the first card, then the map. */
export const facilitatePlayingField: Facilitate<'playingField'> = (view) => {
  if (view.phase === 'place') return { type: 'phase', phase: 'test' };
  if (view.phase !== 'test') return null;
  if (view.activeTestCardId !== null) return { type: 'test.close' };
  const first = view.cards[0];
  if (view.tests.length === 0 && first) return { type: 'test.open', cardId: first.id };
  return { type: 'phase', phase: 'map' };
};
