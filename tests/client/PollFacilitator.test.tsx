import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { PollFacilitatorView } from '@playfield/shared/exercises/poll/index';
import PollFacilitator from '../../client/src/exercises/poll/Facilitator.tsx';
import type { Act } from '../../client/src/exercises/types.ts';
import { accepted, facilitatorPoll } from './fixtures.ts';

function setup(view: PollFacilitatorView = facilitatorPoll(), participantCount = 5) {
  const act = vi.fn<Act<'poll'>>(() => Promise.resolve(accepted));
  render(<PollFacilitator view={view} participantCount={participantCount} act={act} />);
  return { act, user: userEvent.setup() };
}

describe('PollFacilitator', () => {
  it('shows how many of the room answered and the live count per option', () => {
    setup();

    expect(
      screen.getByRole('heading', { name: 'How do customers reach you first?' }),
    ).toBeVisible();
    expect(screen.getByText(/3 of 5 answered/)).toHaveTextContent('single choice');
    const rows = within(screen.getByRole('list', { name: 'Live answers' })).getAllByRole(
      'listitem',
    );
    expect(rows.map((row) => row.textContent)).toEqual([
      'Phone2 (67%)',
      'Email1 (33%)',
      'Chat0 (0%)',
    ]);
  });

  it('names the kind of poll when it is multiple choice and anonymous', () => {
    setup(facilitatorPoll({ isMultipleChoice: true, isAnonymous: true }));

    expect(screen.getByText(/3 of 5 answered/)).toHaveTextContent(
      '3 of 5 answered · multiple choice · anonymous',
    );
  });

  it('lists who answered what when the view carries voters', async () => {
    const { user } = setup(facilitatorPoll({ voters: [['Ana', 'Bruno'], ['Chidi'], []] }));

    const names = screen.getByText('Ana, Bruno');
    expect(names).not.toBeVisible();
    await user.click(screen.getByText('Who answered what'));

    expect(names).toBeVisible();
    const list = names.closest('dl');
    expect(list).not.toBeNull();
    const terms = within(list as HTMLElement);
    expect(terms.getByText('Phone').nextElementSibling).toHaveTextContent('Ana, Bruno');
    expect(terms.getByText('Email').nextElementSibling).toHaveTextContent('Chidi');
    expect(terms.getByText('Chat').nextElementSibling).toHaveTextContent('—');
  });

  it('shows no names when the view has no voters', () => {
    setup(facilitatorPoll({ isAnonymous: true }));

    expect(screen.queryByText('Who answered what')).not.toBeInTheDocument();
  });

  it('sends a reset when Clear answers is confirmed', async () => {
    const confirm = vi.fn(() => true);
    vi.stubGlobal('confirm', confirm);
    const { act, user } = setup();

    await user.click(screen.getByRole('button', { name: 'Clear answers' }));

    expect(confirm).toHaveBeenCalledExactlyOnceWith('Clear every answer to this poll?');
    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'reset' });
  });

  it('keeps the answers when Clear answers is cancelled', async () => {
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    const { act, user } = setup();

    await user.click(screen.getByRole('button', { name: 'Clear answers' }));

    expect(confirm).toHaveBeenCalledOnce();
    expect(act).not.toHaveBeenCalled();
  });

  it('disables Clear answers when nobody has answered', () => {
    setup(facilitatorPoll({ results: { counts: [0, 0, 0], respondents: 0 } }));

    expect(screen.getByRole('button', { name: 'Clear answers' })).toBeDisabled();
    expect(screen.getByText(/0 of 5 answered/)).toBeInTheDocument();
  });
});
