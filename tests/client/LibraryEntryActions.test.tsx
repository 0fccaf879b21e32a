/**
 * A library session's way out, over a fake API: "Take out…" asks first and sends the
 * session back to its account; "Delete session…" asks first, fetches the console's key
 * from the library and deletes with it; a refusal is shown inside the dialog.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LibraryPanel } from '../../client/src/workspaces/LibraryPanel.tsx';
import { json } from './fixtures.ts';

const SESSION = {
  sessionId: 's1',
  title: 'March complaints day',
  workshop: 'Service Pro',
  createdAt: Date.UTC(2026, 2, 3),
  endedAt: null,
  state: 'finished',
  participantCount: 12,
  hasNotebook: true,
  answersDeletedAt: null,
};

/** The library of workspace w1 with one session until it leaves; `deleteAnswer` for DELETE. */
function stubApi(deleteAnswer: { status: number; body: unknown }) {
  const calls: { method: string; path: string; auth: string | null }[] = [];
  let isListed = true;
  vi.stubGlobal(
    'fetch',
    vi.fn((input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = new URL(
        typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
        'http://localhost',
      );
      const method = init.method ?? 'GET';
      calls.push({
        method,
        path: url.pathname,
        auth: new Headers(init.headers).get('authorization'),
      });
      const reply = (data: unknown, status = 200) => Promise.resolve(json(data, status));
      switch (`${method} ${url.pathname}`) {
        case 'GET /api/workspaces/w1/library':
          return reply({ sessions: isListed ? [SESSION] : [], workshops: ['Service Pro'] });
        case 'GET /api/workspaces/w1/library/candidates':
          return reply({ sessions: [] });
        case 'POST /api/workspaces/w1/library/s1/move-back':
          isListed = false;
          return reply({ movedBack: true });
        case 'DELETE /api/workspaces/w1/library/s1':
          if (deleteAnswer.status === 200) isListed = false;
          return reply(deleteAnswer.body, deleteAnswer.status);
        default:
          return reply({ error: { code: 'NOT_FOUND', message: 'No such thing' } }, 404);
      }
    }),
  );
  return calls;
}

beforeEach(() => localStorage.clear());

describe('a library session leaving the workspace', () => {
  it('takes a session out after asking, and the library no longer lists it', async () => {
    const calls = stubApi({ status: 200, body: { deleted: true, rows: {} } });
    const user = userEvent.setup();
    render(<LibraryPanel workspaceId="w1" canRun onTemplateSaved={() => undefined} />);
    await user.click(
      await screen.findByRole('button', {
        name: 'Take “March complaints day” out of this workspace',
      }),
    );
    const dialog = screen.getByRole('alertdialog', {
      name: 'Take “March complaints day” out of this workspace?',
    });
    expect(dialog).toHaveTextContent('back to the account of the member who moved it in');
    expect(calls.some((c) => c.path.endsWith('/move-back'))).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Take out' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      '“March complaints day” went back to the account of the member who moved it in',
    );
    await waitFor(() =>
      expect(screen.getByText('No sessions in this workspace yet.')).toBeVisible(),
    );
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('deletes a session from the library after asking, without any console key', async () => {
    const calls = stubApi({ status: 200, body: { deleted: true, rows: {} } });
    const user = userEvent.setup();
    render(<LibraryPanel workspaceId="w1" canRun onTemplateSaved={() => undefined} />);
    await user.click(
      await screen.findByRole('button', { name: 'Delete the session “March complaints day”' }),
    );
    const dialog = screen.getByRole('alertdialog', { name: 'Delete “March complaints day”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete for good' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      '“March complaints day” is deleted',
    );
    expect(calls.find((c) => c.method === 'DELETE')).toEqual({
      method: 'DELETE',
      path: '/api/workspaces/w1/library/s1',
      auth: null,
    });
    expect(calls.map((c) => c.path).filter((p) => p.includes('/console'))).toEqual([]);
    await waitFor(() =>
      expect(screen.getByText('No sessions in this workspace yet.')).toBeVisible(),
    );
  });

  it('shows a refused deletion inside the dialog and keeps the session listed', async () => {
    stubApi({
      status: 503,
      body: { error: { code: 'UNAVAILABLE', message: 'Nothing was deleted, try again' } },
    });
    const user = userEvent.setup();
    render(<LibraryPanel workspaceId="w1" canRun onTemplateSaved={() => undefined} />);
    await user.click(
      await screen.findByRole('button', { name: 'Delete the session “March complaints day”' }),
    );
    const dialog = screen.getByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete for good' }));
    expect(await within(dialog).findByText('Nothing was deleted, try again')).toBeVisible();
    expect(screen.getByText('March complaints day')).toBeVisible();
  });
});
