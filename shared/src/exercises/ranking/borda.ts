/** An item in the room's ranking. */
export interface RankedItem {
  item: number;
  label: string;
  /** Borda points: n-1 for each first place … 0 for each last. */
  points: number;
  /** How many placed it first (the first tie-break). */
  firsts: number;
  /**
   * Its rank, 1 for the top. Items still tied after the tie-breaks (same points, same first
   * places) share a rank, and the next rank skips: 1, 2, 2, 4.
   */
  rank: number;
  /** Shares its rank with another item. */
  isTied: boolean;
  /** The best and worst place anyone gave it (1-based), or null before any order. */
  best: number | null;
  worst: number | null;
  /** Mean place (1-based), or null before any order. */
  meanPlace: number | null;
  /** How many placed it at each place, first place first. */
  places: number[];
}

/** Borda points for place `p` (0-based) among `n` items. */
export function bordaPoints(n: number, p: number): number {
  return n - 1 - p;
}

/** Is `order` a full ranking of `n` items: each of 0..n-1 exactly once? */
export function isFullOrder(order: readonly number[], n: number): boolean {
  if (order.length !== n) return false;
  const seen = new Set<number>();
  for (const i of order) {
    if (!Number.isInteger(i) || i < 0 || i >= n || seen.has(i)) return false;
    seen.add(i);
  }
  return true;
}

/** Totals with one order taken out (`sign` -1) or put in (+1): O(items). */
export function adjustTotals(
  totals: { points: readonly number[]; places: readonly (readonly number[])[] },
  order: readonly number[],
  sign: 1 | -1,
): { points: number[]; places: number[][] } {
  const n = order.length;
  const points = [...totals.points];
  const places = totals.places.map((row) => [...row]);
  order.forEach((item, place) => {
    points[item] = (points[item] ?? 0) + sign * bordaPoints(n, place);
    const row = places[item];
    if (row) row[place] = (row[place] ?? 0) + sign;
  });
  return { points, places };
}

/**
 * The room's ranking from the totals: most points first; then most first places; then the
 * items' order in the config. Items equal on points and first places share a rank.
 */
export function rankItems(
  labels: readonly string[],
  points: readonly number[],
  places: readonly (readonly number[])[],
): RankedItem[] {
  const rows = labels.map((label, item) => {
    const counts = places[item] ?? [];
    const total = counts.reduce((a, b) => a + b, 0);
    const firstPlace = counts.findIndex((c) => c > 0);
    let lastPlace = -1;
    counts.forEach((c, p) => {
      if (c > 0) lastPlace = p;
    });
    const placeSum = counts.reduce((sum, c, p) => sum + c * (p + 1), 0);
    return {
      item,
      label,
      points: points[item] ?? 0,
      firsts: counts[0] ?? 0,
      rank: 0,
      isTied: false,
      best: firstPlace >= 0 ? firstPlace + 1 : null,
      worst: lastPlace >= 0 ? lastPlace + 1 : null,
      meanPlace: total ? placeSum / total : null,
      places: [...counts],
    };
  });
  rows.sort((a, b) => b.points - a.points || b.firsts - a.firsts || a.item - b.item);
  rows.forEach((row, i) => {
    const previous = rows[i - 1];
    const isSame = previous && previous.points === row.points && previous.firsts === row.firsts;
    row.rank = isSame ? previous.rank : i + 1;
  });
  const shared = new Map<number, number>();
  for (const row of rows) shared.set(row.rank, (shared.get(row.rank) ?? 0) + 1);
  for (const row of rows) row.isTied = (shared.get(row.rank) ?? 0) > 1;
  return rows;
}

/** "1", or "=2" for a shared rank. */
export function rankLabel(item: Pick<RankedItem, 'rank' | 'isTied'>): string {
  return item.isTied ? `=${item.rank}` : String(item.rank);
}

/** "1–4", or "2" when everyone put it in one place; "–" before any order. */
export function rangeLabel(item: Pick<RankedItem, 'best' | 'worst'>): string {
  if (item.best === null || item.worst === null) return '–';
  return item.best === item.worst ? String(item.best) : `${item.best}–${item.worst}`;
}
