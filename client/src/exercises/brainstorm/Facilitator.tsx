import { sharedRanks } from '@playfield/shared/stats/ranks';
import { useState } from 'react';
import type {
  BrainstormFacilitatorView,
  BrainstormPhase,
  ConsoleEntry,
} from '@playfield/shared/exercises/brainstorm/index';
import { BRAINSTORM_LIMITS } from '@playfield/shared/exercises/brainstorm/limits';
import { BarChart } from '../../components/BarChart.tsx';
import type { FacilitatorProps } from '../types.ts';
import { TeamFilter } from '../../teams/TeamFilter.tsx';
import { useTeamView } from '../useTeamView.ts';
import { count, plural } from '@playfield/shared/plural';
import { useSender } from '../useSender.ts';
import { ArrangeTools } from './ArrangeTools.tsx';
import { Column, NoteLine } from './Board.tsx';
import shared from './Brainstorm.module.css';
import styles from './Facilitator.module.css';
import { ErrorAlert } from '../../components/form/ErrorAlert.tsx';
import { SendButton } from '../../components/SendButton.tsx';

const PHASES: { id: BrainstormPhase; label: string; next: string; back: string }[] = [
  {
    id: 'collect',
    label: 'Collect notes',
    next: 'Close the notes and cluster',
    back: 'Back to collecting',
  },
  { id: 'cluster', label: 'Cluster', next: 'Open the dot vote', back: 'Back to clustering' },
  { id: 'vote', label: 'Dot vote', next: 'Close the vote and rank', back: 'Back to the vote' },
  { id: 'results', label: 'Results', next: '', back: '' },
];

const notesOf = (view: BrainstormFacilitatorView) => [
  ...view.clusters.flatMap((c) => c.notes),
  ...view.loose,
];
const onlyNotes = (view: BrainstormFacilitatorView, keep: (note: ConsoleEntry) => boolean) => ({
  ...view,
  clusters: view.clusters.map((c) => ({ ...c, notes: c.notes.filter(keep) })),
  loose: view.loose.filter(keep),
});

/**
 * Runs a brainstorm: moves through the phases, sorts notes into named clusters by drag and
 * drop or by selecting a note and choosing where it goes, hides and merges notes, and
 * follows the dots live.
 */
export default function BrainstormFacilitator({
  view: fullView,
  participantCount,
  act,
}: FacilitatorProps<'brainstorm'>) {
  // A per-table brainstorm can be looked at one table at a time.
  const { view, tables, team, setTeam } = useTeamView(fullView, notesOf, onlyNotes);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const { error, send } = useSender(act);
  const canArrange = view.phase === 'collect' || view.phase === 'cluster';
  const index = PHASES.findIndex((p) => p.id === view.phase);
  const next = PHASES[index + 1];
  const previous = PHASES[index - 1];
  const dots = new Map(view.ranking?.map((r) => [r.id, r.dots]) ?? []);
  const roots = [...view.clusters.flatMap((c) => c.notes), ...view.loose];
  const selected = canArrange ? (roots.find((n) => n.id === selectedId) ?? null) : null;

  return (
    <div className="stack">
      <p className="question">{view.prompt}</p>
      <ol className={styles.phases} aria-label="Phases">
        {PHASES.map((p, i) => (
          <li
            key={p.id}
            aria-current={p.id === view.phase ? 'step' : undefined}
            className={p.id === view.phase ? styles.current : i < index ? styles.done : ''}
          >
            {i + 1}. {p.label}
          </li>
        ))}
      </ol>
      <div className="actions">
        {next && (
          <SendButton send={send} action={{ type: 'phase', phase: next.id }} variant="primary">
            {PHASES[index]?.next}
          </SendButton>
        )}
        {previous && (
          <SendButton send={send} action={{ type: 'phase', phase: previous.id }} variant="quiet">
            {previous.back}
          </SendButton>
        )}
      </div>
      <p className="muted" role="status">
        {plural(view.counts.notes, 'note', 'notes')} from{' '}
        {plural(view.counts.authors, 'person', 'people')}
        {view.counts.hidden > 0 && ` · ${view.counts.hidden} hidden`}
        {view.boardSpace !== 'open' &&
          ` · the board holds ${BRAINSTORM_LIMITS.notesOnBoard.toLocaleString('en')} notes at most`}
        {view.phase === 'vote' || view.phase === 'results'
          ? ` · ${count(view.counts.voters)} of ${count(participantCount)} have voted`
          : ''}
        {view.isAnonymous ? ' · anonymous' : ' · named'}
      </p>
      <TeamFilter teams={tables} value={team} onChange={setTeam} />
      {view.phase === 'cluster' && (
        <p className="muted">
          Group and name the notes, hide what should not be shown, then “Reveal results” to show the
          board on the room screen.
        </p>
      )}
      <ErrorAlert message={error} />

      {view.ranking && (
        <BarChart
          label={view.phase === 'vote' ? 'Dots so far' : 'Ranking by dots'}
          labels={rankedLabels(view.ranking)}
          values={view.ranking.map((r) => r.dots)}
        />
      )}

      {canArrange && (
        <ArrangeTools
          view={view}
          selected={selected}
          roots={roots}
          send={send}
          onDone={() => setSelectedId(null)}
        />
      )}

      <div className={styles.board}>
        <Column
          title="Not in a cluster"
          clusterId={null}
          entries={view.loose}
          noteCount={view.loose.reduce((n, e) => n + 1 + e.absorbed.length, 0)}
          dots={null}
          canArrange={canArrange}
          selectedId={selected?.id ?? null}
          onSelect={setSelectedId}
          send={send}
          looseDots={dots}
        />
        {view.clusters.map((cluster) => (
          <Column
            key={cluster.id}
            title={cluster.name}
            clusterId={cluster.id}
            entries={cluster.notes}
            noteCount={cluster.noteCount}
            dots={view.ranking ? (dots.get(cluster.id) ?? 0) : null}
            canArrange={canArrange}
            selectedId={selected?.id ?? null}
            onSelect={setSelectedId}
            send={send}
            looseDots={null}
          />
        ))}
      </div>

      {view.hidden.length > 0 && (
        <details className={shared.more}>
          <summary>Hidden notes ({view.hidden.length})</summary>
          <ul className={shared.notes}>
            {view.hidden.map((note) => (
              <li key={note.id} className={shared.note}>
                <NoteLine note={note} />
                <SendButton
                  send={send}
                  action={{ type: 'hideNote', noteId: note.id, isHidden: false }}
                  size="small"
                  disabled={!canArrange}
                  label={`Show again: ${note.text}`}
                >
                  Show again
                </SendButton>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/** "1. Label" per item, where equal dots share a rank (1, 1, 1, 4). */
function rankedLabels(ranking: readonly { label: string; dots: number }[]): string[] {
  const ranks = sharedRanks(ranking.map((r) => r.dots));
  return ranking.map((r, i) => `${ranks[i] ?? i + 1}. ${r.label}`);
}
