import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { DotVoteFacilitatorView } from '@playfield/shared/exercises/dotVote/index';
import DotVoteFacilitator from '../../client/src/exercises/dotVote/Facilitator.tsx';
import type { Act } from '../../client/src/exercises/types.ts';
import { accepted } from './fixtures.ts';

function facilitatorVote(overrides: Partial<DotVoteFacilitatorView> = {}): DotVoteFacilitatorView {
  return {
    question: 'Which sources do you use?',
    options: ['Letters', 'Complaints', 'CSI'].map((label) => ({ label, description: '' })),
    rule: { mode: 'choose', min: 2, max: 3 },
    exampleMode: 'optional',
    isAnonymous: false,
    showShortfallNames: true,
    isRevealed: false,
    focus: null,
    tally: { counts: [1, 3, 2], voters: [1, 3, 2], respondents: 4 },
    ranking: [
      { option: 1, label: 'Complaints', count: 3, voters: 3 },
      { option: 2, label: 'CSI', count: 2, voters: 2 },
      { option: 0, label: 'Letters', count: 1, voters: 1 },
    ],
    shortfall: { min: 2, count: 1, respondents: 4, share: 0.25, names: ['Ben'] },
    examples: [
      { option: 1, id: 'ex_aaaaaaaaaa', text: 'Weekly complaint log', isHidden: false },
      { option: 1, id: 'ex_bbbbbbbbbb', text: 'Rude words here', isHidden: true },
    ],
    ...overrides,
  };
}

function setup(view = facilitatorVote()) {
  const act = vi.fn<Act<'dotVote'>>(() => Promise.resolve(accepted));
  render(<DotVoteFacilitator view={view} participantCount={8} act={act} />);
  return { act, user: userEvent.setup() };
}

describe('DotVoteFacilitator', () => {
  it('shows how many voted, the rule and the live ranking', () => {
    setup();

    expect(screen.getByText(/of 8 voted/)).toHaveTextContent(
      '4 of 8 voted · Choose at least 2 (up to 3). · examples optional · private until you reveal',
    );
    const rows = within(screen.getByRole('list', { name: 'Live votes' })).getAllByRole('listitem');
    expect(rows.map((r) => r.textContent)).toEqual([
      'Complaints (3 people)3 (50%)',
      'CSI (2 people)2 (33%)',
      'Letters (1 person)1 (17%)',
    ]);
  });

  it('shows who falls short as a count, share and, when configured, names', () => {
    setup();

    expect(screen.getByText(/Who falls short/).closest('p')).toHaveTextContent(
      'Who falls short: 1 of 4 voters (25%) chose fewer than 2.',
    );
    expect(screen.getByText('Ben')).toBeVisible();
  });

  it('shows no names when the view carries none', () => {
    setup(facilitatorVote({ shortfall: { min: 2, count: 1, respondents: 4, share: 0.25 } }));

    expect(screen.queryByText('Ben')).not.toBeInTheDocument();
  });

  it('hides a shown example and shows a hidden one', async () => {
    const { act, user } = setup();

    await user.click(
      screen.getByRole('button', { name: 'Hide the example “Weekly complaint log”' }),
    );
    expect(act).toHaveBeenLastCalledWith({
      type: 'hideExample',
      exampleId: 'ex_aaaaaaaaaa',
      isHidden: true,
    });
    expect(screen.getByText('Rude words here').closest('li')).toHaveTextContent('Hidden:');
    await user.click(screen.getByRole('button', { name: 'Show the example “Rude words here”' }));
    expect(act).toHaveBeenLastCalledWith({
      type: 'hideExample',
      exampleId: 'ex_bbbbbbbbbb',
      isHidden: false,
    });
  });

  it('puts an option’s examples on the screen and takes them off again', async () => {
    const { act, user } = setup();

    await user.click(screen.getByRole('button', { name: 'Show on screen' }));
    expect(act).toHaveBeenLastCalledWith({ type: 'focus', option: 1 });
  });

  it('takes the examples off the screen when the focused option is pressed again', async () => {
    const { act, user } = setup(facilitatorVote({ focus: 1 }));

    const button = screen.getByRole('button', { name: 'On screen' });
    expect(button).toHaveAttribute('aria-pressed', 'true');
    await user.click(button);
    expect(act).toHaveBeenLastCalledWith({ type: 'focus', option: null });
  });

  it('sends a reset when Clear votes is confirmed', async () => {
    vi.stubGlobal(
      'confirm',
      vi.fn(() => true),
    );
    const { act, user } = setup();

    await user.click(screen.getByRole('button', { name: 'Clear votes' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'reset' });
  });
});
