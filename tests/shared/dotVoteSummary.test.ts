/**
 * The dot vote: config bounds with readable messages, both modes (choose several with a
 * minimum rule, spread dots with a cap), examples with opaque ids the facilitator can hide,
 * refusals that change nothing, the ranking and the shortfall worked out by hand, privacy
 * of every view (anonymous votes name nobody, anywhere), the summary, presets and replay.
 *
 * This file covers the summary, presets and replay; the other dotVote*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import {
  replay,
  participantPublicView as sessionPublicView,
  type RoundSpec,
  type SessionCommand,
} from '@playfield/shared';
import {
  dotVote,
  tallyDotVote,
  type DotVoteState,
} from '@playfield/shared/exercises/dotVote/index';
import { dotVotePresets } from '@playfield/shared/exercises/dotVote/presets';
import {
  FACILITATOR as SESSION_FACILITATOR,
  refusal,
  recordedSession,
  participant,
} from './sessionHarness.ts';
import {
  type Action,
  ANA,
  BEN,
  DEE,
  as,
  ctx,
  chooseConfig,
  dotsConfig,
  init,
  act,
  choose,
  spend,
  workedExample,
  idOf,
} from './dotVoteFixtures.ts';

describe('dot vote summary', () => {
  it('gives the ranking as bars, the shortfall line and the examples per option', () => {
    const state = act(workedExample(chooseConfig({ showShortfallNames: true })), [
      [as('p-eve'), choose([1, 'Weekly complaint log'], 2, 3)],
    ]);
    expect(dotVote.summary(state, ctx())).toEqual({
      headline: 'Which sources do you use?: “Complaints” first with 4 votes',
      blocks: [
        {
          type: 'bars',
          labels: ['Complaints', 'Survey cards', 'CSI', 'Letters'],
          values: [4, 3, 2, 1],
          unit: 'votes',
        },
        { type: 'text', text: '5 people voted.' },
        { type: 'text', text: `2 of 5 voters (40%) chose fewer than 3: ${BEN.name}, ${DEE.name}.` },
        { type: 'list', title: 'Examples: Complaints', items: ['Weekly complaint log (×2)'] },
        { type: 'list', title: 'Examples: CSI', items: ['Quarterly CSI report'] },
      ],
    });
  });

  it('counts dots and leaves out the shortfall when spreading dots', () => {
    const state = act(init(dotsConfig()), [
      [as(ANA.id), spend([0, 3], [1, 2])],
      [as(BEN.id), spend([1, 3], [2, 1])],
    ]);
    expect(dotVote.summary(state, ctx())).toEqual({
      headline: 'Which sources do you use?: “Friendliness” first with 5 dots',
      blocks: [
        {
          type: 'bars',
          labels: ['Friendliness', 'Speed', 'Price'],
          values: [5, 3, 1],
          unit: 'dots',
        },
        { type: 'text', text: '2 people voted.' },
      ],
    });
  });

  it('says nobody voted when there are no votes', () => {
    expect(dotVote.summary(init(), ctx()).headline).toBe('Which sources do you use?: no votes');
  });

  it('asks about the minimum rule in the action plan prompt when there is one', () => {
    expect(dotVote.actionPlanPrompt(chooseConfig())).toBe(
      '“Which sources do you use?”: the rule is at least 3. Which one will I add or use more in my own team, and what is my first step?',
    );
    expect(dotVote.actionPlanPrompt(dotsConfig())).toBe(
      'Of the options the room put first in “Which sources do you use?”, which one will I act on in my own work, and what is my first step?',
    );
  });
});

describe('dot vote presets', () => {
  it('lists the nine listening sources with the rule "at least three"', () => {
    const { config } = dotVotePresets.listeningSources;
    expect(config.options.map((o) => o.label)).toEqual([
      'Letters',
      'Focus groups',
      'Complaints',
      'One-on-ones',
      'Survey cards',
      'Market research',
      'Loyalty and defection rates',
      'Panel groups',
      'CSI',
    ]);
    expect(config.rule).toEqual({ mode: 'choose', min: 3, max: 9 });
    expect(config.showShortfallNames).toBe(false);
  });

  it('describes each of the seven sins and asks for an example of each, anonymously', () => {
    const { config } = dotVotePresets.sevenSins;
    expect(config.options.map((o) => o.label)).toEqual([
      'Apathy',
      'Brush-off',
      'Coldness',
      'Condescension',
      'Robotism',
      'Rule book',
      'Runaround',
    ]);
    expect(config.options.every((o) => o.description.length > 0)).toBe(true);
    expect(config.exampleMode).toBe('required');
    expect(config.isAnonymous).toBe(true);
  });

  it('has a dots preset that spreads a fixed number of dots with a cap', () => {
    expect(dotVotePresets.improveFirst.config.rule).toEqual({
      mode: 'dots',
      dots: 5,
      maxPerOption: 3,
    });
  });
});

describe('dot vote replay', () => {
  const ROUND = 'dv';
  const spec: RoundSpec = { id: ROUND, kind: 'dotVote', title: 'Sources', config: chooseConfig() };

  const roundAct = (action: Action): SessionCommand => ({
    type: 'round.act',
    roundId: ROUND,
    action,
  });

  it('rebuilds the same ballots, example ids and views when the log is replayed', () => {
    const live = recordedSession([spec], ['Ana', 'Ben', 'Cai']);
    const [ana = '', ben = '', cai = ''] = live.ids;
    const by = (id: string, action: Action) => live.must(roundAct(action), participant(id));
    by(ana, choose(0, [1, 'Weekly complaint log'], 2));
    by(ben, choose([1, 'Angry letters go to legal']));
    by(cai, choose(1, 2, 3));
    by(ben, choose([1, 'Angry letters go to legal'], 3));

    const roundState = () => live.state.rounds[ROUND]?.state as DotVoteState;
    const hideId = idOf(roundState(), 'Angry letters go to legal');
    expect(
      refusal(live.state, roundAct(choose(0, 0)), { role: 'participant', participantId: cai }).code,
    ).toBe('INVALID_ACTION');
    live.must(
      roundAct({ type: 'hideExample', exampleId: hideId, isHidden: true }),
      SESSION_FACILITATOR,
    );
    live.must(roundAct({ type: 'focus', option: 1 }), SESSION_FACILITATOR);
    live.must({ type: 'round.reveal' }, SESSION_FACILITATOR);

    expect(tallyDotVote(roundState()).counts).toEqual([1, 3, 2, 2]);
    const replayed = replay(live.log);
    expect(replayed).toEqual(live.state);
    const half = Math.floor(live.log.length / 2);
    expect(replay(live.log.slice(half), replay(live.log.slice(0, half)))).toEqual(live.state);
    expect(sessionPublicView(replayed, 0)).toEqual(sessionPublicView(live.state, 0));
  });
});
