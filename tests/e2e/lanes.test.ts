import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANE_HEAD_START_S, assignLanes, weightOf } from './lanes.ts';

const files = readdirSync('tests/e2e')
  .filter((name) => name.endsWith('.test.ts'))
  .map((name) => `tests/e2e/${name}`);

describe("npm test's lanes", () => {
  it('run every browser file in exactly one lane', () => {
    const lanes = assignLanes(files, LANE_HEAD_START_S);
    expect(lanes.flat().sort()).toEqual([...files].sort());
  });

  it('give every lane the same assignment whatever order the files are listed in', () => {
    expect(assignLanes([...files].reverse(), LANE_HEAD_START_S)).toEqual(
      assignLanes(files, LANE_HEAD_START_S),
    );
  });

  it('end the lanes within one file of each other', () => {
    const lanes = assignLanes(files, LANE_HEAD_START_S);
    const ends = lanes.map(
      (lane, i) => (LANE_HEAD_START_S[i] ?? 0) + lane.reduce((sum, f) => sum + weightOf(f), 0),
    );
    const heaviest = Math.max(...files.map(weightOf));
    expect(Math.max(...ends) - Math.min(...ends)).toBeLessThanOrEqual(heaviest);
  });
});
