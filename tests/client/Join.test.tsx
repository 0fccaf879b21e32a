import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from '../../client/src/realtime/connection.ts';
import { connect } from '../../client/src/realtime/connection.ts';
import { Join } from '../../client/src/routes/Join.tsx';
import { getSeat, saveSeat, type Seat } from '../../client/src/storage.ts';
import { useSessionStore } from '../../client/src/stores/useSessionStore.ts';
import { header, json, message, publicView } from './fixtures.ts';

// The Participant route would open a real socket: stand in a connection that does nothing.
vi.mock('../../client/src/realtime/connection.ts', () => ({
  connect: vi.fn((): Connection => ({
    control: vi.fn(),
    act: vi.fn(),
    answerPrompt: vi.fn(),
    leave: vi.fn(),
    close: vi.fn(),
  })),
}));

const SEAT: Seat = {
  sessionId: 'sess_4f9a',
  participantId: 'p-sam-2',
  name: 'Sam 2',
  resumeToken: 'resume-token-sam-2',
};

interface Call {
  method: string;
  path: string;
  body: unknown;
  deviceId: string | null;
}

/** A fake API: the session exists, "Sam" is taken, any other name gets SEAT. */
function stubApi(lookup: () => Response = () => json(header())) {
  const calls: Call[] = [];
  const fetch = vi.fn((input: RequestInfo | URL, init: RequestInit = {}) => {
    const path =
      typeof input === 'string' ? input : input instanceof URL ? input.pathname : input.url;
    const method = init.method ?? 'GET';
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : null;
    const deviceId = new Headers(init.headers).get('x-device-id');
    calls.push({ method, path, body, deviceId });
    if (method === 'GET' && path === '/api/join/ABC234') return Promise.resolve(lookup());
    if (method === 'POST' && path === '/api/join') {
      const { name } = body as { name: string };
      if (name === 'Sam') {
        return Promise.resolve(
          json(
            {
              error: {
                code: 'NAME_TAKEN',
                message: 'Someone here is already called Sam. Add an initial or pick another name.',
                suggestion: 'Sam 2',
              },
            },
            409,
          ),
        );
      }
      return Promise.resolve(json({ ...SEAT, name }, 201));
    }
    return Promise.resolve(json({ error: { code: 'NOT_FOUND', message: 'Not here' } }, 404));
  });
  vi.stubGlobal('fetch', fetch);
  return calls;
}

beforeEach(() => {
  vi.mocked(connect).mockClear();
  useSessionStore.getState().reset();
});

describe('Join', () => {
  it('says the code is not a join code when the URL holds an invalid code', () => {
    const calls = stubApi();

    render(<Join code="nope!" />);

    expect(screen.getByRole('heading', { name: 'That is not a join code' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'Enter a code' })).toHaveAttribute('href', '/');
    expect(calls).toEqual([]);
  });

  it('says which characters a code never holds when "ABC123" is refused', () => {
    stubApi();

    render(<Join code="ABC123" />);

    expect(screen.getByText(/never contain 0, O, 1, I or L/)).toBeVisible();
  });

  it('puts the cursor in the name field once the session is found', async () => {
    stubApi();

    render(<Join code="abc234" />);

    const field = await screen.findByRole('textbox', {
      name: 'Your name, as the room will see it',
    });
    await waitFor(() => expect(field).toHaveFocus());
  });

  it('shows the session title when the code is found', async () => {
    const calls = stubApi();

    render(<Join code="abc234" />);

    expect(screen.getByText('Finding the session…')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Service recovery, Tuesday' })).toBeVisible();
    expect(screen.getByText('Joining ABC234')).toBeInTheDocument();
    expect(calls[0]).toMatchObject({ method: 'GET', path: '/api/join/ABC234' });
    expect(calls[0]?.deviceId).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  it('says there is no session with that code when the lookup answers 404', async () => {
    stubApi(() =>
      json(
        {
          error: {
            code: 'NOT_FOUND',
            message: 'No session has that code. Check the code on the screen.',
          },
        },
        404,
      ),
    );

    render(<Join code="ABC234" />);

    expect(await screen.findByRole('heading', { name: 'No session with that code' })).toBeVisible();
    expect(screen.getByText(/We could not find ABC234\./)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Enter another code' })).toHaveAttribute('href', '/');
  });

  it('says the session has ended when the lookup answers SESSION_ENDED', async () => {
    stubApi(() =>
      json({ error: { code: 'SESSION_ENDED', message: 'This session has ended.' } }, 410),
    );

    render(<Join code="ABC234" />);

    expect(await screen.findByRole('heading', { name: 'This session has ended' })).toBeVisible();
    expect(screen.getByText(/Thank you for taking part/)).toBeInTheDocument();
  });

  it('says the server cannot be reached, not that the code is unknown, when the network is down', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );

    render(<Join code="ABC234" />);

    expect(
      await screen.findByRole('heading', { name: 'Could not open this session' }),
    ).toBeVisible();
    expect(screen.getByText(/Cannot reach Playfield/)).toBeInTheDocument();
    expect(screen.queryByText(/No session with that code|could not find/i)).not.toBeInTheDocument();
  });

  it('asks for a name when Join is pressed with an empty name', async () => {
    const calls = stubApi();
    const user = userEvent.setup();
    render(<Join code="ABC234" />);

    await user.click(await screen.findByRole('button', { name: 'Join' }));

    expect(screen.getByRole('alert')).toHaveTextContent('Enter the name you want others to see.');
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
  });

  it('offers the suggested name when the chosen name is taken', async () => {
    const calls = stubApi();
    const user = userEvent.setup();
    render(<Join code="ABC234" />);

    await user.type(
      await screen.findByRole('textbox', { name: 'Your name, as the room will see it' }),
      'Sam',
    );
    await user.click(screen.getByRole('button', { name: 'Join' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Someone here is already called Sam.');
    expect(screen.getByRole('button', { name: 'Join as Sam 2' })).toBeVisible();
    expect(screen.getByRole('textbox', { name: /Your name/ })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(calls.at(-1)).toMatchObject({
      method: 'POST',
      path: '/api/join',
      body: { code: 'ABC234', name: 'Sam' },
    });
    expect(getSeat('ABC234')).toBeNull();
    expect(connect).not.toHaveBeenCalled();
  });

  it('stores the seat and connects as that participant when the suggested name is taken up', async () => {
    const calls = stubApi();
    const user = userEvent.setup();
    render(<Join code="ABC234" />);
    await user.type(await screen.findByRole('textbox', { name: /Your name/ }), 'Sam');
    await user.click(screen.getByRole('button', { name: 'Join' }));

    await user.click(await screen.findByRole('button', { name: 'Join as Sam 2' }));

    expect(await screen.findByText('Connecting to the session…')).toBeInTheDocument();
    expect(calls.at(-1)?.body).toMatchObject({ code: 'ABC234', name: 'Sam 2' });
    expect(getSeat('ABC234')).toEqual(SEAT);
    expect(JSON.parse(localStorage.getItem('playfield.seats') ?? '{}')).toEqual({ ABC234: SEAT });
    expect(connect).toHaveBeenCalledExactlyOnceWith({
      role: 'participant',
      resumeToken: 'resume-token-sam-2',
    });

    act(() => useSessionStore.getState().receive('publicView', message(publicView(), 3)));
    expect(screen.getByRole('heading', { name: 'You’re in, Sam 2!' })).toBeVisible();
  });

  it('goes straight back to the session when this phone already has a seat for the code', () => {
    const calls = stubApi();
    saveSeat('ABC234', SEAT);

    render(<Join code="abc234" />);

    expect(connect).toHaveBeenCalledExactlyOnceWith({
      role: 'participant',
      resumeToken: SEAT.resumeToken,
    });
    expect(calls).toEqual([]);
  });
});
