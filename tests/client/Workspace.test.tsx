/**
 * The Workspace pages as a team uses them, over a fake API: an owner sees members and
 * makes an invitation link to copy; the library asks the server with the search and
 * filters typed; a viewer gets no console, no templates' actions and no invitations; the
 * invitation page joins with one click; signed out, the pages say where to sign in.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { matchRoute } from '../../client/src/router.ts';
import { getFacilitated } from '../../client/src/storage.ts';
import WorkspacePages from '../../client/src/workspaces/WorkspacePages.tsx';
import { json } from './fixtures.ts';

interface Call {
  method: string;
  path: string;
  body: unknown;
  csrf: string | null;
}

const TOKEN = 't'.repeat(43);
const SESSION = {
  sessionId: 's1',
  title: 'March complaints day',
  workshop: 'Service Pro',
  createdAt: Date.UTC(2026, 2, 3),
  endedAt: null,
  state: 'finished',
  participantCount: 12,
  hasNotebook: true,
};

/** A fake API for one workspace, where the signed-in account has `role`. */
function stubApi(role: 'owner' | 'facilitator' | 'producer' | 'viewer' | null) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = new URL(
        typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
        'http://localhost',
      );
      const path = url.pathname;
      const method = init.method ?? 'GET';
      const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : null;
      calls.push({
        method,
        path: `${path}${url.search}`,
        body,
        csrf: new Headers(init.headers).get('x-csrf-token'),
      });
      const reply = (data: unknown, status = 200) => Promise.resolve(json(data, status));
      if (path === '/api/account/me')
        return role
          ? reply({ account: { email: 'sam@example.com', passkeys: [] }, csrfToken: 'csrf-1' })
          : reply({ error: { code: 'UNAUTHORIZED', message: 'Sign in first' } }, 401);
      if (path === '/api/workspaces/w1')
        return reply({
          id: 'w1',
          name: 'Support team',
          role,
          accountId: 'me',
          members: [
            { accountId: 'me', email: 'sam@example.com', role, joinedAt: 1 },
            { accountId: 'a2', email: 'kim@example.com', role: 'facilitator', joinedAt: 2 },
          ],
        });
      if (path === '/api/workspaces/w1/library')
        return reply({
          sessions: url.searchParams.get('q') === 'nothing' ? [] : [SESSION],
          workshops: ['Service Pro'],
        });
      if (path === '/api/workspaces/w1/library/candidates') return reply({ sessions: [] });
      if (path === '/api/workspaces/w1/templates')
        return reply({
          templates: [
            {
              id: 'builtin-x',
              title: 'Service Pro',
              roundCount: 9,
              createdAt: null,
              isBuiltIn: true,
            },
          ],
        });
      if (path === '/api/workspaces/w1/invitations' && method === 'GET')
        return reply({ invitations: [] });
      if (path === '/api/workspaces/w1/invitations')
        return reply(
          { id: 'i1', role: 'viewer', expiresAt: Date.now() + 7 * 86_400_000, token: TOKEN },
          201,
        );
      if (path === '/api/invitations/peek')
        return reply({
          workspaceName: 'Support team',
          role: 'viewer',
          expiresAt: Date.now() + 1,
          isMember: false,
        });
      if (path === '/api/invitations/accept') return reply({ workspaceId: 'w1', isNew: true });
      return reply({ error: { code: 'NOT_FOUND', message: 'No such route' } }, 404);
    }),
  );
  return calls;
}

beforeEach(() => {
  localStorage.clear();
  history.replaceState(null, '', '/workspaces/w1');
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Workspace pages', () => {
  it('routes /workspaces, /workspaces/:id and /invite', () => {
    expect(matchRoute('/workspaces')).toEqual({ name: 'workspaces', workspaceId: null });
    expect(matchRoute('/workspaces/w1/')).toEqual({ name: 'workspaces', workspaceId: 'w1' });
    expect(matchRoute('/invite')).toEqual({ name: 'invite' });
    expect(matchRoute('/workspaces/../etc').name).toBe('notFound');
  });

  it('lets an owner make an invitation link for the chosen role, sent with the CSRF token', async () => {
    const calls = stubApi('owner');
    const user = userEvent.setup();
    render(<WorkspacePages workspaceId="w1" />);
    expect(await screen.findByRole('heading', { name: 'Support team' })).toBeInTheDocument();
    expect(screen.getByLabelText('Role of kim@example.com')).toHaveValue('facilitator');
    await user.selectOptions(screen.getByLabelText('Role of the new member'), 'viewer');
    await user.click(screen.getByRole('button', { name: 'Create invitation link' }));
    const link = await screen.findByLabelText('Invitation link (shown once)');
    expect(link).toHaveValue(`${location.origin}/invite#token=${TOKEN}`);
    const made = calls.find(
      (c) => c.method === 'POST' && c.path === '/api/workspaces/w1/invitations',
    );
    expect(made).toMatchObject({ body: { role: 'viewer' }, csrf: 'csrf-1' });
  });

  it('asks the library with the search and filters, and opens a console with the account', async () => {
    const calls = stubApi('facilitator');
    const user = userEvent.setup();
    render(<WorkspacePages workspaceId="w1" />);
    const sessions = await screen.findByRole('list', { name: 'Sessions' });
    expect(within(sessions).getByText('March complaints day')).toBeInTheDocument();
    expect(within(sessions).getByText(/Service Pro · .* · 12 participants/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('Search titles, notes and results'), 'nothing');
    expect(await screen.findByText('No session matches.')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Workshop'), 'Service Pro');
    await waitFor(() =>
      expect(calls.map((c) => c.path)).toContain(
        '/api/workspaces/w1/library?q=nothing&workshop=Service+Pro',
      ),
    );
    // Rehearsals are asked for only with the box ticked.
    await user.click(screen.getByRole('checkbox', { name: 'Show rehearsals' }));
    await waitFor(() =>
      expect(calls.map((c) => c.path)).toContain(
        '/api/workspaces/w1/library?q=nothing&workshop=Service+Pro&rehearsals=1',
      ),
    );
    await user.clear(screen.getByLabelText('Search titles, notes and results'));
    await user.click(
      await screen.findByRole('button', { name: 'Open the console of March complaints day' }),
    );
    await waitFor(() => expect(location.pathname).toBe('/console/s1'));
    // The console runs on the account (#member): no member is handed the session's key.
    expect(location.hash).toBe('#member');
    expect(getFacilitated()).toEqual([]);
    expect(calls.map((c) => c.path).filter((p) => p.includes('/console'))).toEqual([]);
  });

  it("opens a producer's console with the account alone: no key, no template actions", async () => {
    const calls = stubApi('producer');
    const user = userEvent.setup();
    render(<WorkspacePages workspaceId="w1" />);
    const open = await screen.findByRole('button', {
      name: 'Open the console of March complaints day',
    });
    expect(screen.queryByRole('button', { name: /Save the agenda/ })).toBeNull();
    await user.click(open);
    await waitFor(() => expect(location.pathname).toBe('/console/s1'));
    expect(location.hash).toBe('#member');
    expect(calls.map((c) => c.path).filter((p) => p.includes('/console'))).toEqual([]);
    expect(getFacilitated()).toEqual([]);
  });

  it('shows a viewer the library read-only: no console, no template actions, no invitations', async () => {
    stubApi('viewer');
    render(<WorkspacePages workspaceId="w1" />);
    expect(
      await screen.findByRole('button', { name: 'Open the notebook of March complaints day' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Built-in, read-only')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /console/i })).toBeNull();
    expect(screen.queryByRole('button', { name: /Start a session/ })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Invitations' })).toBeNull();
    expect(screen.queryByLabelText('Role of kim@example.com')).toBeNull();
  });

  it('joins a workspace from an invitation link in one click', async () => {
    const calls = stubApi('viewer');
    history.replaceState(null, '', `/invite#token=${TOKEN}`);
    const user = userEvent.setup();
    render(<WorkspacePages workspaceId={null} isInvite />);
    expect(await screen.findByText(/You are invited to/)).toHaveTextContent(
      'You are invited to Support team as a viewer',
    );
    await user.click(screen.getByRole('button', { name: 'Join Support team' }));
    await waitFor(() => expect(location.pathname).toBe('/workspaces/w1'));
    expect(calls.find((c) => c.path === '/api/invitations/accept')?.body).toEqual({ token: TOKEN });
  });

  it('says where to sign in when signed out', async () => {
    stubApi(null);
    render(<WorkspacePages workspaceId="w1" />);
    // Signed in, the reader comes back to this workspace.
    expect(await screen.findByRole('link', { name: 'Sign in' })).toHaveAttribute(
      'href',
      '/account#next=%2Fworkspaces%2Fw1',
    );
  });
});
