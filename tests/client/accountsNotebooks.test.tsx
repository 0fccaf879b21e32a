/**
 * Claiming the notebooks this browser reached through share links (`#link=`): the offer
 * counts them even when the browser holds no session or seat, the claim sends each link's
 * secret (never a session key it does not have), and the account then lists each notebook
 * as a link that opens it with its own share link, which keeps working.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import AccountPages from '../../client/src/accounts/AccountPages.tsx';
import { json } from './fixtures.ts';

const LINK = 'L'.repeat(43);

function stubApi() {
  const claims: { links?: { token: string }[]; isPreview?: boolean }[] = [];
  let isClaimed = false;
  vi.stubGlobal(
    'fetch',
    vi.fn((input: RequestInfo | URL, init: RequestInit = {}) => {
      const path =
        typeof input === 'string' ? input : input instanceof URL ? input.pathname : input.url;
      const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : null;
      if (path === '/api/account/me')
        return Promise.resolve(
          json({ account: { email: 'sam@example.com', passkeys: [] }, csrfToken: 'csrf-1' }),
        );
      if (path === '/api/account/claim') {
        const claim = body as { links?: { token: string }[]; isPreview?: boolean };
        claims.push(claim);
        if (claim.isPreview !== true) isClaimed = true;
        const notebooks = claim.links?.filter((l) => l.token === LINK).length ?? 0;
        return Promise.resolve(json({ sessions: 0, notebooks, plans: 0, refused: 0 }));
      }
      if (path === '/api/account/notebooks')
        return Promise.resolve(
          json({
            notebooks: isClaimed
              ? [
                  {
                    sessionId: 's9',
                    title: 'Escalations day',
                    createdAt: Date.UTC(2026, 2, 4),
                    link: LINK,
                    rights: 'read',
                  },
                ]
              : [],
          }),
        );
      if (path === '/api/account/plans') return Promise.resolve(json({ plans: [] }));
      if (path === '/api/account/sessions') return Promise.resolve(json({ sessions: [] }));
      return Promise.resolve(json({ error: { code: 'NOT_FOUND', message: 'No such route' } }, 404));
    }),
  );
  return claims;
}

beforeEach(() => {
  localStorage.clear();
  history.replaceState(null, '', '/account');
});

describe("claiming this browser's shared notebooks", () => {
  it('offers a notebook opened through a share link, claims it and lists it with its link', async () => {
    // This browser opened one notebook through a colleague's share link, and holds nothing else.
    localStorage.setItem(
      'playfield.notebook.links',
      JSON.stringify({ s9: { token: LINK, docId: 'notebook.s9', rights: 'read' } }),
    );
    const claims = stubApi();
    const user = userEvent.setup();
    render(<AccountPages />);
    const offer = await screen.findByRole('button', {
      name: "Add this browser's 1 notebook to your account",
    });
    expect(claims[0]).toMatchObject({ links: [{ token: LINK }], isPreview: true });
    expect(screen.queryByRole('heading', { name: 'Notebooks shared with you' })).toBeNull();

    await user.click(offer);
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Added 1 notebook to your account.',
    );
    expect(claims.at(-1)).toEqual({ sessions: [], plans: [], links: [{ token: LINK }] });
    const shared = await screen.findByRole('region', { name: 'Notebooks shared with you' });
    const link = within(shared).getByRole('link', { name: 'Escalations day' });
    // The share link itself, in the fragment: it keeps working as before.
    expect(link).toHaveAttribute('href', `/notebook/s9#link=${LINK}`);
    expect(shared).toHaveTextContent('read-only');
  });

  it('sends no malformed link from storage, and offers nothing without any', async () => {
    localStorage.setItem(
      'playfield.notebook.links',
      JSON.stringify({ s1: { token: 'x' }, s2: null, s3: { token: '<script>' } }),
    );
    const claims = stubApi();
    render(<AccountPages />);
    expect(await screen.findByRole('heading', { name: 'Your account' })).toBeVisible();
    await vi.waitFor(() => expect(claims).toHaveLength(1));
    expect(claims[0]?.links).toEqual([]);
    expect(screen.queryByRole('button', { name: /Add this browser/ })).toBeNull();
  });
});
