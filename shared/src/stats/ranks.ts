/**
 * Competition ranks ("1224") for values already sorted best first: equal values share a
 * rank, and the next rank says how many did better, plus one. `[4, 4, 4, 2]` ranks
 * `[1, 1, 1, 4]`. O(n); used wherever a list of counts is numbered for people to read.
 */
export function sharedRanks(sortedValues: readonly number[]): number[] {
  const ranks: number[] = [];
  for (let i = 0; i < sortedValues.length; i++) {
    const previous = ranks[i - 1];
    ranks.push(
      previous !== undefined && sortedValues[i] === sortedValues[i - 1] ? previous : i + 1,
    );
  }
  return ranks;
}
