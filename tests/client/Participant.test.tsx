import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Accepted, ParticipantOwnView, Result } from '@playfield/shared';
import { connect, type Connection } from '../../client/src/realtime/connection.ts';
import { NO_ANSWER } from '../../client/src/realtime/connectionErrors.ts';
import { Participant } from '../../client/src/routes/Participant.tsx';
import { getSeat, saveSeat, type Seat } from '../../client/src/storage.ts';
import { useSessionStore } from '../../client/src/stores/useSessionStore.ts';
import { accepted, message, publicPoll, publicView } from './fixtures.ts';

// No real socket: tests play the server by writing views into the store.
vi.mock('../../client/src/realtime/connection.ts', () => ({ connect: vi.fn() }));

const SEAT: Seat = { sessionId: 'sess_4f9a', participantId: 'p1', name: 'Sam', resumeToken: 'r1' };

function stubConnection() {
  const connection = {
    control: vi.fn<Connection['control']>(),
    act: vi.fn<Connection['act']>(() => Promise.resolve(accepted)),
    answerPrompt: vi.fn<Connection['answerPrompt']>(() => Promise.resolve(accepted)),
    leave: vi.fn<Connection['leave']>(() => Promise.resolve(accepted)),
    close: vi.fn<Connection['close']>(),
  };
  vi.mocked(connect).mockReturnValue(connection);
  return connection;
}

function own(choices: number[] | null): ParticipantOwnView {
  return {
    participantId: 'p1',
    name: 'Sam',
    hasLeft: false,
    isRemoved: false,
    round: choices ? { kind: 'poll', id: 'round_1', view: { choices } } : null,
  };
}

function setup() {
  const connection = stubConnection();
  const onLeft = vi.fn();
  saveSeat('ABC234', SEAT);
  const utils = render(<Participant code="ABC234" seat={SEAT} onLeft={onLeft} />);
  return { ...utils, connection, onLeft, user: userEvent.setup() };
}

const serve = (...updates: (() => void)[]) => act(() => updates.forEach((update) => update()));
const store = () => useSessionStore.getState();

beforeEach(() => {
  vi.mocked(connect).mockReset();
  store().reset();
});

describe('Participant route', () => {
  it('waits for the session when no view has arrived yet', () => {
    const { connection } = setup();

    expect(screen.getByText('Connecting to the session…')).toBeInTheDocument();
    expect(connect).toHaveBeenCalledExactlyOnceWith({ role: 'participant', resumeToken: 'r1' });
    expect(connection.close).not.toHaveBeenCalled();
  });

  it('closes the connection when the page goes away', () => {
    const { connection, unmount } = setup();

    unmount();

    expect(connection.close).toHaveBeenCalledOnce();
  });

  it('shows the lobby with the head count when the session has not started', () => {
    setup();

    serve(() => store().receive('publicView', message(publicView(), 1)));

    expect(screen.getByRole('heading', { name: 'You’re in, Sam!' })).toBeVisible();
    expect(screen.getByText(/4 people have joined\./)).toBeInTheDocument();
    expect(screen.getByLabelText('Join code ABC234')).toHaveTextContent('ABC234');
  });

  it('sends the answer for the current round when an option is tapped', async () => {
    const { connection, user } = setup();
    serve(
      () =>
        store().receive(
          'publicView',
          message(publicView({ phase: 'live', poll: publicPoll() }), 2),
        ),
      () => store().receive('own', message(own([]), 2)),
    );

    expect(screen.getByText('Round 1 of 3')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Chat' }));

    expect(connection.act).toHaveBeenCalledExactlyOnceWith('round_1', {
      type: 'answer',
      choices: [2],
    });
  });

  it('shows the participant’s saved answer when their own view is for the current round', () => {
    setup();

    serve(
      () =>
        store().receive(
          'publicView',
          message(publicView({ phase: 'live', poll: publicPoll() }), 2),
        ),
      () => store().receive('own', message(own([1]), 2)),
    );

    expect(screen.getByRole('radio', { name: 'Email' })).toBeChecked();
  });

  it('shows the poll as closed when the round is locked', () => {
    setup();

    serve(() =>
      store().receive(
        'publicView',
        message(publicView({ phase: 'live', poll: publicPoll(), isOpen: false }), 2),
      ),
    );

    expect(screen.getByRole('radio', { name: 'Phone' })).toBeDisabled();
    expect(screen.getByText('Answers are locked.')).toBeInTheDocument();
  });

  it('thanks people and hides Leave when the session has ended', () => {
    setup();

    serve(() => store().receive('publicView', message(publicView({ phase: 'ended' }), 9)));

    expect(screen.getByRole('heading', { name: 'That’s a wrap' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Leave session' })).not.toBeInTheDocument();
  });

  it('forgets the seat and offers to join again when the server no longer knows it', async () => {
    const { onLeft, user } = setup();

    serve(() =>
      store().setStatus('failed', { code: 'UNAUTHORIZED', message: 'Your seat has expired' }),
    );

    expect(
      screen.getByRole('heading', { name: 'You are not in this session any more' }),
    ).toBeVisible();
    expect(screen.getByText('Your seat has expired')).toBeInTheDocument();
    expect(getSeat('ABC234')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Join again' }));
    expect(onLeft).toHaveBeenCalledOnce();
  });

  it('leaves, forgets the seat and returns to the form when Leave is confirmed', async () => {
    vi.stubGlobal(
      'confirm',
      vi.fn(() => true),
    );
    const { connection, onLeft, user } = setup();
    serve(() => store().receive('publicView', message(publicView(), 1)));

    await user.click(screen.getByRole('button', { name: 'Leave session' }));

    expect(connection.leave).toHaveBeenCalledOnce();
    expect(getSeat('ABC234')).toBeNull();
    expect(onLeft).toHaveBeenCalledOnce();
  });

  it('keeps the seat when leaving is refused', async () => {
    vi.stubGlobal(
      'confirm',
      vi.fn(() => true),
    );
    const { connection, onLeft, user } = setup();
    const refused: Result<Accepted> = {
      ok: false,
      error: { code: 'INTERNAL', message: 'No answer from the server' },
    };
    connection.leave.mockResolvedValueOnce(refused);
    serve(() => store().receive('publicView', message(publicView(), 1)));

    await user.click(screen.getByRole('button', { name: 'Leave session' }));

    expect(getSeat('ABC234')).toEqual(SEAT);
    expect(onLeft).not.toHaveBeenCalled();
  });
  it('disables the round while the connection is down, says it is reconnecting, and enables it when back', () => {
    setup();
    serve(
      () => store().setStatus('online'),
      () =>
        store().receive(
          'publicView',
          message(publicView({ phase: 'live', poll: publicPoll() }), 2),
        ),
    );
    expect(screen.getByRole('radio', { name: 'Chat' })).toBeEnabled();

    serve(() => store().setStatus('offline'));

    expect(screen.getByRole('radio', { name: 'Chat' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Leave session' })).toBeDisabled();
    expect(screen.getByText(/^Connection lost: reconnecting…/)).toHaveTextContent(
      'Your buttons come back as soon as the connection does.',
    );

    serve(() => store().setStatus('online'));

    expect(screen.getByRole('radio', { name: 'Chat' })).toBeEnabled();
    expect(screen.queryByText(/reconnecting/)).toBeNull();
  });

  it('shows a lost answer once, outside the exercise, and forgets it when the connection is back', async () => {
    const { connection, user } = setup();
    connection.act.mockResolvedValue({ ok: false, error: NO_ANSWER });
    serve(
      () => store().setStatus('online'),
      () =>
        store().receive(
          'publicView',
          message(publicView({ phase: 'live', poll: publicPoll() }), 2),
        ),
    );

    await user.click(screen.getByRole('radio', { name: 'Chat' }));

    expect(screen.getAllByText(/No answer from the server/)).toHaveLength(1);
    expect(screen.getByRole('alert')).toHaveTextContent(NO_ANSWER.message);

    serve(() => store().setStatus('offline'));
    serve(() => store().setStatus('online'));

    expect(screen.queryByText(/No answer from the server/)).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('still lets the exercise show what the server refused', async () => {
    const { connection, user } = setup();
    connection.act.mockResolvedValue({
      ok: false,
      error: { code: 'ROUND_LOCKED', message: 'Answers are locked for this round' },
    });
    serve(
      () => store().setStatus('online'),
      () =>
        store().receive(
          'publicView',
          message(publicView({ phase: 'live', poll: publicPoll() }), 2),
        ),
    );

    await user.click(screen.getByRole('radio', { name: 'Chat' }));

    expect(await screen.findByText('Answers are locked for this round')).toBeVisible();
  });
});
