import type {
  BrainstormOwnView,
  BrainstormPublicView,
  PhoneNote,
  PublicItem,
} from '@playfield/shared/exercises/brainstorm/index';
import { plural } from '@playfield/shared/plural';
import { BarChart } from '../../components/BarChart.tsx';
import { DotMarks, DotStepper } from '../../components/DotStepper.tsx';
import type { ParticipantProps } from '../types.ts';
import { TagChip } from './TagChip.tsx';
import styles from './Participant.module.css';

/*
 * The room's board on a phone: read while it is being grouped, dots placed on it in the
 * vote, and the top of the ranking in the results. Types only from shared (the phone's bundle).
 */

type Action = Parameters<ParticipantProps<'brainstorm'>['act']>[0];

/** Sending one action at a time, as the phone's views do (from `useSender`). */
export interface SenderProps {
  isBusy: boolean;
  send: (action: Action) => Promise<boolean>;
}

/** A phone's phase (writing notes, voting): the room's view, its own part, the sender. */
export type PhaseProps = {
  view: BrainstormPublicView;
  me: BrainstormOwnView;
  isOpen: boolean;
} & SenderProps;

/** One note's extras: its duplicates and, in a named brainstorm, its author. */
function NoteExtras({ note }: { note: PhoneNote }) {
  return (
    <>
      {(note.similar ?? 0) > 0 && <span className="muted"> (+{note.similar} similar)</span>}
      {note.author && <span className="muted"> · {note.author}</span>}
    </>
  );
}

/** A cluster's or a lone note's notes, as the phone lists them. */
function ItemNotes({ item }: { item: PublicItem }) {
  if (item.kind === 'note') {
    return (
      <p>
        <TagChip tag={item.tag} />
        {item.text}
        <NoteExtras note={item} />
      </p>
    );
  }
  // Phones get the first notes of a big cluster; the count covers the rest.
  const more = item.noteCount - item.notes.reduce((n, note) => n + 1 + (note.similar ?? 0), 0);
  return (
    <>
      <p>
        <strong>{item.label}</strong>{' '}
        <span className="muted">({plural(item.noteCount, 'note', 'notes')})</span>
      </p>
      <ul className={styles.itemNotes}>
        {item.notes.map((note) => (
          <li key={note.id}>
            <TagChip tag={note.tag} />
            {note.text}
            <NoteExtras note={note} />
          </li>
        ))}
      </ul>
      {more > 0 && <p className="muted">and {plural(more, 'more note', 'more notes')}</p>}
    </>
  );
}

export function Board({ items }: { items: PublicItem[] }) {
  return (
    <ul className={styles.items} aria-label="The board">
      {items.map((item) => (
        <li key={item.id} className={styles.item}>
          <ItemNotes item={item} />
        </li>
      ))}
    </ul>
  );
}

export function Vote({ view, me, isOpen, isBusy, send }: PhaseProps) {
  const items = view.items ?? [];
  const canVote = isOpen && !isBusy;
  return (
    <>
      <p className="muted">
        Place your {plural(view.dotsPerPerson, 'dot', 'dots')} on the ideas that matter most: at
        most {plural(view.maxDotsPerItem, 'dot', 'dots')} on one. You can move them until the
        facilitator locks the vote.
      </p>
      <p className={styles.dotsLeft} role="status" data-testid="dots-left">
        <DotMarks filled={me.dotsLeft} total={view.dotsPerPerson} />{' '}
        {isOpen
          ? `${plural(me.dotsLeft, 'dot', 'dots')} left of ${view.dotsPerPerson}`
          : 'The vote is locked.'}
      </p>
      <ul className={styles.items} aria-label="Ideas to vote on">
        {items.map((item) => {
          const dots = me.dots[item.id] ?? 0;
          const name = item.kind === 'cluster' ? item.label : `“${item.text}”`;
          return (
            <li key={item.id} className={`${styles.item} ${dots > 0 ? styles.chosen : ''}`}>
              <ItemNotes item={item} />
              <DotStepper
                name={name}
                dots={dots}
                max={view.maxDotsPerItem}
                left={me.dotsLeft}
                disabled={!canVote}
                onStep={(delta) => void send({ type: 'vote', itemId: item.id, dots: dots + delta })}
              />
            </li>
          );
        })}
      </ul>
      {me.dotsLeft < view.dotsPerPerson && (
        <button
          type="button"
          className="button button--quiet"
          disabled={!canVote}
          onClick={() => void send({ type: 'clearVotes' })}
        >
          Take all my dots back
        </button>
      )}
    </>
  );
}

export function Results({ view, me }: { view: BrainstormPublicView; me: BrainstormOwnView }) {
  const ranking = view.ranking ?? [];
  const mine = ranking.flatMap((r, i) => ((me.dots[r.id] ?? 0) > 0 ? [i] : []));
  return (
    <>
      <p className="lead">The room has voted. The ideas with the most dots:</p>
      <BarChart
        label="Ranking by dots"
        labels={ranking.map((r, i) => `${i + 1}. ${r.label}`)}
        values={ranking.map((r) => r.dots)}
        marked={mine}
      />
      {view.moreRanked > 0 && (
        <p className="muted">
          and {plural(view.moreRanked, 'more idea', 'more ideas')} below these
        </p>
      )}
      {mine.length > 0 && <p className="muted">“Your answer” marks the ideas you gave dots to.</p>}
      {mine.length < Object.keys(me.dots).length && (
        <p className="muted">Some of your dots went to ideas further down.</p>
      )}
    </>
  );
}
