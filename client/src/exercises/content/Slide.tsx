import type { TimerState } from '@playfield/shared';
import type { ContentSlide } from '@playfield/shared/exercises/content/index';
import { Markdown } from '../../components/markdown/Markdown.tsx';
import { formatLeft, useBreakClock } from './breakClock.ts';
import styles from './Slide.module.css';

/** The web address of an uploaded image, full size or the phone's variant. */
export function imageUrl(id: string, size: 'full' | 'phone' = 'full'): string {
  return `/api/images/${encodeURIComponent(id)}${size === 'phone' ? '/phone' : ''}`;
}

/**
 * A slide laid out for a wide box (the room screen, the console's preview). All sizes are
 * in em of the box, so whoever shows it sets one font size (and may shrink it to fit).
 */
export function Slide({
  slide,
  timer,
  offsetMs = 0,
  headingLevel = 2,
}: {
  slide: ContentSlide;
  timer?: TimerState | null;
  offsetMs?: number;
  headingLevel?: 2 | 3;
}) {
  const H = `h${headingLevel}` as 'h2';
  const base = headingLevel + 1;
  const heading = slide.heading && <H className={styles.heading}>{slide.heading}</H>;
  switch (slide.layout) {
    case 'title':
      return (
        <div className={`${styles.slide} ${styles.title}`}>
          <H className={styles.titleHeading}>{slide.heading}</H>
          <Markdown doc={slide.body} headingBase={base} className={styles.subtitle} />
        </div>
      );
    case 'quote':
      return (
        <div className={`${styles.slide} ${styles.quoteSlide}`}>
          {heading}
          <figure className={styles.quote}>
            <blockquote>
              <Markdown doc={slide.body} headingBase={base} />
            </blockquote>
            {slide.attribution && <figcaption>— {slide.attribution}</figcaption>}
          </figure>
        </div>
      );
    case 'bigNumber':
      return (
        <div className={`${styles.slide} ${styles.bigNumberSlide}`}>
          {heading}
          <p className={styles.bigNumber}>{slide.bigNumber}</p>
          {slide.caption && <p className={styles.caption}>{slide.caption}</p>}
          <Markdown doc={slide.body} headingBase={base} />
        </div>
      );
    case 'image':
      return (
        <div className={`${styles.slide} ${styles.imageSlide}`}>
          {heading}
          <figure className={styles.figure}>
            {slide.image && (
              <img className={styles.image} src={imageUrl(slide.image.id)} alt={slide.image.alt} />
            )}
            {slide.caption && <figcaption className={styles.caption}>{slide.caption}</figcaption>}
          </figure>
        </div>
      );
    case 'twoColumns':
      return (
        <div className={styles.slide}>
          {heading}
          <Markdown doc={slide.body} headingBase={base} />
          <div className={styles.columns}>
            <Markdown doc={slide.left} headingBase={base} className={styles.column} />
            <Markdown doc={slide.right} headingBase={base} className={styles.column} />
          </div>
        </div>
      );
    case 'break':
      return <BreakSlide slide={slide} timer={timer ?? null} offsetMs={offsetMs} H={H} />;
    default:
      return (
        <div className={styles.slide}>
          {heading}
          <Markdown doc={slide.body} headingBase={base} />
        </div>
      );
  }
}

function BreakSlide({
  slide,
  timer,
  offsetMs,
  H,
}: {
  slide: ContentSlide;
  timer: TimerState | null;
  offsetMs: number;
  H: 'h2';
}) {
  const clock = useBreakClock(timer, slide.backAt, offsetMs);
  return (
    <div className={`${styles.slide} ${styles.breakSlide}`}>
      <H className={styles.titleHeading}>{slide.heading || 'Break'}</H>
      {clock.leftMs !== null && (
        <p className={styles.countdown} role="timer" aria-label="Time left in the break">
          {formatLeft(clock.leftMs)}
        </p>
      )}
      {clock.backAt && <p className={styles.backAt}>Back at {clock.backAt}</p>}
      <Markdown doc={slide.body} headingBase={3} />
    </div>
  );
}
