/**
 * How options are told apart: a letter, a shape and a colour each, so colour is never the
 * only signal. Shared by the phone, the screen and the console (plain data, no styles).
 */
export const MARKS = [
  { letter: 'A', shape: '▲', shapeName: 'triangle' },
  { letter: 'B', shape: '◆', shapeName: 'diamond' },
  { letter: 'C', shape: '●', shapeName: 'circle' },
  { letter: 'D', shape: '■', shapeName: 'square' },
  { letter: 'E', shape: '★', shapeName: 'star' },
  { letter: 'F', shape: '⬢', shapeName: 'hexagon' },
] as const;

/** The mark of option `i`. */
export function markOf(i: number): (typeof MARKS)[number] {
  return MARKS[i % MARKS.length] ?? MARKS[0];
}

/** 1st, 2nd, 3rd, 4th… 11th, 12th, 13th, 21st (the phone cannot import shared code). */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** "▲2", "▼1", "new" or "=": how a place changed since the reveal before, in words too. */
export function rankChange(
  rank: number,
  previousRank: number | null,
): { symbol: string; words: string; trend: 'up' | 'down' | 'same' | 'new' } {
  if (previousRank === null) return { symbol: 'new', words: 'new on the board', trend: 'new' };
  const delta = previousRank - rank;
  if (delta > 0) return { symbol: `▲${delta}`, words: `up ${delta}`, trend: 'up' };
  if (delta < 0) return { symbol: `▼${-delta}`, words: `down ${-delta}`, trend: 'down' };
  return { symbol: '=', words: 'same place', trend: 'same' };
}
