/** The console's room lock and bulk seat removal, and what the Join page and a removed phone show. */
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ControlCommand, RosterItemView } from '@playfield/shared';
import { REMOVED_MESSAGE, ROOM_LOCKED_MESSAGE } from '@playfield/shared/protocol/errors';
import { api } from '../../client/src/api.ts';
import { RoomLockToggle } from '../../client/src/components/RoomLockToggle.tsx';
import { REMOVE_BATCH, RosterPanel } from '../../client/src/components/RosterPanel.tsx';
import { connect, type Connection } from '../../client/src/realtime/connection.ts';
import { Join } from '../../client/src/routes/Join.tsx';
import { Participant } from '../../client/src/routes/Participant.tsx';
import { getSeat, saveSeat } from '../../client/src/storage.ts';
import { useSessionStore } from '../../client/src/stores/useSessionStore.ts';
import { header, message, publicView } from './fixtures.ts';

vi.mock('../../client/src/realtime/connection.ts', () => ({ connect: vi.fn() }));

const seat = (i: number, overrides: Partial<RosterItemView> = {}): RosterItemView => ({
  id: `p${i}`,
  name: `Person ${i}`,
  isOnline: i % 2 === 0,
  hasLeft: false,
  isRemoved: false,
  ...overrides,
});

function control() {
  return vi.fn<(command: ControlCommand) => Promise<boolean>>(() => Promise.resolve(true));
}

beforeEach(() => {
  useSessionStore.getState().reset();
  vi.restoreAllMocks();
});

describe('RoomLockToggle', () => {
  it('locks the room when it is open', async () => {
    const send = control();
    render(<RoomLockToggle isLocked={false} control={send} />);

    expect(screen.getByRole('status')).toHaveTextContent('Room open to new joins');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Lock room' }));

    expect(send).toHaveBeenCalledExactlyOnceWith({ type: 'session.lock' });
  });

  it('says the room is locked and unlocks it', async () => {
    const send = control();
    render(<RoomLockToggle isLocked control={send} />);

    expect(screen.getByRole('status')).toHaveTextContent('Room locked: no new joins');
    const button = screen.getByRole('button', { name: 'Unlock room' });
    expect(button).toHaveAttribute('aria-pressed', 'true');
    await userEvent.setup().click(button);

    expect(send).toHaveBeenCalledExactlyOnceWith({ type: 'session.unlock' });
  });
});

describe('RosterPanel seat removal', () => {
  it('removes the selected seats after the facilitator confirms', async () => {
    const send = control();
    const user = userEvent.setup();
    render(<RosterPanel roster={[seat(1), seat(2), seat(3)]} control={send} />);

    await user.click(screen.getByRole('checkbox', { name: 'Select Person 1' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Person 3' }));
    await user.click(screen.getByRole('button', { name: 'Remove selected (2)' }));

    const dialog = screen.getByRole('alertdialog');
    expect(dialog).toHaveTextContent(
      'Remove 2 people? Their seats close; their answers stay in the results.',
    );
    expect(send).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Remove 2 people' }));

    expect(send).toHaveBeenCalledExactlyOnceWith({
      type: 'participants.remove',
      participantIds: ['p1', 'p3'],
    });
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Select Person 1' })).not.toBeChecked();
  });

  it('removes nothing when the facilitator cancels', async () => {
    const send = control();
    const user = userEvent.setup();
    render(<RosterPanel roster={[seat(1), seat(2)]} control={send} />);

    await user.click(screen.getByRole('button', { name: 'Select all' }));
    await user.click(screen.getByRole('button', { name: 'Remove selected (2)' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));

    expect(send).not.toHaveBeenCalled();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('selects everyone offline with one button', async () => {
    const user = userEvent.setup();
    render(<RosterPanel roster={[seat(1), seat(2), seat(3)]} control={control()} />);

    await user.click(screen.getByRole('button', { name: 'Select all offline' }));

    expect(screen.getByRole('checkbox', { name: 'Select Person 1' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Select Person 2' })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Select Person 3' })).toBeChecked();
  });

  it('sends a flood of seats in batches that fit a socket message', async () => {
    const send = control();
    const user = userEvent.setup();
    const roster = Array.from({ length: REMOVE_BATCH + 5 }, (_, i) => seat(i, { isOnline: false }));
    render(<RosterPanel roster={roster} control={send} />);

    await user.click(screen.getByRole('button', { name: 'Select all' }));
    await user.click(
      screen.getByRole('button', {
        name: `Remove selected (${(REMOVE_BATCH + 5).toLocaleString('en')})`,
      }),
    );
    expect(screen.getByRole('alertdialog')).toHaveTextContent(
      `Remove ${(REMOVE_BATCH + 5).toLocaleString('en')} people?`,
    );
    await user.click(
      screen.getByRole('button', {
        name: `Remove ${(REMOVE_BATCH + 5).toLocaleString('en')} people`,
      }),
    );

    expect(
      send.mock.calls.map(([c]) => c.type === 'participants.remove' && c.participantIds.length),
    ).toEqual([REMOVE_BATCH, 5]);
  }, 30_000);

  it('lists only seats still in, and counts the removed ones', () => {
    render(
      <RosterPanel
        roster={[seat(1), seat(2, { hasLeft: true, isRemoved: true }), seat(3, { hasLeft: true })]}
        control={control()}
      />,
    );

    expect(screen.getByRole('checkbox', { name: 'Select Person 1' })).toBeInTheDocument();
    expect(screen.queryByText('Person 2')).not.toBeInTheDocument();
    expect(screen.getByText('1 seat removed')).toBeInTheDocument();
  });
});

describe('Join page while the room is locked', () => {
  it('shows the ROOM_LOCKED message clearly', async () => {
    vi.spyOn(api, 'lookup').mockResolvedValue({ ok: true, data: header() });
    vi.spyOn(api, 'join').mockResolvedValue({
      ok: false,
      error: { code: 'ROOM_LOCKED', message: ROOM_LOCKED_MESSAGE },
    });
    const user = userEvent.setup();
    render(<Join code="ABC234" />);

    await user.type(await screen.findByLabelText('Your name, as the room will see it'), 'Sam');
    await user.click(screen.getByRole('button', { name: 'Join' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This room is locked');
    expect(alert).toHaveTextContent(ROOM_LOCKED_MESSAGE);
  });
});

describe('a removed phone', () => {
  it('says the facilitator removed it and forgets the seat', () => {
    vi.mocked(connect).mockReturnValue({ close: vi.fn() } as unknown as Connection);
    const kept = { sessionId: 's1', participantId: 'p1', name: 'Sam', resumeToken: 'r1' };
    saveSeat('ABC234', kept);
    render(<Participant code="ABC234" seat={kept} onLeft={vi.fn()} />);

    act(() => {
      useSessionStore.getState().receive('publicView', message(publicView(), 1));
      useSessionStore
        .getState()
        .receive(
          'own',
          message(
            { participantId: 'p1', name: 'Sam', hasLeft: true, isRemoved: true, round: null },
            2,
          ),
        );
    });

    expect(screen.getByRole('heading', { name: REMOVED_MESSAGE })).toBeVisible();
    expect(REMOVED_MESSAGE).toBe('The facilitator removed you from this session');
    expect(getSeat('ABC234')).toBeNull();
  });

  it('says so too when its reconnect is refused as removed', () => {
    vi.mocked(connect).mockReturnValue({ close: vi.fn() } as unknown as Connection);
    const kept = { sessionId: 's1', participantId: 'p1', name: 'Sam', resumeToken: 'r1' };
    render(<Participant code="ABC234" seat={kept} onLeft={vi.fn()} />);

    act(() =>
      useSessionStore
        .getState()
        .setStatus('failed', { code: 'FORBIDDEN', message: REMOVED_MESSAGE }),
    );

    expect(screen.getByRole('heading', { name: REMOVED_MESSAGE })).toBeVisible();
  });
});
