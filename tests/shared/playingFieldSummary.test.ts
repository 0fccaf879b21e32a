/**
 * Define the Playing Field as an exercise: config bounds, placing, locking and revealing,
 * the rigid-to-flexible tests, the map, the aggregates (worked by hand), the privacy of
 * every view, the summary, and a replay of a whole round's log.
 *
 * This file covers the summary and a replay of a whole round's log; the other playingField*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import {
  replay,
  participantPublicView as sessionPublicView,
  screenView as sessionScreenView,
  type CommandActor,
  type EventEnvelope,
  type RoundSpec,
  type SessionCommand,
  type SessionState,
} from '@playfield/shared';
import {
  playingField,
  type PlayingFieldState,
  type Zone,
} from '@playfield/shared/exercises/playingField/index';
import { TEST_QUESTION_IDS } from '@playfield/shared/exercises/playingField/model';
import { FACILITATOR as SESSION_FACILITATOR, createSession, run } from './sessionHarness.ts';
import {
  type Action,
  FAC,
  as,
  ANA,
  BEN,
  CAI,
  ctx,
  DECK,
  config,
  init,
  step,
  place,
  workedRoom,
} from './playingFieldFixtures.ts';

describe('summary', () => {
  function mappedRoom() {
    let s = workedRoom();
    s = step(s, FAC, { type: 'test.open', cardId: 'b' });
    for (const who of [ANA, BEN, CAI])
      for (const q of TEST_QUESTION_IDS)
        s = step(s, as(who), { type: 'test.answer', cardId: 'b', question: q, answer: true });
    s = step(s, FAC, { type: 'map.set', cardId: 'd', zone: 'escalate', guideline: '' });
    s = step(s, FAC, {
      type: 'map.set',
      cardId: 'b',
      zone: 'guideline',
      guideline: 'Once a year per customer',
    });
    return step(s, FAC, { type: 'map.set', cardId: 'a', zone: 'spot', guideline: 'Up to €100' });
  }

  it('has the playing field map as a table, one row per card in zone order', () => {
    const summary = playingField.summary(mappedRoom(), ctx());
    const table = summary.blocks.find((b) => b.type === 'table');

    expect(table).toEqual({
      type: 'table',
      columns: ['Card', 'Amount or risk', 'Zone', 'Guideline'],
      rows: [
        ['Refund past the return window', '€85', 'On the spot', 'Up to €100'],
        ['Waive a late fee', '€25', 'Within a guideline', 'Once a year per customer'],
        ['Give account details to a third party', 'Data protection risk', 'Escalate', '—'],
        ['Free rush delivery', '—', 'Not decided', '—'],
        ['Large credit after an outage', '€400', 'Not decided', '—'],
      ],
    });
    expect(summary.blocks[0]).toEqual({
      type: 'text',
      text: 'Playing field map: where the team handles each routine deviation, and the guideline that goes with it (3 of 5 cards decided).',
    });
  });

  it('exports the map alone as the one-page policy, without the room’s statistics', () => {
    const room = mappedRoom();
    const policy = playingField.policy?.(room, ctx());
    const table = playingField.summary(room, ctx()).blocks.find((b) => b.type === 'table');

    expect(policy?.headline).toBe('Our playing field');
    expect(policy?.blocks).toHaveLength(2);
    expect(policy?.blocks[1]).toEqual(table);
    expect(JSON.stringify(policy)).not.toMatch(/kappa/i);
  });

  it('states the agreement, the most contested cards and the tests’ tallies', () => {
    const summary = playingField.summary(mappedRoom(), ctx());

    expect(summary.headline).toBe(
      'Playing field: 1 on the spot, 1 within a guideline, 1 escalate; κ = 0.20 (slight agreement)',
    );
    expect(summary.blocks).toContainEqual({
      type: 'text',
      text: 'Agreement: Fleiss’ kappa over 4 cards placed by 5 people is 0.20 (slight agreement); observed agreement 50 %, expected by chance 38 %.',
    });
    expect(summary.blocks).toContainEqual({
      type: 'bars',
      labels: ['On the spot', 'Within a guideline', 'Escalate'],
      values: [5, 4, 8],
      unit: 'placements',
    });
    expect(summary.blocks).toContainEqual({
      type: 'list',
      title: 'Where the room agreed (at least 75 % in one zone)',
      items: [
        'Refund past the return window: On the spot (3 of 4)',
        'Give account details to a third party: Escalate (4 of 4)',
      ],
    });
    expect(summary.blocks).toContainEqual({
      type: 'list',
      title: 'The cards the room disagreed on most',
      items: [
        '1. Waive a late fee: 1 on the spot, 1 within a guideline, 2 escalate (two people agree 17 % of the time)',
        '2. Free rush delivery: 0 on the spot, 2 within a guideline, 2 escalate (two people agree 33 % of the time)',
      ],
    });
    const tests = summary.blocks.find(
      (b) => b.type === 'list' && b.title === 'From rigid to flexible',
    );
    expect(tests).toEqual({
      type: 'list',
      title: 'From rigid to flexible',
      items: [
        'Waive a late fee: Is the decision a rubber stamp? 3 yes, 0 no; Would involving someone else add nothing? 3 yes, 0 no; Can the person reach the information they need? 3 yes, 0 no; Can they learn the criteria? 3 yes, 0 no. 3 answered: widen the field (towards on the spot).',
      ],
    });
  });

  it('says so when nothing is decided and kappa is not defined', () => {
    const summary = playingField.summary(init(), ctx());
    expect(summary.headline).toBe(
      'Playing field: no zones agreed yet; κ not defined yet: no card has two placements',
    );
    expect(summary.blocks).toContainEqual({
      type: 'text',
      text: 'Agreement: Fleiss’ kappa is not defined yet: no card has two placements. 0 people placed cards.',
    });
  });

  it('offers a concrete action-plan prompt', () => {
    expect(playingField.actionPlanPrompt(config())).toMatch(/^Which decision .*\?$/);
  });
});

describe('replay', () => {
  const ROUND = 'pf';
  const spec: RoundSpec = {
    id: ROUND,
    kind: 'playingField',
    title: 'Define the playing field',
    config: config(),
  };

  interface Live {
    state: SessionState;
    log: EventEnvelope[];
  }

  function must(live: Live, command: SessionCommand, actor: CommandActor): Live {
    const stepped = run(live.state, command, actor);
    if (!stepped.result.ok)
      throw new Error(`${JSON.stringify(command)} was refused: ${stepped.result.error.message}`);
    return { state: stepped.state, log: [...live.log, ...stepped.envelopes] };
  }

  it('gives the same state and views when a whole round’s log is replayed', () => {
    let live: Live = createSession([spec]);
    const ids: string[] = [];
    for (const name of ['Ana', 'Ben', 'Cai', 'Dee']) {
      const before = live.log.length;
      live = must(live, { type: 'participant.join', name }, { role: 'system' });
      const event = live.log[before]?.event;
      if (event?.type !== 'participant.joined') throw new Error(`${name} did not join`);
      ids.push(event.participantId);
    }
    const act = (actor: CommandActor, action: Action) => {
      live = must(live, { type: 'round.act', roundId: ROUND, action }, actor);
    };
    const person = (i: number): CommandActor => ({
      role: 'participant',
      participantId: ids[i] ?? '',
    });
    live = must(live, { type: 'session.start' }, SESSION_FACILITATOR);
    const zones: Zone[] = ['spot', 'guideline', 'escalate'];
    ids.forEach((_, i) =>
      DECK.forEach((card, j) => act(person(i), place(card.id, zones[(i + j) % 3] ?? 'spot'))),
    );
    act(person(0), { type: 'unplace', cardId: 'e' });
    live = must(live, { type: 'round.lock' }, SESSION_FACILITATOR);
    // A refused placement leaves no trace in the log.
    const refusedStep = run(
      live.state,
      { type: 'round.act', roundId: ROUND, action: place('a', 'spot') },
      person(1),
    );
    expect(refusedStep.result.ok).toBe(false);
    expect(refusedStep.envelopes).toEqual([]);
    live = must(live, { type: 'round.reveal' }, SESSION_FACILITATOR);
    live = must(live, { type: 'round.open' }, SESSION_FACILITATOR);
    act(SESSION_FACILITATOR, { type: 'test.open', cardId: 'c' });
    ids.forEach((_, i) =>
      TEST_QUESTION_IDS.forEach((q, j) =>
        act(person(i), {
          type: 'test.answer',
          cardId: 'c',
          question: q,
          answer: (i + j) % 2 === 0,
        }),
      ),
    );
    act(SESSION_FACILITATOR, { type: 'test.close' });
    act(SESSION_FACILITATOR, { type: 'phase', phase: 'map' });
    act(SESSION_FACILITATOR, {
      type: 'map.set',
      cardId: 'a',
      zone: 'guideline',
      guideline: 'Up to €100',
    });
    act(SESSION_FACILITATOR, { type: 'map.acceptMajority' });

    const replayed = replay(live.log);
    expect(replayed).toEqual(live.state);
    const half = Math.floor(live.log.length / 2);
    expect(replay(live.log.slice(half), replay(live.log.slice(0, half)))).toEqual(live.state);
    expect(sessionPublicView(replayed, 0)).toEqual(sessionPublicView(live.state, 0));
    expect(sessionScreenView(replayed, new Set(), 0)).toEqual(
      sessionScreenView(live.state, new Set(), 0),
    );
    const round = replayed.rounds[ROUND]?.state as PlayingFieldState;
    expect(Object.keys(round.map)).toHaveLength(5);
    expect(round.placements[ids[0] ?? '']).not.toHaveProperty('e');
  });
});
