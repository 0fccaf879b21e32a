import type * as Y from 'yjs';
import type { ActionPlan } from '@playfield/shared/plans/plan';
import { useYValue } from '../docs/useYValue.ts';
import { planOf } from './planModel.ts';

/** The plan in a document as plain data, re-read whenever the document changes. */
export function usePlan(doc: Y.Doc): ActionPlan {
  return useYValue(doc, planOf);
}
