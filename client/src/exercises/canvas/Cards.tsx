import type { Ref } from 'react';
import type { CanvasCard } from '@playfield/shared/exercises/canvas/index';
import { TeamLabel } from '../../teams/TeamFilter.tsx';

/** "3 of 5" for a rated entry, then its tags: the details under an entry's words. */
export function entryDetails(
  rating: number | null,
  max: number,
  question: string,
  tags: string[],
): string {
  return [...(rating === null ? [] : [`${question} ${rating} of ${max}`]), ...tags].join(' · ');
}

/** Cards as a list: words, how many said it, the mean rating and the tags. */
export function CardList({
  ref,
  ...props
}: {
  label: string;
  cards: CanvasCard[];
  isRated: boolean;
  rating: { max: number; question: string };
  mine?: ReadonlySet<string>;
  /** The list element, for measuring how many cards fit (the room screen). */
  ref?: Ref<HTMLUListElement>;
  /** "Nothing yet." for no cards (false: an empty list, when the cards are counted below). */
  isEmptyShown?: boolean;
}) {
  if (props.cards.length === 0 && props.isEmptyShown !== false)
    return <p className="muted">Nothing yet.</p>;
  return (
    <ul ref={ref} className="canvas-cards" aria-label={props.label}>
      {props.cards.map((card) => (
        <li key={card.id} className="canvas-card">
          <span className="canvas-card__text">{card.text}</span>
          {card.count > 1 && <span className="canvas-card__count"> ×{card.count}</span>}
          <TeamLabel team={card.team} className="canvas-card__count" />
          {props.mine?.has(card.id) && <span className="canvas-card__mine"> (yours)</span>}
          {(card.rating !== null || card.tags.length > 0) && (
            <span className="canvas-card__meta">
              {entryDetails(
                props.isRated ? card.rating : null,
                props.rating.max,
                props.rating.question,
                card.tags.map((t) => (t.count > 1 ? `${t.tag} ×${t.count}` : t.tag)),
              )}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
