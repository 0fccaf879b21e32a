import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type {
  BrainstormOwnView,
  BrainstormPublicView,
  PublicCluster,
  PublicItem,
} from '@playfield/shared/exercises/brainstorm/index';
import { BrainstormParticipant } from '../../client/src/exercises/brainstorm/Participant.tsx';
import type { Act, ParticipantProps } from '../../client/src/exercises/types.ts';
import { accepted } from './fixtures.ts';

function publicView(overrides: Partial<BrainstormPublicView> = {}): BrainstormPublicView {
  return {
    prompt: 'What could a competitor do that would be your worst nightmare?',
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
    ...overrides,
  };
}

function ownView(overrides: Partial<BrainstormOwnView> = {}): BrainstormOwnView {
  return { notes: [], setAside: 0, notesLeft: 3, dots: {}, dotsLeft: 3, ...overrides };
}

const SPEED: PublicCluster = {
  id: 'c1',
  kind: 'cluster',
  label: 'Speed',
  noteCount: 3,
  notes: [
    { id: 'n1', text: 'Same-day delivery everywhere', similar: 1 },
    { id: 'n2', text: 'Next-hour delivery in cities' },
  ],
};

const ITEMS: PublicItem[] = [SPEED, { id: 'n3', kind: 'note', text: 'Free returns forever' }];

function setup(props: Partial<Omit<ParticipantProps<'brainstorm'>, 'act'>> = {}) {
  const act = vi.fn<Act<'brainstorm'>>(() => Promise.resolve(accepted));
  const all: ParticipantProps<'brainstorm'> = {
    view: publicView(),
    own: null,
    isOpen: true,
    ...props,
    act,
  };
  const utils = render(<BrainstormParticipant {...all} />);
  return { ...utils, act, props: all, user: userEvent.setup() };
}

describe('BrainstormParticipant while collecting', () => {
  it('posts the typed note and empties the box when the note is accepted', async () => {
    const { act, user } = setup();

    const box = screen.getByRole('textbox', { name: 'Your note' });
    await user.type(box, 'Same-day delivery everywhere');
    expect(screen.getByText('28 of 200 characters')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Post note' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({
      type: 'addNote',
      text: 'Same-day delivery everywhere',
      tag: null,
    });
    expect(box).toHaveValue('');
  });

  it('keeps the text when the server refuses the note, and shows why', async () => {
    const { act, user } = setup();
    act.mockResolvedValueOnce({
      ok: false,
      error: { code: 'INVALID_ACTION', message: 'You have posted your 3 notes' },
    });

    await user.type(screen.getByRole('textbox', { name: 'Your note' }), 'One more');
    await user.click(screen.getByRole('button', { name: 'Post note' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('You have posted your 3 notes');
    expect(screen.getByRole('textbox', { name: 'Your note' })).toHaveValue('One more');
  });

  it('says when the board is nearly full, and offers no note box once it is full', () => {
    const { rerender, props } = setup({ view: publicView({ boardSpace: 'nearlyFull' }) });
    expect(screen.getByText('The board is nearly full: only a few more notes fit.')).toBeVisible();
    expect(screen.getByRole('textbox', { name: 'Your note' })).toBeInTheDocument();

    rerender(<BrainstormParticipant {...props} view={publicView({ boardSpace: 'full' })} />);
    expect(
      screen.getByText('The board is full: no more notes fit. You can still edit or delete yours.'),
    ).toBeVisible();
    expect(screen.queryByRole('textbox', { name: 'Your note' })).toBeNull();
  });

  it('asks for a tag before posting when the brainstorm has tags', async () => {
    const { act, user } = setup({ view: publicView({ tags: ['Better', 'Faster', 'Different'] }) });

    await user.type(screen.getByRole('textbox', { name: 'Your note' }), 'Kim rebooked a family');
    const post = screen.getByRole('button', { name: 'Post note' });
    expect(post).toBeDisabled();
    const tags = screen.getByRole('group', { name: 'Tag (choose one)' });
    await user.click(within(tags).getByRole('radio', { name: 'Faster' }));
    await user.click(post);

    expect(act).toHaveBeenCalledExactlyOnceWith({
      type: 'addNote',
      text: 'Kim rebooked a family',
      tag: 'Faster',
    });
  });

  it('lists the participant’s notes and edits one in place', async () => {
    const own = ownView({
      notes: [{ id: 'n4', text: 'Sme-day delivery', tag: null, isMerged: false }],
      notesLeft: 2,
    });
    const { act, user } = setup({ own });

    expect(screen.getByRole('heading', { name: 'Your notes (1 of 3)' })).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Edit your note: Sme-day delivery' }));
    const box = screen.getByRole('textbox', { name: 'Edit your note' });
    await user.clear(box);
    await user.type(box, 'Same-day delivery');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({
      type: 'editNote',
      noteId: 'n4',
      text: 'Same-day delivery',
      tag: null,
    });
    expect(screen.queryByRole('textbox', { name: 'Edit your note' })).not.toBeInTheDocument();
  });

  it('deletes a note when its Delete button is pressed', async () => {
    const own = ownView({
      notes: [{ id: 'n4', text: 'Price match', tag: null, isMerged: true }],
      notesLeft: 2,
    });
    const { act, user } = setup({ own });

    expect(screen.getByText(/merged with a similar note/)).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Delete your note: Price match' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'deleteNote', noteId: 'n4' });
  });

  it('replaces the form with a hint when every note is used, and counts set-aside notes', () => {
    setup({
      own: ownView({
        notes: [
          { id: 'n1', text: 'One', tag: null, isMerged: false },
          { id: 'n2', text: 'Two', tag: null, isMerged: false },
        ],
        setAside: 1,
        notesLeft: 0,
      }),
    });

    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.getByText(/You have posted all your notes/)).toBeVisible();
    expect(screen.getByText('1 of your notes was set aside by the facilitator.')).toBeVisible();
  });

  it('disables changes when the facilitator has locked the round', () => {
    setup({
      isOpen: false,
      own: ownView({ notes: [{ id: 'n1', text: 'One', tag: null, isMerged: false }] }),
    });

    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.getByText('The facilitator has paused the notes.')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Edit your note: One' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Delete your note: One' })).toBeDisabled();
  });

  it('promises anonymity only when the brainstorm is anonymous', () => {
    const { unmount } = setup();
    expect(screen.getByText(/Your notes are anonymous/)).toBeVisible();
    unmount();

    setup({ view: publicView({ isAnonymous: false }) });
    expect(screen.queryByText(/anonymous/)).not.toBeInTheDocument();
    expect(screen.getByText(/Your name is shown with your notes/)).toBeVisible();
  });
});

describe('BrainstormParticipant while clustering', () => {
  it('shows the revealed board read-only with the participant’s notes tucked away', () => {
    setup({
      view: publicView({ phase: 'cluster', items: ITEMS }),
      own: ownView({
        notes: [{ id: 'n3', text: 'Free returns forever', tag: null, isMerged: false }],
      }),
    });

    expect(screen.getByText(/The facilitator is grouping them/)).toBeVisible();
    const board = screen.getByRole('list', { name: 'The board' });
    expect(
      within(board)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toContain('Same-day delivery everywhere (+1 similar)');
    // Speed holds 3 notes: two shown, one of them with a duplicate, so none left over.
    expect(within(board).queryByText(/more note/)).not.toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(screen.getByText('Your notes (1)')).toBeVisible();
  });
  it('counts the notes of a big cluster that the phone was not sent', () => {
    const big: PublicItem = { ...SPEED, noteCount: 42 };
    setup({ view: publicView({ phase: 'cluster', items: [big] }) });

    expect(screen.getByText('Speed').parentElement).toHaveTextContent('Speed (42 notes)');
    expect(screen.getByText('and 39 more notes')).toBeVisible();
  });
});

describe('BrainstormParticipant while voting', () => {
  const voting = publicView({ phase: 'vote', items: ITEMS });

  it('puts a dot on an item and says how many dots are left', async () => {
    const { act, user } = setup({ view: voting, own: ownView({ dots: { c1: 1 }, dotsLeft: 2 }) });

    expect(screen.getByRole('status')).toHaveTextContent('2 dots left of 3');
    await user.click(screen.getByRole('button', { name: 'Put a dot on Speed' }));
    expect(act).toHaveBeenLastCalledWith({ type: 'vote', itemId: 'c1', dots: 2 });
    await user.click(screen.getByRole('button', { name: 'Take a dot off Speed' }));
    expect(act).toHaveBeenLastCalledWith({ type: 'vote', itemId: 'c1', dots: 0 });
    await user.click(screen.getByRole('button', { name: 'Put a dot on “Free returns forever”' }));
    expect(act).toHaveBeenLastCalledWith({ type: 'vote', itemId: 'n3', dots: 1 });
  });

  it('stops adding dots at the per-item cap and when no dots are left', () => {
    setup({ view: voting, own: ownView({ dots: { c1: 2, n3: 1 }, dotsLeft: 0 }) });

    expect(screen.getByRole('button', { name: 'Put a dot on Speed' })).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Put a dot on “Free returns forever”' }),
    ).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Take a dot off Speed' })).toBeEnabled();
    expect(screen.getByRole('status')).toHaveTextContent('0 dots left of 3');
    // The dots show as marks and in words, not by colour alone.
    const speed = screen.getByText('Speed').closest('li');
    expect(speed).toHaveTextContent('2 dots');
  });

  it('takes every dot back at once', async () => {
    const { act, user } = setup({ view: voting, own: ownView({ dots: { c1: 1 }, dotsLeft: 2 }) });

    await user.click(screen.getByRole('button', { name: 'Take all my dots back' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'clearVotes' });
  });

  it('disables the dots and says so when the vote is locked', () => {
    setup({ view: voting, own: ownView(), isOpen: false });

    expect(screen.getByRole('status')).toHaveTextContent('The vote is locked.');
    for (const button of screen.getAllByRole('button')) expect(button).toBeDisabled();
  });
});

describe('BrainstormParticipant with the results', () => {
  it('ranks the items by dots and marks the ones the participant supported', () => {
    setup({
      view: publicView({
        phase: 'results',
        items: ITEMS,
        ranking: [
          { id: 'c1', kind: 'cluster', label: 'Speed', dots: 7, notes: 3, voters: 5 },
          { id: 'n3', kind: 'note', label: 'Free returns forever', dots: 2, notes: 1, voters: 2 },
        ],
      }),
      own: ownView({ dots: { n3: 1 }, dotsLeft: 2 }),
    });

    const rows = within(screen.getByRole('list', { name: 'Ranking by dots' })).getAllByRole(
      'listitem',
    );
    expect(rows.map((r) => r.textContent)).toEqual([
      '1. Speed7 (78%)',
      '2. Free returns forever (your answer)2 (22%)',
    ]);
    expect(screen.queryByText(/further down/)).not.toBeInTheDocument();
  });

  it('says how many ideas ranked below the top the phone was sent, and where its other dots went', () => {
    setup({
      view: publicView({
        phase: 'results',
        items: null,
        ranking: [{ id: 'c1', kind: 'cluster', label: 'Speed', dots: 7, notes: 3, voters: 5 }],
        moreRanked: 1979,
      }),
      own: ownView({ dots: { c1: 1, n1500: 2 }, dotsLeft: 0 }),
    });

    expect(screen.getByText('and 1,979 more ideas below these')).toBeVisible();
    expect(screen.getByText('Some of your dots went to ideas further down.')).toBeVisible();
  });
});
