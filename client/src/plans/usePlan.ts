import { useMemo } from 'react';
import type * as Y from 'yjs';
import type { ActionPlan } from '@playfield/shared/plans/plan';
import { useYChange } from '../docs/useSyncedDoc.ts';
import { planOf } from './planModel.ts';

/** The plan in a document as plain data, re-read whenever the document changes. */
export function usePlan(doc: Y.Doc): ActionPlan {
  const actionsVersion = useYChange(doc.getMap('actions'));
  const metaVersion = useYChange(doc.getMap('plan'));
  // The versions stand for the document's content: a change re-reads it.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => planOf(doc), [doc, actionsVersion, metaVersion]);
}
