/**
 * The notebook screens around the editor, with the API stubbed: the list with search and
 * import, the share-link panel, and how a notebook address is opened (no key, a revoked
 * link, a link holder's first visit).
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NotebookListing, ShareLinkListing } from '@playfield/shared';
import { SharingPanel } from '../../client/src/notebooks/SharingPanel.tsx';
import { archiveProblem, splitMatches } from '../../client/src/notebooks/search.ts';
import Notebook from '../../client/src/routes/Notebook.tsx';
import Notebooks from '../../client/src/routes/Notebooks.tsx';
import { matchRoute } from '../../client/src/router.ts';
import { getFacilitated, rememberFacilitated } from '../../client/src/storage.ts';
import { useSyncedDoc } from '../../client/src/docs/useSyncedDoc.ts';
import { json } from './fixtures.ts';

// No socket in these tests: the synced document never opens (the editor has its own tests).
vi.mock('../../client/src/docs/useSyncedDoc.ts', () => ({
  useSyncedDoc: vi.fn(() => ({
    synced: null,
    state: { status: 'connecting', rights: null, error: null },
  })),
}));

afterEach(() => history.replaceState(null, '', '/'));

const TOKEN = 'tok_facilitator_0123456789';

function listing(overrides: Partial<NotebookListing> = {}): NotebookListing {
  return {
    sessionId: 'sessA',
    code: 'ABC234',
    title: 'Service basics',
    phase: 'ended',
    createdAt: Date.UTC(2027, 0, 10),
    endedAt: Date.UTC(2027, 0, 10, 12),
    participantCount: 12,
    roundCount: 3,
    updatedAt: Date.UTC(2027, 0, 11),
    snippet: null,
    ...overrides,
  };
}

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

function stubFetch(handler: Handler) {
  // The client calls fetch with a path string and a plain body string.
  const fetchMock = vi.fn((input: string, init: RequestInit = {}) =>
    Promise.resolve(handler(input, init)),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const bodyOf = (init: RequestInit) =>
  JSON.parse(typeof init.body === 'string' ? init.body : 'null') as Record<string, unknown>;

describe('Notebooks page', () => {
  it('lists this browser’s notebooks newest first and searches them after a pause', async () => {
    rememberFacilitated({ sessionId: 'sessA', token: TOKEN });
    rememberFacilitated({ sessionId: 'sessB', token: TOKEN });
    const older = listing();
    const newer = listing({
      sessionId: 'sessB',
      title: 'Escalations',
      createdAt: Date.UTC(2027, 5, 1),
    });
    const fetchMock = stubFetch((_url, init) => {
      const query = bodyOf(init).query as string;
      if (!query) return json({ notebooks: [older, newer] });
      return json({
        notebooks: [{ ...newer, snippet: '…we agreed the escalation path with team leads…' }],
      });
    });
    const user = userEvent.setup();
    render(<Notebooks />);

    const items = await screen.findAllByRole('listitem');
    expect(items.map((li) => within(li).getByRole('heading').textContent)).toEqual([
      'Escalations',
      'Service basics',
    ]);
    expect(screen.getByRole('link', { name: 'Escalations' })).toHaveAttribute(
      'href',
      '/notebook/sessB',
    );
    expect(bodyOf(fetchMock.mock.calls[0]?.[1] ?? {})).toEqual({
      sessions: [
        { sessionId: 'sessB', token: TOKEN },
        { sessionId: 'sessA', token: TOKEN },
      ],
      query: '',
    });

    await user.type(screen.getByRole('searchbox', { name: /Search/ }), 'Escalation');
    expect(await screen.findByText('1 notebook mentions “Escalation”')).toBeVisible();
    expect(screen.getByText('escalation', { selector: 'mark' })).toBeVisible();
    // Typing sends one search after the pause, not one per letter.
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('says what the list is for when this browser ran no session', async () => {
    stubFetch(() => json({ notebooks: [] }));
    render(<Notebooks />);
    expect(
      await screen.findByText(/Notebooks of the sessions you run on this browser/),
    ).toBeVisible();
  });

  it('imports an archive, remembers its session and opens its notebook', async () => {
    stubFetch((url, init) => {
      if (url === '/api/notebooks/import') {
        expect(bodyOf(init).format).toBe('playfield-notebook');
        return json(
          {
            sessionId: 'sessNew',
            code: 'XYZ789',
            facilitatorToken: TOKEN,
            screenKey: 'screen_key_0123456789',
          },
          201,
        );
      }
      return json({ notebooks: [] });
    });
    const user = userEvent.setup();
    render(<Notebooks />);
    const file = new File(
      [JSON.stringify({ format: 'playfield-notebook', version: 1, title: 'X', yjs: '' })],
      'x.json',
      { type: 'application/json' },
    );

    await user.upload(screen.getByLabelText('Notebook archive (.json)'), file);

    await waitFor(() => expect(location.pathname).toBe('/notebook/sessNew'));
    expect(getFacilitated()[0]).toMatchObject({ sessionId: 'sessNew', token: TOKEN });
  });

  it('explains a file that is not an archive and sends nothing', async () => {
    const fetchMock = stubFetch(() => json({ notebooks: [] }));
    const user = userEvent.setup();
    render(<Notebooks />);
    await screen.findByRole('status');

    await user.upload(
      screen.getByLabelText('Notebook archive (.json)'),
      new File(['not json'], 'notes.json', { type: 'application/json' }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent('This file is not JSON');
    expect(fetchMock.mock.calls.some(([url]) => url.includes('import'))).toBe(false);
  });

  it('shows the server’s reason when an import is refused', async () => {
    stubFetch((url) =>
      url === '/api/notebooks/import'
        ? json(
            {
              error: {
                code: 'BAD_REQUEST',
                message: 'This archive does not hold a readable notebook',
              },
            },
            400,
          )
        : json({ notebooks: [] }),
    );
    const user = userEvent.setup();
    render(<Notebooks />);
    await user.upload(
      screen.getByLabelText('Notebook archive (.json)'),
      new File([JSON.stringify({ format: 'playfield-notebook' })], 'a.json'),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This archive does not hold a readable notebook',
    );
    expect(location.pathname).toBe('/');
  });
});

describe('search helpers', () => {
  it('marks every match, whatever its case', () => {
    expect(splitMatches('Email, then EMAIL again', 'email')).toEqual([
      { text: 'Email', isMatch: true },
      { text: ', then ', isMatch: false },
      { text: 'EMAIL', isMatch: true },
      { text: ' again', isMatch: false },
    ]);
    expect(splitMatches('no query', ' ')).toEqual([{ text: 'no query', isMatch: false }]);
  });

  it.each([
    ['{', /not JSON/],
    ['{"format":"something-else"}', /not a Playfield notebook archive/],
    ['[]', /not a Playfield notebook archive/],
  ])('refuses %s with a clear message', (text, message) => {
    expect(archiveProblem(text, 1000)).toMatch(message);
  });

  it('refuses a file larger than the server takes', () => {
    expect(archiveProblem(JSON.stringify({ format: 'playfield-notebook' }), 10)).toMatch(
      /too large/,
    );
  });
});

describe('SharingPanel', () => {
  it('creates an edit link, shows its address once, lists it and revokes it after confirming', async () => {
    let links: ShareLinkListing[] = [];
    const fetchMock = stubFetch((url, init) => {
      if (init.method === 'POST') {
        const link = {
          id: 'l1',
          rights: 'edit' as const,
          createdAt: Date.UTC(2027, 0, 2),
          revokedAt: null,
        };
        links = [link];
        return json({ ...link, token: 'secret_token_0123456789' }, 201);
      }
      if (init.method === 'DELETE') {
        links = links.map((l) => ({ ...l, revokedAt: Date.UTC(2027, 0, 3) }));
        return json({ revoked: true });
      }
      return json({ links });
    });
    const confirmMock = vi.fn(() => true);
    vi.stubGlobal('confirm', confirmMock);
    const user = userEvent.setup();
    render(<SharingPanel sessionId="sessA" token={TOKEN} />);
    expect(await screen.findByText('No link is active.')).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Create an edit link' }));

    const address = await screen.findByRole('textbox', { name: /New edit link/ });
    expect(address).toHaveValue(`${location.origin}/notebook/sessA#link=secret_token_0123456789`);
    const [, init] = fetchMock.mock.calls.find(([, i]) => i?.method === 'POST') ?? [];
    expect(bodyOf(init ?? {})).toEqual({ rights: 'edit' });
    expect((init?.headers as Record<string, string>).authorization).toBe(`Bearer ${TOKEN}`);
    const active = await screen.findByRole('list', { name: 'Active links' });
    expect(active).toHaveTextContent('Edit link');

    await user.click(within(active).getByRole('button', { name: /Revoke the edit link/ }));

    expect(confirmMock).toHaveBeenCalledOnce();
    expect(await screen.findByText('No link is active.')).toBeVisible();
    expect(screen.queryByRole('textbox', { name: /New edit link/ })).not.toBeInTheDocument();
    expect(screen.getByText('Revoked links (1)')).toBeVisible();
  });

  it('keeps a link when the revoke is not confirmed', async () => {
    const link = { id: 'l1', rights: 'read' as const, createdAt: 1, revokedAt: null };
    const fetchMock = stubFetch(() => json({ links: [link] }));
    vi.stubGlobal(
      'confirm',
      vi.fn(() => false),
    );
    const user = userEvent.setup();
    render(<SharingPanel sessionId="sessA" token={TOKEN} />);

    await user.click(await screen.findByRole('button', { name: /Revoke the read link/ }));

    expect(fetchMock.mock.calls.some(([, i]) => i?.method === 'DELETE')).toBe(false);
    expect(screen.getByRole('list', { name: 'Active links' })).toHaveTextContent('Read link');
  });

  it('shows the server’s reason when no more links can be made', async () => {
    stubFetch((_url, init) =>
      init.method === 'POST'
        ? json(
            { error: { code: 'CONFLICT', message: 'Revoke an old link before making another' } },
            409,
          )
        : json({ links: [] }),
    );
    const user = userEvent.setup();
    render(<SharingPanel sessionId="sessA" token={TOKEN} />);
    await user.click(screen.getByRole('button', { name: 'Create a read link' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Revoke an old link');
  });
});

describe('opening /notebook/:id', () => {
  it.each([
    ['/notebook/sess_4f9a-B', { name: 'notebook', sessionId: 'sess_4f9a-B' }],
    ['/notebook/sess1/', { name: 'notebook', sessionId: 'sess1' }],
    ['/notebooks', { name: 'notebooks' }],
    ['/notebooks/', { name: 'notebooks' }],
    ['/notebook/', { name: 'notFound' }],
    ['/notebook/a.b', { name: 'notFound' }],
  ])('routes %s', (path, route) => {
    expect(matchRoute(path)).toEqual(route);
  });

  it('explains what is missing when there is neither a key nor a link', async () => {
    history.replaceState(null, '', '/notebook/sessA');
    render(<Notebook sessionId="sessA" />);
    expect(
      await screen.findByRole('heading', { name: 'This notebook link has no key' }),
    ).toBeVisible();
  });

  it('shows the revoked page for a link the server no longer knows', async () => {
    history.replaceState(null, '', '/notebook/sessA#link=gone_token_0123456789');
    stubFetch(() =>
      json(
        { error: { code: 'NOT_FOUND', message: 'This link has been revoked or never existed' } },
        404,
      ),
    );
    render(<Notebook sessionId="sessA" />);
    expect(
      await screen.findByRole('heading', { name: 'This link has been revoked' }),
    ).toBeVisible();
    expect(screen.getByText(/Ask the facilitator for a new link/)).toBeVisible();
  });

  it('asks a link holder for a name once, refusing an empty one', async () => {
    history.replaceState(null, '', '/notebook/sessA#link=good_token_0123456789');
    stubFetch(() =>
      json({
        sessionId: 'sessA',
        docId: 'notebook.sessA',
        rights: 'edit',
        title: 'Service basics',
      }),
    );
    const user = userEvent.setup();
    render(<Notebook sessionId="sessA" />);

    const name = await screen.findByRole('textbox', { name: 'Your name' });
    await user.click(screen.getByRole('button', { name: 'Open the notebook' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a name');
    expect(name).toHaveAttribute('aria-invalid', 'true');

    await user.type(name, 'Sam');
    await user.click(screen.getByRole('button', { name: 'Open the notebook' }));
    expect(localStorage.getItem('playfield.notebook.name')).toBe('Sam');
    expect(screen.getByText('Opening the notebook…')).toBeVisible();
    expect(useSyncedDoc).toHaveBeenLastCalledWith(
      { role: 'link', token: 'good_token_0123456789' },
      'notebook.sessA',
    );
  });
});
