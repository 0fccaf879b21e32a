import { useEffect, useState } from 'react';
import type { TimerState } from '@playfield/shared';
import { useSessionStore } from '../stores/useSessionStore.ts';
import styles from './Timer.module.css';

/** Milliseconds left on a timer, by the server's clock. */
export function remainingMs(timer: TimerState, now: number): number {
  return timer.endsAt === null ? timer.remainingMs : Math.max(0, timer.endsAt - now);
}

/** Formats milliseconds as m:ss, rounding up so 0:00 means time is really up. */
export function formatCountdown(ms: number): string {
  const total = Math.ceil(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** A visible countdown; ticks locally, corrected by the server clock offset. */
export function Timer({
  timer,
  size = 'normal',
}: {
  timer: TimerState | null;
  size?: 'normal' | 'large';
}) {
  const offset = useSessionStore((s) => s.clockOffsetMs);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!timer || timer.endsAt === null) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const id = setInterval(tick, 250);
    return () => {
      clearTimeout(first);
      clearInterval(id);
    };
  }, [timer]);
  if (!timer) return null;
  const left = remainingMs(timer, now + offset);
  const isUp = left <= 0;
  return (
    <div
      className={`${styles.timer} ${size === 'large' ? styles.timerLarge : ''} ${isUp ? styles.isUp : ''}`}
      role="timer"
    >
      <span className={styles.timerLabel}>
        {isUp ? "Time's up" : timer.endsAt === null ? 'Paused' : 'Time left'}
      </span>
      <span className={styles.timerValue}>{formatCountdown(left)}</span>
    </div>
  );
}
