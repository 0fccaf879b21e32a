/**
 * Returning to an invitation after sign-in: only paths on this site are followed (never
 * `//evil.example`, `https://evil` or `/\evil`), and an invitation opened signed out leads
 * through sign-in (or sign-up) back to itself with its secret, in the fragment all along.
 */
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import AccountPages from '../../client/src/accounts/AccountPages.tsx';
import { safeReturnPath, withReturnPath } from '../../client/src/accounts/returnPath.ts';
import WorkspacePages from '../../client/src/workspaces/WorkspacePages.tsx';
import { json } from './fixtures.ts';

const TOKEN = 't'.repeat(43);

describe('the return path after sign-in', () => {
  it.each([
    '//evil.example',
    '//evil.example/invite',
    'https://evil',
    'https://evil.example/invite#token=x',
    'javascript:alert(1)',
    '/\\evil.example',
    '/\t/evil.example',
    'invite',
    '',
    `/${'a'.repeat(2_001)}`,
  ])('refuses %j', (raw) => {
    expect(safeReturnPath(raw)).toBeNull();
    expect(withReturnPath('/account', raw)).toBe('/account');
  });

  it('keeps a path on this site with its query and fragment', () => {
    expect(safeReturnPath(`/invite#token=${TOKEN}`)).toBe(`/invite#token=${TOKEN}`);
    expect(safeReturnPath('/workspaces/w1?tab=library')).toBe('/workspaces/w1?tab=library');
    expect(withReturnPath('/account', '/invite#token=abc')).toBe(
      '/account#next=%2Finvite%23token%3Dabc',
    );
  });
});

describe('an invitation opened while signed out', () => {
  let isSignedIn = false;
  beforeEach(() => {
    isSignedIn = false;
    vi.stubGlobal(
      'fetch',
      vi.fn((input: RequestInfo | URL) => {
        const path = new URL(
          typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
          'http://localhost',
        ).pathname;
        if (path === '/api/account/signin') {
          isSignedIn = true;
          return Promise.resolve(json({ email: 'kim@example.com', csrfToken: 'c' }));
        }
        if (path === '/api/account/me' && isSignedIn)
          return Promise.resolve(
            json({ account: { email: 'kim@example.com', passkeys: [] }, csrfToken: 'c' }),
          );
        return Promise.resolve(
          json({ error: { code: 'UNAUTHORIZED', message: 'Sign in first' } }, 401),
        );
      }),
    );
  });

  it('leads to sign-in and then back to the invitation, its secret kept in the fragment', async () => {
    history.replaceState(null, '', `/invite#token=${TOKEN}`);
    const invite = render(<WorkspacePages workspaceId={null} isInvite />);
    const signIn = await screen.findByRole('link', { name: 'Sign in' });
    const next = encodeURIComponent(`/invite#token=${TOKEN}`);
    expect(signIn).toHaveAttribute('href', `/account#next=${next}`);
    expect(screen.getByRole('link', { name: 'Create an account' })).toHaveAttribute(
      'href',
      `/account/signup#next=${next}`,
    );
    invite.unmount();

    history.replaceState(null, '', `/account#next=${next}`);
    const user = userEvent.setup();
    render(<AccountPages />);
    // Sign-up from here comes back too.
    expect(await screen.findByRole('link', { name: 'Create an account' })).toHaveAttribute(
      'href',
      `/account/signup#next=${next}`,
    );
    await user.type(screen.getByLabelText('Email'), 'kim@example.com');
    await user.type(screen.getByLabelText('Password'), 'right password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(location.pathname).toBe('/invite'));
    expect(location.hash).toBe(`#token=${TOKEN}`);
  });

  it('goes to the account page, not elsewhere, when the return path is another site', async () => {
    history.replaceState(null, '', `/account#next=${encodeURIComponent('//evil.example')}`);
    const user = userEvent.setup();
    render(<AccountPages />);
    await user.type(await screen.findByLabelText('Email'), 'kim@example.com');
    await user.type(screen.getByLabelText('Password'), 'right password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Your account' })).toBeVisible();
    expect(location.pathname).toBe('/account');
    expect(screen.getByRole('link', { name: 'Workspaces' })).toBeVisible();
  });
});
