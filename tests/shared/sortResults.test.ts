/**
 * The sort exercise: config bounds with readable messages, placing statements, refusals that
 * change nothing, the spread and scores worked out by hand, privacy of every view, the
 * summary blocks, the presets, and a replay of a session's log.
 *
 * This file covers the spread and scores worked out by hand, the summary, the privacy of every view, the presets and replay; the other sort*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import {
  replay,
  participantPublicView as sessionPublicView,
  type RoundSpec,
  type SessionCommand,
} from '@playfield/shared';
import {
  mostDivided,
  scoreSpread,
  sort,
  sortScore,
  tallySort,
  type SortState,
} from '@playfield/shared/exercises/sort/index';
import { sortPresets } from '@playfield/shared/exercises/sort/presets';
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
  CAI,
  PEOPLE,
  FAC,
  ctx,
  config,
  init,
  act,
  place,
  sorted,
  workedExample,
} from './sortFixtures.ts';

describe('sort results', () => {
  it('tallies the spread, agreement and share as expected per statement', () => {
    const results = tallySort(workedExample());
    expect(results.items).toEqual([
      { counts: [3, 1], placed: 4, answer: 0, correctShare: 0.75, agreement: 0.75 },
      { counts: [1, 2], placed: 3, answer: 1, correctShare: 2 / 3, agreement: 2 / 3 },
      { counts: [1, 1], placed: 2, answer: null, correctShare: null, agreement: 0.5 },
    ]);
    expect(results.respondents).toBe(4);
    expect(results.finished).toBe(2);
    expect(results.averageCorrectShare).toBeCloseTo(5 / 7, 12);
  });

  it('scores each participant against the statements that have an expected category', () => {
    const state = workedExample();
    expect(PEOPLE.map((p) => sortScore(state, p.id))).toEqual([
      { correct: 2, scorable: 2 },
      { correct: 1, scorable: 2 },
      { correct: 1, scorable: 2 },
      { correct: 1, scorable: 2 },
    ]);
    expect(sortScore(state, 'nobody')).toEqual({ correct: 0, scorable: 2 });
  });

  it('counts how many people got each score', () => {
    expect(scoreSpread(workedExample())).toEqual([0, 3, 1]);
  });

  it('has no score spread when no statement has an expected category', () => {
    const state = sorted(init({ items: [{ text: 'Only', answer: null }] }), [[ANA.id, [1]]]);
    expect(scoreSpread(state)).toEqual([]);
    expect(tallySort(state).averageCorrectShare).toBeNull();
  });

  it('lists the statements the room disagreed on most, lowest agreement first', () => {
    expect(mostDivided(tallySort(workedExample()), 3)).toEqual([2, 1, 0]);
    expect(mostDivided(tallySort(workedExample()), 1)).toEqual([2]);
  });

  it('leaves out statements everyone agreed on or nobody sorted when listing disagreements', () => {
    const state = sorted(init(), [
      [ANA.id, [0, 1, null]],
      [BEN.id, [0, 0, null]],
    ]);
    expect(mostDivided(tallySort(state), 3)).toEqual([1]);
  });

  it('returns zeros and no shares when nobody sorted', () => {
    expect(tallySort(init())).toEqual({
      items: [
        { counts: [0, 0], placed: 0, answer: 0, correctShare: null, agreement: null },
        { counts: [0, 0], placed: 0, answer: 1, correctShare: null, agreement: null },
        { counts: [0, 0], placed: 0, answer: null, correctShare: null, agreement: null },
      ],
      respondents: 0,
      finished: 0,
      averageCorrectShare: null,
    });
  });

  it('counts everyone who placed something as submitted', () => {
    expect(sort.submittedCount(init())).toBe(0);
    expect(sort.submittedCount(workedExample())).toBe(4);
  });
});

describe('sort summary', () => {
  it('gives a table with spread and right answer, bars of % as expected and the disagreements', () => {
    expect(sort.summary(workedExample(), ctx())).toEqual({
      headline: 'Product or service?: 4 people sorted 3 statements; 71% of answers as expected',
      blocks: [
        {
          type: 'table',
          columns: ['Statement', 'Product', 'Service', 'Expected', 'Sorted as expected'],
          rows: [
            ['Samples sent out', '3 (75%)', '1 (25%)', '✓ Product', '75%'],
            ['Produced with the customer present', '1 (33%)', '2 (67%)', '✓ Service', '67%'],
            ['Priced per hour', '1 (50%)', '1 (50%)', 'none', '–'],
          ],
        },
        {
          type: 'bars',
          labels: ['Samples sent out', 'Produced with the customer present'],
          values: [75, 67],
          unit: '% sorted as expected',
        },
        {
          type: 'list',
          title: 'Where the room disagreed most',
          items: [
            '“Priced per hour”: 1 Product, 1 Service',
            '“Produced with the customer present”: 1 Product, 2 Service',
            '“Samples sent out”: 3 Product, 1 Service',
          ],
        },
        { type: 'text', text: '4 people sorted; 2 sorted every statement.' },
      ],
    });
  });

  it('drops the expected columns and bars when no statement has a right answer', () => {
    const state = sorted(init({ items: [{ text: 'Only', answer: null }] }), [[ANA.id, [1]]]);
    const summary = sort.summary(state, ctx());
    expect(summary.headline).toBe('Product or service?: 1 person sorted 1 statements');
    expect(summary.blocks).toEqual([
      {
        type: 'table',
        columns: ['Statement', 'Product', 'Service'],
        rows: [['Only', '0 (0%)', '1 (100%)']],
      },
      { type: 'text', text: '1 person sorted; 1 sorted every statement.' },
    ]);
  });

  it('shortens long statements in the bars labels only', () => {
    const long = 'A statement that goes on and on about the service the customer receives today';
    const state = sorted(init({ items: [{ text: long, answer: 0 }] }), [[ANA.id, [0]]]);
    const bars = sort.summary(state, ctx()).blocks.find((b) => b.type === 'bars');
    expect(bars).toMatchObject({ labels: [`${long.slice(0, 57)}…`], values: [100] });
  });

  it('asks a concrete question that names the prompt in the action plan prompt', () => {
    expect(sort.actionPlanPrompt(config())).toBe(
      'Take the statement from “Product or service?” that the room disagreed on most: what will I do differently in my own work because of it, and what is my first step?',
    );
  });
});

describe('sort views', () => {
  it('keeps the expected categories off the phones until the reveal', () => {
    const state = workedExample();
    expect(sort.participantPublicView(state, ctx())).toEqual({
      prompt: 'Product or service?',
      categories: ['Product', 'Service'],
      items: ['Samples sent out', 'Produced with the customer present', 'Priced per hour'],
      hasAnswers: true,
      results: null,
    });
  });

  it('leaves the phones’ shared view unchanged when someone places a statement before the reveal', () => {
    const before = sort.participantPublicView(init(), ctx());
    const after = sort.participantPublicView(workedExample(), ctx());
    expect(after).toEqual(before);
  });

  it('shows the room’s results to every phone once revealed', () => {
    const shown = ctx({ isRevealed: true });
    expect(sort.participantPublicView(workedExample(), shown).results).toEqual(
      tallySort(workedExample()),
    );
  });

  it.each([false, true])(
    'never puts a name or id in the facilitator, public or screen views (revealed: %s)',
    (isRevealed) => {
      const state = act(workedExample(), [[FAC, { type: 'focus', item: 0 }]]);
      const context = ctx({ isRevealed });
      const views = {
        facilitator: sort.facilitatorView(state, context),
        participantPublic: sort.participantPublicView(state, context),
        screen: sort.screenView(state, context),
        summary: sort.summary(state, context),
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

  it('shows a participant their own placements, and their score only once revealed', () => {
    const state = workedExample();
    expect(sort.participantOwnView(state, CAI.id, ctx())).toEqual({
      placements: [1, 1, null],
      score: null,
    });
    expect(sort.participantOwnView(state, CAI.id, ctx({ isRevealed: true }))).toEqual({
      placements: [1, 1, null],
      score: { correct: 1, scorable: 2 },
    });
  });

  it('gives someone who never sorted an all-unsorted own view', () => {
    expect(sort.participantOwnView(workedExample(), '', ctx({ isRevealed: true }))).toEqual({
      placements: [null, null, null],
      score: { correct: 0, scorable: 2 },
    });
  });

  it('gives no score when no statement has an expected category', () => {
    const state = sorted(init({ items: [{ text: 'Only', answer: null }] }), [[ANA.id, [1]]]);
    expect(sort.participantOwnView(state, ANA.id, ctx({ isRevealed: true })).score).toBeNull();
  });

  it('shows progress and the focused statement without its result on the screen before the reveal', () => {
    const state = act(workedExample(), [[FAC, { type: 'focus', item: 1 }]]);
    expect(sort.screenView(state, ctx())).toEqual({
      prompt: 'Product or service?',
      categories: ['Product', 'Service'],
      itemCount: 3,
      respondents: 4,
      finished: 2,
      focus: { index: 1, text: 'Produced with the customer present', result: null },
      results: null,
    });
  });

  it('shows every statement’s result and the focused one’s spread on the screen after the reveal', () => {
    const state = act(workedExample(), [[FAC, { type: 'focus', item: 1 }]]);
    const view = sort.screenView(state, ctx({ isRevealed: true }));
    expect(view.focus).toEqual({
      index: 1,
      text: 'Produced with the customer present',
      result: { counts: [1, 2], placed: 3, answer: 1, correctShare: 2 / 3, agreement: 2 / 3 },
    });
    expect(view.results?.items.map((i) => [i.text, i.correctShare])).toEqual([
      ['Samples sent out', 0.75],
      ['Produced with the customer present', 2 / 3],
      ['Priced per hour', null],
    ]);
    expect(view.results?.averageCorrectShare).toBeCloseTo(5 / 7, 12);
    expect(view.results?.divided).toEqual([2, 1, 0]);
  });

  it('gives the facilitator the expected categories, live results and score spread', () => {
    const view = sort.facilitatorView(workedExample(), ctx());
    expect(view.items).toEqual(config().items);
    expect(view.results.items.map((i) => i.counts)).toEqual([
      [3, 1],
      [1, 2],
      [1, 1],
    ]);
    expect(view.scoreSpread).toEqual([0, 3, 1]);
    expect(view.isRevealed).toBe(false);
  });
});

describe('sort presets', () => {
  it('uses the deck’s product and service statements with the expected side for each', () => {
    const { config: preset } = sortPresets.productOrService;
    expect(preset.categories).toEqual(['Product performance', 'Service performance']);
    const side = (answer: number) =>
      preset.items.filter((i) => i.answer === answer).map((i) => i.text);
    expect(side(0)).toContain('Tangible, stackable, weighable');
    expect(side(0)).toContain('Produced in the customer’s absence');
    expect(side(1)).toContain('Produced with the customer present');
    expect(side(1)).toContain('The receiver’s quality standards prevail');
    expect(preset.items.every((i) => i.answer !== null)).toBe(true);
  });

  it('sorts the executives’ first answers as internal tactical measures', () => {
    const { config: preset } = sortPresets.tacticalOrStrategic;
    const tactical = preset.items.filter((i) => i.answer === 0).map((i) => i.text);
    expect(tactical).toEqual(
      expect.arrayContaining(['Line fill', 'Case fill', 'Answering the phone in 30 seconds']),
    );
    expect(preset.items.filter((i) => i.answer === 1).length).toBeGreaterThan(3);
  });
});

describe('sort replay', () => {
  const ROUND = 'srt';
  const spec: RoundSpec = { id: ROUND, kind: 'sort', title: 'Warm-up sort', config: config() };

  const roundAct = (action: Action): SessionCommand => ({
    type: 'round.act',
    roundId: ROUND,
    action,
  });

  it('rebuilds the same state and views when the log of a whole round is replayed', () => {
    const live = recordedSession([spec], ['Ana', 'Ben', 'Cai']);
    const [ana = '', ben = '', cai = ''] = live.ids;
    const by = (id: string, action: Action) => live.must(roundAct(action), participant(id));
    by(ana, place(0, 0));
    by(ben, place(0, 1));
    by(ana, place(1, 1));
    by(cai, place(2, 0));
    by(ben, place(0, 0));

    // A refused placement leaves the session exactly as it was.
    const error = refusal(live.state, roundAct(place(0, 2)), {
      role: 'participant',
      participantId: cai,
    });
    expect(error.code).toBe('INVALID_ACTION');

    live.must(roundAct({ type: 'focus', item: 1 }), SESSION_FACILITATOR);
    live.must({ type: 'round.lock' }, SESSION_FACILITATOR);
    live.must({ type: 'round.reveal' }, SESSION_FACILITATOR);

    const roundState = live.state.rounds[ROUND]?.state as SortState;
    expect(roundState.placements).toEqual({
      [ana]: [0, 1, null],
      [ben]: [0, null, null],
      [cai]: [null, null, 0],
    });
    expect(roundState.focus).toBe(1);

    const replayed = replay(live.log);
    expect(replayed).toEqual(live.state);
    const half = Math.floor(live.log.length / 2);
    expect(replay(live.log.slice(half), replay(live.log.slice(0, half)))).toEqual(live.state);
    expect(sessionPublicView(replayed, 0)).toEqual(sessionPublicView(live.state, 0));
  });
});
