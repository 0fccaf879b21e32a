import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import PollScreen from '../../client/src/exercises/poll/Screen.tsx';
import { screenPoll } from './fixtures.ts';

describe('PollScreen', () => {
  it('shows the options and how many answered when results are not revealed', () => {
    render(<PollScreen view={screenPoll({ respondents: 3 })} participantCount={12} />);

    expect(
      screen.getByRole('heading', { name: 'How do customers reach you first?' }),
    ).toBeVisible();
    const options = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(options.map((o) => o.textContent)).toEqual(['Phone', 'Email', 'Chat']);
    expect(screen.getByText('of 12 answered', { exact: false })).toHaveTextContent(
      '3 of 12 answered',
    );
    // Nobody sees counts per option before the reveal.
    expect(screen.queryByRole('list', { name: 'Results' })).not.toBeInTheDocument();
    expect(screen.queryByText(/%/)).not.toBeInTheDocument();
  });

  it('shows a bar chart of the counts when results are revealed', () => {
    render(
      <PollScreen
        view={screenPoll({ results: { counts: [1, 3, 0], respondents: 4 } })}
        participantCount={12}
      />,
    );

    const rows = within(screen.getByRole('list', { name: 'Results' })).getAllByRole('listitem');
    expect(rows.map((row) => row.textContent)).toEqual([
      'Phone1 (25%)',
      'Email3 (75%)',
      'Chat0 (0%)',
    ]);
    expect(screen.queryByText(/answered/)).not.toBeInTheDocument();
  });
});
