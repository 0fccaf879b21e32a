import { describe, expect, it } from 'vitest';
import { sharedRanks } from '@playfield/shared/stats/ranks';

describe('sharedRanks', () => {
  it.each([
    [[], []],
    [[7], [1]],
    [
      [4, 4, 4],
      [1, 1, 1],
    ],
    [
      [4, 4, 4, 2],
      [1, 1, 1, 4],
    ],
    [
      [9, 5, 5, 3, 3, 3, 1],
      [1, 2, 2, 4, 4, 4, 7],
    ],
    [
      [0, 0],
      [1, 1],
    ],
  ])('ranks %j as %j: equal values share a rank, the next skips', (values, ranks) => {
    expect(sharedRanks(values)).toEqual(ranks);
  });
});
