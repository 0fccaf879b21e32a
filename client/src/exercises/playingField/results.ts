import type {
  CardSpread,
  FieldResults,
  KappaView,
} from '@playfield/shared/exercises/playingField/index';

/** Cards from the most contested, then those the room agrees on, then those hardly placed. */
export function orderedSpreads(results: FieldResults): CardSpread[] {
  const byId = new Map(results.spreads.map((s) => [s.cardId, s]));
  const contested = results.contested.flatMap((id) => byId.get(id) ?? []);
  const seen = new Set(results.contested);
  return [
    ...contested,
    ...results.spreads.filter((s) => s.isConsensus),
    ...results.spreads.filter((s) => !s.isConsensus && !seen.has(s.cardId)),
  ];
}

/** "κ = 0.21 (fair agreement)", or why there is none. */
export function kappaText(kappa: KappaView): string {
  return kappa.value === null
    ? `κ ${kappa.label}`
    : `κ = ${kappa.value.toFixed(2)} (${kappa.label})`;
}
