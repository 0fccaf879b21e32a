import * as Y from 'yjs';
import { z } from 'zod';
import { cleanText, idSchema } from '../protocol/schemas.ts';

/** Bounds of a personal action plan. The server refuses an edit that would break them. */
export const PLAN_LIMITS = {
  actions: 30,
  textLength: 500,
  fieldLength: 300,
} as const;

/** A calendar date as `YYYY-MM-DD` that exists (no 31 February), or empty for "no date". */
export const dueDateSchema = z.union([
  z.literal(''),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the format YYYY-MM-DD')
    .refine(isCalendarDate, 'Not a date in the calendar'),
]);

function isCalendarDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  if (year < 2000 || year > 2100) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Characters a plan's text may not hold: bidi embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069), which can make text read differently from what it
 * says, and control characters other than newline and tab.
 */
const HIDDEN_CONTROL = /[\u202A-\u202E\u2066-\u2069]|[^\P{Cc}\n\t]/u;

/**
 * Text typed into a plan, at most `max` characters. A Yjs edit cannot be cleaned on its way
 * in (the document is the person's own, merged as they sent it), so text carrying hidden
 * control characters is refused instead, and the edit changes nothing.
 */
function planText(max: number) {
  return z
    .string()
    .max(max, `At most ${max} characters`)
    .refine(
      (s) => !HIDDEN_CONTROL.test(s),
      'Remove the hidden control or text-direction characters (pasted text can carry them)',
    );
}

const optionalField = planText(PLAN_LIMITS.fieldLength);

/** One action of a plan, as stored in its Yjs map. Empty strings stand for "not filled in". */
export const planActionSchema = z.object({
  id: idSchema,
  /** The round whose prompt this action answered; null for an action added by hand. */
  roundId: idSchema.nullable(),
  roundTitle: planText(120),
  text: planText(PLAN_LIMITS.textLength),
  why: optionalField,
  firstStep: optionalField,
  due: dueDateSchema,
  involve: optionalField,
  measure: optionalField,
  /** Sort key: actions are listed by it, so a reorder is one field write that merges. */
  order: z.number().finite(),
});
export type PlanAction = z.infer<typeof planActionSchema>;

/** The editable fields of an action, in the order a phone asks for them. */
export const PLAN_ACTION_FIELDS = [
  'text',
  'why',
  'firstStep',
  'due',
  'involve',
  'measure',
] as const;
export type PlanActionField = (typeof PLAN_ACTION_FIELDS)[number];

/** Labels of the fields, shared by the editor and the exports. */
export const PLAN_FIELD_LABELS: Record<PlanActionField, string> = {
  text: 'Action',
  why: 'Why it matters',
  firstStep: 'First step',
  due: 'Due',
  involve: 'Who to involve',
  measure: 'How I will know it worked',
};

export const actionPlanSchema = z.object({
  /** Shared with the team: the facilitator and the notebook may then read it. */
  isShared: z.boolean(),
  /** The participant marked the plan finished in the closing round. */
  isFinished: z.boolean(),
  actions: z
    .array(planActionSchema)
    .max(PLAN_LIMITS.actions, `At most ${PLAN_LIMITS.actions} actions`),
});
/** A personal action plan as plain data, read from its Yjs document. */
export type ActionPlan = z.infer<typeof actionPlanSchema>;

/** A one-sentence answer to a round's prompt, as the phone sends it. */
export const planAnswerSchema = cleanText(PLAN_LIMITS.textLength);

/*
 * The Yjs layout of a plan:
 *   getMap('plan')     isShared: boolean, isFinished: boolean
 *   getMap('actions')  action id -> Y.Map of the action's fields (strings, order: number)
 * Each field is its own map entry, so the same person editing "why" on the phone and "due"
 * on the laptop keeps both; the same field edited twice keeps the later write.
 */

/** Reads a plan document as plain data, actions in their order (ties by id). */
export function readPlan(doc: Y.Doc): unknown {
  const meta = doc.getMap<unknown>('plan');
  const actions = [...doc.getMap<Y.Map<unknown>>('actions').entries()].map(
    ([id, fields]): Record<string, unknown> => ({
      ...(fields instanceof Y.Map
        ? (fields.toJSON() as Record<string, unknown>)
        : { invalid: true }),
      id,
    }),
  );
  actions.sort(
    (a, b) =>
      Number(a.order ?? 0) - Number(b.order ?? 0) || String(a.id).localeCompare(String(b.id)),
  );
  return {
    isShared: meta.get('isShared') ?? false,
    isFinished: meta.get('isFinished') ?? false,
    actions,
  };
}

/** Reads and validates a plan document: what the server checks after every edit. */
export function parsePlan(doc: Y.Doc) {
  return actionPlanSchema.safeParse(readPlan(doc));
}

/** Adds an action at the end of the plan (one transaction) and returns its id. */
export function addPlanAction(
  doc: Y.Doc,
  action: Pick<PlanAction, 'id' | 'text'> & Partial<Pick<PlanAction, 'roundId' | 'roundTitle'>>,
): string {
  const actions = doc.getMap<Y.Map<unknown>>('actions');
  const last = Math.max(0, ...[...actions.values()].map((a) => Number(a.get('order') ?? 0)));
  doc.transact(() => {
    const fields = new Y.Map<unknown>();
    fields.set('roundId', action.roundId ?? null);
    fields.set('roundTitle', action.roundTitle ?? '');
    fields.set('text', action.text);
    for (const key of ['why', 'firstStep', 'due', 'involve', 'measure'] as const)
      fields.set(key, '');
    fields.set('order', last + 1);
    actions.set(action.id, fields);
  });
  return action.id;
}

/** Sets one field of an action; a no-op for an action deleted meanwhile. */
export function setPlanField(doc: Y.Doc, id: string, field: PlanActionField, value: string): void {
  doc.getMap<Y.Map<unknown>>('actions').get(id)?.set(field, value);
}

/** Deletes an action. */
export function deletePlanAction(doc: Y.Doc, id: string): void {
  doc.getMap('actions').delete(id);
}

/**
 * Moves an action to `toIndex` of the current order by giving it an order between its new
 * neighbours, so concurrent moves of different actions both survive.
 */
export function movePlanAction(doc: Y.Doc, id: string, toIndex: number): void {
  const parsed = parsePlan(doc);
  const list = parsed.success ? parsed.data.actions : [];
  const rest = list.filter((a) => a.id !== id);
  const index = Math.max(0, Math.min(toIndex, rest.length));
  const before = rest[index - 1]?.order;
  const after = rest[index]?.order;
  const order =
    before === undefined
      ? (after ?? 1) - 1
      : after === undefined
        ? before + 1
        : (before + after) / 2;
  const actions = doc.getMap<Y.Map<unknown>>('actions');
  const fits = (before === undefined || before < order) && (after === undefined || order < after);
  if (fits) {
    actions.get(id)?.set('order', order);
    return;
  }
  // No number between the neighbours: they tie (two devices added actions at once) or many
  // moves used up the gap. Spread the orders out again, leaving the moved action its slot.
  doc.transact(() => {
    rest.forEach((a, i) => actions.get(a.id)?.set('order', i < index ? i + 1 : i + 2));
    actions.get(id)?.set('order', index + 1);
  });
}

/** Sets the plan's shared or finished flag. */
export function setPlanFlag(doc: Y.Doc, flag: 'isShared' | 'isFinished', value: boolean): void {
  doc.getMap('plan').set(flag, value);
}
