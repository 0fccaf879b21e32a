/**
 * The quiz: config bounds with readable messages, the speed bonus at its edges, all-or-nothing
 * multi-answer scoring, the server's deadline, the facilitator's steps in order, ties that
 * share a rank, rank changes, per-team aggregation with a fake team lookup, privacy of the
 * views (anonymous leaderboards name nobody), O(1) answers, the automatic lock, and a replay.
 *
 * This file covers config bounds, the speed bonus at its edges, all-or-nothing multi-answer scoring and the table; the other quiz*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import {
  isRightAnswer,
  pointsFor,
  quiz,
  quizConfigSchema,
  rankScores,
  rankWord,
  tableEntries,
  tableGet,
  tableSet,
  emptyTable,
  teamStandings,
  type QuizPlayer,
} from '@playfield/shared/exercises/quiz/index';
import { quizPresets } from '@playfield/shared/exercises/quiz/presets';
import { config, answer } from './quizFixtures.ts';

describe('quiz config', () => {
  it('accepts the default config and every preset', () => {
    expect(quizConfigSchema.safeParse(quiz.defaultConfig()).success).toBe(true);
    for (const preset of Object.values(quizPresets)) {
      const parsed = quizConfigSchema.safeParse(preset.config);
      expect(parsed.success, preset.title).toBe(true);
    }
  });

  it.each([
    ['no questions', { questions: [] }, 'A quiz needs at least one question'],
    [
      '31 questions',
      { questions: Array.from({ length: 31 }, () => config().questions[0]) },
      'at most 30 questions',
    ],
    ['a top 7', { leaderboardSize: 7 }, 'The leaderboard shows the top 5 or 10'],
  ])('refuses %s with a readable message', (_name, overrides, message) => {
    const parsed = quizConfigSchema.safeParse({ ...config(), ...overrides });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message).join('; ')).toContain(message);
  });

  it.each([
    [{ options: ['Only one'] }, 'at least 2 options'],
    [{ options: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }, 'at most 6 options'],
    [{ options: ['Same', 'same'] }, 'Each option must be different'],
    [{ correct: [] }, 'Mark at least one right answer'],
    [{ correct: [5] }, 'A right answer must be one of the options'],
    [{ correct: [1, 1] }, 'Mark each right answer once'],
    [{ timeLimitSeconds: 4 }, 'The time limit must be at least 5'],
    [{ timeLimitSeconds: 121 }, 'The time limit can be at most 120'],
    [{ points: 2001 }, 'The points can be at most 2000'],
    [{ text: '   ' }, 'The question must not be empty'],
    [{ text: 'x'.repeat(301) }, 'The question has at most 300 characters'],
  ])('refuses a question with %o', (overrides, message) => {
    const question = { ...config().questions[0], ...overrides };
    const parsed = quizConfigSchema.safeParse({ ...config(), questions: [question] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message).join('; ')).toContain(message);
  });

  it('refuses answers and steps of the wrong shape, or with reserved keys', () => {
    const phone = quiz.participantActionSchema;
    expect(phone.safeParse(answer(0, 1)).success).toBe(true);
    expect(phone.safeParse({ type: 'answer', question: 0, choices: [] }).success).toBe(false);
    expect(phone.safeParse({ type: 'answer', question: 0, choices: [6] }).success).toBe(false);
    expect(phone.safeParse({ type: 'answer', question: 30, choices: [0] }).success).toBe(false);
    expect(phone.safeParse({ type: 'answer', question: '__proto__', choices: [0] }).success).toBe(
      false,
    );
    expect(quiz.facilitatorActionSchema.safeParse({ type: 'show', question: -1 }).success).toBe(
      false,
    );
    expect(quiz.facilitatorActionSchema.safeParse({ type: 'explode' }).success).toBe(false);
  });
});

describe('quiz scoring', () => {
  const q = { points: 1000, timeLimitSeconds: 20 };

  it('gives full points at 0 s and half at the limit, linearly between, with the speed bonus', () => {
    expect(pointsFor(q, true, 0, true)).toBe(1000);
    expect(pointsFor(q, true, 5000, true)).toBe(875);
    expect(pointsFor(q, true, 10_000, true)).toBe(750);
    expect(pointsFor(q, true, 19_999, true)).toBe(500); // 500.025 rounds to 500
    expect(pointsFor(q, true, 20_000, true)).toBe(500);
    // Outside the window the time is clamped: never more than full, never less than half.
    expect(pointsFor(q, true, -50, true)).toBe(1000);
    expect(pointsFor(q, true, 25_000, true)).toBe(500);
    // Odd points round to the nearest whole point: 333 x (1 - 1/4) = 249.75.
    expect(pointsFor({ points: 333, timeLimitSeconds: 20 }, true, 10_000, true)).toBe(250);
  });

  it('gives the full points at any time without the speed bonus, and nothing when wrong', () => {
    expect(pointsFor(q, true, 19_000, false)).toBe(1000);
    expect(pointsFor(q, false, 0, true)).toBe(0);
    expect(pointsFor(q, false, 0, false)).toBe(0);
    expect(pointsFor({ points: 0, timeLimitSeconds: 20 }, true, 0, true)).toBe(0);
  });

  it('scores a multi-answer question only when every right option and no wrong one is chosen', () => {
    const two = { correct: [0, 2] };
    expect(isRightAnswer(two, [0, 2])).toBe(true);
    expect(isRightAnswer(two, [2, 0])).toBe(true);
    expect(isRightAnswer(two, [0])).toBe(false);
    expect(isRightAnswer(two, [0, 1, 2])).toBe(false);
    expect(isRightAnswer(two, [1, 3])).toBe(false);
    expect(isRightAnswer({ correct: [1] }, [1])).toBe(true);
  });

  it('ranks ties together and skips the next rank (1, 2, 2, 4), ties ordered by name', () => {
    const ranked = rankScores([
      { id: 'd', name: 'Dee', points: 100 },
      { id: 'b', name: 'Ben', points: 500 },
      { id: 'a', name: 'Ana', points: 900 },
      { id: 'c', name: 'Cai', points: 500 },
    ]);
    expect(ranked.map((r) => [r.name, r.rank])).toEqual([
      ['Ana', 1],
      ['Ben', 2],
      ['Cai', 2],
      ['Dee', 4],
    ]);
    expect(
      rankScores([
        { id: 'x', name: 'X', points: 0 },
        { id: 'y', name: 'Y', points: 0 },
      ]).map((r) => r.rank),
    ).toEqual([1, 1]);
  });

  it('writes ranks as English ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(rankWord)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '101st',
      '111th',
    ]);
  });

  it('aggregates points per team through a team lookup, ranked by average, ties sharing', () => {
    let players = emptyTable<QuizPlayer>();
    const points: Record<string, number> = { a: 1000, b: 500, c: 900, d: 700, e: 750, f: 50 };
    for (const [id, total] of Object.entries(points))
      players = tableSet(players, id, { total, answers: {} });
    // A fake lookup: what the session will pass once it knows teams. "f" plays for no team.
    const teams: Record<string, string> = { a: 'Red', b: 'Red', c: 'Blue', d: 'Blue', e: 'Green' };
    const standings = teamStandings(players, (id) => teams[id] ?? null);
    // Blue averages 800; Green (one member) and Red (two) both average 750 and share 2nd.
    expect(standings).toEqual([
      { team: 'Blue', rank: 1, total: 1600, members: 2, average: 800 },
      { team: 'Green', rank: 2, total: 750, members: 1, average: 750 },
      { team: 'Red', rank: 2, total: 1500, members: 2, average: 750 },
    ]);
    expect(teamStandings(players, () => null)).toEqual([]);
  });
});

describe('quiz table', () => {
  it('keeps a write to one id from copying the others, and reads only own keys', () => {
    let table = emptyTable<number>();
    for (let i = 0; i < 2000; i++) table = tableSet(table, `p${i}`, i);
    const before = table;
    const after = tableSet(table, 'p7', 70);
    expect(tableGet(after, 'p7')).toBe(70);
    expect(tableGet(before, 'p7')).toBe(7);
    // Only one bucket changed: every other bucket is the same object as before.
    let shared = 0;
    let changed = 0;
    after.forEach((row, r) =>
      row.forEach((bucket, c) => (bucket === before[r]?.[c] ? shared++ : changed++)),
    );
    expect(changed).toBe(1);
    expect(shared).toBeGreaterThan(500);
    expect(tableEntries(after)).toHaveLength(2000);
    expect(tableGet(after, '__proto__')).toBeUndefined();
    expect(tableGet(after, 'toString')).toBeUndefined();
    const hostile = tableSet(emptyTable<number>(), '__proto__', 1);
    expect(tableGet(hostile, '__proto__')).toBe(1);
    expect(tableGet(JSON.parse(JSON.stringify(after)) as typeof after, 'p1999')).toBe(1999);
  });
});
