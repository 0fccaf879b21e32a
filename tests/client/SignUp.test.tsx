/**
 * Creating an account as a facilitator does it, over a fake API: a refused address is shown
 * on both fields, then the new account is signed in and the page moves on.
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignUp } from '../../client/src/accounts/SignUp.tsx';
import { json } from './fixtures.ts';

function stubApi() {
  const paths: { path: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: RequestInfo | URL, init: RequestInit = {}) => {
      const path =
        typeof input === 'string' ? input : input instanceof URL ? input.pathname : input.url;
      const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : null;
      paths.push({ path, body });
      if ((body as { email?: string } | null)?.email === 'not an address')
        return Promise.resolve(
          json({ error: { code: 'BAD_REQUEST', message: 'Enter a valid email address' } }, 400),
        );
      if (path === '/api/account/signup') return Promise.resolve(json({ message: 'Done' }));
      return Promise.resolve(json({ email: 'sam@example.com', csrfToken: 'csrf-1' }));
    }),
  );
  return paths;
}

describe('SignUp', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows a refusal on both fields, then creates the account and signs it in', async () => {
    history.replaceState(null, '', '/account/signup');
    const calls = stubApi();
    const user = userEvent.setup();
    render(<SignUp />);
    const email = screen.getByLabelText('Email');
    const password = screen.getByLabelText('Password (at least 10 characters)');
    expect(password).toHaveAttribute('autocomplete', 'new-password');

    await user.type(email, 'not an address');
    await user.type(password, 'long enough password');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter a valid email address');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveAccessibleDescription(/valid email/);

    await user.clear(email);
    await user.type(email, 'sam@example.com');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await vi.waitFor(() => expect(location.pathname).toBe('/account'));
    expect(calls.map((c) => c.path)).toEqual([
      '/api/account/signup',
      '/api/account/signup',
      '/api/account/signin',
    ]);
    expect(calls[2]?.body).toEqual({ email: 'sam@example.com', password: 'long enough password' });
  });
});
