/**
 * "Expected vs actual" as an exercise: config bounds with readable messages, the reducer
 * (each rating a separate, changeable answer), refusals that change nothing, the gap
 * statistics against hand-worked values, privacy of every view, the summary, and a replay
 * of the session's log.
 *
 * This file covers the gap statistics against hand-worked values, the privacy of every view, the summary and replay; the other gapRating*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { replay, type RoundSpec } from '@playfield/shared';
import {
  formatGap,
  gapRating,
  gapResults,
  type GapRatingState,
} from '@playfield/shared/exercises/gapRating/index';
import { gapProgress, gapStats, sampleSd } from '@playfield/shared/exercises/gapRating/stats';
import { FACILITATOR as SESSION_FACILITATOR, run, recordedSession } from './sessionHarness.ts';
import {
  type Action,
  ANA,
  CAI,
  PEOPLE,
  as,
  ctx,
  config,
  init,
  act,
  rate,
  handWorked,
} from './gapRatingFixtures.ts';

describe('gap statistics', () => {
  it('computes means, gaps and the sample standard deviation when worked by hand', () => {
    const [speed, price] = gapStats(['Speed', 'Price'], Object.values(handWorked().ratings));

    // Speed: expected 6, 7, 5 -> 6; actual 4, 4, 5, 2 -> 3.75; gaps -2, -3, 0 -> -5/3.
    expect(speed?.expected).toEqual({ mean: 6, n: 3 });
    expect(speed?.actual).toEqual({ mean: 3.75, n: 4 });
    expect(speed?.gap.mean).toBeCloseTo(-5 / 3, 12);
    // Deviations -1/3, -4/3, 5/3: squares sum to 42/9 = 14/3; over n - 1 = 2 gives 7/3.
    expect(speed?.gap.sd).toBeCloseTo(Math.sqrt(7 / 3), 12);
    expect(speed?.gap.sd).toBeCloseTo(1.5275, 4);
    expect(speed?.gap).toMatchObject({ min: -3, max: 0, n: 3 });
    expect(speed?.isSatisfied).toBe(false);
    // The mean gap is not the difference of the means (3.75 - 6 = -2.25): Dee rated one side.
    expect(speed?.gap.mean).not.toBeCloseTo(-2.25, 2);

    // Price: expected 5, 3, 4 -> 4; actual 5, 6 -> 5.5; gaps 0, +3 -> 1.5, sd sqrt(4.5).
    expect(price?.expected).toEqual({ mean: 4, n: 3 });
    expect(price?.actual).toEqual({ mean: 5.5, n: 2 });
    expect(price?.gap).toEqual({ mean: 1.5, sd: Math.sqrt(4.5), min: 0, max: 3, n: 2 });
    expect(price?.isSatisfied).toBe(true);
  });

  it('counts a gap of exactly zero as satisfied', () => {
    const [only] = gapStats(['Speed'], [{ expected: [4], actual: [4] }]);
    expect(only?.gap).toEqual({ mean: 0, sd: null, min: 0, max: 0, n: 1 });
    expect(only?.isSatisfied).toBe(true);
  });

  it('leaves the gap, spread and verdict empty when nobody rated both sides', () => {
    const [only] = gapStats(['Speed'], [{ expected: [4], actual: [null] }]);
    expect(only).toEqual({
      measure: 'Speed',
      expected: { mean: 4, n: 1 },
      actual: { mean: null, n: 0 },
      gap: { mean: null, sd: null, min: null, max: null, n: 0 },
      isSatisfied: null,
    });
  });

  it('uses the n - 1 divisor in sampleSd, not the population one', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: population sd 2, sample sd sqrt(32 / 7).
    expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(sampleSd([3])).toBeNull();
    expect(sampleSd([])).toBeNull();
  });

  it('counts respondents, completions and ratings given when worked by hand', () => {
    // Ana and Ben gave 4 of 4, Cai 3, Dee 1: 12 ratings of the 16 the four could give.
    expect(gapProgress(2, Object.values(handWorked().ratings))).toEqual({
      respondents: 4,
      completed: 2,
      ratings: 12,
      possible: 16,
    });
  });

  it('rounds figures to two decimals in the results', () => {
    expect(gapResults(handWorked())).toEqual({
      respondents: 4,
      measures: [
        {
          measure: 'Speed',
          expected: 6,
          actual: 3.75,
          gap: -1.67,
          sd: 1.53,
          min: -3,
          max: 0,
          n: 3,
          isSatisfied: false,
        },
        {
          measure: 'Price',
          expected: 4,
          actual: 5.5,
          gap: 1.5,
          sd: 2.12,
          min: 0,
          max: 3,
          n: 2,
          isSatisfied: true,
        },
      ],
    });
  });

  it('writes gaps with their sign', () => {
    expect([formatGap(1.5), formatGap(-1.666), formatGap(0)]).toEqual(['+1.5', '-1.67', '0']);
  });
});

describe('gapRating views', () => {
  const secrets = PEOPLE.flatMap((p) => [p.id, p.name]);

  it('shows the facilitator live progress and figures before the reveal', () => {
    const view = gapRating.facilitatorView(handWorked(), ctx());
    expect(view.progress).toEqual({ respondents: 4, completed: 2, ratings: 12, possible: 16 });
    expect(view.results.measures[0]?.gap).toBe(-1.67);
  });

  it('keeps the public and screen results back until the reveal', () => {
    const state = handWorked();
    expect(gapRating.participantPublicView(state, ctx()).results).toBeNull();
    expect(gapRating.screenView(state, ctx()).results).toBeNull();
    expect(gapRating.screenView(state, ctx()).progress).toEqual({ respondents: 4, completed: 2 });

    const shown = ctx({ isRevealed: true });
    expect(gapRating.participantPublicView(state, shown).results).toEqual(gapResults(state));
    expect(gapRating.screenView(state, shown).results).toEqual(gapResults(state));
  });

  it('does not change the public view when someone rates before the reveal', () => {
    const before = JSON.stringify(gapRating.participantPublicView(init(), ctx()));
    const after = JSON.stringify(gapRating.participantPublicView(handWorked(), ctx()));
    expect(after).toBe(before);
  });

  it('shows a participant only their own ratings in the own view', () => {
    const state = handWorked();
    expect(gapRating.participantOwnView(state, CAI.id, ctx())).toEqual({
      expected: [5, 4],
      actual: [5, null],
    });
    expect(gapRating.participantOwnView(state, 'nobody', ctx())).toEqual({
      expected: [null, null],
      actual: [null, null],
    });
  });

  it.each([false, true])(
    'never names or identifies a participant in a shared view (revealed: %s)',
    (isRevealed) => {
      const state = handWorked();
      const context = ctx({ isRevealed });
      const views = {
        facilitator: gapRating.facilitatorView(state, context),
        participantPublic: gapRating.participantPublicView(state, context),
        screen: gapRating.screenView(state, context),
        summary: gapRating.summary(state, context),
      };
      for (const [audience, view] of Object.entries(views)) {
        const json = JSON.stringify(view);
        for (const secret of secrets)
          expect(json, `${audience} leaks ${secret}`).not.toContain(secret);
      }
    },
  );
});

describe('gapRating summary', () => {
  it('writes the gaps as bars and the full table when people rated', () => {
    const summary = gapRating.summary(handWorked(), ctx());
    expect(summary.headline).toBe(
      'Expected vs actual: 1 of 2 measures meet expectations; the widest gap is Speed (-1.67)',
    );
    expect(summary.blocks[0]).toEqual({
      type: 'bars',
      labels: ['Speed', 'Price'],
      values: [-1.67, 1.5],
      unit: 'gap (actual minus expected)',
    });
    expect(summary.blocks[1]).toEqual({
      type: 'table',
      columns: ['Measure', 'Expected', 'Actual', 'Gap', 'Spread (SD)', 'Satisfied?'],
      rows: [
        ['Speed', '6.0', '3.8', '-1.67', '1.53', 'No'],
        ['Price', '4.0', '5.5', '+1.5', '2.12', 'Yes'],
      ],
    });
    expect(summary.blocks[2]).toMatchObject({ type: 'text' });
    expect(JSON.stringify(summary.blocks[2])).toMatch(
      /4 people rated on a scale of 1 \(Very poor\)/,
    );
  });

  it('leaves unrated measures out of the bars but in the table when a measure has no gap', () => {
    const state = act(init({ measures: ['Speed', 'Price', 'Parking'] }), [
      [as(ANA.id), rate(0, 'expected', 3)],
      [as(ANA.id), rate(0, 'actual', 5)],
    ]);
    const summary = gapRating.summary(state, ctx());
    expect(summary.headline).toBe('Expected vs actual: 1 of 1 measures meet expectations');
    expect(summary.blocks[0]).toMatchObject({ labels: ['Speed'], values: [2] });
    expect(summary.blocks[1]).toMatchObject({
      rows: [
        ['Speed', '3.0', '5.0', '+2', '-', 'Yes'],
        ['Price', '-', '-', '-', '-', '-'],
        ['Parking', '-', '-', '-', '-', '-'],
      ],
    });
  });

  it('says nobody rated when the round is empty', () => {
    expect(gapRating.summary(init(), ctx()).headline).toBe(
      'Expected vs actual: nobody rated both sides of a measure',
    );
  });

  it('asks a concrete question for the action plan', () => {
    expect(gapRating.actionPlanPrompt(config())).toMatch(/what one thing will I do/);
  });
});

describe('gapRating replay', () => {
  const ROUND = 'gap';
  const spec: RoundSpec = {
    id: ROUND,
    kind: 'gapRating',
    title: 'Expected vs actual',
    config: config(),
  };

  it('gives the same state and results when the session log is replayed', () => {
    const live = recordedSession([spec], ['Ana', 'Ben', 'Cai']);
    const { ids, must } = live;
    const by = (i: number, action: Action) =>
      must(
        { type: 'round.act', roundId: ROUND, action },
        { role: 'participant', participantId: ids[i] ?? '' },
      );
    by(0, rate(0, 'expected', 6));
    by(0, rate(0, 'actual', 3));
    by(1, rate(0, 'expected', 5));
    by(1, rate(0, 'actual', 6));
    by(1, rate(1, 'expected', 2));
    by(2, rate(1, 'actual', 4));
    by(0, rate(0, 'actual', 4));
    by(2, { type: 'unrate', measure: 1, side: 'actual' });
    must({ type: 'round.lock' }, SESSION_FACILITATOR);
    // Refused after the lock: not logged, so the replay must not see it either.
    expect(
      run(
        live.state,
        { type: 'round.act', roundId: ROUND, action: rate(1, 'actual', 1) },
        {
          role: 'participant',
          participantId: ids[1] ?? '',
        },
      ).result.ok,
    ).toBe(false);
    must({ type: 'round.reveal' }, SESSION_FACILITATOR);

    const replayed = replay(live.log);
    expect(replayed).toEqual(live.state);
    const roundState = replayed.rounds[ROUND]?.state as GapRatingState;
    expect(Object.keys(roundState.ratings)).toHaveLength(2);
    expect(gapResults(roundState).measures[0]).toMatchObject({ gap: -0.5, n: 2, sd: 2.12 });
  });
});
