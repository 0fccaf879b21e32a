import { z } from 'zod';
import { cleanText, keySchema } from '../../protocol/schemas.ts';
import {
  CANVAS_ENTRY_LENGTH,
  CANVAS_MAX_BOXES,
  CANVAS_MAX_ENTRIES_PER_PERSON,
  CANVAS_MAX_TAGS,
  CANVAS_MIN_BOXES,
} from './limits.ts';

/** A required line of text a facilitator types, with a message naming the field. */
const label = (max: number, what: string) => cleanText(max, { what });

const isDistinct = (values: readonly string[]) =>
  new Set(values.map((v) => v.toLowerCase())).size === values.length;

/** One named box of the canvas. */
export const canvasBoxSchema = z.object({
  title: label(60, 'Each box title'),
  hint: cleanText(200, { what: 'A box’s hint', isOptional: true }),
  /** Are entries in this box rated on the canvas's scale (e.g. the impression a contact leaves)? */
  isRated: z.boolean({ error: 'Say whether the box is rated' }),
});
/** One named box of the canvas. */
export type CanvasBox = z.infer<typeof canvasBoxSchema>;

/** The scale rated boxes use: 1 to `max`, with words at both ends. */
export const canvasRatingSchema = z.object({
  question: label(60, 'The rating question'),
  max: z
    .number()
    .int('The top of the rating scale must be a whole number')
    .min(3, 'The rating scale goes up to at least 3')
    .max(7, 'The rating scale goes up to at most 7'),
  lowLabel: label(30, 'The label of the low end'),
  highLabel: label(30, 'The label of the high end'),
});
/** The scale rated boxes use. */
export type CanvasRating = z.infer<typeof canvasRatingSchema>;

/** A canvas as the facilitator sets it up. */
export const canvasConfigSchema = z.object({
  prompt: label(300, 'The instruction'),
  boxes: z
    .array(canvasBoxSchema)
    .min(CANVAS_MIN_BOXES, `A canvas has at least ${CANVAS_MIN_BOXES} boxes`)
    .max(CANVAS_MAX_BOXES, `A canvas has at most ${CANVAS_MAX_BOXES} boxes`)
    .refine((boxes) => isDistinct(boxes.map((b) => b.title)), {
      message: 'Each box needs its own title',
    }),
  rating: canvasRatingSchema,
  tags: z
    .array(label(24, 'Each tag'))
    .max(CANVAS_MAX_TAGS, `A canvas offers at most ${CANVAS_MAX_TAGS} tags`)
    .refine(isDistinct, { message: 'Each tag must be different' }),
  maxEntriesPerPerson: z
    .number()
    .int('The number of entries per person must be a whole number')
    .min(1, 'Each person may post at least 1 entry')
    .max(
      CANVAS_MAX_ENTRIES_PER_PERSON,
      `Each person may post at most ${CANVAS_MAX_ENTRIES_PER_PERSON} entries`,
    ),
  /** When true, no view ever names an entry's author, except to the author. */
  isAnonymous: z.boolean({ error: 'Say whether entries are anonymous' }),
  /** Per table: each entry carries its author's table at the time of writing. */
  isPerTeam: z.boolean({ error: 'Say whether entries are kept per table' }).optional(),
  actionPrompt: label(300, 'The action plan question'),
});
/** A canvas's settings. */
export type CanvasConfig = z.infer<typeof canvasConfigSchema>;

/**
 * One entry as the canvas keeps it. Entries merged by the facilitator point at the entry
 * they were merged into (always one that is not merged itself): together they form a card.
 */
export interface CanvasEntry {
  /** "e1", "e2"...: from a counter, so replays give the same ids. */
  id: string;
  box: number;
  authorId: string;
  text: string;
  /** The author's rating on the canvas's scale; shown only while the entry is in a rated box. */
  rating: number | null;
  /** Indices into the config's tags, ascending. */
  tags: number[];
  isHidden: boolean;
  mergedInto: string | null;
  /** The author's table when it was posted, on a per-table canvas (absent otherwise or at none). */
  teamId?: string;
}

/** A canvas round's state: its entries in the order they were posted. */
export interface CanvasState {
  config: CanvasConfig;
  entries: CanvasEntry[];
  /** The number in the next entry's id. */
  nextId: number;
}

const entryId = keySchema(/^e[0-9]{1,6}$/, 'That entry does not exist');
const boxIndex = z
  .number({ error: 'The box must be a number' })
  .int('The box must be a whole number')
  .min(0, 'That box does not exist')
  .max(CANVAS_MAX_BOXES - 1, 'That box does not exist');
const content = {
  text: cleanText(CANVAS_ENTRY_LENGTH),
  rating: z
    .number({ error: 'The rating must be a number' })
    .int('The rating must be a whole number')
    .min(1, 'The rating is off the scale')
    .max(7, 'The rating is off the scale')
    .nullable(),
  tags: z
    .array(
      z
        .number()
        .int('A tag must be a whole number')
        .min(0, 'That tag does not exist')
        .max(CANVAS_MAX_TAGS - 1, 'That tag does not exist'),
    )
    .max(CANVAS_MAX_TAGS, `At most ${CANVAS_MAX_TAGS} tags`),
};

/** What a participant does: post an entry into a box, edit or remove their own. */
export const canvasParticipantActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('post'), box: boxIndex, ...content }),
  z.object({ type: z.literal('edit'), entryId, ...content }),
  z.object({ type: z.literal('remove'), entryId }),
]);
/** A participant's action on a canvas. */
export type CanvasParticipantAction = z.infer<typeof canvasParticipantActionSchema>;

/** What the facilitator does: moderate (hide, merge, split, move) or clear the canvas. */
export const canvasFacilitatorActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hide'), entryId, isHidden: z.boolean() }),
  z.object({ type: z.literal('merge'), entryId, intoId: entryId }),
  z.object({ type: z.literal('split'), entryId }),
  z.object({ type: z.literal('move'), entryId, box: boxIndex }),
  z.object({ type: z.literal('reset') }),
]);
/** The facilitator's action on a canvas. */
export type CanvasFacilitatorAction = z.infer<typeof canvasFacilitatorActionSchema>;
