/**
 * A count as people read it, grouped in thousands the same way on every machine: "4,999".
 * Free of zod and of anything else, so the phone's bundle may import it.
 */
export function count(n: number): string {
  return n.toLocaleString('en');
}

/** "1 note", "4,999 notes": a count, grouped in thousands, with the word that goes with it. */
export function plural(n: number, one: string, many: string): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}
