import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addNotebookBlock,
  initNotebook,
  notebookText,
  readNotebook,
  setFollowUp,
  writeRoundResults,
} from '@playfield/shared/notebooks/notebook';
import {
  defineNotebookRoots,
  notebookProblem,
  wholeNotebookProblem,
} from '@playfield/shared/notebooks/validate';

/** A notebook as the server holds it: a header, a round's results and a note. */
function notebook(): Y.Doc {
  const doc = new Y.Doc();
  defineNotebookRoots(doc);
  initNotebook(doc, { title: 'Service Pro', sessionId: 's1', code: 'ABC234', createdAt: 1 });
  writeRoundResults(
    doc,
    {
      id: 'r1',
      blockId: 'round-r1',
      title: 'Listening sources',
      kind: 'dotVote',
      summary: {
        headline: '12 people chose',
        blocks: [{ type: 'bars', labels: ['Surveys'], values: [7], unit: 'people' }],
      },
    },
    2,
  );
  addNotebookBlock(doc, { id: 'n1', type: 'note', text: 'Ask the front line' }, 3);
  return doc;
}

/** Applies `edit` to a copy of `doc` as an update, and checks the copy as the server does. */
function check(doc: Y.Doc, edit: (copy: Y.Doc) => void): string | null {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(copy);
  edit(copy);
  const update = Y.encodeStateAsUpdate(copy, before);
  const mirror = new Y.Doc();
  defineNotebookRoots(mirror);
  Y.applyUpdate(mirror, Y.encodeStateAsUpdate(doc));
  const transactions: Y.Transaction[] = [];
  mirror.on('afterTransaction', (t: Y.Transaction) => transactions.push(t));
  Y.applyUpdate(mirror, update);
  return notebookProblem(mirror, transactions);
}

const roundBlock = (summary: string) => (copy: Y.Doc) => {
  const block = new Y.Map<unknown>();
  copy.getArray('blocks').push([block]);
  for (const [key, value] of Object.entries({
    id: 'round-x',
    type: 'round',
    roundId: 'x',
    title: 'Red beads',
    kind: 'redBead',
    createdAt: 4,
    summary,
  }))
    block.set(key, value);
  block.set('text', new Y.Text());
};

const chart = {
  title: 'Red beads per paddle',
  kind: 'np',
  unit: 'beads',
  points: [{ value: 9, label: 'Ann, day 1', isBeyondLimits: false }],
  segments: [{ start: 0, end: 1, center: 10, lower: 1, upper: 19 }],
  cumulative: [9],
  expected: 10,
  signals: [],
  markers: [{ beforePoint: 0, label: 'New supplier', isSystemChange: true }],
};
const summaryWith = (block: unknown) => JSON.stringify({ headline: 'h', blocks: [block] });

describe('the notebook schema on writes', () => {
  it('accepts what the editors and the server write', () => {
    const doc = notebook();
    expect(wholeNotebookProblem(doc)).toBeNull();
    const edits: ((copy: Y.Doc) => void)[] = [
      (copy) =>
        addNotebookBlock(copy, { id: 'd1', type: 'decision', text: 'Refunds up to £50' }, 5),
      (copy) => addNotebookBlock(copy, { id: 'f1', type: 'followUp', owner: 'Sam' }, 6, 'n1'),
      (copy) => {
        addNotebookBlock(copy, { id: 'f2', type: 'followUp', owner: 'Sam' }, 6);
        setFollowUp(copy, 'f2', { isDone: true, owner: 'Ana' });
      },
      (copy) => {
        const text = copy.getArray<Y.Map<unknown>>('blocks').get(1).get('text') as Y.Text;
        text.insert(0, 'Edited: ');
        text.delete(0, 3);
      },
      (copy) => copy.getArray('blocks').delete(1, 1),
      (copy) => copy.getMap('meta').set('title', 'Service Pro, May'),
      roundBlock(summaryWith({ type: 'controlChart', chart })),
    ];
    for (const edit of edits) expect(check(doc, edit)).toBeNull();
  });

  it.each([
    [
      'a control chart without markers',
      roundBlock(summaryWith({ type: 'controlChart', chart: { ...chart, markers: undefined } })),
    ],
    [
      'a bar chart with text for values',
      roundBlock(summaryWith({ type: 'bars', labels: ['a'], values: ['7'], unit: '' })),
    ],
    ['a summary that is not JSON', roundBlock('{"headline":')],
    ['an unknown summary block', roundBlock(summaryWith({ type: 'script', src: 'x' }))],
    ['a block that is not a map', (copy: Y.Doc) => copy.getArray('blocks').push(['text'])],
    [
      'a block of an unknown type',
      (copy: Y.Doc) => {
        const block = new Y.Map<unknown>();
        copy.getArray('blocks').push([block]);
        block.set('id', 'z');
        block.set('type', 'macro');
        block.set('createdAt', 1);
      },
    ],
    [
      'an unknown key on a note',
      (copy: Y.Doc) => {
        const block = copy.getArray<Y.Map<unknown>>('blocks').get(1);
        block.set('onclick', 'x');
      },
    ],
    [
      'a follow-up tick that is not a boolean',
      (copy: Y.Doc) => {
        addNotebookBlock(copy, { id: 'f3', type: 'followUp' }, 1);
        setFollowUp(copy, 'f3', {});
        copy.getArray<Y.Map<unknown>>('blocks').get(2).set('isDone', 'yes');
      },
    ],
    [
      'an embed in a text',
      (copy: Y.Doc) => {
        const text = copy.getArray<Y.Map<unknown>>('blocks').get(1).get('text') as Y.Text;
        text.insertEmbed(0, { image: 'x' });
      },
    ],
    [
      'formatting on a text',
      (copy: Y.Doc) => {
        const text = copy.getArray<Y.Map<unknown>>('blocks').get(1).get('text') as Y.Text;
        text.format(0, 3, { bold: true });
      },
    ],
    ['a header title that is a number', (copy: Y.Doc) => copy.getMap('meta').set('title', 42)],
    [
      'an agenda that does not read',
      (copy: Y.Doc) => copy.getMap('meta').set('agenda', '[{"t":1}]'),
    ],
    ['an unknown root', (copy: Y.Doc) => copy.getMap('evil').set('x', 'y')],
    ['list content in the header map', (copy: Y.Doc) => copy.getArray('meta').push(['x'])],
  ])('refuses %s', (_, edit) => {
    expect(check(notebook(), edit)).toEqual(expect.any(String));
  });

  it('reads only the blocks an edit touched', () => {
    const doc = notebook();
    // A malformed block already stored (written before the schema existed) does not make
    // every later edit of another block fail: only what an edit touches is checked.
    doc.getArray<Y.Map<unknown>>('blocks').get(0).set('summary', 'not json');
    expect(wholeNotebookProblem(doc)).toEqual(expect.any(String));
    expect(
      check(doc, (copy) => {
        const text = copy.getArray<Y.Map<unknown>>('blocks').get(1).get('text') as Y.Text;
        text.insert(0, 'More: ');
      }),
    ).toBeNull();
  });

  it('keeps readers whole on what a bad block holds', () => {
    const doc = notebook();
    doc
      .getArray<Y.Map<unknown>>('blocks')
      .get(0)
      .set('summary', summaryWith({ type: 'controlChart', chart: {} }));
    expect(readNotebook(doc).blocks[0]?.summary).toBeNull();
    expect(notebookText(doc)).toContain('Ask the front line');
  });
});

describe('follow-up due dates', () => {
  function withFollowUp(): Y.Doc {
    const doc = notebook();
    addNotebookBlock(doc, { id: 'f1', type: 'followUp', text: 'Call back', owner: 'Ann' }, 4);
    return doc;
  }
  const followUp = (doc: Y.Doc) => readNotebook(doc).blocks.find((b) => b.id === 'f1');

  it('has no due date until one is set, then reads it back', () => {
    const doc = withFollowUp();
    expect(followUp(doc)?.due).toBe('');
    setFollowUp(doc, 'f1', { due: '2026-12-10' });
    expect(followUp(doc)).toMatchObject({ owner: 'Ann', due: '2026-12-10', isDone: false });
    setFollowUp(doc, 'f1', { due: '' });
    expect(followUp(doc)?.due).toBe('');
  });

  it('ignores a due date that is not a calendar date', () => {
    const doc = withFollowUp();
    setFollowUp(doc, 'f1', { due: '2026-12-10' });
    for (const due of ['tomorrow', '2026-13-01', '10/12/2026', '2026-12-10T00:00'])
      setFollowUp(doc, 'f1', { due });
    expect(followUp(doc)?.due).toBe('2026-12-10');
  });

  it('accepts a due date from an editor and refuses anything else the server is sent', () => {
    const doc = withFollowUp();
    const setDue = (due: unknown) => (copy: Y.Doc) =>
      copy
        .getArray<Y.Map<unknown>>('blocks')
        .toArray()
        .find((m) => m.get('id') === 'f1')
        ?.set('due', due);
    expect(check(doc, setDue('2026-12-10'))).toBeNull();
    expect(check(doc, setDue(''))).toBeNull();
    expect(check(doc, setDue('next week'))).toEqual(expect.any(String));
    expect(check(doc, setDue(20261210))).toEqual(expect.any(String));
  });

  it('keeps a follow-up written before due dates existed readable and valid', () => {
    const doc = withFollowUp();
    expect(wholeNotebookProblem(doc)).toBeNull();
    expect(followUp(doc)?.due).toBe('');
  });
});

describe('search text', () => {
  it('keeps the notebook’s own capitals, for snippets shown as written', () => {
    expect(notebookText(notebook())).toContain('Ask the front line');
    expect(notebookText(notebook())).toContain('Service Pro');
  });
});
