/**
 * The role-play as an exercise: config bounds and presets, the group-forming rule for
 * every head count, roles and their rotation, newcomers, who may score, the room's step
 * statistics against hand-worked values, what each audience may see, the summary, and a
 * replay of a whole session's log.
 *
 * This file covers config bounds and presets, action parsing and the group sizes for every head count; the other rolePlay*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { getExercise } from '@playfield/shared';
import { rolePlay } from '@playfield/shared/exercises/rolePlay/index';
import {
  rolePlayConfigSchema,
  rolePlayParticipantActionSchema,
} from '@playfield/shared/exercises/rolePlay/model';
import {
  formGroups,
  groupSizes,
  placeNewcomers,
  rotateGroup,
} from '@playfield/shared/exercises/rolePlay/groups';
import { rolePlayPresets } from '@playfield/shared/exercises/rolePlay/presets';
import { PEOPLE, config } from './rolePlayFixtures.ts';

describe('role-play config', () => {
  it('accepts the default config and every preset', () => {
    expect(rolePlayConfigSchema.safeParse(rolePlay.defaultConfig()).success).toBe(true);
    for (const preset of Object.values(rolePlayPresets)) {
      expect(rolePlayConfigSchema.parse(preset.config)).toEqual(preset.config);
    }
  });

  it('offers the hostile feedback role-play with the four steps of the seed deck', () => {
    const preset = rolePlayPresets.hostileFeedback;
    expect(preset?.title).toBe('Hostile feedback');
    expect(preset?.config.steps.map((s) => s.name)).toEqual([
      'Communicate',
      'Empathise',
      'Clarify',
      'Correct',
    ]);
    expect(preset?.config.steps[0]?.hint).toBe('Be responsive and listen.');
    expect(preset?.config.groupSize).toBe('trios');
    expect(Object.keys(rolePlayPresets).length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['no steps', { steps: [] }, 'at least one step'],
    [
      'seven steps',
      { steps: Array.from({ length: 7 }, (_, i) => ({ name: `S${i}`, hint: 'h' })) },
      'at most 6 steps',
    ],
    [
      'two steps of the same name in another case',
      {
        steps: [
          { name: 'Clarify', hint: 'a' },
          { name: 'clarify', hint: 'b' },
        ],
      },
      'Each step needs its own name',
    ],
    ['a scale topping out at 2', { scaleMax: 2 }, 'at least 3'],
    ['a scale topping out at 11', { scaleMax: 11 }, 'at most 10'],
    ['a scale of 4.5', { scaleMax: 4.5 }, 'whole number'],
    ['groups of four', { groupSize: 'quads' }, 'pairs or trios'],
  ])('rejects a config with %s, saying why', (_label, overrides, message) => {
    const parsed = rolePlayConfigSchema.safeParse({ ...config(), ...overrides });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message).join(' ')).toContain(message);
  });

  it('rejects an empty complaint and an overlong brief with messages naming the field', () => {
    const base = config();
    const empty = rolePlayConfigSchema.safeParse({
      ...base,
      scenario: { ...base.scenario, complaint: '   ' },
    });
    expect(empty.error?.issues[0]?.message).toBe('The complaint must not be empty');
    const long = rolePlayConfigSchema.safeParse({
      ...base,
      scenario: { ...base.scenario, customerBrief: 'x'.repeat(801) },
    });
    expect(long.error?.issues[0]?.message).toBe('The customer’s brief has at most 800 characters');
  });

  it('names the missing parts when a config arrives without a scenario or steps', () => {
    const parsed = rolePlayConfigSchema.safeParse({ groupSize: 'pairs', scaleMax: 5 });
    expect(parsed.error?.issues.map((i) => i.message)).toEqual([
      'The scenario needs a title, a complaint and both briefs',
      'The steps must be a list',
    ]);
  });

  it('explains a refused config in one sentence when parsed through the registry', () => {
    const parsed = getExercise('rolePlay')?.parseConfig({ ...config(), scaleMax: 1 });
    expect(parsed).toEqual({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message:
          'Invalid Role-play in pairs or trios settings: scaleMax: Scores go from 1 to at least 3',
      },
    });
  });
});

describe('role-play actions', () => {
  it('cleans a note and treats a blank one as clearing it', () => {
    expect(
      rolePlayParticipantActionSchema.parse({ type: 'comment', text: '  Good \u200Bopening  ' }),
    ).toEqual({ type: 'comment', text: 'Good opening' });
    expect(rolePlayParticipantActionSchema.parse({ type: 'comment', text: '   ' })).toEqual({
      type: 'comment',
      text: '',
    });
  });

  it.each([
    ['a note over 280 characters', { type: 'comment', text: 'x'.repeat(281) }],
    ['a score of 0', { type: 'score', step: 'Clarify', value: 0 }],
    ['a score of 11', { type: 'score', step: 'Clarify', value: 11 }],
    ['a score of 2.5', { type: 'score', step: 'Clarify', value: 2.5 }],
    ['a step name of 41 characters', { type: 'score', step: 'x'.repeat(41), value: 3 }],
    ['an unknown action', { type: 'cheer' }],
  ])('rejects %s as a bad request', (_label, action) => {
    const parsed = getExercise('rolePlay')?.parseAction('participant', action);
    expect(parsed?.ok).toBe(false);
    expect(parsed?.ok === false && parsed.error.code).toBe('BAD_REQUEST');
  });

  it('calls a facilitator action from a phone forbidden, and a score from the console too', () => {
    const exercise = getExercise('rolePlay');
    expect(exercise?.parseAction('participant', { type: 'form' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      exercise?.parseAction('facilitator', { type: 'score', step: 'Clarify', value: 3 }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('group sizes', () => {
  // The rule: pairs, or trios; nobody alone; every group of 2 or 3; one person waits.
  it.each([
    [0, [], []],
    [1, [], []],
    [2, [2], [2]],
    [3, [3], [3]],
    [4, [2, 2], [2, 2]],
    [5, [3, 2], [3, 2]],
    [6, [2, 2, 2], [3, 3]],
    [7, [3, 2, 2], [3, 2, 2]],
    [8, [2, 2, 2, 2], [3, 3, 2]],
    [9, [3, 2, 2, 2], [3, 3, 3]],
    [10, [2, 2, 2, 2, 2], [3, 3, 2, 2]],
    [11, [3, 2, 2, 2, 2], [3, 3, 3, 2]],
    [12, [2, 2, 2, 2, 2, 2], [3, 3, 3, 3]],
  ])('forms the right groups for %i people in pairs and in trios', (count, pairs, trios) => {
    expect(groupSizes(count, 'pairs')).toEqual(pairs);
    expect(groupSizes(count, 'trios')).toEqual(trios);
    for (const sizes of [pairs, trios]) {
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(count < 2 ? 0 : count);
      for (const size of sizes) expect([2, 3]).toContain(size);
    }
  });

  it('places everyone exactly once when forming groups, in the same way for the same seed', () => {
    const ids = PEOPLE.map((p) => p.id);
    const groups = formGroups(ids, 'trios', 'seed-a', 0);
    expect(groups.map((g) => g.id)).toEqual(['G1', 'G2', 'G3', 'G4']);
    expect(
      groups
        .flatMap((g) => g.members)
        .slice()
        .sort(),
    ).toEqual([...ids].sort());
    expect(formGroups(ids, 'trios', 'seed-a', 0)).toEqual(groups);
    // Another forming (or another round's seed) mixes the room differently.
    expect(formGroups(ids, 'trios', 'seed-a', 1)).not.toEqual(groups);
    expect(formGroups(ids, 'trios', 'seed-b', 0)).not.toEqual(groups);
  });

  it('moves everyone one part on when roles rotate', () => {
    const trio = { id: 'G1', members: ['a', 'b', 'c'] };
    // a was the customer, b the provider, c the observer.
    expect(rotateGroup(trio).members).toEqual(['c', 'a', 'b']);
    expect(rotateGroup(rotateGroup(rotateGroup(trio)))).toEqual(trio);
    expect(rotateGroup({ id: 'G2', members: ['a', 'b'] }).members).toEqual(['b', 'a']);
  });

  it('puts each newcomer into the group with the fewest people still present', () => {
    const groups = [
      { id: 'G1', members: ['a', 'b', 'c'] },
      { id: 'G2', members: ['d', 'e', 'gone'] },
      { id: 'G3', members: ['f', 'g', 'h'] },
    ];
    const placed = placeNewcomers(groups, ['x', 'y'], (id) => id !== 'gone');
    expect(placed.map((g) => g.members)).toEqual([
      ['a', 'b', 'c', 'y'],
      ['d', 'e', 'gone', 'x'],
      ['f', 'g', 'h'],
    ]);
    expect(groups[0]?.members).toEqual(['a', 'b', 'c']);
  });
});
