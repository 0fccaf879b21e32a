import { Suspense } from 'react';
import type { ExerciseKind, FacilitatorView } from '@playfield/shared';
import { ByTable } from '../components/ByTable.tsx';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { EXERCISE_UI } from '../exercises/registry.ts';
import type { FacilitatorProps } from '../exercises/types.ts';
import type { Act } from './types.ts';

/** The current round's live results: its exercise's console component, and by table. */
export function RoundResults({ view, act }: { view: FacilitatorView; act: Act }) {
  const { round } = view;
  if (!round) return null;
  const participantCount = view.roster.filter((p) => !p.hasLeft).length;
  // The component is the one registered for this round's kind, like its view.
  const { Facilitator } = EXERCISE_UI[round.kind] as {
    Facilitator: React.ComponentType<FacilitatorProps<ExerciseKind>>;
  };
  return (
    <>
      {/* Keyed by round: a round that failed to draw is tried afresh on the next one. */}
      <ErrorBoundary key={round.id} label={`${round.kind} Facilitator`}>
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <Facilitator
            view={round.view}
            participantCount={participantCount}
            act={async (action) =>
              (await act(action)) ?? {
                ok: false,
                error: { code: 'INTERNAL', message: 'Not connected' },
              }
            }
          />
        </Suspense>
      </ErrorBoundary>
      {view.roundByTeam && <ByTable summary={view.roundByTeam} />}
    </>
  );
}
