import { act, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TimerState } from '@playfield/shared';
import { formatCountdown, remainingMs, Timer } from '../../client/src/components/Timer.tsx';
import { useSessionStore } from '../../client/src/stores/useSessionStore.ts';

const NOW = 1_700_000_000_000;

beforeEach(() => useSessionStore.getState().reset());

describe('formatCountdown', () => {
  it.each([
    [61_000, '1:01'],
    [0, '0:00'],
    [999, '0:01'],
    [1_000, '0:01'],
    [1_001, '0:02'],
    [59_500, '1:00'],
    [600_000, '10:00'],
    [7_200_000, '120:00'],
  ])('formats %i ms as %s when rounding up to whole seconds', (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });
});

describe('remainingMs', () => {
  it('counts down to the end time when the timer is running', () => {
    const timer: TimerState = { durationMs: 60_000, endsAt: NOW + 45_000, remainingMs: 60_000 };

    expect(remainingMs(timer, NOW)).toBe(45_000);
    expect(remainingMs(timer, NOW + 45_000)).toBe(0);
  });

  it('never goes below zero when a running timer is past its end', () => {
    const timer: TimerState = { durationMs: 60_000, endsAt: NOW, remainingMs: 60_000 };

    expect(remainingMs(timer, NOW + 5_000)).toBe(0);
  });

  it('returns the frozen remainder whatever the clock says when the timer is paused', () => {
    const timer: TimerState = { durationMs: 60_000, endsAt: null, remainingMs: 20_000 };

    expect(remainingMs(timer, NOW)).toBe(20_000);
    expect(remainingMs(timer, NOW + 3_600_000)).toBe(20_000);
  });
});

describe('Timer', () => {
  it('renders nothing when there is no timer', () => {
    const { container } = render(<Timer timer={null} />);

    expect(container).toBeEmptyDOMElement();
  });

  it('shows Paused and the frozen time when the timer is paused', () => {
    vi.useFakeTimers({ now: NOW });
    render(<Timer timer={{ durationMs: 60_000, endsAt: null, remainingMs: 20_000 }} />);

    act(() => {
      vi.advanceTimersByTime(10_000);
    });

    const timer = screen.getByRole('timer');
    expect(timer).toHaveTextContent('Paused');
    expect(timer).toHaveTextContent('0:20');
  });

  it('ticks down and shows Time’s up when a running timer reaches zero', () => {
    vi.useFakeTimers({ now: NOW });
    render(<Timer timer={{ durationMs: 61_000, endsAt: NOW + 61_000, remainingMs: 61_000 }} />);
    const timer = screen.getByRole('timer');
    expect(timer).toHaveTextContent('Time left');
    expect(timer).toHaveTextContent('1:01');

    act(() => {
      vi.advanceTimersByTime(30_000);
    });
    expect(timer).toHaveTextContent('0:31');

    act(() => {
      vi.advanceTimersByTime(31_000);
    });
    expect(timer).toHaveTextContent("Time's up");
    expect(timer).toHaveTextContent('0:00');
  });

  it('shows Time’s up when a paused timer has nothing left', () => {
    render(<Timer timer={{ durationMs: 60_000, endsAt: null, remainingMs: 0 }} />);

    expect(screen.getByRole('timer')).toHaveTextContent("Time's up0:00");
  });

  it('counts by the server clock when this clock is behind', () => {
    vi.useFakeTimers({ now: NOW });
    // The server is 10 s ahead of this phone.
    useSessionStore.setState({ clockOffsetMs: 10_000 });

    render(<Timer timer={{ durationMs: 60_000, endsAt: NOW + 60_000, remainingMs: 60_000 }} />);
    act(() => {
      vi.advanceTimersByTime(0);
    });

    expect(screen.getByRole('timer')).toHaveTextContent('0:50');
  });
});
