import { useEffect, useState } from 'react';
import type { QuizClock } from '@playfield/shared/exercises/quiz/index';
import { useSessionStore } from '../../stores/useSessionStore.ts';

/**
 * Whole seconds left on a question's clock, by the server's clock (corrected by the session's
 * measured offset), rounded up so 0 means the time is really up. Null without a clock. The
 * server decides: this only draws the countdown and greys out buttons at zero.
 */
export function useCountdown(clock: QuizClock | null): number | null {
  const offset = useSessionStore((s) => s.clockOffsetMs);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!clock) return;
    const tick = () => setNow(Date.now());
    tick();
    const id = setInterval(tick, 200);
    return () => clearInterval(id);
  }, [clock]);
  if (!clock) return null;
  return Math.max(0, Math.ceil((clock.endsAt - (now + offset)) / 1000));
}
