/**
 * The accounts' pages as a facilitator uses them, over a fake API: signing in (the
 * refusal shown and announced, the CSRF token sent back afterwards), the one-click claim
 * of this browser's sessions, and the account's sessions brought into this browser's list.
 */
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import AccountPages from '../../client/src/accounts/AccountPages.tsx';
import { getFacilitated, rememberFacilitated, saveSeat } from '../../client/src/storage.ts';
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
  let claimedPlans = false;
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
        if ((body as { isPreview?: boolean }).isPreview !== true) claimedPlans = true;
        const held = body as { sessions: { sessionId: string }[]; plans: unknown[] };
        // The account's own session is held already: it adds nothing.
        const sessions = held.sessions.filter((s) => s.sessionId !== 'from-account').length;
        return Promise.resolve(
          json({ sessions, notebooks: sessions > 0 ? 1 : 0, plans: held.plans.length, refused: 0 }),
        );
      }
      if (path === '/api/account/plans') {
        const plans = claimedPlans
          ? [{ resumeToken: KEY, sessionId: 's1', workshopTitle: 'Closing day', createdAt: 0 }]
          : [];
        return Promise.resolve(json({ plans }));
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

  it("claims this browser's plans with its sessions and lists them as links that open each plan", async () => {
    const calls = stubApi();
    saveSeat('ABC234', {
      sessionId: 's1',
      participantId: 'p1',
      name: 'Ana',
      resumeToken: KEY,
    });
    const user = userEvent.setup();
    await openSignedIn();
    await user.click(
      await screen.findByRole('button', { name: "Add this browser's 1 plan to your account" }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent('Added 1 plan to your account.');
    const sent = calls.filter((c) => c.path === '/api/account/claim').at(-1);
    expect(sent?.body).toMatchObject({ plans: [{ resumeToken: KEY }] });
    const link = await screen.findByRole('link', { name: 'Closing day' });
    expect(link).toHaveAttribute('href', `/plan#token=${KEY}`);
    expect(screen.getByRole('heading', { name: 'Your action plans' })).toBeVisible();
  });

  it('offers nothing to claim when this browser holds no session', async () => {
    stubApi();
    await openSignedIn();
    expect(screen.queryByRole('button', { name: /Add this browser/ })).toBeNull();
  });
});

/** Signed in already: the account page opens on the account. */
async function openSignedIn() {
  await fetch('/api/account/signin', {
    method: 'POST',
    body: JSON.stringify({ password: 'right password' }),
  });
  render(<AccountPages />);
  expect(await screen.findByRole('heading', { name: 'Your account' })).toBeVisible();
  // The claim preview has answered (no sessions here, so no offer).
  await vi.waitFor(() =>
    expect(vi.mocked(fetch).mock.calls.some(([p]) => p === '/api/account/claim')).toBe(true),
  );
}
