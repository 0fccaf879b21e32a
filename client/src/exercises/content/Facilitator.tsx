import { layoutName } from '@playfield/shared/exercises/content/index';
import { useSessionStore } from '../../stores/useSessionStore.ts';
import type { FacilitatorProps } from '../types.ts';
import { Slide } from './Slide.tsx';
import styles from './Facilitator.module.css';

/** The console during a content round: the slide as the room sees it, and what phones show. */
export default function ContentFacilitator({ view }: FacilitatorProps<'content'>) {
  const timer = useSessionStore((s) => s.facilitator?.timer ?? null);
  const offset = useSessionStore((s) => s.clockOffsetMs);
  return (
    <section className="stack stack--tight" aria-label="Slide">
      <p className="muted">
        {layoutName(view.slide.layout)} slide ·{' '}
        {view.phoneMode === 'compact' ? 'phones show the slide' : 'phones say “Look at the screen”'}
        {view.slide.layout === 'break' && !timer && ' · start a timer for the countdown'}
      </p>
      <div className={styles.preview} aria-label="Room screen preview">
        <Slide slide={view.slide} timer={timer} offsetMs={offset} headingLevel={3} />
      </div>
    </section>
  );
}
