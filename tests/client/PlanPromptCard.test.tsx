import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Accepted, PromptView, Result } from '@playfield/shared';
import { promptResponse } from '../../client/src/plans/promptMemory.ts';
import { PromptCard } from '../../client/src/plans/PromptCard.tsx';
import { connect, type Connection } from '../../client/src/realtime/connection.ts';
import { Participant } from '../../client/src/routes/Participant.tsx';
import type { Seat } from '../../client/src/storage.ts';
import { useSessionStore } from '../../client/src/stores/useSessionStore.ts';
import { accepted, message, publicPoll, publicView } from './fixtures.ts';

// No real socket on the participant page: the test plays the server through the store.
vi.mock('../../client/src/realtime/connection.ts', () => ({ connect: vi.fn() }));

const PROMPT: PromptView = {
  roundId: 'round_1',
  roundTitle: 'First contact',
  question: 'Looking at how the room answered, what will I do about it?',
};
const SESSION = 'sess_4f9a';

function setup(answer = vi.fn(() => Promise.resolve(accepted)), prompt = PROMPT) {
  const utils = render(<PromptCard prompt={prompt} sessionId={SESSION} answer={answer} />);
  return { ...utils, answer, user: userEvent.setup() };
}

const field = () => screen.getByLabelText('Your answer, in one sentence');

describe('PromptCard', () => {
  it('shows the round’s question with a labelled field and both choices', () => {
    setup();

    expect(screen.getByRole('heading', { name: PROMPT.question })).toBeVisible();
    expect(screen.getByText(/First contact/)).toBeVisible();
    expect(field()).toHaveAttribute('maxLength', '500');
    expect(screen.getByRole('button', { name: 'Add to my plan' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Skip' })).toBeEnabled();
  });

  it('sends the sentence for the round, confirms it and remembers the answer', async () => {
    const { answer, user } = setup();

    await user.type(field(), '  Call back every complaint within a day  ');
    await user.click(screen.getByRole('button', { name: 'Add to my plan' }));

    expect(answer).toHaveBeenCalledExactlyOnceWith(
      'round_1',
      'Call back every complaint within a day',
    );
    expect(screen.getByRole('status')).toHaveTextContent('Added to your plan');
    expect(screen.queryByRole('button', { name: 'Add to my plan' })).not.toBeInTheDocument();
    expect(promptResponse(SESSION, 'round_1')).toBe('answered');
  });

  it('skips with null and does not ask again', async () => {
    const { answer, user } = setup();

    await user.click(screen.getByRole('button', { name: 'Skip' }));

    expect(answer).toHaveBeenCalledExactlyOnceWith('round_1', null);
    expect(screen.queryByLabelText('Your answer, in one sentence')).not.toBeInTheDocument();
    expect(promptResponse(SESSION, 'round_1')).toBe('skipped');
  });

  it('stays hidden after a reload when this phone already answered that round', async () => {
    const { user, unmount } = setup();
    await user.type(field(), 'Ask three customers');
    await user.click(screen.getByRole('button', { name: 'Add to my plan' }));
    unmount();

    setup();

    expect(screen.queryByRole('heading', { name: PROMPT.question })).not.toBeInTheDocument();
  });

  it('asks again for the next round’s prompt', async () => {
    const answer = vi.fn(() => Promise.resolve(accepted));
    const { user, rerender } = setup(answer);
    await user.click(screen.getByRole('button', { name: 'Skip' }));

    const next = { ...PROMPT, roundId: 'round_2', roundTitle: 'Channels' };
    rerender(<PromptCard prompt={next} sessionId={SESSION} answer={answer} />);

    expect(screen.getByRole('heading', { name: PROMPT.question })).toBeVisible();
    expect(screen.getByText(/Channels/)).toBeVisible();
  });

  it('asks for a sentence instead of sending an empty answer', async () => {
    const { answer, user } = setup();

    await user.type(field(), '   ');
    await user.click(screen.getByRole('button', { name: 'Add to my plan' }));

    expect(answer).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('Write a sentence first, or skip.');
    expect(field()).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows the server’s refusal and keeps what was typed', async () => {
    const refused: Result<Accepted> = {
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'text: At most 500 characters' },
    };
    const { user } = setup(vi.fn(() => Promise.resolve(refused)));

    await user.type(field(), 'Something long');
    await user.click(screen.getByRole('button', { name: 'Add to my plan' }));

    expect(screen.getByRole('alert')).toHaveTextContent('text: At most 500 characters');
    expect(field()).toHaveValue('Something long');
    expect(promptResponse(SESSION, 'round_1')).toBeNull();
  });

  it('lets the confirmation go after a few seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Skip' }));
    expect(screen.getByRole('status')).toHaveTextContent('Skipped');

    act(() => {
      vi.advanceTimersByTime(4100);
    });

    expect(screen.getByRole('status')).toBeEmptyDOMElement();
  });
});

describe('the participant page', () => {
  const SEAT: Seat = {
    sessionId: 'sess_4f9a',
    participantId: 'p1',
    name: 'Sam',
    resumeToken: 'resume-token-sam-0001',
  };

  function live(prompt: PromptView | null, phase: 'live' | 'ended' = 'live') {
    const answerPrompt = vi.fn<Connection['answerPrompt']>(() => Promise.resolve(accepted));
    const connection: Connection = {
      control: vi.fn(),
      act: vi.fn(() => Promise.resolve(accepted)),
      answerPrompt,
      leave: vi.fn(),
      close: vi.fn(),
    };
    vi.mocked(connect).mockReturnValue(connection);
    useSessionStore.getState().reset();
    render(<Participant code="ABC234" seat={SEAT} onLeft={vi.fn()} />);
    act(() =>
      useSessionStore
        .getState()
        .receive(
          'publicView',
          message({ ...publicView({ phase, poll: publicPoll() }), prompt }, 2),
        ),
    );
    return { connection, answerPrompt };
  }

  it('shows the prompt card above the round and answers through the connection', async () => {
    const { answerPrompt } = live(PROMPT);
    const user = userEvent.setup();

    const card = screen.getByRole('form', { name: PROMPT.question });
    expect(card.compareDocumentPosition(screen.getByText('Round 1 of 3'))).toBe(
      Node.DOCUMENT_POSITION_FOLLOWING,
    );
    await user.type(field(), 'Call back within a day');
    await user.click(screen.getByRole('button', { name: 'Add to my plan' }));

    expect(answerPrompt).toHaveBeenCalledExactlyOnceWith('round_1', 'Call back within a day');
  });

  it('shows no card without a prompt, and a link to the plan', () => {
    live(null);

    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'My action plan' })).toHaveAttribute(
      'href',
      `/plan#token=${SEAT.resumeToken}`,
    );
  });

  it('keeps the link to the plan after the session has ended', () => {
    live(null, 'ended');

    expect(screen.getByRole('heading', { name: 'That’s a wrap' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'My action plan' })).toHaveAttribute(
      'href',
      `/plan#token=${SEAT.resumeToken}`,
    );
  });
});
