import type {
  BrainstormScreenView,
  PublicNote,
  ScreenGroup,
} from '@playfield/shared/exercises/brainstorm/index';
import { useRef } from 'react';
import { sharedRanks } from '@playfield/shared/stats/ranks';
import { BarChart } from '../../components/BarChart.tsx';
import { useFitCount } from '../../components/useFitCount.ts';
import type { ScreenProps } from '../types.ts';
import { TagChip } from './TagChip.tsx';
import { TeamLabel } from '../../teams/TeamFilter.tsx';
import shared from './Brainstorm.module.css';
import styles from './Screen.module.css';
import { count, plural } from '@playfield/shared/plural';

/**
 * The brainstorm on the projector: how many notes came in, the board by cluster once the
 * facilitator reveals it, then the ranking. Cut to fit: the screen never scrolls, each
 * cluster shows the notes that fit it whole and counts the rest.
 */
export default function BrainstormScreen({ view, participantCount }: ScreenProps<'brainstorm'>) {
  const { counts } = view;
  return (
    <div
      className={`brainstorm-screen ${styles.screen} ${view.phase === 'collect' ? '' : styles.later}`}
    >
      <h2 className={`screen-question ${styles.prompt}`}>{view.prompt}</h2>
      {view.ranking ? (
        <Ranking view={view} />
      ) : view.board ? (
        <>
          {view.phase === 'vote' && (
            <p className={`screen-count brainstorm-screen__status ${styles.status}`}>
              Dot voting: <strong>{counts.voters}</strong> of {participantCount} have voted
            </p>
          )}
          <Groups board={view.board} />
          {view.tagCounts && <TagCounts tags={view.tags} counts={view.tagCounts} />}
        </>
      ) : (
        <Waiting view={view} participantCount={participantCount} />
      )}
    </div>
  );
}

function Waiting({
  view,
  participantCount,
}: {
  view: BrainstormScreenView;
  participantCount: number;
}) {
  const { counts } = view;
  const notes = (
    <p className="screen-count">
      <strong>{count(counts.notes)}</strong> {counts.notes === 1 ? 'note' : 'notes'} from{' '}
      {plural(counts.authors, 'person', 'people')}
    </p>
  );
  switch (view.phase) {
    case 'collect':
      return (
        <div className="screen-waiting stack">
          {notes}
          <p className={styles.next}>
            {view.boardSpace === 'full'
              ? 'The board is full: no more notes fit.'
              : view.boardSpace === 'nearlyFull'
                ? 'The board is nearly full: only a few more notes fit.'
                : `Post your notes on your phone${view.isAnonymous ? ': they are anonymous' : ''}.`}
          </p>
        </div>
      );
    case 'cluster':
      return (
        <div className="screen-waiting stack">
          {notes}
          <p className={styles.next}>The facilitator is grouping them into themes.</p>
        </div>
      );
    case 'vote':
      return (
        <div className="screen-waiting stack">
          <p className="screen-count">
            Dot voting: <strong>{counts.voters}</strong> of {participantCount} have voted
          </p>
          <p className={styles.next}>
            Place your {plural(view.dotsPerPerson, 'dot', 'dots')} on your phone.
          </p>
        </div>
      );
    case 'results':
      return (
        <div className="screen-waiting stack">
          <p className="screen-count">
            <strong>{count(counts.voters)}</strong> {counts.voters === 1 ? 'person' : 'people'}{' '}
            voted
          </p>
          <p className={styles.next}>The results are in: the facilitator will show them.</p>
        </div>
      );
    default: {
      const unreachable: never = view.phase;
      return unreachable;
    }
  }
}

function NoteText({ note }: { note: PublicNote }) {
  return (
    <>
      <TagChip tag={note.tag} />
      {note.text}
      {note.similar > 0 && <span className={styles.soft}> +{note.similar}</span>}
      {note.author && <span className={styles.soft}> · {note.author}</span>}
      <TeamLabel team={note.team} className={styles.soft} />
    </>
  );
}

function Groups({ board }: { board: NonNullable<BrainstormScreenView['board']> }) {
  const { groups, moreGroups } = board;
  return (
    <>
      <ul
        className={styles.groups}
        style={
          { '--columns': groups.length > 4 || groups.length === 3 ? 3 : 2 } as React.CSSProperties
        }
        aria-label="Notes by cluster"
      >
        {groups.map((group, i) => (
          <Group key={group.name ?? `loose-${i}`} group={group} />
        ))}
      </ul>
      {moreGroups > 0 && (
        <p className={styles.next}>and {plural(moreGroups, 'more cluster', 'more clusters')}</p>
      )}
    </>
  );
}

function Group({ group }: { group: ScreenGroup }) {
  const box = useRef<HTMLLIElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const shown = useFitCount(
    list,
    box,
    group.notes.length,
    group.notes.map((n) => `${n.id}:${n.similar}`).join(),
  );
  const notes = group.notes.slice(0, shown);
  const more = group.noteCount - notes.reduce((n, note) => n + 1 + note.similar, 0);
  return (
    <li ref={box} className={`${styles.group} ${group.name === null ? styles.loose : ''}`}>
      <h3 className={styles.name}>
        {/* A cluster's name wraps between words, never inside one, and is never cut. */}
        <span>{group.name ?? 'Not in a cluster'}</span>{' '}
        <span className={styles.noteCount}>({group.noteCount})</span>
      </h3>
      <ul ref={list} className={styles.notes}>
        {notes.map((note) => (
          <li key={note.id}>
            <NoteText note={note} />
          </li>
        ))}
      </ul>
      {more > 0 && (
        <p className={`${styles.soft} ${styles.more}`}>
          + {plural(more, 'more note', 'more notes')}
        </p>
      )}
    </li>
  );
}

function TagCounts({ tags, counts }: { tags: string[]; counts: number[] }) {
  return (
    <p className={styles.tags}>
      {tags.map((tag, i) => (
        <span key={tag}>
          <span className={`${shared.tag} ${styles.tag}`}>{tag}</span> {counts[i] ?? 0}
        </span>
      ))}
    </p>
  );
}

function Ranking({ view }: { view: BrainstormScreenView }) {
  const ranking = view.ranking ?? [];
  // The items that did not fit share one bar, so every share is of all the dots placed.
  const rest =
    view.moreRanked > 0
      ? [{ label: plural(view.moreRanked, 'more idea', 'more ideas'), dots: view.moreRankedDots }]
      : [];
  // Equal dots share a rank (1, 1, 1, 4).
  const ranks = sharedRanks(ranking.map((r) => r.dots));
  return (
    <div className={styles.ranking}>
      <BarChart
        label="Ranking by dots"
        labels={[
          ...ranking.map((r, i) => `${ranks[i] ?? i + 1}. ${r.label}`),
          ...rest.map((r) => r.label),
        ]}
        values={[...ranking.map((r) => r.dots), ...rest.map((r) => r.dots)]}
        size="large"
      />
      <p className={styles.next}>{plural(view.counts.voters, 'person', 'people')} voted</p>
    </div>
  );
}
