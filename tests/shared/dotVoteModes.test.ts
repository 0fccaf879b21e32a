/**
 * The dot vote: config bounds with readable messages, both modes (choose several with a
 * minimum rule, spread dots with a cap), examples with opaque ids the facilitator can hide,
 * refusals that change nothing, the ranking and the shortfall worked out by hand, privacy
 * of every view (anonymous votes name nobody, anywhere), the summary, presets and replay.
 *
 * This file covers config bounds and both modes (choosing several, spreading dots); the other dotVote*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { getExercise } from '@playfield/shared';
import {
  dotVote,
  dotVoteConfigSchema,
  tallyDotVote,
  type DotVoteConfig,
} from '@playfield/shared/exercises/dotVote/index';
import { dotVotePresets } from '@playfield/shared/exercises/dotVote/presets';
import {
  type Action,
  ANA,
  BEN,
  DEE,
  as,
  chooseConfig,
  dotsConfig,
  init,
  act,
  choose,
  spend,
  refused,
  idOf,
} from './dotVoteFixtures.ts';

describe('dot vote config', () => {
  it('accepts the default config and every preset', () => {
    expect(dotVoteConfigSchema.safeParse(dotVote.defaultConfig()).success).toBe(true);
    for (const preset of Object.values(dotVotePresets)) {
      const parsed = dotVoteConfigSchema.safeParse(preset.config);
      expect(parsed.error?.issues, preset.title).toBeUndefined();
    }
  });

  it.each<[string, Partial<DotVoteConfig>, string]>([
    [
      'one option',
      { options: [{ label: 'Only', description: '' }] },
      'A vote needs at least 2 options',
    ],
    [
      'twenty-one options',
      { options: Array.from({ length: 21 }, (_, i) => ({ label: `O${i}`, description: '' })) },
      'A vote has at most 20 options',
    ],
    [
      'duplicate options ignoring case',
      {
        options: [
          { label: 'CSI', description: '' },
          { label: 'csi', description: '' },
        ],
      },
      'Each option must be different',
    ],
    [
      'a minimum above the maximum',
      { rule: { mode: 'choose', min: 4, max: 3 } },
      'The minimum number of choices cannot be more than the maximum',
    ],
    [
      'a maximum above the number of options',
      { rule: { mode: 'choose', min: 0, max: 5 } },
      'The maximum number of choices cannot be more than the 4 options',
    ],
    [
      'a cap per option above the dots',
      { rule: { mode: 'dots', dots: 3, maxPerOption: 4 } },
      'The dots allowed on one option cannot be more than the dots each person has',
    ],
    [
      'fifty-one dots',
      { rule: { mode: 'dots', dots: 51, maxPerOption: 3 } },
      'The number of dots can be at most 50',
    ],
    [
      'names of who falls short in an anonymous vote',
      { isAnonymous: true, showShortfallNames: true },
      'An anonymous vote cannot name who falls short',
    ],
    [
      'a description of 201 characters',
      {
        options: [
          { label: 'A', description: 'x'.repeat(201) },
          { label: 'B', description: '' },
        ],
      },
      'A description has at most 200 characters',
    ],
  ])('rejects a config with %s, saying so', (_label, overrides, message) => {
    const parsed = dotVoteConfigSchema.safeParse(chooseConfig(overrides));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toContain(message);
  });

  it('names the modes when the mode is unknown', () => {
    const parsed = getExercise('dotVote')?.parseConfig({
      ...chooseConfig(),
      rule: { mode: 'rank' },
    });
    expect(parsed).toEqual({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message:
          'Invalid Dot vote / choose several settings: rule.mode: The voting mode must be "choose" or "dots"',
      },
    });
  });

  it('starts with no ballots, no examples and nothing on screen when initialised', () => {
    expect(init()).toEqual({
      config: chooseConfig(),
      seed: 'round-seed',
      exampleCount: 0,
      ballots: {},
      focus: null,
    });
  });
});

describe('dot vote reduce: choosing several', () => {
  it('keeps each ballot in option order with its examples', () => {
    const state = act(init(), [[as(ANA.id), choose(2, [1, 'Weekly complaint log'], 0)]]);
    const id = idOf(state, 'Weekly complaint log');
    expect(id).toMatch(/^ex_[a-z0-9]{10}$/);
    expect(state.ballots[ANA.id]).toEqual([
      { option: 0, dots: 1, example: null },
      {
        option: 1,
        dots: 1,
        example: {
          id,
          text: 'Weekly complaint log',
          isHidden: false,
        },
      },
      { option: 2, dots: 1, example: null },
    ]);
    expect(state.exampleCount).toBe(1);
  });

  it('accepts fewer choices than the minimum, since the minimum is the rule the vote checks', () => {
    const state = act(init(), [[as(BEN.id), choose(1)]]);
    expect(state.ballots[BEN.id]).toHaveLength(1);
  });

  it('records "none of these" when a ballot is empty', () => {
    const state = act(init(), [[as(DEE.id), choose()]]);
    expect(state.ballots).toEqual({ [DEE.id]: [] });
    expect(dotVote.submittedCount(state)).toBe(1);
  });

  it('replaces the ballot when a participant votes again, and withdraws it when they clear', () => {
    const state = act(init(), [
      [as(ANA.id), choose(0, 1, 2)],
      [as(ANA.id), choose(3)],
    ]);
    expect(state.ballots[ANA.id]).toEqual([{ option: 3, dots: 1, example: null }]);
    expect(act(state, [[as(ANA.id), { type: 'clear' }]]).ballots).toEqual({});
  });

  it('cleans the example text when it is parsed: invisible characters out, spaces collapsed', () => {
    const parsed = getExercise('dotVote')?.parseAction(
      'participant',
      choose([1, '  Weekly\u200B   complaint\nlog ']),
    );
    expect(parsed).toEqual({ ok: true, data: choose([1, 'Weekly complaint log']) });
  });

  it.each<[string, DotVoteConfig, Action, string]>([
    ['an option past the end', chooseConfig(), choose(4), 'That option does not exist'],
    ['the same option twice', chooseConfig(), choose(1, 1), 'Choose each option once'],
    [
      'more choices than the maximum',
      chooseConfig({ rule: { mode: 'choose', min: 0, max: 2 } }),
      choose(0, 1, 2),
      'Choose at most 2',
    ],
    [
      'two votes on one option when choosing',
      chooseConfig(),
      spend([0, 2]),
      'Each choice counts once in this vote',
    ],
    [
      'an example when examples are off',
      chooseConfig({ exampleMode: 'off' }),
      choose([0, 'Letters pile up']),
      'This vote takes no examples',
    ],
    [
      'a choice without an example when they are required',
      chooseConfig({ exampleMode: 'required' }),
      choose([0, 'A letter'], 1),
      'Add an example for “Complaints”',
    ],
  ])('refuses %s as INVALID_ACTION and changes nothing', (_label, config, action, message) => {
    const earlier = config.exampleMode === 'required' ? choose([0, 'A letter']) : choose(0);
    const state = act(init(config), [[as(BEN.id), earlier]]);
    expect(refused(state, action, as(ANA.id))).toEqual({ code: 'INVALID_ACTION', message });
  });
});

describe('dot vote reduce: spreading dots', () => {
  it('accepts dots up to the cap per option and the total, and fewer than all of them', () => {
    const state = act(init(dotsConfig()), [
      [as(ANA.id), spend([0, 3], [1, 2])],
      [as(BEN.id), spend([1, 3], [2, 1])],
    ]);
    expect(tallyDotVote(state)).toEqual({ counts: [3, 5, 1], voters: [1, 2, 1], respondents: 2 });
  });

  it.each<[string, Action, string]>([
    ['more dots on one option than the cap', spend([0, 4]), 'At most 3 dots on one option'],
    ['more dots than each person has', spend([0, 3], [1, 3]), 'You have 5 dots to place'],
  ])('refuses %s and changes nothing', (_label, action, message) => {
    const state = act(init(dotsConfig()), [[as(BEN.id), spend([2, 1])]]);
    expect(refused(state, action, as(ANA.id))).toEqual({ code: 'INVALID_ACTION', message });
  });

  it('says "dot" for one dot when the cap is one', () => {
    const state = init(dotsConfig({ rule: { mode: 'dots', dots: 1, maxPerOption: 1 } }));
    expect(refused(state, spend([0, 2]), as(ANA.id)).message).toBe('At most 1 dot on one option');
  });
});
