/**
 * How `npm test` shares the browser files between its three lanes.
 *
 * Vitest's own `--shard` gives each shard the same number of files, whatever they cost; the
 * browser files range from under a second to five minutes, so one lane used to run for
 * minutes after the others had finished. Here each file has a weight (seconds measured on a
 * CI run, where three lanes share two cores) and each lane a head start (the static checks
 * and the unit tests run before that lane's browser files): the heaviest files go first, each
 * to the lane that would finish soonest. Every shard computes the same assignment, so each
 * file runs exactly once. A file missing from the table counts as DEFAULT_WEIGHT_S.
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Seconds each lane spends before its browser files: static checks, unit tests, nothing. */
export const LANE_HEAD_START_S = [480, 750, 0];

const DEFAULT_WEIGHT_S = 60;

/** Seconds per file, from a CI run's log (three lanes on two cores, 2026-12-06). */
const WEIGHT_S: Readonly<Record<string, number>> = {
  // exercisesFlows.test.ts (210 s) split by its tests' times in that run: role-play 45 s,
  // sort 43, expected vs actual 41, canvas 39, dot vote 36.
  'exercisesFlowsRolePlay.test.ts': 46,
  'exercisesFlowsSort.test.ts': 44,
  'exercisesFlowsGapRating.test.ts': 42,
  'exercisesFlowsCanvas.test.ts': 40,
  'exercisesFlowsDotVote.test.ts': 38,
  // Added after that run: about as long as the choose-mode dot vote's flow.
  'exercisesFlowsDotVoteDots.test.ts': 36,
  'quiz.test.ts': 115,
  'playingField.test.ts': 90,
  'screenFit.test.ts': 90,
  'fineLine.test.ts': 85,
  'redBead.test.ts': 85,
  'brainstorm.test.ts': 80,
  'content.test.ts': 70,
  'workspaces.test.ts': 65,
  'teams.test.ts': 65,
  'liveSession.test.ts': 60,
  'wordCloud.test.ts': 55,
  'notebook.test.ts': 50,
  'actionPlan.test.ts': 50,
  'qa.test.ts': 45,
  'scaleRanking.test.ts': 40,
  'recovery.test.ts': 30,
  'accounts.test.ts': 30,
  'workspacesLife.test.ts': 25,
  'workshopDay.test.ts': 25,
  'lifecycle.test.ts': 25,
  'presenter.test.ts': 20,
  'rosterScale.test.ts': 15,
  'notFound.test.ts': 10,
  'bundle.test.ts': 1,
  'lanes.test.ts': 1,
};

export function weightOf(file: string): number {
  const name = file.split('/').pop() ?? file;
  return Object.hasOwn(WEIGHT_S, name) ? (WEIGHT_S[name] ?? DEFAULT_WEIGHT_S) : DEFAULT_WEIGHT_S;
}

/** The files of each lane: heaviest first, each to the lane that would finish soonest. */
export function assignLanes(files: readonly string[], headStart: readonly number[]): string[][] {
  const lanes = headStart.map((start) => ({ total: start, files: [] as string[] }));
  const heaviestFirst = [...files].sort((a, b) => weightOf(b) - weightOf(a) || a.localeCompare(b));
  for (const file of heaviestFirst) {
    const lane = lanes.reduce((best, next) => (next.total < best.total ? next : best));
    lane.files.push(file);
    lane.total += weightOf(file);
  }
  return lanes.map((lane) => lane.files);
}

export default class LaneSequencer extends BaseSequencer {
  override shard(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { index, count } = this.ctx.config.shard ?? { index: 1, count: 1 };
    const root = this.ctx.config.root;
    const name = (spec: TestSpecification) => relative(root, spec.moduleId);
    const headStart =
      count === LANE_HEAD_START_S.length ? LANE_HEAD_START_S : new Array<number>(count).fill(0);
    const mine = new Set(assignLanes(files.map(name), headStart)[index - 1]);
    return Promise.resolve(files.filter((spec) => mine.has(name(spec))));
  }
}
