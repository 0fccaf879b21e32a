/**
 * What rounds do with the session's tables: counts per table for poll and dot vote (the
 * console's "By table"), the quiz's table leaderboard, and per-table brainstorms and
 * canvases that tag each note with its author's table when it was written.
 */
import { EXERCISES, type Actor, type Result, type RoundContext } from '@playfield/shared';
import { describe, expect, it } from 'vitest';
import { exerciseContext } from './sessionHarness.ts';

const PEOPLE = [
  { id: 'a', name: 'Ana' },
  { id: 'b', name: 'Ben' },
  { id: 'c', name: 'Cleo' },
  { id: 'd', name: 'Dev' },
];
const TEAMS = [
  { id: 't1', name: 'Table 1' },
  { id: 't2', name: 'Window' },
];

/** A context where Ana and Ben sit at table 1, Cleo at "Window", and Dev at none. */
function ctx(seats: Record<string, string> = { a: 't1', b: 't1', c: 't2' }, at = 0): RoundContext {
  return exerciseContext(PEOPLE, {
    at,
    teams: TEAMS,
    teamOf: (id) => (Object.hasOwn(seats, id) ? (seats[id] ?? null) : null),
  });
}

const person = (participantId: string): Actor => ({ role: 'participant', participantId });
const FACILITATOR: Actor = { role: 'facilitator' };

function must<S>(result: Result<S>): S {
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

describe('dot vote by table', () => {
  it('counts which options each table uses, with no names, and who has no table', () => {
    const def = EXERCISES.dotVote;
    const context = ctx();
    let state = def.init(def.defaultConfig(), 'seed');
    const ballots: [string, number[]][] = [
      ['a', [0, 1, 2]],
      ['b', [0, 1, 3]],
      ['c', [0, 2, 3]],
      ['d', [1, 2, 3]],
    ];
    for (const [id, options] of ballots) {
      const choices = options.map((option) => ({ option, dots: 1, example: null }));
      state = must(def.reduce(state, { type: 'vote', choices }, person(id), context));
    }
    const summary = def.teamSummary?.(state, context);
    expect(summary?.blocks).toEqual([
      {
        type: 'table',
        columns: [
          'Table',
          'Complaints',
          'Survey cards',
          'Focus groups',
          'One-on-ones',
          'Answered',
          'Options chosen',
        ],
        rows: [
          ['Table 1', '2', '2', '1', '1', '2', '4'],
          ['Window', '1', '0', '1', '1', '1', '3'],
          ['No table', '0', '1', '1', '1', '1', '3'],
        ],
      },
    ]);
    expect(JSON.stringify(summary)).not.toMatch(/Ana|Ben|Cleo|Dev/);
  });

  it('lists every table even before anyone there has voted', () => {
    const def = EXERCISES.dotVote;
    const state = def.init(def.defaultConfig(), 'seed');
    const rows = def.teamSummary?.(state, ctx()).blocks[0];
    expect(rows?.type === 'table' && rows.rows.map((r) => r[0])).toEqual(['Table 1', 'Window']);
  });
});

describe('quiz by table', () => {
  const def = EXERCISES.quiz;
  const config = { ...def.defaultConfig(), isSpeedBonus: false, byTeam: true };

  function play(context: RoundContext, right: readonly string[], wrong: readonly string[]) {
    let state = def.init(config, 'seed');
    state = must(def.reduce(state, { type: 'show', question: 0 }, FACILITATOR, context));
    for (const id of right)
      state = must(
        def.reduce(state, { type: 'answer', question: 0, choices: [0] }, person(id), context),
      );
    for (const id of wrong)
      state = must(
        def.reduce(state, { type: 'answer', question: 0, choices: [1] }, person(id), context),
      );
    state = must(def.reduce(state, { type: 'lock', question: 0 }, FACILITATOR, context));
    state = must(def.reduce(state, { type: 'reveal', question: 0 }, FACILITATOR, context));
    return must(def.reduce(state, { type: 'leaderboard', question: 0 }, FACILITATOR, context));
  }

  it('ranks tables by their members’ average through ctx.teamOf', () => {
    const context = ctx();
    const state = play(context, ['a', 'c', 'd'], ['b']);
    const expected = [
      { rank: 1, name: 'Window', average: 1000, total: 1000, members: 1 },
      { rank: 2, name: 'Table 1', average: 500, total: 1000, members: 2 },
    ];
    expect(def.screenView(state, context).teamLeaderboard).toEqual(expected);
    expect(def.facilitatorView(state, context).teamLeaderboard).toEqual(expected);
    const table = def
      .summary(state, context)
      .blocks.find((b) => b.type === 'table' && b.columns.includes('Table'));
    expect(table).toEqual({
      type: 'table',
      columns: ['Rank', 'Table', 'Average points', 'Players'],
      rows: [
        ['1st', 'Window', '1000', '1'],
        ['2nd', 'Table 1', '500', '2'],
      ],
    });
  });

  it('shows no table leaderboard unless the quiz says byTeam and the session has tables', () => {
    const context = ctx();
    const plain = { ...config, byTeam: false };
    let state = def.init(plain, 'seed');
    state = must(def.reduce(state, { type: 'show', question: 0 }, FACILITATOR, context));
    expect(def.facilitatorView(state, context).teamLeaderboard).toBeNull();
    const noTables = exerciseContext(PEOPLE);
    expect(def.facilitatorView(play(noTables, ['a'], []), noTables).teamLeaderboard).toBeNull();
    // The screen keeps the tables for the leaderboard step, like the people's leaderboard.
    const shown = must(
      def.reduce(def.init(config, 's'), { type: 'show', question: 0 }, FACILITATOR, context),
    );
    expect(def.screenView(shown, context).teamLeaderboard).toBeNull();
  });
});

describe('per-table brainstorm', () => {
  const def = EXERCISES.brainstorm;

  it('tags each note with its author’s table at the time of writing, not later', () => {
    const config = { ...def.defaultConfig(), isPerTeam: true, isAnonymous: true };
    let state = def.init(config, 'seed');
    const before = ctx({ a: 't1', c: 't2' });
    state = must(
      def.reduce(
        state,
        { type: 'addNote', text: 'Faster refunds', tag: null },
        person('a'),
        before,
      ),
    );
    state = must(
      def.reduce(state, { type: 'addNote', text: 'Call back', tag: null }, person('d'), before),
    );
    // Ana moves to the window table: her earlier note stays with table 1.
    const after = ctx({ a: 't2', c: 't2' });
    state = must(
      def.reduce(state, { type: 'addNote', text: 'Same agent', tag: null }, person('a'), after),
    );
    expect(state.notes.map((n) => n.teamId)).toEqual(['t1', undefined, 't2']);

    const console = def.facilitatorView(state, after);
    expect(console.loose.map((n) => [n.text, n.team])).toEqual([
      ['Faster refunds', 'Table 1'],
      ['Call back', undefined],
      ['Same agent', 'Window'],
    ]);
    // Anonymous: a table, never a person.
    expect(JSON.stringify(console)).not.toMatch(/Ana|Dev/);
    const summary = def.summary(state, after);
    expect(summary.blocks).toContainEqual({
      type: 'table',
      columns: ['Table', 'Notes'],
      rows: [
        ['Table 1', '1'],
        ['Window', '1'],
        ['No table', '1'],
      ],
    });
  });

  it('tags nothing when the brainstorm is not per table', () => {
    let state = def.init(def.defaultConfig(), 'seed');
    state = must(
      def.reduce(state, { type: 'addNote', text: 'Idea', tag: null }, person('a'), ctx()),
    );
    expect(state.notes[0]).not.toHaveProperty('teamId');
    expect(def.facilitatorView(state, ctx()).loose[0]).not.toHaveProperty('team');
  });
});

describe('per-table canvas', () => {
  const def = EXERCISES.canvas;

  it('tags entries with the author’s table and shows it on the cards and the summary', () => {
    const config = { ...def.defaultConfig(), isPerTeam: true };
    let state = def.init(config, 'seed');
    const context = { ...ctx(), isRevealed: true };
    const post = (text: string) => ({ type: 'post' as const, box: 0, text, rating: 3, tags: [] });
    state = must(def.reduce(state, post('Front desk'), person('a'), context));
    state = must(def.reduce(state, post('Invoice'), person('c'), context));
    state = must(def.reduce(state, post('Parking'), person('d'), context));
    expect(state.entries.map((e) => e.teamId)).toEqual(['t1', 't2', undefined]);
    const cards = def.screenView(state, context).board[0]?.cards ?? [];
    expect(Object.fromEntries(cards.map((c) => [c.text, c.team]))).toEqual({
      'Front desk': 'Table 1',
      Invoice: 'Window',
      Parking: undefined,
    });
    expect(def.summary(state, context).blocks).toContainEqual({
      type: 'table',
      columns: ['Table', 'Entries'],
      rows: [
        ['Table 1', '1'],
        ['Window', '1'],
        ['No table', '1'],
      ],
    });
  });
});
