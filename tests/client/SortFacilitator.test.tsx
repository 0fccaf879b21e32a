import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { SortFacilitatorView } from '@playfield/shared/exercises/sort/index';
import SortFacilitator from '../../client/src/exercises/sort/Facilitator.tsx';
import type { Act } from '../../client/src/exercises/types.ts';
import { accepted } from './fixtures.ts';

function facilitatorSort(overrides: Partial<SortFacilitatorView> = {}): SortFacilitatorView {
  return {
    prompt: 'Product or service?',
    categories: ['Product', 'Service'],
    items: [
      { text: 'Samples sent out', answer: 0 },
      { text: 'Produced with the customer present', answer: 1 },
      { text: 'Priced per hour', answer: null },
    ],
    isRevealed: false,
    focus: null,
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
    scoreSpread: [0, 3, 1],
    ...overrides,
  };
}

function setup(view = facilitatorSort()) {
  const act = vi.fn<Act<'sort'>>(() => Promise.resolve(accepted));
  render(<SortFacilitator view={view} participantCount={6} act={act} />);
  return { act, user: userEvent.setup() };
}

describe('SortFacilitator', () => {
  it('shows progress, the average and the live spread with the expected category marked', () => {
    setup();

    expect(screen.getByText(/of 6 sorting/)).toHaveTextContent(
      '4 of 6 sorting · 2 finished · 3 statements · answers private until you reveal',
    );
    expect(screen.getByText(/of answers so far as expected/)).toHaveTextContent('71%');
    const table = screen.getByRole('table', { name: 'Live spread per statement' });
    const cellsOf = (statement: string) =>
      within(within(table).getByRole('rowheader', { name: statement }).closest('tr') as HTMLElement)
        .getAllByRole('cell')
        .map((c) => c.textContent);
    expect(cellsOf('Samples sent out')).toEqual(['3 ✓ (expected)', '1', '75%']);
    expect(cellsOf('Produced with the customer present')).toEqual(['1', '2 ✓ (expected)', '67%']);
    expect(cellsOf('Priced per hour')).toEqual(['1', '1', '–']);
    expect(within(table).getAllByRole('row')).toHaveLength(4);
  });

  it('lays the live spread out as a table of figures that needs no sideways scrolling', () => {
    setup(facilitatorSort({ focus: 1 }));

    const table = screen.getByRole('table', { name: 'Live spread per statement' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Statement', 'Product', 'Service', 'As expected']);
    // Each statement's screen button sits under it; the row is still named by the statement.
    for (const name of [
      'Samples sent out',
      'Produced with the customer present',
      'Priced per hour',
    ])
      expect(within(table).getByRole('rowheader', { name })).toContainElement(
        screen.getByRole('button', { name: `Show “${name}” on the screen` }),
      );
    // The statement on the screen is marked by its button's words, not only its colour.
    const onScreen = within(table).getByRole('row', { name: /^Produced with/ });
    expect(within(onScreen).getByRole('button')).toHaveTextContent('On screen');
    expect(screen.queryByRole('region', { name: /scrollable/ })).not.toBeInTheDocument();
  });

  it('charts how many people got each score', () => {
    setup();

    const chart = screen.getByRole('list', { name: 'How many each person sorted as expected' });
    expect(
      within(chart)
        .getAllByRole('listitem')
        .map((r) => r.textContent),
    ).toEqual([
      '0 of 2 as expected0 (0%)',
      '1 of 2 as expected3 (75%)',
      '2 of 2 as expected1 (25%)',
    ]);
  });

  it('puts a statement on the screen, and takes it off when pressed again', async () => {
    const { act, user } = setup(facilitatorSort({ focus: 2 }));

    const onScreen = screen.getByRole('button', { name: 'Show “Priced per hour” on the screen' });
    expect(onScreen).toHaveAttribute('aria-pressed', 'true');
    await user.click(screen.getByRole('button', { name: 'Show “Samples sent out” on the screen' }));
    expect(act).toHaveBeenLastCalledWith({ type: 'focus', item: 0 });
    await user.click(onScreen);
    expect(act).toHaveBeenLastCalledWith({ type: 'focus', item: null });
    await user.click(screen.getByRole('button', { name: 'Screen: back to the overview' }));
    expect(act).toHaveBeenLastCalledWith({ type: 'focus', item: null });
  });

  it('sends a reset only when Clear answers is confirmed', async () => {
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    const { act, user } = setup();

    await user.click(screen.getByRole('button', { name: 'Clear answers' }));
    expect(act).not.toHaveBeenCalled();
    confirm.mockReturnValue(true);
    await user.click(screen.getByRole('button', { name: 'Clear answers' }));
    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'reset' });
  });

  it('leaves out the expected column and score chart when no statement has a right answer', () => {
    setup(
      facilitatorSort({
        items: [{ text: 'Only', answer: null }],
        results: {
          items: [{ counts: [1, 0], placed: 1, answer: null, correctShare: null, agreement: 1 }],
          respondents: 1,
          finished: 1,
          averageCorrectShare: null,
        },
        scoreSpread: [],
      }),
    );

    expect(screen.queryByRole('columnheader', { name: 'As expected' })).not.toBeInTheDocument();
    expect(screen.queryByText(/of answers so far/)).not.toBeInTheDocument();
    expect(screen.queryByRole('list', { name: /each person/ })).not.toBeInTheDocument();
  });
});
