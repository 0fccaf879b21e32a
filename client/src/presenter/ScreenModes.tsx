import { useEffect, useState } from 'react';
import type { ScreenView } from '@playfield/shared';
import { QrCode } from '../components/QrCode.tsx';
import { formatCountdown } from '../components/Timer.tsx';
import { useJoinUrl } from '../components/useJoinUrl.ts';
import { useSessionStore } from '../stores/useSessionStore.ts';
import styles from './ScreenModes.module.css';

/**
 * The view the room screen shows: the latest one, or while the facilitator has frozen the
 * screen, the last one before the freeze (a screen opened while frozen shows the current
 * one, which is what the room would have seen).
 */
export function useShownScreenView(view: ScreenView): ScreenView {
  const [kept, setKept] = useState(view);
  const isFrozen = view.clock?.mode === 'frozen';
  // Kept during render (React's "information from previous renders" pattern), so the
  // frozen screen never draws one newer view first.
  if (!isFrozen && kept !== view) setKept(view);
  return isFrozen ? kept : view;
}

/** The calm screen shown while the facilitator blanks the room screen: title and join code. */
export function BlankScreen({ view }: { view: ScreenView }) {
  const { session } = view;
  const joinUrl = useJoinUrl(session.code);
  const host = joinUrl?.replace(/^https?:\/\//, '').replace(/\/join\/.*$/, '');
  return (
    <main className={styles.blank} data-testid="blank-screen">
      <h1 className={styles.blankTitle}>{session.title}</h1>
      <div className={styles.blankJoin}>
        {joinUrl && <QrCode text={joinUrl} size={200} label={`QR code to join: ${joinUrl}`} />}
        <div>
          <p className={styles.blankLine}>Join at {host}</p>
          <p className={styles.blankCode}>{session.code}</p>
        </div>
      </div>
    </main>
  );
}

/**
 * The current round's countdown against its plan, large on the room screen when the
 * facilitator shows it. Ticks locally, corrected by the server's clock.
 */
export function RoundCountdown({ view }: { view: ScreenView }) {
  const countdown = view.clock?.countdown;
  const offset = useSessionStore((s) => s.clockOffsetMs);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!countdown) return;
    const tick = () => setNow(Date.now());
    // At once, then twice a second: a countdown shown late must not start from its mount.
    const first = setTimeout(tick, 0);
    const id = setInterval(tick, 500);
    return () => {
      clearTimeout(first);
      clearInterval(id);
    };
  }, [countdown]);
  if (!countdown) return null;
  const left = countdown.since + countdown.plannedMs - countdown.spentMs - (now + offset);
  const isUp = left <= 0;
  return (
    <div
      className={`${styles.countdown} ${isUp ? styles.up : ''}`}
      role="timer"
      aria-label="Time left in this round"
    >
      <span className={styles.countdownLabel}>{isUp ? 'Time is up' : 'Left in this round'}</span>
      <span className={styles.countdownValue}>{formatCountdown(Math.max(0, left))}</span>
    </div>
  );
}
