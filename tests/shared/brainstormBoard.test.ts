/**
 * The brainstorm as an exercise: config bounds, notes from phones, the facilitator's board
 * (clusters, hiding, merging), dot voting with its limits, the ranking and summary worked
 * out by hand, the privacy of every view, refusals that change nothing, and replay.
 *
 * This file covers the facilitator's board and dot voting; the other brainstorm*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { type Actor, type AppError } from '@playfield/shared';
import { brainstorm } from '@playfield/shared/exercises/brainstorm/index';
import {
  buildBoard,
  resolvedVotes,
  tallyVotes,
} from '@playfield/shared/exercises/brainstorm/board';
import {
  type Action,
  FAC,
  as,
  ANA,
  BEN,
  ctx,
  init,
  step,
  act,
  refused,
  note,
  phase,
  vote,
  clustered,
  voted,
} from './brainstormFixtures.ts';

describe('the facilitator’s board', () => {
  it('groups notes into named clusters and lays out the board in order', () => {
    const board = buildBoard(clustered());
    expect(board.clusters.map((c) => [c.id, c.label, c.entries.map((e) => e.note.id)])).toEqual([
      ['c1', 'Speed', ['n1', 'n2']],
      ['c2', 'Care', ['n4']],
    ]);
    expect(board.loose.map((i) => i.id)).toEqual(['n3', 'n5']);
    expect(board.items.map((i) => i.id)).toEqual(['c1', 'c2', 'n3', 'n5']);
    expect(board.emptyClusters.map((c) => c.name)).toEqual(['Later']);
  });

  it('renames a cluster and refuses a name another cluster has, ignoring case', () => {
    const s = step(clustered(), FAC, { type: 'renameCluster', clusterId: 'c1', name: 'Faster' });
    expect(s.clusters.map((c) => c.name)).toEqual(['Faster', 'Care', 'Later']);
    expect(refused(s, FAC, { type: 'renameCluster', clusterId: 'c2', name: 'later' })).toEqual({
      code: 'CONFLICT',
      message: 'There is already a cluster called "later"',
    });
    expect(refused(s, FAC, { type: 'createCluster', name: 'CARE' }).code).toBe('CONFLICT');
    // Renaming a cluster to its own name in other letters is fine.
    expect(
      step(s, FAC, { type: 'renameCluster', clusterId: 'c2', name: 'CARE' }).clusters[1]?.name,
    ).toBe('CARE');
  });

  it('puts a deleted cluster’s notes back among the ungrouped notes', () => {
    const s = step(clustered(), FAC, { type: 'deleteCluster', clusterId: 'c1' });
    expect(s.clusters.map((c) => c.id)).toEqual(['c2', 'c3']);
    expect(buildBoard(s).loose.map((i) => i.id)).toEqual(['n1', 'n2', 'n3', 'n5']);
  });

  it('moves a note out of a cluster when the target is null', () => {
    const s = step(clustered(), FAC, { type: 'moveNote', noteId: 'n2', clusterId: null });
    expect(buildBoard(s).items.map((i) => i.id)).toEqual(['c1', 'c2', 'n2', 'n3', 'n5']);
  });

  it('shows a merged note once, under its twin, and counts it with the twin', () => {
    const s = step(clustered(), FAC, { type: 'mergeNote', noteId: 'n5', intoNoteId: 'n1' });
    const board = buildBoard(s);
    const speed = board.clusters[0];
    expect(speed?.entries.map((e) => [e.note.id, e.absorbed.map((n) => n.id)])).toEqual([
      ['n1', ['n5']],
      ['n2', []],
    ]);
    expect(speed?.noteCount).toBe(3);
    expect(board.loose.map((i) => i.id)).toEqual(['n3']);
  });

  it('merges into the twin when the target was itself absorbed, and moves a group as one', () => {
    let s = act(clustered(), [
      [FAC, { type: 'mergeNote', noteId: 'n2', intoNoteId: 'n1' }],
      [FAC, { type: 'mergeNote', noteId: 'n3', intoNoteId: 'n2' }],
    ]);
    expect(s.notes.filter((n) => n.mergedInto === 'n1').map((n) => n.id)).toEqual(['n2', 'n3']);
    // Moving an absorbed note moves its twin, with every duplicate.
    s = step(s, FAC, { type: 'moveNote', noteId: 'n3', clusterId: 'c3' });
    const board = buildBoard(s);
    expect(board.clusters.map((c) => [c.label, c.noteCount])).toEqual([
      ['Care', 1],
      ['Later', 3],
    ]);
  });

  it('brings an absorbing note’s duplicates along when it is merged in turn', () => {
    const s = act(clustered(), [
      [FAC, { type: 'mergeNote', noteId: 'n2', intoNoteId: 'n1' }],
      [FAC, { type: 'mergeNote', noteId: 'n1', intoNoteId: 'n4' }],
    ]);
    expect(s.notes.filter((n) => n.mergedInto === 'n4').map((n) => n.id)).toEqual(['n1', 'n2']);
    expect(buildBoard(s).clusters.map((c) => [c.label, c.noteCount])).toEqual([['Care', 3]]);
  });

  it('stands a merged note on its own again, beside its twin, when split', () => {
    const s = act(clustered(), [
      [FAC, { type: 'mergeNote', noteId: 'n5', intoNoteId: 'n4' }],
      [FAC, { type: 'splitNote', noteId: 'n5' }],
    ]);
    expect(s.notes.find((n) => n.id === 'n5')).toMatchObject({ mergedInto: null, clusterId: 'c2' });
  });

  it.each<[string, Action, AppError['code']]>([
    [
      'a note absorbing itself',
      { type: 'mergeNote', noteId: 'n1', intoNoteId: 'n1' },
      'INVALID_ACTION',
    ],
    [
      'a merge with an unknown note',
      { type: 'mergeNote', noteId: 'n1', intoNoteId: 'n99' },
      'NOT_FOUND',
    ],
    ['a split of a note that stands alone', { type: 'splitNote', noteId: 'n1' }, 'INVALID_ACTION'],
    [
      'a move into an unknown cluster',
      { type: 'moveNote', noteId: 'n1', clusterId: 'c9' },
      'NOT_FOUND',
    ],
    [
      'a rename of an unknown cluster',
      { type: 'renameCluster', clusterId: 'c9', name: 'X' },
      'NOT_FOUND',
    ],
    ['a delete of an unknown cluster', { type: 'deleteCluster', clusterId: 'c9' }, 'NOT_FOUND'],
    ['a hide of an unknown note', { type: 'hideNote', noteId: 'n99', isHidden: true }, 'NOT_FOUND'],
    [
      'a new cluster with an unknown note',
      { type: 'createCluster', name: 'X', noteIds: ['n99'] },
      'NOT_FOUND',
    ],
    ['moving to the phase the room is in', phase('cluster'), 'CONFLICT'],
  ])('refuses %s and changes nothing', (_, action, code) => {
    expect(refused(clustered(), FAC, action).code).toBe(code);
  });

  it('refuses to merge a hidden note', () => {
    const s = step(clustered(), FAC, { type: 'hideNote', noteId: 'n3', isHidden: true });
    expect(refused(s, FAC, { type: 'mergeNote', noteId: 'n3', intoNoteId: 'n1' })).toEqual({
      code: 'INVALID_ACTION',
      message: 'Show a hidden note again before merging it',
    });
    expect(refused(s, FAC, { type: 'mergeNote', noteId: 'n1', intoNoteId: 'n3' }).code).toBe(
      'INVALID_ACTION',
    );
  });

  it('refuses more than 40 clusters', () => {
    let s = init();
    for (let i = 1; i <= 40; i++) s = step(s, FAC, { type: 'createCluster', name: `Theme ${i}` });
    expect(refused(s, FAC, { type: 'createCluster', name: 'One more' })).toEqual({
      code: 'INVALID_ACTION',
      message: 'At most 40 clusters',
    });
  });

  it('refuses board changes under the dots, until the room goes back to clustering', () => {
    const s = step(clustered(), FAC, phase('vote'));
    expect(refused(s, FAC, { type: 'moveNote', noteId: 'n3', clusterId: 'c1' })).toEqual({
      code: 'CONFLICT',
      message: 'Go back to clustering to change the board',
    });
    const back = step(s, FAC, phase('cluster'));
    expect(step(back, FAC, { type: 'moveNote', noteId: 'n3', clusterId: 'c1' }).phase).toBe(
      'cluster',
    );
  });

  it('refuses to open the vote when the board is empty or every note is hidden', () => {
    expect(refused(init(), FAC, phase('vote'))).toEqual({
      code: 'INVALID_ACTION',
      message: 'There is nothing to vote on yet: the board has no notes',
    });
    const s = act(init(), [
      [as(ANA), note('Rant')],
      [FAC, { type: 'hideNote', noteId: 'n1', isHidden: true }],
    ]);
    expect(refused(s, FAC, phase('vote')).code).toBe('INVALID_ACTION');
  });

  it('releases the duplicates a note absorbed when its author deletes it', () => {
    let s = act(init(), [
      [as(ANA), note('Same-day delivery')],
      [as(BEN), note('Same day delivery!')],
      [FAC, { type: 'createCluster', name: 'Speed', noteIds: ['n1'] }],
      [FAC, { type: 'mergeNote', noteId: 'n2', intoNoteId: 'n1' }],
    ]);
    s = step(s, as(ANA), { type: 'deleteNote', noteId: 'n1' });
    expect(s.notes).toEqual([
      expect.objectContaining({ id: 'n2', mergedInto: null, clusterId: 'c1' }),
    ]);
  });
});

describe('dot voting', () => {
  it('counts dots per item and ranks them, ties broken by notes then board order', () => {
    const tally = tallyVotes(voted());
    // Speed: Ana 2 + Ben 1 + Dee 1 = 4; Care: Ben 2 + Dee 1 = 3; n3: Ana 1 + Cai 2 = 3;
    // n5: Cai 1 + Dee 1 = 2. Care and n3 tie on 3 dots and 1 note: Care is earlier.
    expect(tally.ranking.map((r) => [r.id, r.label, r.dots, r.notes, r.voters])).toEqual([
      ['c1', 'Speed', 4, 2, 3],
      ['c2', 'Care', 3, 1, 2],
      ['n3', 'Free returns forever', 3, 1, 2],
      ['n5', 'Price match guarantee', 2, 1, 2],
    ]);
    expect(tally.voters).toBe(4);
    expect(tally.dotsPlaced).toBe(12);
  });

  it('puts the item with more notes first when two items tie on dots', () => {
    const s = act(clustered(), [
      [FAC, phase('vote')],
      [as(ANA), vote('n3', 2)],
      [as(BEN), vote('c1', 2)],
    ]);
    expect(
      tallyVotes(s)
        .ranking.slice(0, 2)
        .map((r) => r.id),
    ).toEqual(['c1', 'n3']);
  });

  it('sets, not adds, the dots on an item, and removes them at zero', () => {
    let s = step(clustered(), FAC, phase('vote'));
    s = act(s, [
      [as(ANA), vote('c1', 1)],
      [as(ANA), vote('c1', 2)],
      [as(ANA), vote('n3', 1)],
    ]);
    expect(s.votes[ANA]).toEqual({ c1: 2, n3: 1 });
    s = step(s, as(ANA), vote('c1', 0));
    expect(s.votes[ANA]).toEqual({ n3: 1 });
    s = step(s, as(ANA), { type: 'clearVotes' });
    expect(s.votes[ANA]).toBeUndefined();
  });

  it.each<[string, Action[], Action, AppError]>([
    [
      'three dots on one item when the cap is two',
      [],
      vote('c1', 3),
      { code: 'INVALID_ACTION', message: 'At most 2 dots on one item' },
    ],
    [
      'a fourth dot when each person has three',
      [vote('c1', 2), vote('c2', 1)],
      vote('n3', 1),
      {
        code: 'INVALID_ACTION',
        message: 'You have 3 dots in all: take one off another item first',
      },
    ],
    [
      'dots on an empty cluster',
      [],
      vote('c3', 1),
      { code: 'NOT_FOUND', message: 'That item is no longer on the board: pick another' },
    ],
    [
      'dots on a note that is part of a cluster',
      [],
      vote('n1', 1),
      { code: 'NOT_FOUND', message: 'That item is no longer on the board: pick another' },
    ],
  ])('refuses %s', (_, before, action, error) => {
    const s = act(
      step(clustered(), FAC, phase('vote')),
      before.map((a): [Actor, Action] => [as(ANA), a]),
    );
    expect(refused(s, as(ANA), action)).toEqual(error);
  });

  it('refuses dots outside the vote, when locked, and from the facilitator', () => {
    expect(refused(clustered(), as(ANA), vote('c1', 1))).toEqual({
      code: 'CONFLICT',
      message: 'Voting is not open: the room is clustering',
    });
    const s = step(clustered(), FAC, phase('vote'));
    expect(refused(s, as(ANA), vote('c1', 1), ctx({ isOpen: false })).code).toBe('ROUND_LOCKED');
    expect(refused(s, FAC, vote('c1', 1)).code).toBe('FORBIDDEN');
    expect(refused(step(s, FAC, phase('results')), as(ANA), vote('c1', 1)).code).toBe('CONFLICT');
  });

  it('moves dots with the notes, caps them after a merge, and refunds dots on a hidden note', () => {
    let s = act(clustered(), [
      [FAC, phase('vote')],
      [as(ANA), vote('n3', 2)],
      [as(ANA), vote('n5', 1)],
      [FAC, phase('cluster')],
      // n3 joins Care; n5 is merged into n4, which is in Care too: 2 + 1 dots, capped at 2.
      [FAC, { type: 'moveNote', noteId: 'n3', clusterId: 'c2' }],
      [FAC, { type: 'mergeNote', noteId: 'n5', intoNoteId: 'n4' }],
      [FAC, phase('vote')],
    ]);
    const board = buildBoard(s);
    expect(resolvedVotes(s, board, ANA)).toEqual({ c2: 2 });
    expect(brainstorm.participantOwnView(s, ANA, ctx())).toMatchObject({
      dots: { c2: 2 },
      dotsLeft: 1,
    });
    // Ana may now spend the dot that came back.
    s = step(s, as(ANA), vote('c1', 1));
    expect(s.votes[ANA]).toEqual({ c2: 2, c1: 1 });

    s = act(s, [
      [FAC, phase('cluster')],
      [FAC, { type: 'hideNote', noteId: 'n1', isHidden: true }],
      [FAC, { type: 'hideNote', noteId: 'n2', isHidden: true }],
      [FAC, phase('vote')],
    ]);
    // Speed has no visible note left: its dot goes back to Ana.
    expect(brainstorm.participantOwnView(s, ANA, ctx())).toMatchObject({
      dots: { c2: 2 },
      dotsLeft: 1,
    });
    expect(tallyVotes(s).ranking.map((r) => r.id)).toEqual(['c2']);
  });
});
