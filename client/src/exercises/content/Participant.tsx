import type { ContentSlide } from '@playfield/shared/exercises/content/index';
import { Markdown } from '../../components/markdown/Markdown.tsx';
import { useSessionStore } from '../../stores/useSessionStore.ts';
import type { ParticipantProps } from '../types.ts';
import styles from './Participant.module.css';

/** The phone's variant of an uploaded image (at most 800 px wide). */
function phoneImageUrl(id: string): string {
  return `/api/images/${encodeURIComponent(id)}/phone`;
}

/** A content slide on a phone: a compact, readable version, or "look at the screen". */
export function ContentParticipant({ view }: ParticipantProps<'content'>) {
  if (view.phoneMode === 'lookAtScreen') {
    return (
      <section className={styles.look} aria-label="Look at the screen">
        {view.heading && <h2 className={styles.heading}>{view.heading}</h2>}
        <p className={styles.lookText}>
          <span aria-hidden="true" className={styles.icon}>
            ▭
          </span>{' '}
          Look at the screen
        </p>
      </section>
    );
  }
  return <CompactSlide slide={view.slide} />;
}

function CompactSlide({ slide }: { slide: ContentSlide }) {
  const heading = slide.heading || (slide.layout === 'break' ? 'Break' : '');
  return (
    <article className={styles.slide} aria-label={heading || 'Slide'}>
      {heading && <h2 className={styles.heading}>{heading}</h2>}
      {slide.layout === 'break' && <BreakLine backAt={slide.backAt} />}
      {slide.layout === 'bigNumber' && (
        <p className={styles.bigNumber}>
          <strong>{slide.bigNumber}</strong>
          {slide.caption && <span> {slide.caption}</span>}
        </p>
      )}
      {slide.layout === 'quote' ? (
        <figure className={styles.quote}>
          <blockquote>
            <Markdown doc={slide.body} />
          </blockquote>
          {slide.attribution && <figcaption>— {slide.attribution}</figcaption>}
        </figure>
      ) : (
        <Markdown doc={slide.body} />
      )}
      {slide.layout === 'twoColumns' && (
        <>
          <Markdown doc={slide.left} />
          <Markdown doc={slide.right} />
        </>
      )}
      {slide.layout === 'image' && slide.image && (
        <figure className={styles.figure}>
          <img src={phoneImageUrl(slide.image.id)} alt={slide.image.alt} />
          {slide.caption && <figcaption>{slide.caption}</figcaption>}
        </figure>
      )}
    </article>
  );
}

/** "Back at HH:MM" from the slide, else the session timer's end in this phone's time. */
function BreakLine({ backAt }: { backAt: string }) {
  const timer = useSessionStore((s) => s.publicView?.timer ?? null);
  const offset = useSessionStore((s) => s.clockOffsetMs);
  let at = backAt;
  if (!at && timer?.endsAt) {
    const end = new Date(timer.endsAt - offset);
    at = `${String(end.getHours()).padStart(2, '0')}:${String(end.getMinutes()).padStart(2, '0')}`;
  }
  return at ? <p className={styles.backAt}>Back at {at}</p> : null;
}
