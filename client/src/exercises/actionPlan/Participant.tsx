import { lazy, Suspense, useContext } from 'react';
import { PlanSeatContext } from '../../plans/planSeat.ts';
import type { ParticipantProps } from '../types.ts';

// The editor brings Yjs and the plan's schema: loaded only when the closing round opens.
const SyncedPlanEditor = lazy(() => import('../../plans/SyncedPlanEditor.tsx'));

/** The closing round on the phone: the participant's own plan, to finish and mark done. */
export function ActionPlanParticipant({ view, own, act }: ParticipantProps<'actionPlan'>) {
  const seat = useContext(PlanSeatContext);
  return (
    <div className="stack">
      {view.intro && <p className="lead">{view.intro}</p>}
      {seat ? (
        <Suspense fallback={<p className="muted">Opening your plan…</p>}>
          <SyncedPlanEditor
            seat={seat}
            roundFinish={{
              isFinished: own?.isFinished ?? false,
              report: (isFinished) => void act({ type: 'finish', isFinished }),
            }}
          />
        </Suspense>
      ) : (
        <p className="error" role="alert">
          Your plan cannot be opened here: open it from your join link.
        </p>
      )}
    </div>
  );
}
