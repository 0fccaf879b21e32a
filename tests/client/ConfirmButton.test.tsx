import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfirmButton } from '../../client/src/components/ConfirmButton.tsx';

function setup(answer: boolean, disabled = false) {
  const confirm = vi.fn(() => answer);
  vi.stubGlobal('confirm', confirm);
  const onConfirm = vi.fn();
  render(
    <ConfirmButton question="Clear every vote?" disabled={disabled} onConfirm={onConfirm}>
      Clear votes
    </ConfirmButton>,
  );
  return { confirm, onConfirm, user: userEvent.setup() };
}

describe('ConfirmButton', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks its question and acts when the facilitator says OK', async () => {
    const { confirm, onConfirm, user } = setup(true);

    await user.click(screen.getByRole('button', { name: 'Clear votes' }));

    expect(confirm).toHaveBeenCalledExactlyOnceWith('Clear every vote?');
    expect(onConfirm).toHaveBeenCalledOnce();
  });

  it('does nothing when the facilitator cancels', async () => {
    const { confirm, onConfirm, user } = setup(false);

    await user.click(screen.getByRole('button', { name: 'Clear votes' }));

    expect(confirm).toHaveBeenCalledOnce();
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('neither asks nor acts while disabled', async () => {
    const { confirm, onConfirm, user } = setup(true, true);

    expect(screen.getByRole('button', { name: 'Clear votes' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Clear votes' }));

    expect(confirm).not.toHaveBeenCalled();
    expect(onConfirm).not.toHaveBeenCalled();
  });
});
