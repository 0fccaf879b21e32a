import * as Y from 'yjs';
import {
  addPlanAction,
  movePlanAction,
  PLAN_LIMITS,
  planActionSchema,
  readPlan,
  type ActionPlan,
  type PlanAction,
  type PlanActionField,
} from '@playfield/shared/plans/plan';

/**
 * The plan editor's decisions, apart from its components: reading a plan document as
 * plain data, checking a field before it is written (the server refuses an edit that
 * breaks the plan's schema, and a refused edit would leave this copy out of step), and
 * the edits the editor makes.
 */

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The plan as plain data. Tolerant where the server is strict: a copy that holds an edit
 * the server refused still shows, so nothing typed disappears from the screen.
 */
export function planOf(doc: Y.Doc): ActionPlan {
  const raw = readPlan(doc) as {
    isShared: unknown;
    isFinished: unknown;
    actions: Record<string, unknown>[];
  };
  return {
    isShared: raw.isShared === true,
    isFinished: raw.isFinished === true,
    actions: raw.actions
      .filter((a) => a.invalid !== true)
      .map((a) => ({
        id: text(a.id),
        roundId: typeof a.roundId === 'string' ? a.roundId : null,
        roundTitle: text(a.roundTitle),
        text: text(a.text),
        why: text(a.why),
        firstStep: text(a.firstStep),
        due: text(a.due),
        involve: text(a.involve),
        measure: text(a.measure),
        order: typeof a.order === 'number' && Number.isFinite(a.order) ? a.order : 0,
      })),
  };
}

/** Why a field's value cannot be saved, in words; null when it can. */
export function fieldError(field: PlanActionField, value: string): string | null {
  const parsed = planActionSchema.shape[field].safeParse(value);
  if (parsed.success) return null;
  const message = parsed.error.issues[0]?.message ?? 'This value cannot be saved';
  return field === 'due' ? `${message}, for example 2030-03-31` : message;
}

/** A new action id: random, URL-safe, as ids must be. */
export function newActionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** Whether another action fits in the plan. */
export function canAddAction(plan: ActionPlan): boolean {
  return plan.actions.length < PLAN_LIMITS.actions;
}

/** Adds an empty action at the end (one written by hand, from no round). */
export function addEmptyAction(doc: Y.Doc): string {
  return addPlanAction(doc, { id: newActionId(), text: '' });
}

/** Moves an action one place up (-1) or down (+1) in the plan's order. */
export function moveAction(doc: Y.Doc, plan: ActionPlan, id: string, delta: -1 | 1): void {
  const index = plan.actions.findIndex((a) => a.id === id);
  if (index < 0) return;
  movePlanAction(doc, id, index + delta);
}

/** Puts a deleted action back as it was, in its old place (its order is kept). */
export function restoreAction(doc: Y.Doc, action: PlanAction): void {
  const actions = doc.getMap<Y.Map<unknown>>('actions');
  doc.transact(() => {
    const fields = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(action)) if (key !== 'id') fields.set(key, value);
    actions.set(action.id, fields);
  });
}

/** How many of an action's six fields are filled in, for a progress hint. */
export function filledCount(action: PlanAction): number {
  return [
    action.text,
    action.why,
    action.firstStep,
    action.due,
    action.involve,
    action.measure,
  ].filter((value) => value.trim() !== '').length;
}
