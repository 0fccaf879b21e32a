import type {
  BrainstormScreenView,
  PublicNote,
  ScreenGroup,
} from '@playfield/shared/exercises/brainstorm/index';
import { sharedRanks } from '@playfield/shared/stats/ranks';
import { BarChart } from '../../components/BarChart.tsx';
import type { ScreenProps } from '../types.ts';
import { TagChip } from './TagChip.tsx';
import { TeamLabel } from '../../teams/TeamFilter.tsx';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The brainstorm on the projector: how many notes came in, the board by cluster once the
 * facilitator reveals it, then the ranking. Cut to fit: the screen never scrolls.
 */
export default function BrainstormScreen({ view, participantCount }: ScreenProps<'brainstorm'>) {
  const { counts } = view;
  return (
    <div className={`brainstorm-screen brainstorm-screen--${view.phase}`}>
      <h2 className="screen-question brainstorm-screen__prompt">{view.prompt}</h2>
      {view.ranking ? (
        <Ranking view={view} />
      ) : view.board ? (
        <>
          {view.phase === 'vote' && (
            <p className="screen-count brainstorm-screen__status">
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
      <strong>{counts.notes}</strong> {counts.notes === 1 ? 'note' : 'notes'} from{' '}
      {plural(counts.authors, 'person', 'people')}
    </p>
  );
  switch (view.phase) {
    case 'collect':
      return (
        <div className="screen-waiting stack">
          {notes}
          <p className="screen-next">
            Post your notes on your phone{view.isAnonymous ? ': they are anonymous' : ''}.
          </p>
        </div>
      );
    case 'cluster':
      return (
        <div className="screen-waiting stack">
          {notes}
          <p className="screen-next">The facilitator is grouping them into themes.</p>
        </div>
      );
    case 'vote':
      return (
        <div className="screen-waiting stack">
          <p className="screen-count">
            Dot voting: <strong>{counts.voters}</strong> of {participantCount} have voted
          </p>
          <p className="screen-next">
            Place your {plural(view.dotsPerPerson, 'dot', 'dots')} on your phone.
          </p>
        </div>
      );
    case 'results':
      return (
        <div className="screen-waiting stack">
          <p className="screen-count">
            <strong>{counts.voters}</strong> {counts.voters === 1 ? 'person' : 'people'} voted
          </p>
          <p className="screen-next">The results are in: the facilitator will show them.</p>
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
      {note.similar > 0 && <span className="brainstorm-screen__similar"> +{note.similar}</span>}
      {note.author && <span className="brainstorm-screen__author"> · {note.author}</span>}
      <TeamLabel team={note.team} className="brainstorm-screen__author" />
    </>
  );
}

function Groups({ board }: { board: NonNullable<BrainstormScreenView['board']> }) {
  const { groups, moreGroups } = board;
  // Two rows of groups leave room for two notes each; one row, for all three.
  const notesShown = groups.length > 3 ? 2 : 3;
  return (
    <>
      <ul
        className={`brainstorm-groups brainstorm-groups--${Math.min(groups.length, 6)}`}
        aria-label="Notes by cluster"
      >
        {groups.map((group, i) => (
          <Group key={group.name ?? `loose-${i}`} group={group} notesShown={notesShown} />
        ))}
      </ul>
      {moreGroups > 0 && (
        <p className="screen-next">and {plural(moreGroups, 'more cluster', 'more clusters')}</p>
      )}
    </>
  );
}

function Group({ group, notesShown }: { group: ScreenGroup; notesShown: number }) {
  const notes = group.notes.slice(0, notesShown);
  const more = group.noteCount - notes.reduce((n, note) => n + 1 + note.similar, 0);
  return (
    <li className={`brainstorm-group ${group.name === null ? 'brainstorm-group--loose' : ''}`}>
      <h3>
        <span className="brainstorm-group__name">{group.name ?? 'Not in a cluster'}</span>{' '}
        <span className="brainstorm-group__count">({group.noteCount})</span>
      </h3>
      <ul>
        {notes.map((note) => (
          <li key={note.id}>
            <NoteText note={note} />
          </li>
        ))}
      </ul>
      {more > 0 && (
        <p className="brainstorm-group__more">+ {plural(more, 'more note', 'more notes')}</p>
      )}
    </li>
  );
}

function TagCounts({ tags, counts }: { tags: string[]; counts: number[] }) {
  return (
    <p className="brainstorm-screen__tags">
      {tags.map((tag, i) => (
        <span key={tag}>
          <span className="brainstorm-tag">{tag}</span> {counts[i] ?? 0}
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
    <div className="brainstorm-screen__ranking">
      <BarChart
        label="Ranking by dots"
        labels={[
          ...ranking.map((r, i) => `${ranks[i] ?? i + 1}. ${r.label}`),
          ...rest.map((r) => r.label),
        ]}
        values={[...ranking.map((r) => r.dots), ...rest.map((r) => r.dots)]}
        size="large"
      />
      <p className="screen-next">{plural(view.counts.voters, 'person', 'people')} voted</p>
    </div>
  );
}
