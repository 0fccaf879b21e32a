import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DotVoteScreenView } from '@playfield/shared/exercises/dotVote/index';
import DotVoteScreen from '../../client/src/exercises/dotVote/Screen.tsx';

function screenVote(overrides: Partial<DotVoteScreenView> = {}): DotVoteScreenView {
  return {
    question: 'Which sources do you use?',
    options: ['Letters', 'Complaints', 'CSI'],
    rule: { mode: 'choose', min: 3, max: 3 },
    respondents: 5,
    results: null,
    ...overrides,
  };
}

const ranking = (labels: string[]) =>
  labels.map((label, i) => ({
    option: i,
    label,
    count: labels.length - i,
    voters: labels.length - i,
  }));

describe('DotVoteScreen', () => {
  it('shows the options and how many voted before the reveal, and no counts', () => {
    render(<DotVoteScreen view={screenVote()} participantCount={9} />);

    expect(screen.getByRole('heading', { name: 'Which sources do you use?' })).toBeVisible();
    expect(screen.getByText('Choose 3.')).toBeVisible();
    const options = within(screen.getByRole('list', { name: 'Options' })).getAllByRole('listitem');
    expect(options.map((o) => o.textContent)).toEqual(['Letters', 'Complaints', 'CSI']);
    expect(screen.getByText(/voted/)).toHaveTextContent('5 of 9 voted');
    expect(screen.queryByRole('list', { name: 'Results' })).not.toBeInTheDocument();
  });

  it('ranks the options, and shows who falls short with a count and share', () => {
    render(
      <DotVoteScreen
        view={screenVote({
          results: {
            ranking: ranking(['Complaints', 'CSI', 'Letters']),
            shortfall: { min: 3, count: 2, respondents: 5, share: 0.4 },
            examples: null,
          },
        })}
        participantCount={9}
      />,
    );

    const rows = within(screen.getByRole('list', { name: 'Results' })).getAllByRole('listitem');
    expect(rows.map((r) => r.textContent)).toEqual([
      '1. Complaints3 (50%)',
      '2. CSI2 (33%)',
      '3. Letters1 (17%)',
    ]);
    expect(screen.getByText(/chose fewer than/)).toHaveTextContent(
      '2 of 5 (40%) chose fewer than 3',
    );
  });

  it('names who falls short only when the view carries names', () => {
    render(
      <DotVoteScreen
        view={screenVote({
          results: {
            ranking: ranking(['Complaints']),
            shortfall: { min: 3, count: 2, respondents: 5, share: 0.4, names: ['Ben', 'Dee'] },
            examples: null,
          },
        })}
        participantCount={9}
      />,
    );

    expect(screen.getByText(/chose fewer than/)).toHaveTextContent(': Ben, Dee');
  });

  it('shows the top seven options and counts the rest', () => {
    const labels = Array.from({ length: 10 }, (_, i) => `Option ${i + 1}`);
    render(
      <DotVoteScreen
        view={screenVote({
          results: { ranking: ranking(labels), shortfall: null, examples: null },
        })}
        participantCount={9}
      />,
    );

    expect(
      within(screen.getByRole('list', { name: 'Results' })).getAllByRole('listitem'),
    ).toHaveLength(7);
    expect(screen.getByText('and 3 more')).toBeVisible();
  });

  it('shows the focused option’s examples without names, and how many more there are', () => {
    render(
      <DotVoteScreen
        view={screenVote({
          results: {
            ranking: ranking(['Complaints', 'CSI']),
            shortfall: null,
            examples: {
              option: 0,
              label: 'Complaints',
              texts: ['Weekly complaint log', 'Read at the Monday meeting'],
              more: 4,
            },
          },
        })}
        participantCount={9}
      />,
    );

    const examples = screen.getByRole('region', { name: 'Examples: Complaints' });
    expect(
      within(examples)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['“Weekly complaint log”', '“Read at the Monday meeting”']);
    expect(within(examples).getByText('and 4 more')).toBeVisible();
  });

  it('counts the options left off the screen in every share, as the console does (#17.5)', () => {
    const labels = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'];
    // Counts 9, 8, ... 1: 45 dots in all, of which the two options not drawn hold 3.
    render(
      <DotVoteScreen
        view={screenVote({
          options: labels,
          results: { ranking: ranking(labels), shortfall: null, examples: null },
        })}
        participantCount={9}
      />,
    );

    const rows = within(screen.getByRole('list', { name: 'Results' })).getAllByRole('listitem');
    expect(rows).toHaveLength(7);
    expect(rows[0]).toHaveTextContent('A9 (20%)');
    expect(rows[6]).toHaveTextContent('G3 (7%)');
    expect(screen.getByText('and 2 more')).toBeVisible();
  });

  it('gives equal counts one shared rank (1, 2, 2, 4) (#17.6)', () => {
    const counts = [5, 4, 4, 2];
    render(
      <DotVoteScreen
        view={screenVote({
          results: {
            ranking: ['Letters', 'Complaints', 'CSI', 'Surveys'].map((label, option) => ({
              option,
              label,
              count: counts[option] ?? 0,
              voters: counts[option] ?? 0,
            })),
            shortfall: null,
            examples: null,
          },
        })}
        participantCount={9}
      />,
    );

    const rows = within(screen.getByRole('list', { name: 'Results' })).getAllByRole('listitem');
    expect(rows.map((r) => r.textContent?.split(/\d+ \(/)[0])).toEqual([
      '1. Letters',
      '2. Complaints',
      '2. CSI',
      '4. Surveys',
    ]);
  });
});
