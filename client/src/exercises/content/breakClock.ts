import { useEffect, useState } from 'react';
import type { TimerState } from '@playfield/shared';

/** "HH:MM" of a time in this device's clock. */
function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/**
 * A break's clock: the time left on the session's timer (null when none runs) and when the
 * room is back: the slide's own "HH:MM", else the timer's end in this device's time.
 * Ticks each second while a timer runs; `offsetMs` is the server's clock minus this one.
 */
export function useBreakClock(
  timer: TimerState | null | undefined,
  backAt: string,
  offsetMs: number,
): { leftMs: number | null; backAt: string } {
  const [now, setNow] = useState(() => Date.now());
  const isRunning = !!timer && timer.endsAt !== null;
  useEffect(() => {
    if (!isRunning) return;
    const id = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(id);
  }, [isRunning]);
  if (!timer) return { leftMs: null, backAt };
  const leftMs =
    timer.endsAt === null ? timer.remainingMs : Math.max(0, timer.endsAt - (now + offsetMs));
  const end = timer.endsAt === null ? now + timer.remainingMs : timer.endsAt - offsetMs;
  return { leftMs, backAt: backAt || clockTime(end) };
}

/** m:ss, rounded up so 0:00 means time is really up. */
export function formatLeft(ms: number): string {
  const total = Math.ceil(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
