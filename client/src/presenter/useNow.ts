import { useEffect, useState } from 'react';
import { useSessionStore } from '../stores/useSessionStore.ts';

/** The server's time now, ticking every `everyMs` (the clock figures are per second). */
export function useServerNow(everyMs = 1000): number {
  const offset = useSessionStore((s) => s.clockOffsetMs);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now + offset;
}

/** Milliseconds as a clock reads: "4:05", "1:02:03"; negative values keep no sign. */
export function formatClock(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`;
}

/** An instant as the laptop's time of day, "14:35". */
export function formatTimeOfDay(at: number): string {
  const date = new Date(at);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}
