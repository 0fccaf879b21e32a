import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { BrainstormFacilitatorView } from '@playfield/shared/exercises/brainstorm/index';
import BrainstormFacilitator from '../../client/src/exercises/brainstorm/Facilitator.tsx';
import type { Act } from '../../client/src/exercises/types.ts';
import { accepted } from './fixtures.ts';

function consoleView(
  overrides: Partial<BrainstormFacilitatorView> = {},
): BrainstormFacilitatorView {
  return {
    prompt: 'What could a competitor do that would be your worst nightmare?',
    isAnonymous: true,
    tags: [],
    maxNotesPerPerson: 3,
    noteLength: 200,
    dotsPerPerson: 3,
    maxDotsPerItem: 2,
    phase: 'cluster',
    clusters: [
      {
        id: 'c1',
        name: 'Speed',
        noteCount: 2,
        notes: [
          {
            id: 'n1',
            text: 'Same-day delivery everywhere',
            tag: null,
            absorbed: [{ id: 'n5', text: 'Same day delivery!', tag: null }],
          },
        ],
      },
      { id: 'c2', name: 'Care', noteCount: 0, notes: [] },
    ],
    loose: [
      { id: 'n3', text: 'Free returns forever', tag: null, absorbed: [] },
      { id: 'n4', text: 'A named account manager', tag: null, absorbed: [] },
    ],
    hidden: [{ id: 'n2', text: 'Rant about a colleague', tag: null }],
    counts: { notes: 4, hidden: 1, authors: 3, voters: 0 },
    boardSpace: 'open',
    ranking: null,
    ...overrides,
  };
}

function setup(view = consoleView(), participantCount = 6) {
  const act = vi.fn<Act<'brainstorm'>>(() => Promise.resolve(accepted));
  const utils = render(
    <BrainstormFacilitator view={view} participantCount={participantCount} act={act} />,
  );
  return { ...utils, act, user: userEvent.setup() };
}

const group = (name: string) => screen.getByRole('region', { name });
const noteButton = (text: string) => screen.getByRole('button', { name: text });

/** A stand-in for the browser's DataTransfer, which jsdom lacks. */
function dataTransfer() {
  const data = new Map<string, string>();
  return {
    types: [] as string[],
    dropEffect: 'none',
    effectAllowed: 'all',
    setData(type: string, value: string) {
      data.set(type, value);
      this.types = [...data.keys()];
    },
    getData: (type: string) => data.get(type) ?? '',
  };
}

describe('BrainstormFacilitator', () => {
  it('shows the phases, the counts and the next step', async () => {
    const { act, user } = setup();

    const phases = screen.getByRole('list', { name: 'Phases' });
    expect(within(phases).getByText('2. Cluster')).toHaveAttribute('aria-current', 'step');
    expect(screen.getByText(/4 notes from 3 people · 1 hidden · anonymous/)).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Open the dot vote' }));
    expect(act).toHaveBeenLastCalledWith({ type: 'phase', phase: 'vote' });
    await user.click(screen.getByRole('button', { name: 'Back to collecting' }));
    expect(act).toHaveBeenLastCalledWith({ type: 'phase', phase: 'collect' });
  });

  it('says the board’s limit once it is nearly full', () => {
    setup(consoleView({ boardSpace: 'nearlyFull' }));
    expect(
      screen.getByText(/4 notes from 3 people · 1 hidden · the board holds 2,000 notes at most/),
    ).toBeVisible();
  });

  it('lays out the board: ungrouped notes, then each cluster with its notes and duplicates', () => {
    setup();

    expect(
      within(group('Not in a cluster'))
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Free returns forever', 'A named account manager']);
    const speed = group('Speed');
    expect(within(speed).getByText('2 notes')).toBeVisible();
    expect(within(speed).getByRole('list', { name: 'Merged into this note' })).toHaveTextContent(
      'Same day delivery!',
    );
    expect(within(group('Care')).getByText('Drop notes here')).toBeVisible();
  });

  it('moves the selected note to the chosen cluster without a mouse drag', async () => {
    const { act, user } = setup();

    await user.click(noteButton('Free returns forever'));
    expect(noteButton('Free returns forever')).toHaveAttribute('aria-pressed', 'true');
    const tools = screen.getByRole('region', { name: 'Selected note' });
    await user.selectOptions(within(tools).getByRole('combobox', { name: 'Move to' }), 'Care');
    await user.click(within(tools).getByRole('button', { name: 'Move to cluster' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({
      type: 'moveNote',
      noteId: 'n3',
      clusterId: 'c2',
    });
    // Done: the selection is cleared.
    expect(screen.queryByRole('region', { name: 'Selected note' })).not.toBeInTheDocument();
  });

  it('moves a note when it is dragged onto a cluster', () => {
    const { act, container } = setup();
    const card = container.querySelector('[data-note="n4"]');
    const target = group('Care');
    if (!card) throw new Error('no card for n4');
    const transfer = dataTransfer();

    fireEvent.dragStart(card, { dataTransfer: transfer });
    fireEvent.dragOver(target, { dataTransfer: transfer });
    expect(target).toHaveAttribute('data-drop', 'over');
    fireEvent.drop(target, { dataTransfer: transfer });

    expect(act).toHaveBeenCalledExactlyOnceWith({
      type: 'moveNote',
      noteId: 'n4',
      clusterId: 'c2',
    });
    expect(target).not.toHaveAttribute('data-drop');
  });

  it('ignores a drop of something that is not a note', () => {
    const { act } = setup();
    const transfer = dataTransfer();
    transfer.setData('text/plain', 'hello');

    fireEvent.dragOver(group('Care'), { dataTransfer: transfer });
    fireEvent.drop(group('Care'), { dataTransfer: transfer });

    expect(act).not.toHaveBeenCalled();
  });

  it('creates a cluster holding the selected note', async () => {
    const { act, user } = setup();

    await user.click(noteButton('A named account manager'));
    await user.type(screen.getByRole('textbox', { name: 'New cluster' }), 'Relationships');
    await user.click(screen.getByRole('button', { name: 'Add cluster with the selected note' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({
      type: 'createCluster',
      name: 'Relationships',
      noteIds: ['n4'],
    });
    expect(screen.getByRole('textbox', { name: 'New cluster' })).toHaveValue('');
  });

  it('creates an empty cluster when no note is selected', async () => {
    const { act, user } = setup();

    await user.type(screen.getByRole('textbox', { name: 'New cluster' }), 'Price{Enter}');

    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'createCluster', name: 'Price' });
  });

  it('renames a cluster when its name is edited and Enter is pressed', async () => {
    const { act, user } = setup();

    const name = screen.getByRole('textbox', { name: 'Name of the cluster Speed' });
    await user.clear(name);
    await user.type(name, 'Faster delivery{Enter}');

    expect(act).toHaveBeenCalledExactlyOnceWith({
      type: 'renameCluster',
      clusterId: 'c1',
      name: 'Faster delivery',
    });
  });

  it('puts the old name back when a rename is refused', async () => {
    const { act, user } = setup();
    act.mockResolvedValueOnce({
      ok: false,
      error: { code: 'CONFLICT', message: 'There is already a cluster called "Care"' },
    });

    const name = screen.getByRole('textbox', { name: 'Name of the cluster Speed' });
    await user.clear(name);
    await user.type(name, 'Care{Enter}');

    expect(await screen.findByRole('alert')).toHaveTextContent('already a cluster called "Care"');
    expect(name).toHaveValue('Speed');
  });

  it('deletes a cluster', async () => {
    const { act, user } = setup();

    await user.click(screen.getByRole('button', { name: /^Delete the cluster Care/ }));

    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'deleteCluster', clusterId: 'c2' });
  });

  it('hides the selected note, and shows a hidden one again', async () => {
    const { act, user } = setup();

    await user.click(noteButton('Free returns forever'));
    await user.click(screen.getByRole('button', { name: 'Hide from the room' }));
    expect(act).toHaveBeenLastCalledWith({ type: 'hideNote', noteId: 'n3', isHidden: true });

    await user.click(screen.getByText('Hidden notes (1)'));
    await user.click(screen.getByRole('button', { name: 'Show again: Rant about a colleague' }));
    expect(act).toHaveBeenLastCalledWith({ type: 'hideNote', noteId: 'n2', isHidden: false });
  });

  it('merges the selected note into a similar one, and separates a merged note', async () => {
    const { act, user } = setup();

    await user.click(noteButton('A named account manager'));
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Merge into' }),
      '“Free returns forever”',
    );
    await user.click(screen.getByRole('button', { name: 'Merge' }));
    expect(act).toHaveBeenLastCalledWith({ type: 'mergeNote', noteId: 'n4', intoNoteId: 'n3' });

    await user.click(screen.getByRole('button', { name: 'Separate “Same day delivery!” again' }));
    expect(act).toHaveBeenLastCalledWith({ type: 'splitNote', noteId: 'n5' });
  });

  it('shows live dots and locks the board while the room votes', () => {
    setup(
      consoleView({
        phase: 'vote',
        counts: { notes: 4, hidden: 1, authors: 3, voters: 2 },
        ranking: [
          { id: 'c1', kind: 'cluster', label: 'Speed', dots: 4, notes: 2, voters: 2 },
          { id: 'n3', kind: 'note', label: 'Free returns forever', dots: 1, notes: 1, voters: 1 },
          {
            id: 'n4',
            kind: 'note',
            label: 'A named account manager',
            dots: 0,
            notes: 1,
            voters: 0,
          },
        ],
      }),
    );

    expect(screen.getByText(/2 of 6 have voted/)).toBeVisible();
    const chart = screen.getByRole('list', { name: 'Dots so far' });
    expect(
      within(chart)
        .getAllByRole('listitem')
        .map((r) => r.textContent),
    ).toEqual([
      '1. Speed4 (80%)',
      '2. Free returns forever1 (20%)',
      '3. A named account manager0 (0%)',
    ]);
    expect(within(group('Speed')).getByText('2 notes · 4 dots')).toBeVisible();
    expect(screen.getByRole('button', { name: /^Free returns forever\s*· 1 dot$/ })).toBeDisabled();
    expect(screen.queryByRole('textbox', { name: 'New cluster' })).not.toBeInTheDocument();
    expect(
      screen.queryByRole('textbox', { name: 'Name of the cluster Speed' }),
    ).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Speed' })).toBeVisible();
    expect(screen.queryByRole('button', { name: /^Delete the cluster/ })).not.toBeInTheDocument();
  });

  it('names authors only when the view carries them', () => {
    const { unmount } = setup();
    expect(screen.queryByText(/·\s*Ana/)).not.toBeInTheDocument();
    unmount();

    setup(
      consoleView({
        isAnonymous: false,
        loose: [
          { id: 'n3', text: 'Free returns forever', tag: 'Better', author: 'Ana', absorbed: [] },
        ],
      }),
    );
    expect(
      screen.getByRole('button', { name: /^Better Free returns forever\s*· Ana$/ }),
    ).toBeVisible();
    expect(screen.getByText(/· named/)).toBeVisible();
  });

  it('shows the server’s message when an action is refused', async () => {
    const { act, user } = setup();
    act.mockResolvedValueOnce({
      ok: false,
      error: { code: 'INVALID_ACTION', message: 'There is nothing to vote on yet' },
    });

    await user.click(screen.getByRole('button', { name: 'Open the dot vote' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('There is nothing to vote on yet');
  });
});
