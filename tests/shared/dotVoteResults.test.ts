/**
 * The dot vote: config bounds with readable messages, both modes (choose several with a
 * minimum rule, spread dots with a cap), examples with opaque ids the facilitator can hide,
 * refusals that change nothing, the ranking and the shortfall worked out by hand, privacy
 * of every view (anonymous votes name nobody, anywhere), the summary, presets and replay.
 *
 * This file covers the results and the privacy of every view; the other dotVote*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { type Actor } from '@playfield/shared';
import {
  SCREEN_EXAMPLES,
  dotVote,
  dotVoteShortfall,
  rankDotVote,
  shortfallNames,
  shortfallText,
  tallyDotVote,
} from '@playfield/shared/exercises/dotVote/index';
import {
  type Action,
  BEN,
  CAI,
  DEE,
  PEOPLE,
  FAC,
  as,
  ctx,
  LABELS,
  chooseConfig,
  dotsConfig,
  init,
  act,
  choose,
  workedExample,
  idOf,
} from './dotVoteFixtures.ts';

describe('dot vote results', () => {
  it('counts votes and voters per option and everyone who handed in a ballot', () => {
    expect(tallyDotVote(workedExample())).toEqual({
      counts: [1, 3, 2, 1],
      voters: [1, 3, 2, 1],
      respondents: 4,
    });
  });

  it('ranks options by votes, ties in option order', () => {
    const state = workedExample();
    expect(rankDotVote(state, tallyDotVote(state))).toEqual([
      { option: 1, label: 'Complaints', count: 3, voters: 3 },
      { option: 2, label: 'Survey cards', count: 2, voters: 2 },
      { option: 0, label: 'Letters', count: 1, voters: 1 },
      { option: 3, label: 'CSI', count: 1, voters: 1 },
    ]);
  });

  it('counts who falls short of the minimum among those who voted', () => {
    expect(dotVoteShortfall(workedExample())).toEqual({
      min: 3,
      count: 2,
      respondents: 4,
      share: 0.5,
    });
    expect(shortfallText({ min: 3, count: 2, respondents: 4, share: 0.5 })).toBe(
      '2 of 4 voters (50%) chose fewer than 3',
    );
    expect(shortfallText({ min: 3, count: 0, respondents: 1, share: 0 })).toBe(
      '0 of 1 voter (0%) chose fewer than 3',
    );
  });

  it('has no shortfall when there is no minimum or the vote spreads dots', () => {
    expect(
      dotVoteShortfall(workedExample(chooseConfig({ rule: { mode: 'choose', min: 0, max: 4 } }))),
    ).toBeNull();
    expect(dotVoteShortfall(init(dotsConfig()))).toBeNull();
  });

  it('gives a share of null when nobody voted yet', () => {
    expect(dotVoteShortfall(init())).toEqual({ min: 3, count: 0, respondents: 0, share: null });
  });

  it('names who falls short only when asked to and the vote is named', () => {
    const roster = ctx().roster;
    expect(shortfallNames(workedExample(), roster)).toBeUndefined();
    expect(
      shortfallNames(workedExample(chooseConfig({ showShortfallNames: true })), roster),
    ).toEqual([BEN.name, DEE.name]);
    // Even a state whose config slipped past the schema never names voters of an anonymous vote.
    const forced = workedExample(chooseConfig({ showShortfallNames: true, isAnonymous: true }));
    expect(shortfallNames(forced, roster)).toBeUndefined();
  });
});

describe('dot vote views', () => {
  it('keeps results off the phones until the reveal, and the phones’ view still as people vote', () => {
    const before = dotVote.participantPublicView(init(), ctx());
    const after = dotVote.participantPublicView(workedExample(), ctx());
    expect(after).toEqual(before);
    expect(after).toEqual({
      question: 'Which sources do you use?',
      options: LABELS.map((label) => ({ label, description: '' })),
      rule: { mode: 'choose', min: 3, max: 4 },
      exampleMode: 'optional',
      isAnonymous: false,
      results: null,
    });
  });

  it('shows every phone the ranking and the shortfall as counts once revealed', () => {
    const state = workedExample(chooseConfig({ showShortfallNames: true }));
    const view = dotVote.participantPublicView(state, ctx({ isRevealed: true }));
    expect(view.results).toEqual({
      ranking: rankDotVote(state, tallyDotVote(state)),
      respondents: 4,
      shortfall: { min: 3, count: 2, respondents: 4, share: 0.5 },
    });
    expect(JSON.stringify(view)).not.toContain(BEN.name);
  });

  it('shows a participant only their own ballot, with their examples', () => {
    const state = workedExample();
    expect(dotVote.participantOwnView(state, CAI.id, ctx())).toEqual({
      hasVoted: true,
      choices: [
        { option: 1, dots: 1, example: null },
        { option: 2, dots: 1, example: null },
        { option: 3, dots: 1, example: 'Quarterly CSI report' },
      ],
    });
    expect(dotVote.participantOwnView(state, DEE.id, ctx())).toEqual({
      hasVoted: true,
      choices: [],
    });
    expect(dotVote.participantOwnView(state, '', ctx())).toEqual({ hasVoted: false, choices: [] });
  });

  it('gives the facilitator live counts, the shortfall and every example without authors', () => {
    const state = workedExample(chooseConfig({ showShortfallNames: true }));
    const view = dotVote.facilitatorView(state, ctx());
    expect(view.tally.counts).toEqual([1, 3, 2, 1]);
    expect(view.shortfall).toEqual({
      min: 3,
      count: 2,
      respondents: 4,
      share: 0.5,
      names: [BEN.name, DEE.name],
    });
    expect(view.examples.map(({ option, text, isHidden }) => ({ option, text, isHidden }))).toEqual(
      [
        { option: 1, text: 'Weekly complaint log', isHidden: false },
        { option: 3, text: 'Quarterly CSI report', isHidden: false },
      ],
    );
    const examplesJson = JSON.stringify(view.examples);
    for (const person of PEOPLE) expect(examplesJson).not.toContain(person.id);
  });

  it('shows the screen only the count of voters before the reveal', () => {
    const state = act(workedExample(), [[FAC, { type: 'focus', option: 1 }]]);
    expect(dotVote.screenView(state, ctx())).toEqual({
      question: 'Which sources do you use?',
      options: LABELS,
      rule: { mode: 'choose', min: 3, max: 4 },
      respondents: 4,
      results: null,
    });
  });

  it('shows the screen the ranking, the shortfall and the focused option’s examples after the reveal', () => {
    const state = act(workedExample(chooseConfig({ showShortfallNames: true })), [
      [FAC, { type: 'focus', option: 1 }],
    ]);
    expect(dotVote.screenView(state, ctx({ isRevealed: true })).results).toEqual({
      ranking: rankDotVote(state, tallyDotVote(state)),
      shortfall: { min: 3, count: 2, respondents: 4, share: 0.5, names: [BEN.name, DEE.name] },
      examples: { option: 1, label: 'Complaints', texts: ['Weekly complaint log'], more: 0 },
    });
  });

  it('keeps hidden examples off the screen and out of the summary', () => {
    const state = workedExample();
    const hidden = act(state, [
      [
        FAC,
        { type: 'hideExample', exampleId: idOf(state, 'Weekly complaint log'), isHidden: true },
      ],
      [FAC, { type: 'focus', option: 1 }],
    ]);
    const revealed = ctx({ isRevealed: true });
    expect(dotVote.screenView(hidden, revealed).results?.examples).toEqual({
      option: 1,
      label: 'Complaints',
      texts: [],
      more: 0,
    });
    expect(JSON.stringify(dotVote.screenView(hidden, revealed))).not.toContain(
      'Weekly complaint log',
    );
    expect(JSON.stringify(dotVote.summary(hidden, revealed))).not.toContain('Weekly complaint log');
    expect(JSON.stringify(dotVote.participantPublicView(hidden, revealed))).not.toContain('Weekly');
    // The console still lists it, marked hidden, so it can be shown again.
    expect(dotVote.facilitatorView(hidden, revealed).examples[0]).toMatchObject({
      text: 'Weekly complaint log',
      isHidden: true,
    });
  });

  it(`shows at most ${SCREEN_EXAMPLES} examples on the screen and counts the rest`, () => {
    const voters = Array.from({ length: 9 }, (_, i) => `p-voter-${i}`);
    const state = act(init(chooseConfig({ rule: { mode: 'choose', min: 0, max: 4 } })), [
      ...voters.map((id, i): [Actor, Action] => [as(id), choose([2, `Card number ${i}`])]),
      [FAC, { type: 'focus', option: 2 }],
    ]);
    const examples = dotVote.screenView(state, ctx({ isRevealed: true })).results?.examples;
    expect(examples?.texts).toHaveLength(SCREEN_EXAMPLES);
    expect(examples?.more).toBe(9 - SCREEN_EXAMPLES);
  });

  it.each([false, true])(
    'never exposes a name or id in any view or the summary when the vote is anonymous (revealed: %s)',
    (isRevealed) => {
      const state = act(workedExample(chooseConfig({ isAnonymous: true })), [
        [FAC, { type: 'focus', option: 1 }],
      ]);
      const context = ctx({ isRevealed });
      const views = {
        facilitator: dotVote.facilitatorView(state, context),
        participantPublic: dotVote.participantPublicView(state, context),
        screen: dotVote.screenView(state, context),
        summary: dotVote.summary(state, context),
      };
      for (const [audience, view] of Object.entries(views)) {
        const json = JSON.stringify(view);
        for (const person of PEOPLE) {
          expect(json, `${audience} leaks ${person.name}`).not.toContain(person.name);
          expect(json, `${audience} leaks ${person.id}`).not.toContain(person.id);
        }
      }
    },
  );

  it('names nobody anywhere when the vote is named but naming is off', () => {
    const state = workedExample();
    const context = ctx({ isRevealed: true });
    for (const view of [
      dotVote.facilitatorView(state, context),
      dotVote.screenView(state, context),
      dotVote.summary(state, context),
    ]) {
      for (const person of PEOPLE) expect(JSON.stringify(view)).not.toContain(person.name);
    }
  });
});
