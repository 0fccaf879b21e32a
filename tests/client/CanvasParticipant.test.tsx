import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { CanvasOwnView, CanvasPublicView } from '@playfield/shared/exercises/canvas/index';
import { CanvasParticipant } from '../../client/src/exercises/canvas/Participant.tsx';
import type { Act, ParticipantProps } from '../../client/src/exercises/types.ts';
import { accepted } from './fixtures.ts';

function publicView(overrides: Partial<CanvasPublicView> = {}): CanvasPublicView {
  return {
    prompt: 'List the contacts a customer has with us and rate the impression each leaves.',
    boxes: [
      { title: 'Before they buy', hint: 'Adverts, the website…', isRated: true },
      { title: 'Ideas', hint: '', isRated: false },
    ],
    rating: { question: 'Impression', max: 5, lowLabel: 'Poor', highLabel: 'Excellent' },
    tags: ['Not mine', 'Urgent'],
    isAnonymous: false,
    maxEntriesPerPerson: 3,
    entryMaxLength: 140,
    board: null,
    ...overrides,
  };
}

const OWN: CanvasOwnView = {
  entries: [
    { id: 'e1', box: 0, text: 'Website search', rating: 2, tags: [0], isHidden: false },
    { id: 'e4', box: 0, text: 'Rude reply', rating: 1, tags: [], isHidden: true },
  ],
};

function setup(props: Partial<Omit<ParticipantProps<'canvas'>, 'act'>> = {}) {
  const act = vi.fn<Act<'canvas'>>(() => Promise.resolve(accepted));
  const all: ParticipantProps<'canvas'> = {
    view: publicView(),
    own: null,
    isOpen: true,
    ...props,
    act,
  };
  const utils = render(<CanvasParticipant {...all} />);
  return { ...utils, act, props: all, user: userEvent.setup() };
}

const box = (title: string) => screen.getByRole('region', { name: title });

describe('CanvasParticipant', () => {
  it('shows every box with its hint and an add button, and the entry count', () => {
    setup();

    expect(within(box('Before they buy')).getByText('Adverts, the website…')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Add to “Before they buy”' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Add to “Ideas”' })).toBeEnabled();
    expect(screen.getByText(/You have 0 of 3 entries/)).toBeVisible();
    expect(screen.getByText(/The facilitator sees your name/)).toBeVisible();
  });

  it('posts an entry with its rating and tags when the form is filled in', async () => {
    const { act, user } = setup();

    await user.click(screen.getByRole('button', { name: 'Add to “Before they buy”' }));
    const post = screen.getByRole('button', { name: 'Post' });
    expect(post).toBeDisabled();
    await user.type(screen.getByRole('textbox', { name: /Your entry/ }), 'Hold music');
    // Still no rating: a rated box needs one.
    expect(post).toBeDisabled();
    await user.click(screen.getByRole('radio', { name: '4' }));
    await user.click(screen.getByRole('checkbox', { name: 'Urgent' }));
    await user.click(screen.getByRole('checkbox', { name: 'Not mine' }));
    await user.click(post);

    expect(act).toHaveBeenCalledExactlyOnceWith({
      type: 'post',
      box: 0,
      text: 'Hold music',
      rating: 4,
      tags: [0, 1],
    });
    expect(screen.queryByRole('button', { name: 'Post' })).not.toBeInTheDocument();
  });

  it('labels both ends of the rating scale', async () => {
    const { user } = setup();

    await user.click(screen.getByRole('button', { name: 'Add to “Before they buy”' }));

    const scale = screen.getByRole('radiogroup', { name: 'Impression' });
    expect(
      within(scale)
        .getAllByRole('radio')
        .map((r) => r.getAttribute('aria-label')),
    ).toEqual(['1, Poor', '2', '3', '4', '5, Excellent']);
  });

  it('sends no rating from an unrated box', async () => {
    const { act, user } = setup();

    await user.click(screen.getByRole('button', { name: 'Add to “Ideas”' }));
    expect(screen.queryByRole('radiogroup')).not.toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: /Your entry/ }), 'Call back sooner');
    await user.click(screen.getByRole('button', { name: 'Post' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({
      type: 'post',
      box: 1,
      text: 'Call back sooner',
      rating: null,
      tags: [],
    });
  });

  it('keeps the form and shows the server’s message when a post is refused', async () => {
    const { act, user } = setup();
    act.mockResolvedValueOnce({
      ok: false,
      error: { code: 'INVALID_ACTION', message: 'You already posted that in this box' },
    });

    await user.click(screen.getByRole('button', { name: 'Add to “Ideas”' }));
    await user.type(screen.getByRole('textbox', { name: /Your entry/ }), 'Same again');
    await user.click(screen.getByRole('button', { name: 'Post' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You already posted that in this box',
    );
    expect(screen.getByRole('textbox', { name: /Your entry/ })).toHaveValue('Same again');
  });

  it('lists the participant’s own entries with their rating and tags', () => {
    setup({ own: OWN });

    const mine = within(box('Before they buy')).getByRole('list', {
      name: 'Your entries in Before they buy',
    });
    const items = within(mine).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Website searchImpression 2 of 5 · Not mine');
    expect(items[1]).toHaveTextContent('Taken off the canvas by the facilitator.');
    expect(screen.getByText(/You have 2 of 3 entries/)).toBeVisible();
  });

  it('edits an entry in place with its words, rating and tags filled in', async () => {
    const { act, user } = setup({ own: OWN });

    await user.click(screen.getByRole('button', { name: 'Edit “Website search”' }));
    const text = screen.getByRole('textbox', { name: /Your entry/ });
    expect(text).toHaveValue('Website search');
    expect(screen.getByRole('radio', { name: '2' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Not mine' })).toBeChecked();
    await user.clear(text);
    await user.type(text, 'Website search is slow');
    await user.click(screen.getByRole('radio', { name: '1, Poor' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({
      type: 'edit',
      entryId: 'e1',
      text: 'Website search is slow',
      rating: 1,
      tags: [0],
    });
  });

  it('offers no edit for an entry the facilitator took off, but lets its author remove it', async () => {
    const confirm = vi.fn(() => true);
    vi.stubGlobal('confirm', confirm);
    const { act, user } = setup({ own: OWN });

    expect(screen.queryByRole('button', { name: 'Edit “Rude reply”' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Remove “Rude reply”' }));

    expect(confirm).toHaveBeenCalledWith('Remove “Rude reply”?');
    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'remove', entryId: 'e4' });
  });

  it('keeps an entry when its removal is cancelled', async () => {
    vi.stubGlobal(
      'confirm',
      vi.fn(() => false),
    );
    const { act, user } = setup({ own: OWN });

    await user.click(screen.getByRole('button', { name: 'Remove “Website search”' }));

    expect(act).not.toHaveBeenCalled();
  });

  it('disables adding when the participant has used all their entries', () => {
    setup({ own: OWN, view: publicView({ maxEntriesPerPerson: 2 }) });

    expect(screen.getByRole('button', { name: 'Add to “Ideas”' })).toBeDisabled();
    expect(screen.getByText(/used all your entries/)).toBeVisible();
  });

  it('offers no add, edit or remove when the canvas is locked', () => {
    setup({ own: OWN, isOpen: false });

    expect(screen.getByRole('status')).toHaveTextContent('The canvas is locked.');
    expect(screen.queryByRole('button', { name: /Add to|Edit|Remove/ })).not.toBeInTheDocument();
    expect(screen.getByText('Website search')).toBeVisible();
  });

  it('promises anonymity when the canvas is anonymous', () => {
    setup({ view: publicView({ isAnonymous: true }) });

    expect(screen.getByText(/nobody sees who wrote what/)).toBeVisible();
  });

  it('shows what the room wrote once revealed, marking the participant’s own cards', () => {
    setup({
      own: OWN,
      view: publicView({
        board: [
          {
            entryCount: 3,
            averageRating: 2.33,
            ratingCount: 3,
            moreCards: 4,
            cards: [
              {
                id: 'e1',
                text: 'Website search',
                count: 2,
                rating: 3,
                tags: [{ tag: 'Not mine', count: 2 }],
              },
              { id: 'e3', text: 'Phone call', count: 1, rating: 1, tags: [] },
            ],
          },
          { entryCount: 0, averageRating: null, ratingCount: 0, moreCards: 0, cards: [] },
        ],
      }),
    });

    const cards = within(
      screen.getByRole('list', { name: 'What the room wrote in Before they buy' }),
    ).getAllByRole('listitem');
    expect(cards.map((c) => c.textContent)).toEqual([
      'Website search ×2 (yours)Impression 3 of 5 · Not mine ×2',
      'Phone callImpression 1 of 5',
    ]);
    expect(screen.getByText('and 4 more')).toBeVisible();
    expect(screen.getByText('Nothing yet.')).toBeVisible();
  });
});
