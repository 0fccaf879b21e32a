import { count, plural } from '@playfield/shared/plural';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CloudWord } from '@playfield/shared/exercises/wordCloud/index';
import type { ScreenProps } from '../types.ts';
import { CLOUD_FONT, layoutCloud } from './cloudLayout.ts';
import styles from './Screen.module.css';

const TONES = [styles.tone0, styles.tone1, styles.tone2] as const;

/** The size of an element, kept up to date as the window changes. */
function useBoxSize() {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    const measure = () => {
      const { width, height } = box.getBoundingClientRect();
      setSize((s) =>
        s.width === Math.floor(width) && s.height === Math.floor(height)
          ? s
          : { width: Math.floor(width), height: Math.floor(height) },
      );
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, []);
  return { ref, ...size };
}

/** The words as a list: what screen readers get, and what shows where no canvas exists. */
function WordList({ words, className }: { words: CloudWord[]; className?: string | undefined }) {
  return (
    <ul className={className} aria-label="Words and how often they were sent">
      {words.map((w) => (
        <li key={w.key}>
          {w.label}: {w.count}
        </li>
      ))}
    </ul>
  );
}

function Cloud({ words, more }: { words: CloudWord[]; more: number }) {
  const { ref, width, height } = useBoxSize();
  // Every view is a new array: lay out again only when the words or counts changed.
  const signature = words.map((w) => `${w.key}\u0000${w.label}\u0000${w.count}`).join('\u0001');
  const layout = useMemo(() => {
    try {
      return layoutCloud(words, width, height);
    } catch {
      // No canvas to measure with (a test DOM): the plain list below stands in.
      return null;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `signature` stands for `words`
  }, [signature, width, height]);
  const left = more + (layout?.left ?? 0);
  return (
    <>
      <div ref={ref} className={styles.cloudBox}>
        {layout && layout.placed.length > 0 ? (
          <svg
            className={styles.cloud}
            viewBox={`${-width / 2} ${-height / 2} ${width} ${height}`}
            width={width}
            height={height}
            aria-hidden="true"
            data-testid="word-cloud"
          >
            {layout.placed.map((w) => (
              <text
                key={w.key}
                className={TONES[w.rank % TONES.length]}
                textAnchor="middle"
                transform={`translate(${w.x},${w.y})`}
                style={{ fontSize: w.size, fontFamily: CLOUD_FONT, fontWeight: 700 }}
              >
                {w.text}
              </text>
            ))}
          </svg>
        ) : (
          <WordList words={words} className={styles.fallback} />
        )}
      </div>
      {layout && layout.placed.length > 0 && <WordList words={words} className="visually-hidden" />}
      {left > 0 && <p className={styles.more}>and {plural(left, 'more word', 'more words')}</p>}
    </>
  );
}

/**
 * The text wall: cards shrink to fit the screen (down to 24 px type); if the newest cards
 * still do not fit at that size, the oldest of them make way and are counted. The fitting
 * works on the DOM directly after each layout, so it never renders twice.
 */
function Wall({ cards, more }: { cards: { id: string; text: string }[]; more: number }) {
  const ref = useRef<HTMLUListElement>(null);
  const moreRef = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    const wall = ref.current;
    if (!wall) return;
    const fit = () => {
      const items = Array.from(wall.children) as HTMLElement[];
      for (const item of items) item.hidden = false;
      const overflows = () => wall.clientHeight > 0 && wall.scrollHeight > wall.clientHeight + 1;
      let font = 40;
      wall.style.fontSize = `${font}px`;
      while (overflows() && font > 24) {
        font -= 2;
        wall.style.fontSize = `${font}px`;
      }
      let dropped = 0;
      while (overflows() && dropped < items.length - 1) {
        const item = items[dropped];
        if (item) item.hidden = true;
        dropped++;
      }
      const left = more + dropped;
      if (moreRef.current) {
        moreRef.current.textContent =
          left > 0 ? `and ${plural(left, 'more answer', 'more answers')}` : '';
      }
    };
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, [cards, more]);
  return (
    <>
      <ul ref={ref} className={styles.wall} aria-label="Answers">
        {cards.map((card) => (
          <li key={card.id} className={styles.card}>
            {card.text}
          </li>
        ))}
      </ul>
      <p ref={moreRef} className={styles.more}>
        {more > 0 ? `and ${plural(more, 'more answer', 'more answers')}` : ''}
      </p>
    </>
  );
}

/**
 * The room screen: the question and how many have answered until the facilitator shows
 * the result (or the round is live), then a word cloud laid out by d3-cloud or a wall of
 * answers. Never an author's name.
 */
export default function WordCloudScreen({ view, participantCount }: ScreenProps<'wordCloud'>) {
  const { counts } = view;
  return (
    <div className={styles.root}>
      <h2 className={styles.question}>{view.question}</h2>
      {!view.isShown ? (
        <p className={styles.count}>
          <strong>{count(counts.entries)}</strong> {counts.entries === 1 ? 'entry' : 'entries'} from{' '}
          {count(counts.people)} of {plural(participantCount, 'person', 'people')}
        </p>
      ) : view.mode === 'cloud' ? (
        view.words.length ? (
          <Cloud words={view.words} more={view.moreWords} />
        ) : (
          <p className={styles.count}>No words yet.</p>
        )
      ) : view.cards.length ? (
        <Wall cards={view.cards} more={view.moreCards} />
      ) : (
        <p className={styles.count}>No answers yet.</p>
      )}
    </div>
  );
}
