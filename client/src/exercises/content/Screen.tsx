import { useRef } from 'react';
import { useSessionStore } from '../../stores/useSessionStore.ts';
import type { ScreenProps } from '../types.ts';
import { Slide } from './Slide.tsx';
import { useFitFont } from './useFitFont.ts';
import styles from './Screen.module.css';

/**
 * The slide on the room screen: as large as the space allows, shrunk to fit (never
 * scrolled, never cut off), type at least 24 px at 1366x768 and growing with the screen.
 */
export default function ContentScreen({ view }: ScreenProps<'content'>) {
  const box = useRef<HTMLElement>(null);
  const timer = useSessionStore((s) => s.screen?.timer ?? null);
  const offset = useSessionStore((s) => s.clockOffsetMs);
  useFitFont(box, 5.2, timer ? [view, timer.durationMs] : view);
  return (
    <section
      ref={box}
      className={`${styles.screen} ${view.layout === 'break' ? styles.break : ''}`}
      aria-label={view.heading || (view.layout === 'break' ? 'Break' : 'Slide')}
      data-layout={view.layout}
      data-fits-itself
    >
      <Slide slide={view} timer={timer} offsetMs={offset} />
    </section>
  );
}
