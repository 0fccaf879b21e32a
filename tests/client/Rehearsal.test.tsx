import { render, renderHook, screen, act } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FacilitatorView, RehearsalView, RosterItemView } from '@playfield/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RehearsalPanel } from '../../client/src/rehearsal/RehearsalPanel.tsx';
import { RehearseOptions } from '../../client/src/rehearsal/RehearseOptions.tsx';
import { useShowRehearsals } from '../../client/src/rehearsal/ShowRehearsals.tsx';
import { seatFromLink, takenSeatLink } from '../../client/src/rehearsal/link.ts';
import { header, json } from './fixtures.ts';

beforeEach(() => history.replaceState(null, '', '/console/s1'));
afterEach(() => vi.unstubAllGlobals());

function seat(id: string, name: string, isSimulated = true): RosterItemView {
  return {
    id,
    name,
    isOnline: false,
    hasLeft: false,
    isRemoved: false,
    ...(isSimulated ? { isSimulated: true as const } : {}),
  };
}

function consoleView(rehearsal: Partial<RehearsalView> = {}): FacilitatorView {
  return {
    session: header({
      id: 's1',
      code: 'ABC234',
      title: 'Rehearsal: Service Pro',
      isRehearsal: true,
    }),
    rehearsal: {
      seats: 3,
      actionsPerMinute: 60,
      isPaused: false,
      isOpenToCode: false,
      simulated: 2,
      ...rehearsal,
    },
    isLocked: false,
    prompt: null,
    agenda: [],
    roster: [seat('p1', 'Ana'), seat('p2', 'Ben'), seat('p3', 'Me', false)],
    timer: null,
    round: null,
  };
}

describe('Rehearse (beside Create session)', () => {
  it('sends the number of simulated participants and the pace', async () => {
    const onRehearse = vi.fn();
    const user = userEvent.setup();
    render(<RehearseOptions isBusy={false} onRehearse={onRehearse} />);
    const count = screen.getByRole('spinbutton', { name: 'Simulated participants' });
    expect(count).toHaveValue(12);
    await user.clear(count);
    await user.type(count, '30');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Pace' }), 'fast');
    await user.click(screen.getByRole('button', { name: 'Rehearse' }));
    expect(onRehearse).toHaveBeenCalledWith({ seats: 30, actionsPerMinute: 240 });
  });

  it('refuses a count outside 1 to 200, and says why', async () => {
    const user = userEvent.setup();
    render(<RehearseOptions isBusy={false} onRehearse={vi.fn()} />);
    const count = screen.getByRole('spinbutton', { name: 'Simulated participants' });
    await user.clear(count);
    await user.type(count, '201');
    expect(screen.getByRole('button', { name: 'Rehearse' })).toBeDisabled();
    expect(count).toHaveAttribute('aria-invalid', 'true');
    expect(count).toHaveAccessibleDescription('1 to 200 simulated participants.');
  });
});

describe('the console’s rehearsal panel', () => {
  it('is labelled, sets the pace, pauses and opens the code, all by the facilitator’s commands', async () => {
    const control = vi.fn(() => Promise.resolve(true));
    const user = userEvent.setup();
    render(<RehearsalPanel view={consoleView()} control={control} token="tok" />);
    expect(screen.getByText(/Rehearsal · 2 simulated participants/)).toBeVisible();
    expect(screen.getByRole('button', { name: 'Normal' })).toHaveAttribute('aria-pressed', 'true');

    await user.click(screen.getByRole('button', { name: 'Fast' }));
    expect(control).toHaveBeenLastCalledWith({ type: 'rehearsal.pace', actionsPerMinute: 240 });
    await user.click(screen.getByRole('button', { name: 'Pause the simulated room' }));
    expect(control).toHaveBeenLastCalledWith({ type: 'rehearsal.pause', isPaused: true });
    await user.click(screen.getByRole('checkbox', { name: 'Let real people join with the code' }));
    expect(control).toHaveBeenLastCalledWith({ type: 'rehearsal.openToCode', isOpen: true });
    const custom = screen.getByRole('spinbutton', { name: 'Actions per minute' });
    await user.clear(custom);
    await user.type(custom, '500{Enter}');
    expect(control).toHaveBeenLastCalledWith({ type: 'rehearsal.pace', actionsPerMinute: 500 });
  });

  it('says when it is paused', () => {
    render(<RehearsalPanel view={consoleView({ isPaused: true })} control={vi.fn()} token="tok" />);
    expect(screen.getByRole('button', { name: 'Resume the simulated room' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(screen.getByText(/Paused: nobody simulated acts/)).toBeVisible();
  });

  it('takes a simulated seat and shows the link for the phone', async () => {
    const fetch = vi.fn(() =>
      Promise.resolve(
        json(
          {
            sessionId: 's1',
            participantId: 'p1',
            name: 'Ana',
            resumeToken: 'tok_abcdefghijklmnopqrstuv',
            code: 'ABC234',
          },
          201,
        ),
      ),
    );
    vi.stubGlobal('fetch', fetch);
    const user = userEvent.setup();
    render(<RehearsalPanel view={consoleView()} control={vi.fn()} token="tok" />);
    await user.click(screen.getByText('Take a seat yourself (2 simulated)'));
    // Only simulated seats are offered.
    expect(screen.queryByRole('button', { name: /Take Me's seat/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: "Take Ana's seat on your phone" }));
    const link = await screen.findByRole('link', { name: "Open Ana's seat" });
    expect(link.getAttribute('href')).toMatch(
      /\/join\/ABC234\?s=s1#seat=tok_abcdefghijklmnopqrstuv&p=p1&n=Ana&s=s1$/,
    );
    expect(fetch).toHaveBeenCalledWith(
      '/api/sessions/s1/rehearsal/seats/p1',
      expect.objectContaining({ method: 'POST' }),
    );
  });
});

describe('a taken seat travels in the link’s fragment', () => {
  it('is read once, then cleared from the address bar', () => {
    const seatLink = takenSeatLink('http://x/join/ABC234?s=s1', {
      sessionId: 's1',
      participantId: 'p1',
      name: 'Ana B',
      resumeToken: 'tok_abcdefghijklmnopqrstuv',
    });
    history.replaceState(null, '', seatLink.replace('http://x', ''));
    expect(seatFromLink()).toEqual({
      sessionId: 's1',
      participantId: 'p1',
      name: 'Ana B',
      resumeToken: 'tok_abcdefghijklmnopqrstuv',
    });
    expect(location.hash).toBe('');
    expect(location.search).toBe('?s=s1');
  });

  it('ignores a malformed fragment', () => {
    history.replaceState(null, '', '/join/ABC234#seat=short&p=__proto__');
    expect(seatFromLink()).toBeNull();
  });
});

describe('rehearsals in the results lists', () => {
  it('are hidden unless asked for', () => {
    const items = [{ title: 'Service Pro, Tuesday' }, { title: 'Rehearsal: Service Pro' }];
    const { result } = renderHook(() => useShowRehearsals(items));
    expect(result.current.shown?.map((i) => i.title)).toEqual(['Service Pro, Tuesday']);
    expect(result.current.hidden).toBe(1);
    act(() => result.current.setShowing(true));
    expect(result.current.shown).toHaveLength(2);
  });
});
