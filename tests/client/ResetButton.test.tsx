import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ResetButton } from '../../client/src/components/ResetButton.tsx';

const TEXTS = { label: 'Clear answers', question: 'Clear every answer to this poll?' };

function setup(answer: boolean, count?: number) {
  const confirm = vi.fn(() => answer);
  vi.stubGlobal('confirm', confirm);
  const send = vi.fn(() => Promise.resolve(true));
  render(
    count === undefined ? (
      <ResetButton send={send} texts={TEXTS} />
    ) : (
      <ResetButton send={send} count={count} texts={TEXTS} />
    ),
  );
  return { confirm, send, user: userEvent.setup() };
}

describe('ResetButton', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks its question and sends the reset when the facilitator says OK', async () => {
    const { confirm, send, user } = setup(true, 3);

    await user.click(screen.getByRole('button', { name: 'Clear answers' }));

    expect(confirm).toHaveBeenCalledExactlyOnceWith('Clear every answer to this poll?');
    expect(send).toHaveBeenCalledExactlyOnceWith({ type: 'reset' });
  });

  it('sends nothing when the facilitator cancels', async () => {
    const { send, user } = setup(false, 3);

    await user.click(screen.getByRole('button', { name: 'Clear answers' }));

    expect(send).not.toHaveBeenCalled();
  });

  it('is disabled while there is nothing to clear', () => {
    setup(true, 0);
    expect(screen.getByRole('button', { name: 'Clear answers' })).toBeDisabled();
  });

  it('stays enabled when the exercise does not count what it clears', () => {
    setup(true);
    expect(screen.getByRole('button', { name: 'Clear answers' })).toBeEnabled();
  });
});
