/**
 * The role-play as an exercise: config bounds and presets, the group-forming rule for
 * every head count, roles and their rotation, newcomers, who may score, the room's step
 * statistics against hand-worked values, what each audience may see, the summary, and a
 * replay of a whole session's log.
 */
import { describe, expect, it } from 'vitest';
import {
  getExercise,
  participantPublicView as sessionPublicView,
  replay,
  type Actor,
  type AppError,
  type CommandActor,
  type EventEnvelope,
  type RoundContext,
  type RoundSpec,
  type SessionCommand,
  type SessionState,
} from '@playfield/shared';
import { rolePlay, type RolePlayState } from '@playfield/shared/exercises/rolePlay/index';
import {
  rolePlayConfigSchema,
  rolePlayParticipantActionSchema,
  type RolePlayConfig,
  type RolePlayFacilitatorAction,
  type RolePlayParticipantAction,
} from '@playfield/shared/exercises/rolePlay/model';
import {
  formGroups,
  groupSizes,
  placeNewcomers,
  rotateGroup,
} from '@playfield/shared/exercises/rolePlay/groups';
import { rolePlayResults } from '@playfield/shared/exercises/rolePlay/stats';
import { rolePlayPresets } from '@playfield/shared/exercises/rolePlay/presets';
import { FACILITATOR as SESSION_FACILITATOR, createSession, run } from './sessionHarness.ts';

type Action = RolePlayParticipantAction | RolePlayFacilitatorAction;

const FAC: Actor = { role: 'facilitator' };
const as = (participantId: string): Actor => ({ role: 'participant', participantId });

/** Twelve people with ids that sort in a known order, and one who left. */
const PEOPLE = [
  'Ana',
  'Ben',
  'Cai',
  'Dee',
  'Eli',
  'Fay',
  'Gus',
  'Hal',
  'Ivy',
  'Jon',
  'Kim',
  'Lou',
].map((name) => ({ id: `p-${name.toLowerCase()}`, name }));
const GONE = { id: 'p-zed-left', name: 'Zed' };

function rosterOf(count: number, extra: { id: string; name: string; hasLeft: boolean }[] = []) {
  const entries = [
    ...PEOPLE.slice(0, count).map((p) => ({ ...p, hasLeft: false })),
    { ...GONE, hasLeft: true },
    ...extra,
  ];
  return Object.fromEntries(entries.map((e) => [e.id, e]));
}

function ctx(count: number, overrides: Partial<RoundContext> = {}): RoundContext {
  return { isOpen: true, isRevealed: false, roster: rosterOf(count), at: 5000, ...overrides };
}

function config(overrides: Partial<RolePlayConfig> = {}): RolePlayConfig {
  return { ...rolePlay.defaultConfig(), ...overrides };
}

function init(overrides: Partial<RolePlayConfig> = {}): RolePlayState {
  return rolePlay.init(config(overrides), 'round-seed');
}

/** Applies actions that must all be accepted. */
function act(state: RolePlayState, steps: [Actor, Action][], context: RoundContext) {
  return steps.reduce((s, [actor, action]) => {
    const result = rolePlay.reduce(s, action, actor, context);
    if (!result.ok) throw new Error(`${JSON.stringify(action)}: ${result.error.message}`);
    return result.data;
  }, state);
}

/** An action that must be refused: returns the error, and checks nothing changed. */
function refused(
  state: RolePlayState,
  action: Action,
  actor: Actor,
  context: RoundContext,
): AppError {
  const before = structuredClone(state);
  const result = rolePlay.reduce(state, action, actor, context);
  if (result.ok) throw new Error(`${JSON.stringify(action)} was accepted`);
  expect(state).toEqual(before);
  return result.error;
}

/** Who sits where: the group's member ids by slot (customer, provider, observer...). */
function scorerOf(state: RolePlayState, groupId: string): string {
  const group = state.groups.find((g) => g.id === groupId);
  if (!group) throw new Error(`no group ${groupId}`);
  const member = group.members[group.members.length >= 3 ? 2 : 0];
  if (!member) throw new Error('empty group');
  return member;
}

function memberOf(state: RolePlayState, groupId: string, slot: number): string {
  const member = state.groups.find((g) => g.id === groupId)?.members[slot];
  if (!member) throw new Error(`no slot ${slot} in ${groupId}`);
  return member;
}

const score = (step: string, value: number | null): Action => ({ type: 'score', step, value });

/** Scores a whole card for a group, step by step, as its scorer. */
function scoreCard(
  state: RolePlayState,
  groupId: string,
  values: (number | null)[],
  context: RoundContext,
): RolePlayState {
  const scorer = as(scorerOf(state, groupId));
  const steps = state.config.steps.map((s) => s.name);
  return act(
    state,
    values.flatMap((v, i): [Actor, Action][] =>
      v === null ? [] : [[scorer, score(steps[i] ?? '', v)]],
    ),
    context,
  );
}

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

describe('role-play reduce', () => {
  it('forms groups from everyone present, leaving out who left', () => {
    const state = act(init(), [[FAC, { type: 'form' }]], ctx(7));
    expect(state.play).toBe(1);
    expect(state.formations).toBe(1);
    expect(state.groups.map((g) => g.members.length)).toEqual([3, 2, 2]);
    const placed = state.groups.flatMap((g) => g.members).sort();
    expect(placed).toEqual(PEOPLE.slice(0, 7).map((p) => p.id));
    expect(placed).not.toContain(GONE.id);
  });

  it('forms pairs when configured, with one trio for an odd count', () => {
    const state = act(init({ groupSize: 'pairs' }), [[FAC, { type: 'form' }]], ctx(5));
    expect(state.groups.map((g) => g.members.length)).toEqual([3, 2]);
  });

  it('refuses to form groups when fewer than two people are present', () => {
    expect(refused(init(), { type: 'form' }, FAC, ctx(1))).toEqual({
      code: 'INVALID_ACTION',
      message: 'Groups need at least two people in the session',
    });
  });

  it('re-forms groups with a new shuffle and keeps the earlier scores in the archive', () => {
    const c = ctx(9);
    let state = act(init(), [[FAC, { type: 'form' }]], c);
    const first = state.groups;
    state = scoreCard(state, 'G1', [4, 4, 4, 4], c);
    state = act(state, [[FAC, { type: 'form' }]], c);
    expect(state.groups).not.toEqual(first);
    expect(state.play).toBe(2);
    expect(state.scorecards).toEqual({});
    expect(state.archive).toEqual([{ groupId: 'G1', play: 1, scores: [4, 4, 4, 4], comment: '' }]);
  });

  it('rotates roles so the customer provides, the provider observes and the observer complains', () => {
    const c = ctx(6);
    const formed = act(init(), [[FAC, { type: 'form' }]], c);
    const [customer, provider, observer] = formed.groups[0]?.members ?? [];
    const rotated = act(formed, [[FAC, { type: 'rotate' }]], c);
    expect(rotated.play).toBe(2);
    expect(rotated.groups[0]?.members).toEqual([observer, customer, provider]);
    const own = rolePlay.participantOwnView(rotated, customer ?? '', c);
    expect(own.group?.role).toBe('provider');
  });

  it('refuses to rotate or place newcomers before groups are formed', () => {
    expect(refused(init(), { type: 'rotate' }, FAC, ctx(4)).code).toBe('INVALID_ACTION');
    expect(refused(init(), { type: 'placeNewcomers' }, FAC, ctx(4))).toEqual({
      code: 'INVALID_ACTION',
      message: 'Form the groups first',
    });
  });

  it('holds a late joiner out of the groups until placed, then puts them in the smallest group', () => {
    const before = ctx(5);
    const formed = act(init(), [[FAC, { type: 'form' }]], before);
    expect(formed.groups.map((g) => g.members.length)).toEqual([3, 2]);
    const late = { id: 'p-zoe-late', name: 'Zoe', hasLeft: false };
    const after = ctx(5, { roster: rosterOf(5, [late]) });
    expect(rolePlay.participantOwnView(formed, late.id, after)).toEqual({ group: null });
    expect(rolePlay.facilitatorView(formed, after).waiting).toEqual([{ id: late.id, name: 'Zoe' }]);

    const placed = act(formed, [[FAC, { type: 'placeNewcomers' }]], after);
    expect(placed.groups[1]?.members).toHaveLength(3);
    expect(placed.groups[1]?.members[2]).toBe(late.id);
    expect(placed.play).toBe(formed.play);
    // In what was a pair, the newcomer observes and takes over the scoring.
    expect(rolePlay.participantOwnView(placed, late.id, after).group).toMatchObject({
      label: 'Group 2',
      role: 'observer',
      isScorer: true,
    });
    expect(refused(placed, { type: 'placeNewcomers' }, FAC, after)).toEqual({
      code: 'INVALID_ACTION',
      message: 'Nobody is waiting for a group',
    });
  });

  it('records a score when the group’s observer scores a step, and replaces it when changed', () => {
    const c = ctx(6);
    let state = act(init(), [[FAC, { type: 'form' }]], c);
    const observer = as(scorerOf(state, 'G2'));
    state = act(
      state,
      [
        [observer, score('Empathise', 2)],
        [observer, score('Empathise', 4)],
        [observer, { type: 'comment', text: 'Let the customer finish' }],
      ],
      c,
    );
    expect(state.scorecards).toEqual({
      G2: {
        groupId: 'G2',
        play: 1,
        scores: [null, 4, null, null],
        comment: 'Let the customer finish',
      },
    });
  });

  it('drops a scorecard that is emptied again', () => {
    const c = ctx(6);
    let state = act(init(), [[FAC, { type: 'form' }]], c);
    const observer = as(scorerOf(state, 'G1'));
    state = act(
      state,
      [
        [observer, score('Clarify', 3)],
        [observer, score('Clarify', null)],
      ],
      c,
    );
    expect(state.scorecards).toEqual({});
    expect(rolePlay.submittedCount(state)).toBe(0);
  });

  it('lets the customer score in a pair', () => {
    const c = ctx(4);
    let state = act(init({ groupSize: 'pairs' }), [[FAC, { type: 'form' }]], c);
    const customer = memberOf(state, 'G1', 0);
    state = act(state, [[as(customer), score('Correct', 5)]], c);
    expect(state.scorecards.G1?.scores).toEqual([null, null, null, 5]);
    expect(refused(state, score('Correct', 1), as(memberOf(state, 'G1', 1)), c)).toEqual({
      code: 'FORBIDDEN',
      message: 'Only your pair’s customer scores the role-play',
    });
  });

  describe('refusals that change nothing', () => {
    const c = ctx(6);
    const formed = act(init(), [[FAC, { type: 'form' }]], c);
    const observer = as(scorerOf(formed, 'G1'));

    it('refuses a score from the customer or provider of a trio', () => {
      for (const slot of [0, 1]) {
        expect(refused(formed, score('Clarify', 3), as(memberOf(formed, 'G1', slot)), c)).toEqual({
          code: 'FORBIDDEN',
          message: 'Only your group’s observer scores the role-play',
        });
      }
    });

    it('refuses a score from someone in no group', () => {
      const late = { id: 'p-late', name: 'Late', hasLeft: false };
      const withLate = ctx(6, { roster: rosterOf(6, [late]) });
      expect(refused(formed, score('Clarify', 3), as(late.id), withLate)).toEqual({
        code: 'FORBIDDEN',
        message: 'You are not in a group yet',
      });
    });

    it('refuses a score before groups are formed', () => {
      expect(refused(init(), score('Clarify', 3), as(PEOPLE[0]?.id ?? ''), c).code).toBe(
        'FORBIDDEN',
      );
    });

    it('refuses a step the config does not have', () => {
      expect(refused(formed, score('Apologise', 3), observer, c)).toEqual({
        code: 'INVALID_ACTION',
        message: 'There is no step called “Apologise”',
      });
    });

    it('refuses a score above the configured scale', () => {
      expect(refused(formed, score('Clarify', 6), observer, c)).toEqual({
        code: 'INVALID_ACTION',
        message: 'Scores go from 1 to 5',
      });
    });

    it('refuses scores and notes once the round is locked', () => {
      const locked = { ...c, isOpen: false };
      expect(refused(formed, score('Clarify', 3), observer, locked).code).toBe('ROUND_LOCKED');
      expect(refused(formed, { type: 'comment', text: 'x' }, observer, locked).code).toBe(
        'ROUND_LOCKED',
      );
    });

    it('refuses a score sent as the facilitator and a facilitator action sent by a phone', () => {
      expect(refused(formed, score('Clarify', 3), FAC, c).code).toBe('FORBIDDEN');
      expect(refused(formed, { type: 'rotate' }, observer, c)).toEqual({
        code: 'FORBIDDEN',
        message: 'Only the facilitator can do that',
      });
    });
  });
});

describe('role-play statistics', () => {
  // Three trios; hand-worked:
  //   Communicate 4, 5, 3  -> mean 4,    lowest 3, highest 5, count 3, spread [0,0,1,1,1]
  //   Empathise   2, 3, 2  -> mean 2.33, lowest 2, highest 3, count 3, spread [0,2,1,0,0]
  //   Clarify     5, 4     -> mean 4.5,  lowest 4, highest 5, count 2, spread [0,0,0,1,1]
  //   Correct     3        -> mean 3,    lowest 3, highest 3, count 1, spread [0,0,1,0,0]
  const c = ctx(9);
  let scored = act(init(), [[FAC, { type: 'form' }]], c);
  scored = scoreCard(scored, 'G1', [4, 2, 5, 3], c);
  scored = scoreCard(scored, 'G2', [5, 3, 4, null], c);
  scored = scoreCard(scored, 'G3', [3, 2, null, null], c);

  it('computes mean, lowest, highest, count and spread per step', () => {
    expect(rolePlayResults(scored)).toEqual({
      scorecards: 3,
      plays: 1,
      steps: [
        {
          name: 'Communicate',
          hint: 'Be responsive and listen.',
          mean: 4,
          lowest: 3,
          highest: 5,
          count: 3,
          distribution: [0, 0, 1, 1, 1],
        },
        expect.objectContaining({
          name: 'Empathise',
          mean: 2.33,
          lowest: 2,
          highest: 3,
          count: 3,
          distribution: [0, 2, 1, 0, 0],
        }),
        expect.objectContaining({ name: 'Clarify', mean: 4.5, lowest: 4, highest: 5, count: 2 }),
        expect.objectContaining({
          name: 'Correct',
          mean: 3,
          lowest: 3,
          highest: 3,
          count: 1,
          distribution: [0, 0, 1, 0, 0],
        }),
      ],
    });
    expect(rolePlay.facilitatorView(scored, c).progress).toEqual({
      groups: 3,
      started: 3,
      complete: 1,
    });
  });

  it('counts the scores of every play when roles rotate', () => {
    let next = act(scored, [[FAC, { type: 'rotate' }]], c);
    next = scoreCard(next, 'G1', [1, 1, 1, 1], c);
    const results = rolePlayResults(next);
    expect(results.scorecards).toBe(4);
    expect(results.plays).toBe(2);
    // Communicate: 4, 5, 3, 1 -> 13 / 4.
    expect(results.steps[0]).toMatchObject({ mean: 3.25, lowest: 1, count: 4 });
    expect(rolePlay.screenView(next, c).progress).toEqual({ groups: 3, started: 1, complete: 1 });
  });

  it('reports no mean for a step nobody scored', () => {
    expect(rolePlayResults(init()).steps[0]).toMatchObject({
      mean: null,
      lowest: null,
      highest: null,
      count: 0,
      distribution: [0, 0, 0, 0, 0],
    });
  });

  it('summarises as bars of mean per step, a table and the scenario', () => {
    const summary = rolePlay.summary(scored, c);
    expect(summary.headline).toBe(
      'Role-play “The unanswered complaint”: 3 scorecards; weakest step Empathise (2.3 of 5)',
    );
    expect(summary.blocks[0]).toEqual({
      type: 'text',
      text: `The unanswered complaint: ${scored.config.scenario.complaint}`,
    });
    expect(summary.blocks[1]).toEqual({
      type: 'bars',
      labels: ['Communicate', 'Empathise', 'Clarify', 'Correct'],
      values: [4, 2.33, 4.5, 3],
      unit: 'mean score (1 to 5)',
    });
    expect(summary.blocks[2]).toEqual({
      type: 'table',
      columns: ['Step', 'Mean', 'Lowest', 'Highest', 'Groups scored'],
      rows: [
        ['Communicate', '4', '3', '5', '3'],
        ['Empathise', '2.3', '2', '3', '3'],
        ['Clarify', '4.5', '4', '5', '2'],
        ['Correct', '3', '3', '3', '1'],
      ],
    });
    expect(summary.blocks).toHaveLength(4);
  });

  it('adds the observers’ notes to the summary without saying whose they are', () => {
    const noted = act(
      scored,
      [[as(scorerOf(scored, 'G2')), { type: 'comment', text: 'Great apology' }]],
      c,
    );
    const summary = rolePlay.summary(noted, c);
    expect(summary.blocks.at(-1)).toEqual({
      type: 'list',
      title: 'What the observers noted (unattributed)',
      items: ['Great apology'],
    });
    const text = JSON.stringify(summary);
    for (const p of PEOPLE) expect(text).not.toContain(p.name);
  });

  it('summarises a round nobody scored without inventing numbers', () => {
    const summary = rolePlay.summary(init(), c);
    expect(summary.headline).toBe('Role-play “The unanswered complaint”: no scores yet');
    const table = summary.blocks[2];
    expect(table?.type === 'table' && table.rows[0]).toEqual(['Communicate', '–', '–', '–', '0']);
    expect(summary.blocks[1]).toMatchObject({ values: [0, 0, 0, 0] });
  });

  it('asks a concrete question for the action plan', () => {
    expect(rolePlay.actionPlanPrompt(config())).toBe(
      'In the “The unanswered complaint” role-play, which step (Communicate, Empathise, Clarify, Correct) is hardest for me with an angry customer, and what will I do differently the next time someone complains?',
    );
  });
});

describe('role-play views', () => {
  const c = ctx(6);
  const formed = act(init(), [[FAC, { type: 'form' }]], c);
  const [customer, provider, observer] = formed.groups[0]?.members ?? [];
  const other = formed.groups[1]?.members ?? [];

  it('shows the public view before groups exist, with the scenario and steps', () => {
    expect(rolePlay.participantPublicView(init(), c)).toEqual({
      title: 'The unanswered complaint',
      complaint: config().scenario.complaint,
      steps: config().steps,
      scaleMax: 5,
      groupSize: 'trios',
      play: 0,
      groupCount: 0,
      results: null,
    });
  });

  it('keeps the public and room views the same while a group scores, until revealed', () => {
    const scored = scoreCard(formed, 'G1', [4, 3, 5, 2], c);
    expect(rolePlay.participantPublicView(scored, c)).toEqual(
      rolePlay.participantPublicView(formed, c),
    );
    expect(rolePlay.screenView(scored, c).results).toBeNull();
    const revealed = { ...c, isRevealed: true };
    expect(rolePlay.participantPublicView(scored, revealed).results?.steps[0]?.mean).toBe(4);
    expect(rolePlay.screenView(scored, revealed).results?.scorecards).toBe(1);
  });

  it('carries nobody’s name, id or note in the public and room views', () => {
    const scored = act(
      scoreCard(formed, 'G1', [4, 3, 5, 2], c),
      [[as(observer ?? ''), { type: 'comment', text: 'Secret note' }]],
      c,
    );
    const revealed = { ...c, isRevealed: true };
    for (const view of [
      rolePlay.participantPublicView(scored, revealed),
      rolePlay.screenView(scored, revealed),
    ]) {
      const text = JSON.stringify(view);
      for (const p of [...PEOPLE, GONE]) {
        expect(text).not.toContain(p.name);
        expect(text).not.toContain(p.id);
      }
      expect(text).not.toContain('Secret note');
      expect(text).not.toContain(scored.config.scenario.customerBrief);
    }
  });

  it('gives each part its own brief, and the group’s names and parts', () => {
    const asCustomer = rolePlay.participantOwnView(formed, customer ?? '', c);
    const names = (id: string | undefined) => PEOPLE.find((p) => p.id === id)?.name;
    expect(asCustomer).toEqual({
      group: {
        label: 'Group 1',
        role: 'customer',
        isScorer: false,
        partners: [
          { name: names(provider), role: 'provider', isScorer: false },
          { name: names(observer), role: 'observer', isScorer: true },
        ],
        brief: formed.config.scenario.customerBrief,
        scorecard: null,
      },
    });
    expect(rolePlay.participantOwnView(formed, provider ?? '', c).group?.brief).toBe(
      formed.config.scenario.providerBrief,
    );
    expect(rolePlay.participantOwnView(formed, observer ?? '', c).group).toMatchObject({
      role: 'observer',
      isScorer: true,
      brief: null,
      scorecard: { scores: [null, null, null, null], comment: '', isComplete: false },
    });
  });

  it('gives the blank own view to someone in no group', () => {
    expect(rolePlay.participantOwnView(formed, '', c)).toEqual({ group: null });
    expect(rolePlay.participantOwnView(init(), PEOPLE[0]?.id ?? '', c)).toEqual({ group: null });
  });

  it('shows a group its scorecard once every step is scored, and never to another group', () => {
    const partly = scoreCard(formed, 'G1', [4, 3, 5, null], c);
    expect(rolePlay.participantOwnView(partly, customer ?? '', c).group?.scorecard).toBeNull();
    expect(rolePlay.participantOwnView(partly, observer ?? '', c).group?.scorecard?.scores).toEqual(
      [4, 3, 5, null],
    );
    const complete = scoreCard(partly, 'G1', [null, null, null, 2], c);
    const card = { scores: [4, 3, 5, 2], comment: '', isComplete: true };
    expect(rolePlay.participantOwnView(complete, customer ?? '', c).group?.scorecard).toEqual(card);
    expect(rolePlay.participantOwnView(complete, provider ?? '', c).group?.scorecard).toEqual(card);
    for (const id of other) {
      const own = rolePlay.participantOwnView(complete, id, c);
      expect(own.group?.label).toBe('Group 2');
      expect(JSON.stringify(own)).not.toContain('[4,3,5,2]');
    }
    expect(rolePlay.hasSharedOwnViews).toBe(true);
  });

  it('shows the facilitator every group with names, parts, status and scores', () => {
    const scored = scoreCard(formed, 'G1', [4, 3, 5, 2], c);
    const view = rolePlay.facilitatorView(scored, c);
    expect(view.groups[0]).toMatchObject({
      id: 'G1',
      label: 'Group 1',
      status: 'scored',
      scorecard: { scores: [4, 3, 5, 2], isComplete: true },
    });
    expect(view.groups[0]?.members.map((m) => [m.id, m.role, m.isScorer, m.hasLeft])).toEqual([
      [customer, 'customer', false, false],
      [provider, 'provider', false, false],
      [observer, 'observer', true, false],
    ]);
    expect(view.groups[1]).toMatchObject({ status: 'waiting', scorecard: null });
    expect(view.waiting).toEqual([]);
  });

  it('marks a member who left the session in the console', () => {
    const leftCtx = ctx(6, {
      roster: { ...c.roster, [customer ?? '']: { id: customer ?? '', name: 'Ana', hasLeft: true } },
    });
    const member = rolePlay.facilitatorView(formed, leftCtx).groups[0]?.members[0];
    expect(member?.hasLeft).toBe(true);
  });
});

describe('role-play replay', () => {
  const ROUND = 'rp';
  const spec: RoundSpec = {
    id: ROUND,
    kind: 'rolePlay',
    title: 'Hostile feedback',
    config: config(),
  };

  interface Live {
    state: SessionState;
    log: EventEnvelope[];
  }

  function must(live: Live, command: SessionCommand, actor: CommandActor): Live {
    const stepped = run(live.state, command, actor);
    if (!stepped.result.ok) {
      throw new Error(`${JSON.stringify(command)} was refused: ${stepped.result.error.message}`);
    }
    return { state: stepped.state, log: [...live.log, ...stepped.envelopes] };
  }

  const roundAct = (action: unknown): SessionCommand => ({
    type: 'round.act',
    roundId: ROUND,
    action,
  });
  const roundState = (state: SessionState) => state.rounds[ROUND]?.state as RolePlayState;

  function joinAll(live: Live, names: string[]): { live: Live; ids: string[] } {
    const ids: string[] = [];
    for (const name of names) {
      const before = live.log.length;
      live = must(live, { type: 'participant.join', name }, { role: 'system' });
      const event = live.log[before]?.event;
      if (event?.type !== 'participant.joined') throw new Error(`${name} did not join`);
      ids.push(event.participantId);
    }
    return { live, ids };
  }

  it('rebuilds the same groups, parts and scores when the log is replayed', () => {
    let live: Live = createSession([spec]);
    const joined = joinAll(live, ['Ana', 'Ben', 'Cai', 'Dee', 'Eli', 'Fay', 'Gus', 'Hal']);
    live = must(joined.live, { type: 'session.start' }, SESSION_FACILITATOR);
    const fac = (action: object) => {
      live = must(live, roundAct(action), SESSION_FACILITATOR);
    };
    const scoreAll = (values: number[]) => {
      const state = roundState(live.state);
      for (const group of state.groups) {
        const scorer = scorerOf(state, group.id);
        for (const [i, step] of state.config.steps.entries()) {
          live = must(live, roundAct(score(step.name, values[i] ?? 1)), {
            role: 'participant',
            participantId: scorer,
          });
        }
      }
    };

    fac({ type: 'form' });
    expect(roundState(live.state).groups.map((g) => g.members.length)).toEqual([3, 3, 2]);
    scoreAll([4, 2, 3, 5]);
    fac({ type: 'rotate' });
    const late = joinAll(live, ['Ivy']);
    live = late.live;
    fac({ type: 'placeNewcomers' });
    scoreAll([5, 3, 4, 4]);
    fac({ type: 'form' });

    // A refused move leaves no trace in the log.
    const stranger = roundState(live.state).groups[0]?.members[0] ?? '';
    const refusedStep = run(live.state, roundAct(score('Nope', 3)), {
      role: 'participant',
      participantId: stranger,
    });
    expect(refusedStep.result.ok).toBe(false);
    expect(refusedStep.envelopes).toEqual([]);

    const final = roundState(live.state);
    expect(final.play).toBe(3);
    expect(final.archive).toHaveLength(6);
    const replayed = replay(live.log);
    expect(replayed).toEqual(live.state);
    expect(roundState(replayed).groups).toEqual(final.groups);
    const half = Math.floor(live.log.length / 2);
    expect(replay(live.log.slice(half), replay(live.log.slice(0, half)))).toEqual(live.state);
    expect(sessionPublicView(replayed, 0)).toEqual(sessionPublicView(live.state, 0));
  });

  it('refuses a phone’s facilitator action and a bad payload in a session without logging them', () => {
    let live: Live = createSession([spec]);
    const joined = joinAll(live, ['Ana', 'Ben', 'Cai']);
    live = must(joined.live, { type: 'session.start' }, SESSION_FACILITATOR);
    const ana = { role: 'participant', participantId: joined.ids[0] ?? '' } as const;
    const forbidden = run(live.state, roundAct({ type: 'form' }), ana);
    expect(forbidden.result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(forbidden.state).toBe(live.state);
    const bad = run(live.state, roundAct({ type: 'score', step: 'Clarify', value: 'ten' }), ana);
    expect(bad.result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(bad.state).toBe(live.state);
  });
});
