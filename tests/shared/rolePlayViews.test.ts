/**
 * The role-play as an exercise: config bounds and presets, the group-forming rule for
 * every head count, roles and their rotation, newcomers, who may score, the room's step
 * statistics against hand-worked values, what each audience may see, the summary, and a
 * replay of a whole session's log.
 *
 * This file covers the step statistics against hand-worked values and what each audience may see; the other rolePlay*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { rolePlay } from '@playfield/shared/exercises/rolePlay/index';
import { rolePlayResults } from '@playfield/shared/exercises/rolePlay/stats';
import {
  FAC,
  as,
  PEOPLE,
  GONE,
  ctx,
  config,
  init,
  act,
  scorerOf,
  scoreCard,
} from './rolePlayFixtures.ts';

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
