import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SortItemResult, SortScreenView } from '@playfield/shared/exercises/sort/index';
import SortScreen from '../../client/src/exercises/sort/Screen.tsx';

const RESULTS: (SortItemResult & { text: string })[] = [
  {
    text: 'Samples sent out',
    counts: [3, 1],
    placed: 4,
    answer: 0,
    correctShare: 0.75,
    agreement: 0.75,
  },
  {
    text: 'Produced with the customer present',
    counts: [1, 2],
    placed: 3,
    answer: 1,
    correctShare: 2 / 3,
    agreement: 2 / 3,
  },
  {
    text: 'Priced per hour',
    counts: [1, 1],
    placed: 2,
    answer: null,
    correctShare: null,
    agreement: 0.5,
  },
];

function screenSort(overrides: Partial<SortScreenView> = {}): SortScreenView {
  return {
    prompt: 'Product or service?',
    categories: ['Product', 'Service'],
    itemCount: 3,
    respondents: 4,
    finished: 2,
    focus: null,
    results: null,
    ...overrides,
  };
}

describe('SortScreen', () => {
  it('shows the prompt, the categories and progress while people sort, and no results', () => {
    render(<SortScreen view={screenSort()} participantCount={10} />);

    expect(screen.getByRole('heading', { name: 'Product or service?' })).toBeVisible();
    const categories = within(screen.getByRole('list', { name: 'Categories' })).getAllByRole(
      'listitem',
    );
    expect(categories.map((c) => c.textContent)).toEqual(['Product', 'Service']);
    expect(screen.getByText(/sorting/)).toHaveTextContent('4 of 10 sorting · 2 sorted all 3');
    expect(screen.queryByText(/%/)).not.toBeInTheDocument();
  });

  it('shows only the focused statement before the reveal', () => {
    render(
      <SortScreen
        view={screenSort({
          focus: { index: 1, text: 'Produced with the customer present', result: null },
        })}
        participantCount={10}
      />,
    );

    expect(
      screen.getByRole('heading', { name: 'Produced with the customer present' }),
    ).toBeVisible();
    expect(screen.getByText('Statement 2 of 3')).toBeVisible();
    expect(screen.getByText('Product or Service?')).toBeVisible();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('shows the focused statement’s spread with the expected category marked after the reveal', () => {
    const result = RESULTS[1];
    if (!result) throw new Error('fixture');
    render(
      <SortScreen
        view={screenSort({
          focus: { index: 1, text: result.text, result },
          results: { items: RESULTS, averageCorrectShare: 5 / 7, divided: [2, 1, 0] },
        })}
        participantCount={10}
      />,
    );

    const chart = screen.getByRole('list', { name: `How the room sorted “${result.text}”` });
    expect(
      within(chart)
        .getAllByRole('listitem')
        .map((r) => r.textContent),
    ).toEqual(['Product1 (33%)', '✓ Service (expected)2 (67%)']);
    expect(screen.getByText(/sorted it as expected/)).toHaveTextContent(
      '67% sorted it as expected',
    );
  });

  it('shows the average and where the room disagreed most in the overview after the reveal', () => {
    render(
      <SortScreen
        view={screenSort({
          results: { items: RESULTS, averageCorrectShare: 5 / 7, divided: [2, 1] },
        })}
        participantCount={10}
      />,
    );

    expect(screen.getByText(/of answers as expected/)).toHaveTextContent(
      '71% of answers as expected',
    );
    expect(screen.getByRole('heading', { name: 'Where the room disagreed most' })).toBeVisible();
    const rows = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(rows.map((r) => r.textContent)).toEqual([
      'Priced per hour1 Product · 1 Service',
      'Produced with the customer present1 Product · 2 ✓ Service',
    ]);
  });

  it('says the room agreed when no statement divided it', () => {
    render(
      <SortScreen
        view={screenSort({ results: { items: RESULTS, averageCorrectShare: 1, divided: [] } })}
        participantCount={10}
      />,
    );

    expect(screen.getByText('The room agreed on every statement.')).toBeVisible();
  });
});
