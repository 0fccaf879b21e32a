/**
 * The brainstorm as an exercise: config bounds, notes from phones, the facilitator's board
 * (clusters, hiding, merging), dot voting with its limits, the ranking and summary worked
 * out by hand, the privacy of every view, refusals that change nothing, and replay.
 *
 * This file covers the public, participant and facilitator views; the other brainstorm*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { brainstorm, PHONE_NOTES_PER_ITEM } from '@playfield/shared/exercises/brainstorm/index';
import {
  FAC,
  as,
  ANA,
  BEN,
  CAI,
  NAMES,
  ctx,
  config,
  init,
  step,
  act,
  note,
  phase,
  clustered,
  vote,
  voted,
} from './brainstormFixtures.ts';

describe('views', () => {
  it('keeps the public view identical while notes come in, even when revealed', () => {
    const empty = init();
    const before = JSON.stringify(brainstorm.participantPublicView(empty, ctx()));
    const s = act(empty, [
      [as(ANA), note('Same-day delivery')],
      [as(BEN), note('Free returns')],
      [as(ANA), { type: 'editNote', noteId: 'n1', text: 'Same-day delivery!', tag: null }],
    ]);
    for (const c of [ctx(), ctx({ isRevealed: true })]) {
      expect(JSON.stringify(brainstorm.participantPublicView(s, c))).toBe(before);
    }
    expect(brainstorm.participantPublicView(s, ctx())).toEqual({
      prompt: config().prompt,
      isAnonymous: true,
      tags: [],
      maxNotesPerPerson: 3,
      noteLength: 200,
      dotsPerPerson: 3,
      maxDotsPerItem: 2,
      phase: 'collect',
      items: null,
      ranking: null,
      moreRanked: 0,
      boardSpace: 'open',
    });
  });

  it('keeps the public view identical while dots are placed', () => {
    const s = step(clustered(), FAC, phase('vote'));
    const before = JSON.stringify(brainstorm.participantPublicView(s, ctx()));
    expect(JSON.stringify(brainstorm.participantPublicView(voted(), ctx()))).toBe(before);
  });

  it('shows phones the board when the clusters are revealed, and always for the vote', () => {
    const s = clustered();
    expect(brainstorm.participantPublicView(s, ctx()).items).toBeNull();
    const shown = brainstorm.participantPublicView(s, ctx({ isRevealed: true })).items;
    // A lone note is sent as itself: no label repeating its text, no empty tag or count.
    expect(shown).toEqual([
      {
        id: 'c1',
        kind: 'cluster',
        label: 'Speed',
        notes: [
          { id: 'n1', text: 'Same-day delivery everywhere' },
          { id: 'n2', text: 'Next-hour delivery in cities' },
        ],
        noteCount: 2,
      },
      {
        id: 'c2',
        kind: 'cluster',
        label: 'Care',
        notes: [{ id: 'n4', text: 'A named account manager for every customer' }],
        noteCount: 1,
      },
      { id: 'n3', kind: 'note', text: 'Free returns forever' },
      { id: 'n5', kind: 'note', text: 'Price match guarantee' },
    ]);
    const voting = brainstorm.participantPublicView(step(s, FAC, phase('vote')), ctx());
    expect(voting.items).toEqual(shown);
    expect(voting.ranking).toBeNull();
  });

  it('sends phones the first ten notes of a big cluster, with the full count', () => {
    let s = init({ maxNotesPerPerson: 20 });
    for (let i = 1; i <= 14; i++) s = step(s, as(ANA), note(`Idea ${i}`));
    const noteIds = Array.from({ length: 14 }, (_, i) => `n${i + 1}`);
    s = act(s, [
      [FAC, { type: 'createCluster', name: 'Everything', noteIds }],
      [FAC, phase('vote')],
    ]);
    const [item] = brainstorm.participantPublicView(s, ctx()).items ?? [];
    if (item?.kind !== 'cluster') throw new Error('expected the cluster first');
    expect(item.notes.map((n) => n.id)).toEqual(noteIds.slice(0, PHONE_NOTES_PER_ITEM));
    expect(item.noteCount).toBe(14);
  });

  it('gives phones the ranking in the results phase, and no longer the board', () => {
    const s = step(voted(), FAC, phase('results'));
    const view = brainstorm.participantPublicView(s, ctx());
    expect(view.ranking?.map((r) => [r.label, r.dots])).toEqual([
      ['Speed', 4],
      ['Care', 3],
      ['Free returns forever', 3],
      ['Price match guarantee', 2],
    ]);
    expect(view.moreRanked).toBe(0);
    expect(view.items).toBeNull();
  });

  it('shows a participant only their own notes, notes left and dots left', () => {
    const s = voted();
    expect(brainstorm.participantOwnView(s, ANA, ctx())).toEqual({
      notes: [
        { id: 'n1', text: 'Same-day delivery everywhere', tag: null, isMerged: false },
        { id: 'n5', text: 'Price match guarantee', tag: null, isMerged: false },
      ],
      setAside: 0,
      notesLeft: 1,
      dots: { c1: 2, n3: 1 },
      dotsLeft: 0,
    });
    // The blank view phones assume before they have done anything.
    expect(brainstorm.participantOwnView(s, '', ctx())).toEqual({
      notes: [],
      setAside: 0,
      notesLeft: 3,
      dots: {},
      dotsLeft: 3,
    });
  });

  it('tells an author their note was merged, and only counts a hidden one', () => {
    const s = act(clustered(), [
      [FAC, { type: 'mergeNote', noteId: 'n2', intoNoteId: 'n1' }],
      [FAC, { type: 'hideNote', noteId: 'n5', isHidden: true }],
    ]);
    expect(brainstorm.participantOwnView(s, BEN, ctx()).notes).toEqual([
      { id: 'n2', text: 'Next-hour delivery in cities', tag: null, isMerged: true },
    ]);
    expect(brainstorm.participantOwnView(s, ANA, ctx())).toMatchObject({
      notes: [{ id: 'n1' }],
      setAside: 1,
      notesLeft: 1,
    });
  });

  it('shows the facilitator the whole board with hidden notes and live dots', () => {
    const s = act(voted(), [
      [FAC, phase('cluster')],
      [FAC, { type: 'mergeNote', noteId: 'n2', intoNoteId: 'n1' }],
      [FAC, { type: 'hideNote', noteId: 'n5', isHidden: true }],
      [FAC, phase('vote')],
    ]);
    const view = brainstorm.facilitatorView(s, ctx());
    expect(view.clusters).toEqual([
      {
        id: 'c1',
        name: 'Speed',
        notes: [
          {
            id: 'n1',
            text: 'Same-day delivery everywhere',
            tag: null,
            absorbed: [{ id: 'n2', text: 'Next-hour delivery in cities', tag: null }],
          },
        ],
        noteCount: 2,
      },
      {
        id: 'c2',
        name: 'Care',
        notes: [
          { id: 'n4', text: 'A named account manager for every customer', tag: null, absorbed: [] },
        ],
        noteCount: 1,
      },
      { id: 'c3', name: 'Later', notes: [], noteCount: 0 },
    ]);
    expect(view.loose.map((n) => n.id)).toEqual(['n3']);
    expect(view.hidden).toEqual([{ id: 'n5', text: 'Price match guarantee', tag: null }]);
    expect(view.counts).toEqual({ notes: 4, hidden: 1, authors: 4, voters: 4 });
    // n5's dots (Cai 1, Dee 1) went back to their voters when it was hidden.
    expect(view.ranking?.map((r) => [r.id, r.dots])).toEqual([
      ['c1', 4],
      ['c2', 3],
      ['n3', 3],
    ]);
  });

  it('keeps the console’s note cards the same objects while dots come in, and counts each dot', () => {
    const open = step(clustered(), FAC, phase('vote'));
    const before = brainstorm.facilitatorView(open, ctx());
    const dotted = act(open, [
      [as(ANA), vote('c1', 2)],
      [as(BEN), vote('n3', 1)],
    ]);
    const after = brainstorm.facilitatorView(dotted, ctx());
    // The same cards, not copies: a view patch skips them without comparing 2,000 notes.
    expect(after.clusters).toBe(before.clusters);
    expect(after.loose).toBe(before.loose);
    expect(after.counts.voters).toBe(2);
    // A later dot is counted on top of the dots resolved before.
    const dotsOn = (view: typeof after, id: string) =>
      view.ranking?.find((r) => r.id === id)?.dots ?? 0;
    const more = brainstorm.facilitatorView(step(dotted, as(CAI), vote('n3', 2)), ctx());
    expect([dotsOn(more, 'c1'), dotsOn(more, 'n3'), more.counts.voters]).toEqual([2, 3, 3]);
    // Another roster (a name changed) builds the cards again.
    const renamed = { ...ctx().roster };
    expect(brainstorm.facilitatorView(dotted, ctx({ roster: renamed })).clusters).not.toBe(
      before.clusters,
    );
  });

  it('names authors for the facilitator and on the revealed board when the brainstorm is named', () => {
    const s = clustered({ isAnonymous: false });
    const view = brainstorm.facilitatorView(s, ctx());
    expect(view.clusters[0]?.notes.map((n) => n.author)).toEqual([NAMES[ANA], NAMES[BEN]]);
    const [first] = brainstorm.participantPublicView(s, ctx({ isRevealed: true })).items ?? [];
    if (first?.kind !== 'cluster') throw new Error('expected the cluster first');
    expect(first.notes.map((n) => n.author)).toEqual([NAMES[ANA], NAMES[BEN]]);
    // Before the reveal, no phone learns who wrote what.
    const hidden = JSON.stringify(brainstorm.participantPublicView(s, ctx()));
    for (const name of Object.values(NAMES)) expect(hidden).not.toContain(name);
  });
});
