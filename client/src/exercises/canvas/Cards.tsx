import type { Ref } from 'react';
import type { CanvasCard } from '@playfield/shared/exercises/canvas/index';
import { TeamLabel } from '../../teams/TeamFilter.tsx';
import cardStyles from './Cards.module.css';

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
    <ul ref={ref} className={cardStyles.cards} aria-label={props.label}>
      {props.cards.map((card) => (
        <li key={card.id} className={cardStyles.card}>
          <span>{card.text}</span>
          {card.count > 1 && <span className={cardStyles.count}> ×{card.count}</span>}
          <TeamLabel team={card.team} className={cardStyles.count} />
          {props.mine?.has(card.id) && <span className={cardStyles.mine}> (yours)</span>}
          {(card.rating !== null || card.tags.length > 0) && (
            <span className={cardStyles.meta}>
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
