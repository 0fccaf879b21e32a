import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Accepted, Result } from '@playfield/shared';
import { PollParticipant } from '../../client/src/exercises/poll/Participant.tsx';
import type { Act, ParticipantProps } from '../../client/src/exercises/types.ts';
import { accepted, publicPoll } from './fixtures.ts';

function setup(props: Partial<Omit<ParticipantProps<'poll'>, 'act'>> = {}) {
  const act = vi.fn<Act<'poll'>>(() => Promise.resolve(accepted));
  const all: ParticipantProps<'poll'> = {
    view: publicPoll(),
    own: null,
    isOpen: true,
    ...props,
    act,
  };
  const utils = render(<PollParticipant {...all} />);
  return { ...utils, act, props: all, user: userEvent.setup() };
}

describe('PollParticipant', () => {
  it('sends the tapped option as the answer when the poll is single choice', async () => {
    const { act, user } = setup();

    const group = screen.getByRole('radiogroup', { name: 'How do customers reach you first?' });
    await user.click(within(group).getByRole('radio', { name: 'Email' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'answer', choices: [1] });
  });

  it('replaces the previous choice when another option is tapped in a single choice poll', async () => {
    const { act, user } = setup({ own: { choices: [0] } });

    expect(screen.getByRole('radio', { name: 'Phone' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Chat' })).not.toBeChecked();
    await user.click(screen.getByRole('radio', { name: 'Chat' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'answer', choices: [2] });
  });

  it('shows that the answer is saved when the participant has an answer', () => {
    setup({ own: { choices: [0] } });

    expect(screen.getByRole('status')).toHaveTextContent(/Answer saved/);
  });

  it('adds and removes choices, and clears when the last choice is removed, in a multiple choice poll', async () => {
    const view = publicPoll({ isMultipleChoice: true });
    const { act, user, rerender, props } = setup({ view });
    expect(screen.getByText('Choose all that apply.')).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Chat' }));
    expect(act).toHaveBeenLastCalledWith({ type: 'answer', choices: [2] });

    // The server's own view is what the component trusts: feed it back as it would arrive.
    rerender(<PollParticipant {...props} own={{ choices: [2] }} />);
    expect(screen.getByRole('checkbox', { name: 'Chat' })).toBeChecked();
    await user.click(screen.getByRole('checkbox', { name: 'Phone' }));
    const added = act.mock.lastCall?.[0];
    expect(added?.type).toBe('answer');
    expect(added?.type === 'answer' && [...added.choices].sort()).toEqual([0, 2]);

    rerender(<PollParticipant {...props} own={{ choices: [0, 2] }} />);
    await user.click(screen.getByRole('checkbox', { name: 'Chat' }));
    expect(act).toHaveBeenLastCalledWith({ type: 'answer', choices: [0] });

    rerender(<PollParticipant {...props} own={{ choices: [0] }} />);
    await user.click(screen.getByRole('checkbox', { name: 'Phone' }));
    expect(act).toHaveBeenLastCalledWith({ type: 'clear' });
    expect(act).toHaveBeenCalledTimes(4);
  });

  it('disables every option and says answers are locked when the poll is closed', async () => {
    const { act, user } = setup({ isOpen: false, own: { choices: [1] } });

    for (const option of screen.getAllByRole('radio')) expect(option).toBeDisabled();
    expect(screen.getByRole('status')).toHaveTextContent('Answers are locked.');
    await user.click(screen.getByRole('radio', { name: 'Phone' }));
    expect(act).not.toHaveBeenCalled();
  });

  it('shows the server message when an answer is refused', async () => {
    const { act, user } = setup();
    act.mockResolvedValueOnce({
      ok: false,
      error: { code: 'ROUND_LOCKED', message: 'Answers are locked for this poll' },
    });

    await user.click(screen.getByRole('radio', { name: 'Phone' }));

    expect(await screen.findByText('Answers are locked for this poll')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Phone' })).toBeEnabled();
  });

  it('clears an earlier error when the next answer is accepted', async () => {
    const { act, user } = setup();
    act.mockResolvedValueOnce({
      ok: false,
      error: { code: 'INTERNAL', message: 'No answer from the server' },
    });
    await user.click(screen.getByRole('radio', { name: 'Phone' }));
    expect(await screen.findByText('No answer from the server')).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'Phone' }));

    expect(screen.queryByText('No answer from the server')).not.toBeInTheDocument();
  });

  it('disables the options while an answer is on its way', async () => {
    const { act, user } = setup();
    let answer: (result: Result<Accepted>) => void = () => undefined;
    act.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));

    await user.click(screen.getByRole('radio', { name: 'Phone' }));
    expect(screen.getByRole('radio', { name: 'Email' })).toBeDisabled();

    answer(accepted);
    await waitFor(() => expect(screen.getByRole('radio', { name: 'Email' })).toBeEnabled());
  });

  it('shows counts and marks the participant’s own answer when results are revealed', () => {
    setup({
      view: publicPoll({ results: { counts: [3, 1, 0], respondents: 4 } }),
      own: { choices: [1] },
    });

    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
    const chart = screen.getByRole('list', { name: 'Results' });
    const rows = within(chart).getAllByRole('listitem');
    expect(rows[0]).toHaveTextContent('Phone3 (75%)');
    expect(rows[0]).not.toHaveTextContent('(your answer)');
    expect(rows[1]).toHaveTextContent('Email (your answer)1 (25%)');
    expect(rows[2]).toHaveTextContent('Chat0 (0%)');
    expect(screen.getByText('4 answered.')).toBeInTheDocument();
  });

  it('says the answer is anonymous when the poll is anonymous', () => {
    setup({ view: publicPoll({ isAnonymous: true }) });

    expect(screen.getByText(/Your answer is anonymous\./)).toBeInTheDocument();
  });

  it('does not promise anonymity when the poll is named', () => {
    setup();

    expect(screen.getByText('Choose one.')).toBeInTheDocument();
    expect(screen.queryByText(/anonymous/)).not.toBeInTheDocument();
  });
});
