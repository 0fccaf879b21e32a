import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ConsoleLinkNotice } from '../../client/src/components/ConsoleLinkNotice.tsx';

const LINK = 'https://playfield.example/console/abc#key=secret';

describe('ConsoleLinkNotice (#17.14)', () => {
  it('tells the facilitator to keep the link and copies it', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    render(<ConsoleLinkNotice href={LINK} />);

    expect(screen.getByRole('heading', { name: 'Keep this console link' })).toBeVisible();
    expect(screen.getByText(/add this browser.s sessions to your account/)).toBeVisible();
    expect(screen.getByRole('textbox', { name: 'Console link' })).toHaveValue(LINK);
    await user.click(screen.getByRole('button', { name: 'Copy console link' }));

    expect(writeText).toHaveBeenCalledWith(LINK);
    expect(screen.getByRole('status')).toHaveTextContent('Copied.');
  });

  it('says how to copy by hand when the browser refuses', async () => {
    const user = userEvent.setup();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    render(<ConsoleLinkNotice href={LINK} />);

    await user.click(screen.getByRole('button', { name: 'Copy console link' }));

    expect(screen.getByRole('status')).toHaveTextContent(/copy it by hand/);
  });
});
