/** The console's roster: who has and has not answered the current round, and only a count when it is anonymous. */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ControlCommand, ResponsesView, RosterItemView } from '@playfield/shared';
import { RosterPanel } from '../../client/src/components/RosterPanel.tsx';

const control = () =>
  vi.fn<(command: ControlCommand) => Promise<boolean>>(() => Promise.resolve(true));

/** Forty seats; every third one has answered, one has left. */
function room(): RosterItemView[] {
  return Array.from({ length: 40 }, (_, i) => ({
    id: `p${i}`,
    name: `Person ${i}`,
    isOnline: i !== 5,
    hasLeft: i === 39,
    isRemoved: false,
    hasResponded: i % 3 === 0,
  }));
}

const named: ResponsesView = { roundId: 'r1', isAnonymous: false, count: 14 };

function rows(): HTMLElement[] {
  return within(screen.getByRole('list', { name: 'People in the session' })).getAllByRole(
    'listitem',
  );
}

describe('RosterPanel: who has answered', () => {
  it('marks each person with words and lists those who have not answered first', () => {
    render(<RosterPanel roster={room()} responses={named} control={control()} />);

    // 39 present: 13 answered (0, 3, …, 36), 26 not yet; the one who left is not listed.
    expect(screen.getByRole('status')).toHaveTextContent('13 answered · 26 not yet');
    const listed = rows();
    expect(listed).toHaveLength(39);
    expect(listed.slice(0, 26).every((li) => li.textContent?.includes('Not yet'))).toBe(true);
    expect(listed.slice(26).every((li) => li.textContent?.includes('Answered'))).toBe(true);
    // Join order is kept within each group.
    expect(listed[0]).toHaveTextContent('Person 1');
    expect(listed[1]).toHaveTextContent('Person 2');
    expect(listed[26]).toHaveTextContent('Person 0');
    expect(screen.queryByText('Person 39')).not.toBeInTheDocument();
  });

  it('lists only who has not answered when asked', async () => {
    render(<RosterPanel roster={room()} responses={named} control={control()} />);

    await userEvent
      .setup()
      .click(screen.getByRole('checkbox', { name: 'Only who has not answered' }));

    const listed = rows();
    expect(listed).toHaveLength(26);
    expect(screen.queryAllByText('✓ Answered')).toHaveLength(0);
    expect(listed[0]).toHaveTextContent('Person 1');
  });

  it('shows only the count in an anonymous round, and no marks', () => {
    const roster = room().map(({ hasResponded: _hidden, ...seat }) => seat);
    render(
      <RosterPanel
        roster={roster}
        responses={{ roundId: 'r1', isAnonymous: true, count: 14 }}
        control={control()}
      />,
    );

    expect(screen.getByRole('status')).toHaveTextContent(
      '14 answered · anonymous round: who answered stays hidden',
    );
    expect(screen.queryAllByTestId('response-mark')).toHaveLength(0);
    expect(screen.queryByText(/not yet/i)).not.toBeInTheDocument();
    expect(
      screen.queryByRole('checkbox', { name: 'Only who has not answered' }),
    ).not.toBeInTheDocument();
  });

  it('shows presence alone when no round is running', () => {
    const roster = room().map(({ hasResponded: _none, ...seat }) => seat);
    render(<RosterPanel roster={roster} responses={null} control={control()} />);

    expect(screen.queryAllByTestId('response-mark')).toHaveLength(0);
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(rows()[5]).toHaveTextContent('offline');
  });
});
