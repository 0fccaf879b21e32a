import { useCallback, useEffect, useEffectEvent, useMemo } from 'react';
import type * as Y from 'yjs';
import type { DocCredential } from '@playfield/shared';
import { docIdOf } from '@playfield/shared/protocol/docs';
import type { DocState, SyncedDoc } from '../docs/docConnection.ts';
import { useSyncedDoc } from '../docs/useSyncedDoc.ts';
import { PlanEditor } from './PlanEditor.tsx';
import type { PlanSeat } from './planSeat.ts';
import { usePlan } from './usePlan.ts';

/** How long an export waits for edits on their way before going ahead without them. */
const SAVE_WAIT_MS = 5000;

/** Resolves true once the document has nothing unsent, false if that takes too long. */
export function waitUntilSaved(synced: SyncedDoc, ms = SAVE_WAIT_MS): Promise<boolean> {
  return new Promise((resolve) => {
    if (synced.current.status === 'saved') return resolve(true);
    const timer = setTimeout(() => {
      unsubscribe();
      resolve(false);
    }, ms);
    const unsubscribe = synced.subscribe(() => {
      if (synced.current.status !== 'saved') return;
      clearTimeout(timer);
      unsubscribe();
      resolve(true);
    });
  });
}

/** The closing round's view of the plan's "done" mark, and how to tell the round. */
export interface RoundFinish {
  isFinished: boolean;
  report: (isFinished: boolean) => void;
}

/**
 * The participant's own plan, synced over `/docs` with their resume token. In the closing
 * round, `roundFinish` keeps the round's count in step with the plan's "done" flag,
 * whichever device set it.
 */
export function SyncedPlanEditor({
  seat,
  roundFinish,
}: {
  seat: PlanSeat;
  roundFinish?: RoundFinish;
}) {
  const credential = useMemo<DocCredential>(
    () => ({ role: 'participant', resumeToken: seat.resumeToken }),
    [seat.resumeToken],
  );
  const docId = docIdOf({
    kind: 'plan',
    sessionId: seat.sessionId,
    participantId: seat.participantId,
  });
  const { synced, state } = useSyncedDoc(credential, docId);
  const whenSaved = useCallback(
    () => (synced ? waitUntilSaved(synced) : Promise.resolve(false)),
    [synced],
  );

  if (state.status === 'failed' && state.rights === null) {
    return (
      <p className="error" role="alert">
        Your plan cannot be opened: {state.error?.message ?? 'try again in a moment'}
      </p>
    );
  }
  // Until the server has answered once, an empty local copy would read "Your actions (0)":
  // wait for it, unless the connection is down (then the copy kept on this device is shown).
  if (!synced || (state.rights === null && state.status === 'connecting')) {
    return (
      <p className="muted" role="status">
        Opening your plan…
      </p>
    );
  }
  return (
    <>
      {roundFinish && <RoundFinishSync doc={synced.doc} state={state} {...roundFinish} />}
      <PlanEditor
        doc={synced.doc}
        state={state}
        resumeToken={seat.resumeToken}
        whenSaved={whenSaved}
        onStartAgain={() => {
          synced.discardLocal();
          location.reload();
        }}
      />
    </>
  );
}

/**
 * Tells the round when the plan's "done" flag differs from what the round counted. Only
 * once the document is in step with the server: before that, an empty local copy would
 * read as "not done" and undo a mark made on another device.
 */
function RoundFinishSync({
  doc,
  state,
  isFinished,
  report,
}: { doc: Y.Doc; state: DocState } & RoundFinish) {
  const plan = usePlan(doc);
  const isInStep = state.status === 'saved';
  // `report` is a new function on every render of the round; the values decide.
  const onDiffers = useEffectEvent((done: boolean) => report(done));
  useEffect(() => {
    if (isInStep && plan.isFinished !== isFinished) onDiffers(plan.isFinished);
  }, [isInStep, plan.isFinished, isFinished]);
  return null;
}

export default SyncedPlanEditor;
