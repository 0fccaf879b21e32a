/**
 * The brainstorm as an exercise: config bounds, notes from phones, the facilitator's board
 * (clusters, hiding, merging), dot voting with its limits, the ranking and summary worked
 * out by hand, the privacy of every view, refusals that change nothing, and replay.
 *
 * This file covers anonymity, hidden notes, the room screen and the summary; the other brainstorm*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import {
  brainstorm,
  SCREEN_GROUPS,
  SCREEN_NOTES_PER_GROUP,
  type BrainstormState,
} from '@playfield/shared/exercises/brainstorm/index';
import {
  FAC,
  as,
  ANA,
  BEN,
  CAI,
  DEE,
  NAMES,
  ctx,
  config,
  init,
  step,
  act,
  note,
  phase,
  vote,
  clustered,
  voted,
} from './brainstormFixtures.ts';

describe('views', () => {
  it.each([false, true])(
    'never exposes who wrote a note in any view or the summary when anonymous (revealed: %s)',
    (isRevealed) => {
      const c = ctx({ isRevealed });
      const base = voted();
      const states = {
        collect: clustered(),
        vote: base,
        merged: act(base, [
          [FAC, phase('cluster')],
          [FAC, { type: 'mergeNote', noteId: 'n2', intoNoteId: 'n1' }],
          [FAC, { type: 'hideNote', noteId: 'n3', isHidden: true }],
          [FAC, phase('results')],
        ]),
      };
      for (const [when, s] of Object.entries(states)) {
        const views = {
          facilitator: brainstorm.facilitatorView(s, c),
          public: brainstorm.participantPublicView(s, c),
          screen: brainstorm.screenView(s, c),
          summary: brainstorm.summary(s, c),
          ...Object.fromEntries(
            Object.keys(NAMES).map((id) => [`own ${id}`, brainstorm.participantOwnView(s, id, c)]),
          ),
        };
        for (const [audience, view] of Object.entries(views)) {
          const json = JSON.stringify(view);
          expect(json, `${when}/${audience} has an author field`).not.toContain('"author"');
          for (const [id, name] of Object.entries(NAMES)) {
            expect(json, `${when}/${audience} leaks ${id}`).not.toContain(id);
            expect(json, `${when}/${audience} leaks ${name}`).not.toContain(name);
          }
        }
      }
    },
  );

  it('never lets a hidden note reach the screen, the phones or the summary', () => {
    const secret = 'SECRET rant about a named colleague';
    let s = act(init({ isAnonymous: false }), [
      [as(ANA), note('Same-day delivery')],
      [as(BEN), note(secret)],
      [as(CAI), note('Free returns')],
      [FAC, { type: 'hideNote', noteId: 'n2', isHidden: true }],
      [FAC, { type: 'createCluster', name: 'Speed', noteIds: ['n1'] }],
    ]);
    const shown = ctx({ isRevealed: true });
    const leaks = (state: BrainstormState) =>
      [
        brainstorm.participantPublicView(state, shown),
        brainstorm.screenView(state, shown),
        brainstorm.summary(state, shown),
        ...Object.keys(NAMES).map((id) => brainstorm.participantOwnView(state, id, shown)),
      ].filter((view) => JSON.stringify(view).includes('SECRET'));
    for (const p of ['cluster', 'vote', 'results'] as const) {
      s = step(s, FAC, phase(p));
      expect(leaks(s), p).toEqual([]);
    }
    // The facilitator still has it, to show it again if it was hidden by mistake.
    expect(brainstorm.facilitatorView(s, shown).hidden.map((n) => n.text)).toEqual([secret]);
  });

  it('shows the room screen counts only, until revealed', () => {
    const s = clustered();
    const view = brainstorm.screenView(s, ctx());
    expect(view).toEqual({
      prompt: config().prompt,
      isAnonymous: true,
      tags: [],
      phase: 'cluster',
      dotsPerPerson: 3,
      counts: { notes: 5, authors: 4, voters: 0 },
      tagCounts: null,
      board: null,
      ranking: null,
      moreRanked: 0,
      moreRankedDots: 0,
      boardSpace: 'open',
    });
  });

  it('shows the revealed board on the screen by cluster, with the ungrouped notes last', () => {
    const view = brainstorm.screenView(clustered(), ctx({ isRevealed: true }));
    expect(view.board).toEqual({
      groups: [
        {
          name: 'Speed',
          noteCount: 2,
          notes: [
            { id: 'n1', text: 'Same-day delivery everywhere', tag: null, similar: 0 },
            { id: 'n2', text: 'Next-hour delivery in cities', tag: null, similar: 0 },
          ],
        },
        {
          name: 'Care',
          noteCount: 1,
          notes: [
            { id: 'n4', text: 'A named account manager for every customer', tag: null, similar: 0 },
          ],
        },
        {
          name: null,
          noteCount: 2,
          notes: [
            { id: 'n3', text: 'Free returns forever', tag: null, similar: 0 },
            { id: 'n5', text: 'Price match guarantee', tag: null, similar: 0 },
          ],
        },
      ],
      moreGroups: 0,
    });
  });

  it('cuts the screen board to the busiest groups and the first notes when there are many', () => {
    let s = init({ maxNotesPerPerson: 20 });
    for (let i = 1; i <= 40; i++) s = step(s, as(`p${i % 7}`), note(`Idea ${i}`));
    // Ten clusters of 1 to 4 notes: c1 gets n1, c2 gets n2-n3, ... cycling sizes.
    let next = 1;
    for (let c = 1; c <= 10; c++) {
      const size = (c % 4) + 1;
      const noteIds = Array.from({ length: size }, () => `n${next++}`);
      s = step(s, FAC, { type: 'createCluster', name: `Theme ${c}`, noteIds });
    }
    const view = brainstorm.screenView(s, ctx({ isRevealed: true }));
    const groups = view.board?.groups ?? [];
    expect(groups).toHaveLength(SCREEN_GROUPS);
    for (const g of groups) expect(g.notes.length).toBeLessThanOrEqual(SCREEN_NOTES_PER_GROUP);
    // Sizes 2,3,4,1,2,3,4,1,2,3 use n1-n25; n26-n40 stay ungrouped (15). Of the 11 groups
    // the 6 largest stay, in board order; ties on size go to the earlier group.
    expect(view.board?.moreGroups).toBe(5);
    expect(groups.map((g) => [g.name, g.noteCount])).toEqual([
      ['Theme 2', 3],
      ['Theme 3', 4],
      ['Theme 6', 3],
      ['Theme 7', 4],
      ['Theme 10', 3],
      [null, 15],
    ]);
    expect(groups.at(-1)?.notes.map((n) => n.text)).toEqual(['Idea 26', 'Idea 27', 'Idea 28']);
  });

  it('shows the ranking on the screen in the results phase once revealed', () => {
    const s = step(voted(), FAC, phase('results'));
    expect(brainstorm.screenView(s, ctx()).ranking).toBeNull();
    const view = brainstorm.screenView(s, ctx({ isRevealed: true }));
    expect(view.ranking?.map((r) => r.dots)).toEqual([4, 3, 3, 2]);
    expect(view.counts.voters).toBe(4);
    expect(view.moreRanked).toBe(0);
  });

  it('puts the top six on the screen and sums the rest, so shares are of all dots', () => {
    let s = init({ maxNotesPerPerson: 10, dotsPerPerson: 10, maxDotsPerItem: 8 });
    for (let i = 1; i <= 8; i++) s = step(s, as(ANA), note(`Idea ${i}`));
    s = step(s, FAC, phase('vote'));
    // Idea i gets 9 - i dots: 8, 7, ... 1, from four people with ten dots each.
    s = act(s, [
      [as(BEN), vote('n1', 8)],
      [as(BEN), vote('n7', 2)],
      [as(CAI), vote('n2', 7)],
      [as(CAI), vote('n6', 3)],
      [as(DEE), vote('n3', 6)],
      [as(DEE), vote('n5', 4)],
      [as(ANA), vote('n4', 5)],
      [as(ANA), vote('n8', 1)],
    ]);
    s = step(s, FAC, phase('results'));
    const view = brainstorm.screenView(s, ctx({ isRevealed: true }));
    expect(view.ranking?.map((r) => [r.label, r.dots])).toEqual([
      ['Idea 1', 8],
      ['Idea 2', 7],
      ['Idea 3', 6],
      ['Idea 4', 5],
      ['Idea 5', 4],
      ['Idea 6', 3],
    ]);
    expect([view.moreRanked, view.moreRankedDots]).toEqual([2, 3]);
  });

  it('counts notes per tag on the screen when tags are configured', () => {
    const tags = ['The culture we want', 'The culture we have'];
    const s = act(init({ tags }), [
      [as(ANA), note('A manager drove a part to a customer at night', tags[0])],
      [as(BEN), note('“Not my department”', tags[1])],
      [as(CAI), note('Refunds need three signatures', tags[1])],
    ]);
    expect(brainstorm.screenView(s, ctx({ isRevealed: true })).tagCounts).toEqual([1, 2]);
    expect(brainstorm.screenView(s, ctx()).tagCounts).toBeNull();
  });
});

describe('summary', () => {
  it('ranks the items with bars and a table, and lists each cluster’s notes', () => {
    const summary = brainstorm.summary(voted(), ctx());
    expect(summary.headline).toBe(
      'What could a competitor do that would be your worst nightmare? Top: “Speed” with 4 dots',
    );
    expect(summary.blocks).toEqual([
      {
        type: 'text',
        text: '5 notes from 4 people, 2 clusters; 4 people placed 12 dots (3 dots each, at most 2 on one item).',
      },
      {
        type: 'bars',
        labels: ['Speed', 'Care', 'Free returns forever', 'Price match guarantee'],
        values: [4, 3, 3, 2],
        unit: 'dots',
      },
      {
        type: 'table',
        columns: ['Rank', 'Item', 'Dots', 'Notes'],
        rows: [
          ['1', 'Speed', '4', '2'],
          ['2', 'Care', '3', '1'],
          ['3', 'Free returns forever', '3', '1'],
          ['4', 'Price match guarantee', '2', '1'],
        ],
      },
      {
        type: 'list',
        title: '1. Speed (4 dots)',
        items: ['Same-day delivery everywhere', 'Next-hour delivery in cities'],
      },
      {
        type: 'list',
        title: '2. Care (3 dots)',
        items: ['A named account manager for every customer'],
      },
      {
        type: 'list',
        title: 'Notes in no cluster',
        items: ['Free returns forever', 'Price match guarantee'],
      },
    ]);
  });

  it('counts notes per group instead of dots when nobody voted', () => {
    const summary = brainstorm.summary(clustered(), ctx());
    expect(summary.headline).toBe(
      'What could a competitor do that would be your worst nightmare? 5 notes',
    );
    expect(summary.blocks[0]).toEqual({
      type: 'text',
      text: '5 notes from 4 people, 2 clusters; no dots were placed.',
    });
    expect(summary.blocks[1]).toEqual({
      type: 'bars',
      labels: ['Speed', 'Care', 'Free returns forever', 'Price match guarantee'],
      values: [2, 1, 1, 1],
      unit: 'notes',
    });
  });

  it('adds tags, duplicates and authors to the note lines of a named, tagged brainstorm', () => {
    const tags = ['Better', 'Faster', 'Different'];
    const s = act(init({ tags, isAnonymous: false }), [
      [as(ANA), note('Kim rebooked a stranded family in minutes', 'Faster')],
      [as(BEN), note('Kim rebooked the Lees fast', 'Faster')],
      [as(CAI), note('Sam redesigned the returns form', 'Better')],
      [FAC, { type: 'mergeNote', noteId: 'n2', intoNoteId: 'n1' }],
    ]);
    const summary = brainstorm.summary(s, ctx());
    expect(summary.blocks).toContainEqual({
      type: 'list',
      title: 'Notes in no cluster',
      items: [
        `[Faster] Kim rebooked a stranded family in minutes (+1 similar) (${NAMES[ANA]})`,
        `[Better] Sam redesigned the returns form (${NAMES[CAI]})`,
      ],
    });
    expect(summary.blocks.at(-1)).toEqual({
      type: 'bars',
      labels: tags,
      values: [1, 2, 0],
      unit: 'notes by tag',
    });
  });

  it('asks a concrete question for the action plan', () => {
    expect(brainstorm.actionPlanPrompt(config())).toBe(
      'From what the room ranked highest for “What could a competitor do that would be your worst nightmare?”, which one idea will I act on first, and what is my first step this week?',
    );
  });
});
