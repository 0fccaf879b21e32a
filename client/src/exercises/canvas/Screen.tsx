import type { ScreenProps } from '../types.ts';
import { CardList } from './Cards.tsx';

/** The canvas on the projector: every box filling in live, the most mentioned first. */
export default function CanvasScreen({ view }: ScreenProps<'canvas'>) {
  const { rating } = view;
  // Two rows of boxes leave room for fewer notes each; the rest is counted, not clipped.
  const perBox = view.boxes.length > 4 ? 2 : 6;
  return (
    <div className="screen-round canvas-screen">
      <p className="canvas-screen__prompt">{view.prompt}</p>
      <p className="screen-count">
        <strong>{view.entryCount}</strong> {view.entryCount === 1 ? 'entry' : 'entries'} from{' '}
        {view.contributors} {view.contributors === 1 ? 'person' : 'people'}
      </p>
      <div className={`canvas-screen__grid canvas-screen__grid--${view.boxes.length}`}>
        {view.boxes.map((box, i) => {
          const board = view.board[i];
          const cards = board?.cards.slice(0, perBox) ?? [];
          const more = (board?.moreCards ?? 0) + (board?.cards.length ?? 0) - cards.length;
          return (
            <section
              key={box.title}
              className="canvas-screen__box"
              aria-labelledby={`canvas-screen-${i}`}
            >
              <h2 id={`canvas-screen-${i}`}>{box.title}</h2>
              <p className="canvas-screen__figures">
                {board?.entryCount ?? 0} {board?.entryCount === 1 ? 'entry' : 'entries'}
                {box.isRated &&
                  board?.averageRating != null &&
                  ` · ${rating.question.toLowerCase()} ${board.averageRating.toFixed(1)} of ${rating.max}`}
              </p>
              <CardList label={box.title} cards={cards} isRated={box.isRated} rating={rating} />
              {more > 0 && <p className="canvas-screen__more">+ {more} more</p>}
            </section>
          );
        })}
      </div>
    </div>
  );
}
