/** The notebook editor on a real Y.Doc: blocks, follow-ups, read-only mode, presence, add/delete. */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  addNotebookBlock,
  initNotebook,
  notebookBlockMap,
  readNotebook,
  setFollowUp,
  setNotebookAgenda,
  writeRoundResults,
} from '@playfield/shared/notebooks/notebook';
import { NotebookView } from '../../client/src/notebooks/NotebookView.tsx';
import { editingLabel, readPeer } from '../../client/src/notebooks/presence.ts';

const ME = { name: 'Facilitator', color: 1 };
const CREATED = Date.UTC(2027, 2, 4, 9, 0);
const awarenesses: Awareness[] = [];

afterEach(() => {
  // Awareness keeps a timer to renew and expire states: stop it after each test.
  awarenesses.splice(0).forEach((a) => a.destroy());
});

/** A notebook as the server writes it: header, agenda, one round with results, added blocks. */
function notebook(): Y.Doc {
  const doc = new Y.Doc();
  initNotebook(doc, {
    title: 'Service basics',
    sessionId: 's1',
    code: 'ABC234',
    createdAt: CREATED,
  });
  setNotebookAgenda(doc, [
    { title: 'First contact', kind: 'poll' },
    { title: 'Channels', kind: 'poll' },
  ]);
  writeRoundResults(
    doc,
    {
      id: 'r1',
      blockId: 'round-r1',
      title: 'First contact',
      kind: 'poll',
      summary: {
        headline: '3 answered: Email leads',
        blocks: [{ type: 'bars', labels: ['Phone', 'Email'], values: [1, 2], unit: 'answers' }],
      },
    },
    CREATED,
  );
  addNotebookBlock(doc, { id: 'n1', type: 'note', text: 'Customers prefer email' }, CREATED);
  addNotebookBlock(
    doc,
    { id: 'd1', type: 'decision', text: 'Answer email within 4 hours' },
    CREATED,
  );
  addNotebookBlock(
    doc,
    { id: 'f1', type: 'followUp', text: 'Draft the email policy', owner: 'Ana' },
    CREATED,
  );
  return doc;
}

function awarenessOf(doc: Y.Doc): Awareness {
  const awareness = new Awareness(doc);
  awarenesses.push(awareness);
  return awareness;
}

function renderView(doc: Y.Doc, options: { canEdit?: boolean; awareness?: Awareness } = {}) {
  render(
    <NotebookView
      doc={doc}
      awareness={options.awareness ?? null}
      identity={ME}
      canEdit={options.canEdit ?? true}
      status="Saved"
    />,
  );
  return userEvent.setup();
}

const blockOf = (name: string | RegExp) => screen.getByRole('article', { name });

describe('NotebookView', () => {
  it('shows the header, the agenda and every block in order when the notebook has content', () => {
    renderView(notebook());

    expect(screen.getByRole('heading', { level: 1, name: 'Service basics' })).toBeVisible();
    expect(screen.getByText('ABC234')).toBeVisible();
    expect(screen.getByRole('status')).toHaveTextContent('Saved');
    const agenda = screen.getByRole('region', { name: 'Agenda' });
    expect(
      within(agenda)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['First contact', 'Channels']);
    const round = blockOf(/Round 1/);
    expect(within(round).getByText('3 answered: Email leads')).toBeVisible();
    expect(within(round).getByRole('list', { name: /First contact/ })).toHaveTextContent('Email');
    expect(within(round).getByRole('textbox', { name: 'Notes' })).toHaveValue('');
    expect(within(blockOf('Note')).getByRole('textbox', { name: 'Note' })).toHaveValue(
      'Customers prefer email',
    );
    expect(within(blockOf('Decision')).getByRole('textbox', { name: 'Decision' })).toHaveValue(
      'Answer email within 4 hours',
    );
    const followUp = blockOf('Follow-up');
    expect(within(followUp).getByRole('textbox', { name: 'Follow-up' })).toHaveValue(
      'Draft the email policy',
    );
    expect(within(followUp).getByRole('textbox', { name: 'Owner' })).toHaveValue('Ana');
    // Blocks are articles (a round's results are one more inside its block).
    expect(
      screen
        .getAllByRole('article')
        .filter((a) => a.dataset.kind)
        .map((a) => a.dataset.kind),
    ).toEqual(['round', 'note', 'decision', 'followUp']);
  });

  it('writes typing into the round’s notes and shows a teammate’s edit when it arrives', async () => {
    const doc = notebook();
    const user = renderView(doc);
    const notes = within(blockOf(/Round 1/)).getByRole('textbox', { name: 'Notes' });

    await user.type(notes, 'Email wins');
    const text = notebookBlockMap(doc, 'round-r1')?.get('text') as Y.Text;
    expect(text.toJSON()).toBe('Email wins');

    act(() => text.insert(0, 'Sam: '));
    expect(notes).toHaveValue('Sam: Email wins');
  });

  it('ticks a follow-up and sets its owner in the document, and follows remote changes', async () => {
    const doc = notebook();
    const user = renderView(doc);
    const followUp = blockOf('Follow-up');
    const done = within(followUp).getByRole('checkbox', { name: 'Done' });
    const owner = within(followUp).getByRole('textbox', { name: 'Owner' });

    await user.click(done);
    await user.clear(owner);
    await user.type(owner, 'Ben');

    const data = readNotebook(doc).blocks.find((b) => b.id === 'f1');
    expect(data).toMatchObject({ isDone: true, owner: 'Ben' });
    expect(done).toBeChecked();
    expect(blockOf(/Follow-up/)).toHaveTextContent('Done');

    act(() => setFollowUp(doc, 'f1', { isDone: false, owner: 'Cleo' }));
    expect(done).not.toBeChecked();
    expect(owner).toHaveValue('Cleo');
  });

  it('sets a follow-up’s due date in the document, and follows a date set elsewhere', () => {
    const doc = notebook();
    renderView(doc);
    const due = within(blockOf('Follow-up')).getByLabelText('Due');
    expect(due).toHaveAttribute('type', 'date');
    expect(due).toHaveValue('');

    fireEvent.change(due, { target: { value: '2026-12-10' } });

    expect(readNotebook(doc).blocks.find((b) => b.id === 'f1')?.due).toBe('2026-12-10');
    act(() => setFollowUp(doc, 'f1', { due: '2027-01-04' }));
    expect(due).toHaveValue('2027-01-04');
  });

  it('adds a note at the end and a decision below a block, focused, and deletes an added block', async () => {
    vi.stubGlobal(
      'confirm',
      vi.fn(() => true),
    );
    const doc = notebook();
    const user = renderView(doc);

    await user.click(screen.getByRole('button', { name: 'Add a note' }));
    const added = screen.getAllByRole('article').at(-1) as HTMLElement;
    const area = within(added).getByRole('textbox', { name: 'Note' });
    expect(area).toHaveFocus();
    await user.keyboard('Call back within a day');
    expect(readNotebook(doc).blocks.at(-1)).toMatchObject({
      type: 'note',
      text: 'Call back within a day',
    });

    const round = blockOf(/Round 1/);
    const addBelow = within(round).getByRole('button', { name: 'Add below this round' });
    await user.click(addBelow);
    expect(addBelow).toHaveAttribute('aria-expanded', 'true');
    await user.click(within(round).getByRole('button', { name: 'Add a decision' }));
    expect(readNotebook(doc).blocks.map((b) => b.type)).toEqual([
      'round',
      'decision',
      'note',
      'decision',
      'followUp',
      'note',
    ]);

    const note = screen.getAllByRole('article').at(-1) as HTMLElement;
    await user.click(within(note).getByRole('button', { name: 'Delete this note' }));
    expect(confirm).toHaveBeenCalledOnce();
    expect(readNotebook(doc).blocks.map((b) => b.type)).not.toContain(undefined);
    expect(readNotebook(doc).blocks).toHaveLength(5);
    // A round's results are the server's: they have no delete button.
    expect(within(round).queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument();
  });

  it('deletes an empty block without asking', async () => {
    const ask = vi.fn(() => false);
    vi.stubGlobal('confirm', ask);
    const doc = notebook();
    const user = renderView(doc);
    await user.click(screen.getByRole('button', { name: 'Add a follow-up' }));
    const added = screen.getAllByRole('article').at(-1) as HTMLElement;

    await user.click(within(added).getByRole('button', { name: 'Delete this follow-up' }));

    expect(ask).not.toHaveBeenCalled();
    expect(readNotebook(doc).blocks).toHaveLength(4);
  });

  it('shows everything as text and offers no input, add or delete when read only', () => {
    renderView(notebook(), { canEdit: false });

    expect(screen.getByText('Read only')).toBeVisible();
    expect(screen.queryAllByRole('textbox')).toHaveLength(0);
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
    expect(screen.queryByRole('button', { name: /Add|Delete/ })).not.toBeInTheDocument();
    expect(blockOf('Note')).toHaveTextContent('Customers prefer email');
    expect(blockOf('Follow-up')).toHaveTextContent('Owner: Ana · Due: no date · Status: open');
    expect(blockOf(/Round 1/)).toHaveTextContent('No notes.');
  });

  it('shows who else is here as chips and marks the block someone is editing', async () => {
    const doc = notebook();
    const mine = awarenessOf(doc);
    const user = renderView(doc, { awareness: mine });
    // Sam's browser: its own document and awareness, its presence relayed as bytes.
    const samDoc = new Y.Doc();
    const sam = awarenessOf(samDoc);
    sam.setLocalState({ name: 'Sam', color: 2, blockId: 'd1' });

    act(() => applyAwarenessUpdate(mine, encodeAwarenessUpdate(sam, [samDoc.clientID]), 'remote'));

    const chips = screen.getByRole('list', { name: 'Who is here' });
    expect(
      within(chips)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Facilitator (you)', 'Sam']);
    // Each drawn in its palette colour, from the tokens: a number travels, never a colour.
    expect(
      within(chips)
        .getAllByRole('listitem')
        .map((li) => li.style.getPropertyValue('--nb-peer')),
    ).toEqual(['var(--presence-1)', 'var(--presence-2)']);
    expect(blockOf('Decision')).toHaveTextContent('Sam is editing');
    expect(blockOf('Decision').style.getPropertyValue('--nb-peer')).toBe('var(--presence-2)');
    expect(blockOf('Note')).not.toHaveTextContent('is editing');

    // Focusing a block publishes it, for the others' markers.
    await user.click(within(blockOf('Note')).getByRole('textbox', { name: 'Note' }));
    expect(mine.getLocalState()).toMatchObject({ name: 'Facilitator', blockId: 'n1' });
    await user.click(document.body);
    expect(mine.getLocalState()).toMatchObject({ blockId: null });

    act(() => sam.setLocalState(null));
    act(() => applyAwarenessUpdate(mine, encodeAwarenessUpdate(sam, [samDoc.clientID]), 'remote'));
    expect(within(chips).getAllByRole('listitem')).toHaveLength(1);
    expect(blockOf('Decision')).not.toHaveTextContent('is editing');
  });

  it('never publishes a block for a reader', async () => {
    const doc = notebook();
    const mine = awarenessOf(doc);
    renderView(doc, { awareness: mine, canEdit: false });
    await Promise.resolve();
    expect(mine.getLocalState()).toEqual({ name: 'Facilitator', color: 1, blockId: null });
  });
});

describe('presence helpers', () => {
  it.each([
    [null, null],
    [{ name: '' }, null],
    [{ name: 42 }, null],
    [{ name: '   ', color: 2 }, null],
    [
      { name: ' Sam ', color: 'red', blockId: 7 },
      { clientId: 1, name: 'Sam', color: 1, blockId: null },
    ],
    [
      { name: 'x'.repeat(90), color: 2, blockId: 'n1' },
      { clientId: 1, name: 'x'.repeat(40), color: 2, blockId: 'n1' },
    ],
    // An earlier client's hex, a number off the palette, a block that is no id: replaced.
    [
      { name: 'Ana', color: '#1d7a46', blockId: 'n1;drop' },
      { clientId: 1, name: 'Ana', color: 1, blockId: null },
    ],
    [
      { name: 'Ana', color: 9, role: 'link' },
      { clientId: 1, name: 'Ana', color: 1, blockId: null },
    ],
    [
      { name: 'Ana', color: 2.5, blockId: null },
      { clientId: 1, name: 'Ana', color: 1, blockId: null },
    ],
    [
      { name: 'Lee', color: 8, blockId: 'round-r1' },
      { clientId: 1, name: 'Lee', color: 8, blockId: 'round-r1' },
    ],
  ])('reads a remote state %j safely', (state, peer) => {
    expect(readPeer(1, state)).toEqual(peer);
  });

  it.each([
    [[], ''],
    [['Sam'], 'Sam is editing'],
    [['Sam', 'Ana'], 'Sam and Ana are editing'],
    [['Sam', 'Ana', 'Lee'], 'Sam, Ana and Lee are editing'],
  ])('says who is editing for %j', (names, label) => {
    expect(editingLabel(names)).toBe(label);
  });
});
