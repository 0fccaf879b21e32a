import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { DotVoteOwnView, DotVotePublicView } from '@playfield/shared/exercises/dotVote/index';
import { DotVoteParticipant } from '../../client/src/exercises/dotVote/Participant.tsx';
import type { Act, ParticipantProps } from '../../client/src/exercises/types.ts';
import { accepted } from './fixtures.ts';

const SINS = [
  { label: 'Apathy', description: 'A “don’t care” attitude' },
  { label: 'Brush-off', description: 'Trying to get rid of the person' },
  { label: 'Runaround', description: 'Passed from desk to desk' },
];

function publicVote(overrides: Partial<DotVotePublicView> = {}): DotVotePublicView {
  return {
    question: 'Which of these happen here?',
    options: SINS,
    rule: { mode: 'choose', min: 2, max: 3 },
    exampleMode: 'optional',
    isAnonymous: true,
    results: null,
    ...overrides,
  };
}

const dotsVote = () =>
  publicVote({
    rule: { mode: 'dots', dots: 4, maxPerOption: 2 },
    exampleMode: 'off',
    isAnonymous: false,
  });

function setup(props: Partial<Omit<ParticipantProps<'dotVote'>, 'act'>> = {}) {
  const act = vi.fn<Act<'dotVote'>>(() => Promise.resolve(accepted));
  const all: ParticipantProps<'dotVote'> = {
    view: publicVote(),
    own: null,
    isOpen: true,
    ...props,
    act,
  };
  const utils = render(<DotVoteParticipant {...all} />);
  return { ...utils, act, props: all, user: userEvent.setup() };
}

describe('DotVoteParticipant', () => {
  it('states the rule, the examples and the anonymity, and describes each option', () => {
    setup();

    expect(screen.getByText(/Choose at least 2/)).toHaveTextContent(
      'Choose at least 2 (up to 3). You may add an example to each. Your vote is anonymous.',
    );
    expect(screen.getByRole('checkbox', { name: 'Apathy' })).toHaveAccessibleDescription(
      'A “don’t care” attitude',
    );
  });

  it('sends the chosen options with their examples when the vote is saved', async () => {
    const { act, user } = setup();

    await user.click(screen.getByRole('checkbox', { name: /Runaround/ }));
    await user.click(screen.getByRole('checkbox', { name: /Apathy/ }));
    await user.type(
      screen.getByRole('textbox', { name: 'Example for Runaround (optional)' }),
      '  IT sends us   to HR ',
    );
    expect(screen.getByRole('checkbox', { name: /Apathy/ })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Save my vote' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({
      type: 'vote',
      choices: [
        { option: 0, dots: 1, example: null },
        { option: 2, dots: 1, example: 'IT sends us to HR' },
      ],
    });
  });

  it('warns, without blocking, when fewer options than the rule are chosen', async () => {
    const { act, user } = setup();

    await user.click(screen.getByRole('checkbox', { name: /Apathy/ }));
    expect(screen.getByText('The rule is at least 2: you have chosen 1.')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Save my vote' }));
    expect(act).toHaveBeenCalledOnce();
  });

  it('lets a participant say "none of these"', async () => {
    const { act, user } = setup();

    await user.click(screen.getByRole('button', { name: 'Save: none of these' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'vote', choices: [] });
  });

  it('shows the saved ballot, says it is saved, and notices unsaved changes', async () => {
    const own: DotVoteOwnView = {
      hasVoted: true,
      choices: [{ option: 1, dots: 1, example: 'Tickets closed unread' }],
    };
    const { user } = setup({ own });

    expect(screen.getByRole('checkbox', { name: /Brush-off/ })).toBeChecked();
    expect(screen.getByRole('textbox', { name: 'Example for Brush-off (optional)' })).toHaveValue(
      'Tickets closed unread',
    );
    expect(screen.getByRole('status')).toHaveTextContent('Vote saved.');
    expect(screen.getByRole('button', { name: 'Save my vote' })).toBeDisabled();

    await user.click(screen.getByRole('checkbox', { name: /Apathy/ }));
    expect(screen.getByRole('status')).toHaveTextContent(
      'You have changes that are not saved yet.',
    );
    expect(screen.getByRole('button', { name: 'Save my vote' })).toBeEnabled();
  });

  it('withdraws the vote when asked', async () => {
    const { act, user } = setup({ own: { hasVoted: true, choices: [] } });

    await user.click(screen.getByRole('button', { name: 'Withdraw my vote' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'clear' });
  });

  it('shows the server’s message when a ballot is refused', async () => {
    const { act, user } = setup({ view: publicVote({ exampleMode: 'required' }) });
    act.mockResolvedValueOnce({
      ok: false,
      error: { code: 'INVALID_ACTION', message: 'Add an example for “Apathy”' },
    });

    await user.click(screen.getByRole('checkbox', { name: /Apathy/ }));
    expect(screen.getByRole('textbox', { name: 'Example for Apathy' })).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Save my vote' }));

    expect(await screen.findByText('Add an example for “Apathy”')).toBeVisible();
  });

  it('asks for no example when examples are off', async () => {
    const { user } = setup({ view: publicVote({ exampleMode: 'off' }) });

    await user.click(screen.getByRole('checkbox', { name: /Apathy/ }));

    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  });

  it('spreads dots with buttons that stop at the cap per option and at the total', async () => {
    const { act, user } = setup({ view: dotsVote() });

    expect(screen.getByText(/Spread 4 dots/)).toHaveTextContent(
      'Spread 4 dots; at most 2 on one option.',
    );
    const addApathy = screen.getByRole('button', { name: 'Put a dot on Apathy' });
    await user.click(addApathy);
    await user.click(addApathy);
    expect(addApathy).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Put a dot on Runaround' }));
    await user.click(screen.getByRole('button', { name: 'Put a dot on Runaround' }));
    expect(screen.getByText('0 dots left of 4.')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Put a dot on Brush-off' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Take a dot off Runaround' }));
    expect(screen.getByText('1 dot left of 4.')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Save my vote' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({
      type: 'vote',
      choices: [
        { option: 0, dots: 2, example: null },
        { option: 2, dots: 1, example: null },
      ],
    });
  });

  it('disables the ballot and says voting is closed when the round is locked', () => {
    setup({ isOpen: false, view: dotsVote() });

    for (const button of screen.getAllByRole('button')) expect(button).toBeDisabled();
    expect(screen.getByRole('status')).toHaveTextContent('Voting is closed.');
  });

  it('shows the ranking with the participant’s choices marked and the shortfall after the reveal', () => {
    setup({
      view: publicVote({
        results: {
          ranking: [
            { option: 2, label: 'Runaround', count: 5, voters: 5 },
            { option: 0, label: 'Apathy', count: 3, voters: 3 },
            { option: 1, label: 'Brush-off', count: 0, voters: 0 },
          ],
          respondents: 6,
          shortfall: { min: 2, count: 2, respondents: 6, share: 1 / 3 },
        },
      }),
      own: { hasVoted: true, choices: [{ option: 0, dots: 1, example: null }] },
    });

    const rows = within(screen.getByRole('list', { name: 'Results' })).getAllByRole('listitem');
    expect(rows.map((r) => r.textContent)).toEqual([
      'Runaround5 (63%)',
      'Apathy (your answer)3 (38%)',
      'Brush-off0 (0%)',
    ]);
    expect(screen.getByText(/chose fewer than/)).toHaveTextContent(
      '2 of 6 voters chose fewer than 2, you among them (1).',
    );
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
