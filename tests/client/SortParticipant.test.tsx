import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { SortOwnView, SortPublicView } from '@playfield/shared/exercises/sort/index';
import { SortParticipant } from '../../client/src/exercises/sort/Participant.tsx';
import type { Act, ParticipantProps } from '../../client/src/exercises/types.ts';
import { accepted } from './fixtures.ts';

const ITEMS = ['Samples sent out', 'Produced with the customer present', 'Priced per hour'];

function publicSort(overrides: Partial<SortPublicView> = {}): SortPublicView {
  return {
    prompt: 'Product or service?',
    categories: ['Product', 'Service'],
    items: ITEMS,
    hasAnswers: true,
    results: null,
    ...overrides,
  };
}

const own = (placements: (number | null)[], score: SortOwnView['score'] = null): SortOwnView => ({
  placements,
  score,
});

function setup(props: Partial<Omit<ParticipantProps<'sort'>, 'act'>> = {}) {
  const act = vi.fn<Act<'sort'>>(() => Promise.resolve(accepted));
  const all: ParticipantProps<'sort'> = {
    view: publicSort(),
    own: null,
    isOpen: true,
    ...props,
    act,
  };
  const utils = render(<SortParticipant {...all} />);
  return { ...utils, act, props: all, user: userEvent.setup() };
}

describe('SortParticipant', () => {
  it('shows the first statement with progress and sends the tapped category', async () => {
    const { act, user } = setup();

    expect(screen.getByText('Statement 1 of 3')).toBeVisible();
    expect(screen.getByRole('progressbar', { name: '0 of 3 sorted' })).toHaveAttribute(
      'value',
      '0',
    );
    const group = screen.getByRole('radiogroup', { name: 'Samples sent out' });
    await user.click(within(group).getByRole('radio', { name: 'Service' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'place', item: 0, category: 1 });
    // Accepted: on to the next statement.
    expect(await screen.findByText('Statement 2 of 3')).toBeVisible();
    expect(
      screen.getByRole('radiogroup', { name: 'Produced with the customer present' }),
    ).toBeVisible();
  });

  it('starts at the first unsorted statement when some are already sorted', () => {
    setup({ own: own([0, null, null]) });

    expect(screen.getByText('Statement 2 of 3')).toBeVisible();
    expect(screen.getByRole('progressbar', { name: '1 of 3 sorted' })).toHaveAttribute(
      'value',
      '1',
    );
  });

  it('moves between statements with Previous and Next and shows the saved category as checked', async () => {
    const { user } = setup({ own: own([1, null, null]) });

    await user.click(screen.getByRole('button', { name: 'Previous' }));
    expect(screen.getByText('Statement 1 of 3')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();
    expect(screen.getByRole('radio', { name: 'Service' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Product' })).not.toBeChecked();

    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText('Statement 3 of 3')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
  });

  it('shows the review list once the last statement is sorted, and Change goes back to one', async () => {
    const { act, user, rerender, props } = setup({ own: own([0, 1, null]) });

    await user.click(screen.getByRole('radio', { name: 'Product' }));
    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'place', item: 2, category: 0 });
    rerender(<SortParticipant {...props} own={own([0, 1, 0])} />);

    const review = await screen.findByRole('list');
    const rows = within(review).getAllByRole('listitem');
    expect(rows.map((r) => r.textContent)).toEqual([
      'Samples sent outProductChange',
      'Produced with the customer presentServiceChange',
      'Priced per hourProductChange',
    ]);
    expect(screen.getByRole('status')).toHaveTextContent(
      'All 3 sorted. You can change any answer until the facilitator locks the sort.',
    );

    await user.click(screen.getByRole('button', { name: `Change “${ITEMS[1]}”` }));
    expect(screen.getByText('Statement 2 of 3')).toBeVisible();
    expect(screen.getByRole('radio', { name: 'Service' })).toBeChecked();
  });

  it('opens on the review list when everything is already sorted', () => {
    setup({ own: own([0, 1, 0]) });

    expect(screen.getByRole('heading', { name: 'Your answers' })).toBeVisible();
    expect(screen.queryByRole('radiogroup')).not.toBeInTheDocument();
  });

  it('starts afresh at the first statement when the next round is another sort', async () => {
    const { user, rerender, props } = setup({ own: own([0, 1, 0]) });
    expect(screen.getByRole('heading', { name: 'Your answers' })).toBeVisible();

    rerender(
      <SortParticipant
        {...props}
        view={publicSort({ prompt: 'Tactical or strategic?', items: ['Line fill', 'Case fill'] })}
        own={null}
      />,
    );

    expect(screen.queryByRole('heading', { name: 'Your answers' })).not.toBeInTheDocument();
    expect(screen.getByText('Statement 1 of 2')).toBeVisible();
    await user.click(screen.getByRole('radio', { name: 'Product' }));
    expect(props.act).toHaveBeenCalledExactlyOnceWith({ type: 'place', item: 0, category: 0 });
  });

  it('says "Not sorted yet" in the review list for statements left out', async () => {
    const { user } = setup({ own: own([0, null, null]) });

    await user.click(screen.getByRole('button', { name: 'Review all' }));

    expect(within(screen.getByRole('list')).getAllByRole('listitem')[1]).toHaveTextContent(
      'Not sorted yet',
    );
  });

  it('disables every category and says answers are locked when the sort is closed', async () => {
    const { act, user } = setup({ isOpen: false, own: own([1, null, null]) });

    for (const radio of screen.getAllByRole('radio')) expect(radio).toBeDisabled();
    expect(screen.getByRole('status')).toHaveTextContent('Answers are locked.');
    await user.click(screen.getByRole('radio', { name: 'Product' }));
    expect(act).not.toHaveBeenCalled();
  });

  it('stays on the statement and shows the server’s message when a placement is refused', async () => {
    const { act, user } = setup();
    act.mockResolvedValueOnce({
      ok: false,
      error: { code: 'ROUND_LOCKED', message: 'Answers are locked for this sort' },
    });

    await user.click(screen.getByRole('radio', { name: 'Product' }));

    expect(await screen.findByText('Answers are locked for this sort')).toBeVisible();
    expect(screen.getByText('Statement 1 of 3')).toBeVisible();
  });

  it('shows the score, the room’s spread and the expected answer marked in words after the reveal', () => {
    setup({
      view: publicSort({
        results: {
          items: [
            { counts: [3, 1], placed: 4, answer: 0, correctShare: 0.75, agreement: 0.75 },
            { counts: [1, 2], placed: 3, answer: 1, correctShare: 2 / 3, agreement: 2 / 3 },
            { counts: [1, 1], placed: 2, answer: null, correctShare: null, agreement: 0.5 },
          ],
          respondents: 4,
          finished: 2,
          averageCorrectShare: 5 / 7,
        },
      }),
      own: own([1, 1, null], { correct: 1, scorable: 2 }),
    });

    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
    expect(screen.getByText(/You sorted/)).toHaveTextContent('You sorted 1 of 2 as expected.');
    const first = screen.getByRole('list', { name: 'How the room sorted “Samples sent out”' });
    expect(
      within(first)
        .getAllByRole('listitem')
        .map((r) => r.textContent),
    ).toEqual(['✓ Product (expected)3 (75%)', 'Service (your answer)1 (25%)']);
    expect(screen.getByText(/75% of the room/)).toHaveTextContent(
      '75% of the room sorted it as expected. You did not.',
    );
    expect(screen.getByText(/67% of the room/)).toHaveTextContent('So did you.');
    const third = screen.getByRole('list', { name: 'How the room sorted “Priced per hour”' });
    expect(within(third).queryByText(/expected/)).not.toBeInTheDocument();
  });
});
