import { count, plural } from '@playfield/shared/plural';
import { useRef } from 'react';
import type { CanvasBoxBoard, CanvasRating } from '@playfield/shared/exercises/canvas/index';
import { useFitCount } from '../../components/useFitCount.ts';
import type { ScreenProps } from '../types.ts';
import { CardList } from './Cards.tsx';
import styles from './Screen.module.css';

/**
 * The canvas on the projector: every box filling in live, the most mentioned first. Each box
 * shows the entries that fit it whole and counts the rest ("+ 4 more"): nothing is cut off
 * and the type stays at its full size.
 */
export default function CanvasScreen({ view }: ScreenProps<'canvas'>) {
  const { rating } = view;
  return (
    <div className={styles.screen}>
      <p className={styles.prompt}>{view.prompt}</p>
      <p className={`screen-count ${styles.count}`}>
        <strong>{count(view.entryCount)}</strong> {view.entryCount === 1 ? 'entry' : 'entries'} from{' '}
        {plural(view.contributors, 'person', 'people')}
      </p>
      <div
        className={styles.grid}
        style={{ '--columns': columnsFor(view.boxes.length) } as React.CSSProperties}
      >
        {view.boxes.map((box, i) => (
          <Box
            key={box.title}
            index={i}
            title={box.title}
            isRated={box.isRated}
            board={view.board[i]}
            rating={rating}
          />
        ))}
      </div>
    </div>
  );
}

/** Boxes per row: one row up to four boxes, then two rows (five and six in threes). */
function columnsFor(boxes: number): number {
  if (boxes <= 4) return Math.max(1, boxes);
  return Math.ceil(boxes / 2);
}

function Box({
  index,
  title,
  isRated,
  board,
  rating,
}: {
  index: number;
  title: string;
  isRated: boolean;
  board: CanvasBoxBoard | undefined;
  rating: CanvasRating;
}) {
  const list = useRef<HTMLUListElement>(null);
  const box = useRef<HTMLElement>(null);
  const all = board?.cards ?? [];
  const shown = useFitCount(
    list,
    box,
    all.length,
    all.map((c) => `${c.id}:${c.count}:${c.rating}:${c.tags.length}`).join(),
  );
  const cards = all.slice(0, shown);
  const more = (board?.moreCards ?? 0) + all.length - cards.length;
  return (
    <section ref={box} className={styles.box} aria-labelledby={`canvas-screen-${index}`}>
      <h2 id={`canvas-screen-${index}`} className={styles.title}>
        {title}
      </h2>
      <p className={styles.figures}>
        {plural(board?.entryCount ?? 0, 'entry', 'entries')}
        {isRated &&
          board?.averageRating != null &&
          ` · ${rating.question.toLowerCase()} ${board.averageRating.toFixed(1)} of ${rating.max}`}
      </p>
      <CardList
        ref={list}
        label={title}
        cards={cards}
        isRated={isRated}
        rating={rating}
        isEmptyShown={all.length === 0}
      />
      {more > 0 && <p className={styles.more}>+ {more} more</p>}
    </section>
  );
}
