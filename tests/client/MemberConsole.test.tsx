/**
 * A member's console follows their role while open: made a producer, its agenda turns
 * read-only at once (no reload), and back to facilitator it edits again; removed, it says
 * why instead of showing the session.
 */
import { act, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgendaItemView, ConsoleAccess, FacilitatorView, Result } from '@playfield/shared';
import { connect, type Connection } from '../../client/src/realtime/connection.ts';
import Console from '../../client/src/routes/Console.tsx';
import { useSessionStore } from '../../client/src/stores/useSessionStore.ts';
import { header, message } from './fixtures.ts';

// No real socket: the test plays the server through the connection's listeners and the store.
vi.mock('../../client/src/realtime/connection.ts', () => ({ connect: vi.fn() }));

const FACILITATOR: ConsoleAccess = {
  name: 'kim@example.com',
  role: 'facilitator',
  canEditAgenda: true,
  screenKey: 's'.repeat(43),
};

function item(id: string, title: string): AgendaItemView {
  return {
    id,
    kind: 'poll',
    title,
    config: { question: 'Which channel?', options: ['Phone', 'Email'] },
    isOpen: false,
    isRevealed: false,
    hasStarted: false,
    submitted: 0,
  } as AgendaItemView;
}

function lobbyView(): FacilitatorView {
  return {
    session: header({ phase: 'lobby' }),
    isLocked: false,
    prompt: null,
    agenda: [item('r1', 'Warm-up'), item('r2', 'Second poll')],
    roster: [],
    timer: null,
    round: null,
    clock: {
      startedAt: null,
      rounds: {},
      currentSince: null,
      screen: 'live',
      isCountdownShown: false,
    },
  } as unknown as FacilitatorView;
}

function stubConnection() {
  const listeners = new Set<(access: ConsoleAccess) => void>();
  const connection: Connection = {
    control: vi.fn(() => Promise.resolve({ ok: true as const, data: { seq: 1 } })),
    act: vi.fn(),
    answerPrompt: vi.fn(),
    leave: vi.fn(),
    consoleAccess: vi.fn((): Promise<Result<ConsoleAccess>> =>
      Promise.resolve({ ok: true, data: FACILITATOR }),
    ),
    activity: vi.fn(() => Promise.resolve({ ok: true as const, data: [] })),
    onConsoleAccess: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: vi.fn(),
  };
  vi.mocked(connect).mockReturnValue(connection);
  return { push: (access: ConsoleAccess) => listeners.forEach((l) => l(access)), listeners };
}

beforeEach(() => {
  localStorage.clear();
  history.replaceState(null, '', '/console/s1#member');
});

describe("a member's open console", () => {
  it('turns the agenda read-only when the member is made a producer, and back', async () => {
    const server = stubConnection();
    render(<Console sessionId="s1" />);
    expect(connect).toHaveBeenCalledWith({ role: 'member', sessionId: 's1' });
    act(() => useSessionStore.getState().receive('facilitator', message(lobbyView(), 2)));
    const agenda = await screen.findByRole('region', { name: 'Agenda' });
    expect(await within(agenda).findAllByRole('button', { name: 'Edit' })).toHaveLength(2);

    act(() => server.push({ ...FACILITATOR, role: 'producer', canEditAgenda: false }));
    expect(within(agenda).getByRole('note')).toHaveTextContent(/producer you run the rounds/);
    expect(within(agenda).queryByRole('button', { name: 'Edit' })).toBeNull();

    act(() => server.push(FACILITATOR));
    expect(within(agenda).queryByRole('note')).toBeNull();
    expect(within(agenda).getAllByRole('button', { name: 'Edit' })).toHaveLength(2);
  });

  it('says why when the member may no longer run it', async () => {
    stubConnection();
    render(<Console sessionId="s1" />);
    act(() => useSessionStore.getState().receive('facilitator', message(lobbyView(), 2)));
    await screen.findByRole('region', { name: 'Agenda' });
    act(() =>
      useSessionStore.getState().setStatus('failed', {
        code: 'FORBIDDEN',
        message: 'You can no longer run this console: your role changed',
      }),
    );
    expect(await screen.findByRole('heading', { name: 'Cannot open this console' })).toBeVisible();
    expect(screen.getByText(/no longer run this console/)).toBeVisible();
    expect(screen.queryByRole('region', { name: 'Agenda' })).toBeNull();
  });
});
