/**
 * "1 note", "3 notes": a count with the word that goes with it. Free of zod and of anything
 * else, so the phone's bundle may import it.
 */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
