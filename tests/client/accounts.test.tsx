/**
 * The accounts' pages as a facilitator uses them, over a fake API: signing in (the
 * refusal shown and announced, the CSRF token sent back afterwards), the one-click claim
 * of this browser's sessions, and the account's sessions brought into this browser's list.
 */
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import AccountPages from '../../client/src/accounts/AccountPages.tsx';
import { getFacilitated, rememberFacilitated } from '../../client/src/storage.ts';
import { json } from './fixtures.ts';

interface Call {
  method: string;
  path: string;
  body: unknown;
  csrf: string | null;
}

const KEY = 'k'.repeat(43);

/** A fake accounts API: one account, sam@example.com / "right password". */
function stubApi() {
  const calls: Call[] = [];
  let isSignedIn = false;
  vi.stubGlobal(
    'fetch',
    vi.fn((input: RequestInfo | URL, init: RequestInit = {}) => {
      const path =
        typeof input === 'string' ? input : input instanceof URL ? input.pathname : input.url;
      const method = init.method ?? 'GET';
      const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : null;
      calls.push({ method, path, body, csrf: new Headers(init.headers).get('x-csrf-token') });
      const refuse = () =>
        Promise.resolve(json({ error: { code: 'UNAUTHORIZED', message: 'Sign in first' } }, 401));
      if (path === '/api/account/me')
        return isSignedIn
          ? Promise.resolve(
              json({ account: { email: 'sam@example.com', passkeys: [] }, csrfToken: 'csrf-1' }),
            )
          : refuse();
      if (path === '/api/account/signin') {
        if ((body as { password: string }).password !== 'right password')
          return Promise.resolve(
            json(
              {
                error: {
                  code: 'UNAUTHORIZED',
                  message: 'That email and password do not match an account',
                },
              },
              401,
            ),
          );
        isSignedIn = true;
        return Promise.resolve(json({ email: 'sam@example.com', csrfToken: 'csrf-1' }));
      }
      if (path === '/api/account/sessions')
        return Promise.resolve(json({ sessions: [{ sessionId: 'from-account', token: KEY }] }));
      if (path === '/api/account/claim') {
        const { isPreview } = body as { isPreview?: boolean };
        return Promise.resolve(json({ sessions: 2, notebooks: 1, refused: 0, isPreview }));
      }
      return refuse();
    }),
  );
  return calls;
}

beforeEach(() => {
  localStorage.clear();
  history.replaceState(null, '', '/account');
});

describe('accounts pages', () => {
  it('shows a refused sign-in, then signs in, offers the claim and sends the CSRF token', async () => {
    const calls = stubApi();
    rememberFacilitated({ sessionId: 'on-this-browser', token: KEY });
    rememberFacilitated({ sessionId: 'also-here', token: KEY });
    const user = userEvent.setup();
    render(<AccountPages />);

    await user.type(await screen.findByLabelText('Email'), 'sam@example.com');
    await user.type(screen.getByLabelText('Password'), 'wrong password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('do not match an account');
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(/do not match/);

    await user.clear(screen.getByLabelText('Password'));
    await user.type(screen.getByLabelText('Password'), 'right password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Your account' })).toBeVisible();

    const claim = await screen.findByRole('button', {
      name: "Add this browser's 2 sessions and 1 notebook to your account",
    });
    await user.click(claim);
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        'Added 2 sessions and 1 notebook to your account.',
      ),
    );
    const claimed = calls.filter((c) => c.path === '/api/account/claim');
    expect(
      claimed.map((c) => [c.csrf, (c.body as { isPreview?: boolean }).isPreview ?? false]),
    ).toEqual([
      ['csrf-1', true],
      ['csrf-1', false],
    ]);
    // The keys sent are the ones this browser holds, the account's own included now.
    expect(
      (claimed[1]?.body as { sessions: { sessionId: string }[] }).sessions.map((s) => s.sessionId),
    ).toEqual(expect.arrayContaining(['on-this-browser', 'also-here']));
    // The account's sessions joined this browser's list ("Your sessions" shows them).
    expect(getFacilitated().map((s) => s.sessionId)).toContain('from-account');
  });

  it('offers nothing to claim when this browser holds no session', async () => {
    stubApi();
    await openSignedIn();
    expect(screen.queryByRole('button', { name: /Add this browser/ })).toBeNull();
  });
});

/** Signed in already: the account page opens on the account. */
async function openSignedIn() {
  const calls = vi.mocked(fetch);
  await fetch('/api/account/signin', {
    method: 'POST',
    body: JSON.stringify({ password: 'right password' }),
  });
  calls.mockClear();
  render(<AccountPages />);
  expect(await screen.findByRole('heading', { name: 'Your account' })).toBeVisible();
  // The claim preview has answered (no sessions here, so no offer).
  await vi.waitFor(() =>
    expect(calls.mock.calls.some(([p]) => p === '/api/account/claim')).toBe(true),
  );
}
