/**
 * The Workspace page's retention setting as an owner uses it, over a fake API: it shows
 * the stored setting, turns on with a number of days, refuses an out-of-range number
 * without asking the server, turns off again, and shows the server's refusal.
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RetentionPanel } from '../../client/src/workspaces/RetentionPanel.tsx';
import { json } from './fixtures.ts';

/** A fake retention API holding `days`; PUTs are recorded, `refuse` answers them with 403. */
function stubApi(days: number | null, refuse = false) {
  const puts: unknown[] = [];
  let stored = days;
  vi.stubGlobal(
    'fetch',
    vi.fn((input: RequestInfo | URL, init: RequestInit = {}) => {
      const path = new URL(
        typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
        'http://localhost',
      ).pathname;
      if (path !== '/api/workspaces/w1/retention')
        return Promise.resolve(json({ error: { code: 'NOT_FOUND', message: 'No' } }, 404));
      if ((init.method ?? 'GET') === 'PUT') {
        const body = JSON.parse(typeof init.body === 'string' ? init.body : 'null') as {
          days: number | null;
        };
        puts.push(body);
        if (refuse)
          return Promise.resolve(
            json(
              {
                error: {
                  code: 'FORBIDDEN',
                  message: 'Only an owner of this workspace can do this',
                },
              },
              403,
            ),
          );
        stored = body.days;
      }
      return Promise.resolve(json({ days: stored }));
    }),
  );
  return puts;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('RetentionPanel', () => {
  it('turns retention on with a number of days, then off again', async () => {
    const puts = stubApi(null);
    const user = userEvent.setup();
    render(<RetentionPanel workspaceId="w1" />);
    const box = screen.getByRole('checkbox', { name: 'Delete participants’ raw answers' });
    const field = screen.getByRole('spinbutton', { name: 'Days after a session ends' });
    await vi.waitFor(() => expect(box).toBeEnabled());
    expect(box).not.toBeChecked();
    expect(field).toBeDisabled();

    await user.click(box);
    expect(field).toBeEnabled();
    await user.clear(field);
    await user.type(field, '30');
    await user.click(screen.getByRole('button', { name: 'Save retention' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Saved: raw answers are deleted 30 days after a session ends',
    );
    expect(puts).toEqual([{ days: 30 }]);

    await user.click(box);
    expect(field).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Save retention' }));
    expect(await screen.findByText('Saved: raw answers are kept')).toBeInTheDocument();
    expect(puts).toEqual([{ days: 30 }, { days: null }]);
  });

  it('shows the stored days and refuses a number out of range without asking the server', async () => {
    const puts = stubApi(45);
    const user = userEvent.setup();
    render(<RetentionPanel workspaceId="w1" />);
    const box = screen.getByRole('checkbox', { name: 'Delete participants’ raw answers' });
    await vi.waitFor(() => expect(box).toBeChecked());
    const field = screen.getByRole('spinbutton', { name: 'Days after a session ends' });
    expect(field).toHaveValue(45);
    await user.clear(field);
    await user.type(field, '4000');
    await user.click(screen.getByRole('button', { name: 'Save retention' }));
    expect(
      await screen.findByText('Choose a whole number of days from 1 to 3650'),
    ).toBeInTheDocument();
    expect(puts).toEqual([]);
  });

  it('shows the server’s refusal', async () => {
    stubApi(null, true);
    const user = userEvent.setup();
    render(<RetentionPanel workspaceId="w1" />);
    const box = screen.getByRole('checkbox', { name: 'Delete participants’ raw answers' });
    await vi.waitFor(() => expect(box).toBeEnabled());
    await user.click(box);
    await user.click(screen.getByRole('button', { name: 'Save retention' }));
    expect(
      await screen.findByText('Only an owner of this workspace can do this'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });
});
