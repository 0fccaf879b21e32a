import { z } from 'zod';
import { cleanText, keySchema } from '../../protocol/schemas.ts';
import { BRAINSTORM_LIMITS } from './limits.ts';

export { BRAINSTORM_LIMITS };

/** The four steps of a brainstorm, in the order the facilitator usually takes them. */
export const BRAINSTORM_PHASES = ['collect', 'cluster', 'vote', 'results'] as const;

/** Where a brainstorm stands: notes come in, get grouped, get dots, get ranked. */
export type BrainstormPhase = (typeof BRAINSTORM_PHASES)[number];

const L = BRAINSTORM_LIMITS;

/** A whole number between bounds, refused with messages a facilitator can act on. */
const count = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} can be at most ${max}`);

const tagSchema = cleanText(L.tagLength, { what: 'A tag' });

/** A brainstorm's settings, as the facilitator enters them. */
export const brainstormConfigSchema = z
  .object({
    prompt: cleanText(L.promptLength, { what: 'The prompt' }),
    /** Anonymous: nobody, not even the facilitator, learns who wrote a note. */
    isAnonymous: z.boolean({ error: 'Say whether notes are anonymous' }),
    maxNotesPerPerson: count('The notes per person', 1, L.notesPerPerson),
    noteLength: count('The length of a note', L.minNoteLength, L.noteLength),
    /** When set, every note carries exactly one of these tags. */
    tags: z.array(tagSchema).max(L.tags, `At most ${L.tags} tags`),
    dotsPerPerson: count('The dots per person', 1, L.dotsPerPerson),
    maxDotsPerItem: count('The dots allowed on one item', 1, L.dotsPerPerson),
    /** Per table: each note carries its author's table at the time of writing. */
    isPerTeam: z.boolean({ error: 'Say whether notes are kept per table' }).optional(),
  })
  .superRefine(
    (config, ctx) => {
      const keys = config.tags.map((t) => t.toLocaleLowerCase());
      if (new Set(keys).size !== keys.length) {
        ctx.addIssue({ code: 'custom', message: 'Each tag must be different', path: ['tags'] });
      }
      if (config.maxDotsPerItem > config.dotsPerPerson) {
        ctx.addIssue({
          code: 'custom',
          message: 'The dots allowed on one item cannot be more than the dots each person has',
          path: ['maxDotsPerItem'],
        });
      }
    },
    // Only once every field is fine on its own, so one mistake gives one message.
    { when: (payload) => payload.issues.length === 0 },
  );
/** A brainstorm's settings. */
export type BrainstormConfig = z.infer<typeof brainstormConfigSchema>;

/** Note ids are numbered in posting order (`n1`, `n2`...): they never encode the author. */
export const noteIdSchema = keySchema(/^n\d{1,6}$/, 'Unknown note');
/** Cluster ids are numbered in creation order (`c1`, `c2`...). */
export const clusterIdSchema = keySchema(/^c\d{1,6}$/, 'Unknown cluster');
/** Something that can take dots: a cluster, or a note standing on its own. */
export const itemIdSchema = keySchema(/^[nc]\d{1,6}$/, 'Unknown item');

const noteTextSchema = z
  .string({ error: 'A note must be text' })
  // A readable refusal for the common mistake; cleanText then strips what cannot be seen.
  .refine((s) => /\S/u.test(s), 'Write something on the note first')
  .pipe(cleanText(L.noteLength));

const noteTagSchema = z
  .string({ error: 'A tag must be text' })
  .max(L.tagLength, `A tag has at most ${L.tagLength} characters`)
  .nullable();

const clusterNameSchema = z
  .string({ error: 'A cluster name must be text' })
  .refine((s) => /\S/u.test(s), 'Give the cluster a name')
  .pipe(cleanText(L.clusterNameLength));

/** What a participant does: posts, edits and deletes their own notes, then places dots. */
export const brainstormParticipantActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('addNote'), text: noteTextSchema, tag: noteTagSchema }),
  z.object({
    type: z.literal('editNote'),
    noteId: noteIdSchema,
    text: noteTextSchema,
    tag: noteTagSchema,
  }),
  z.object({ type: z.literal('deleteNote'), noteId: noteIdSchema }),
  /** Sets (not adds) the dots on one item: a retried message cannot spend a dot twice. */
  z.object({
    type: z.literal('vote'),
    itemId: itemIdSchema,
    dots: z
      .number({ error: 'The dots must be a number' })
      .int('The dots must be a whole number')
      .min(0, 'The dots cannot be negative')
      .max(L.dotsPerPerson, `At most ${L.dotsPerPerson} dots`),
  }),
  z.object({ type: z.literal('clearVotes') }),
]);
/** A participant's action in a brainstorm. */
export type BrainstormParticipantAction = z.infer<typeof brainstormParticipantActionSchema>;

/** What the facilitator does: moves the phases, groups, names, hides and merges notes. */
export const brainstormFacilitatorActionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('phase'),
    phase: z.enum(BRAINSTORM_PHASES, {
      error: 'The phase must be collect, cluster, vote or results',
    }),
  }),
  z.object({
    type: z.literal('createCluster'),
    name: clusterNameSchema,
    /** Notes to move into the new cluster straight away (e.g. the selected note). */
    noteIds: z
      .array(noteIdSchema)
      .max(L.notesPerMove, `At most ${L.notesPerMove} notes at once`)
      .optional(),
  }),
  z.object({
    type: z.literal('renameCluster'),
    clusterId: clusterIdSchema,
    name: clusterNameSchema,
  }),
  z.object({ type: z.literal('deleteCluster'), clusterId: clusterIdSchema }),
  /** Puts a note into a cluster, or back among the ungrouped notes with `null`. */
  z.object({
    type: z.literal('moveNote'),
    noteId: noteIdSchema,
    clusterId: clusterIdSchema.nullable(),
  }),
  z.object({ type: z.literal('hideNote'), noteId: noteIdSchema, isHidden: z.boolean() }),
  /** `intoNoteId` absorbs `noteId`: a duplicate shown once, counted with its twin. */
  z.object({ type: z.literal('mergeNote'), noteId: noteIdSchema, intoNoteId: noteIdSchema }),
  /** Undoes a merge: the absorbed note stands on its own again, beside its twin. */
  z.object({ type: z.literal('splitNote'), noteId: noteIdSchema }),
]);
/** A facilitator's action in a brainstorm. */
export type BrainstormFacilitatorAction = z.infer<typeof brainstormFacilitatorActionSchema>;

/** A sticky note as the round keeps it. The author is kept only to let them edit it. */
export interface BrainstormNote {
  id: string;
  authorId: string;
  text: string;
  tag: string | null;
  /** The cluster of a note standing on its own; absorbed notes follow their twin and keep null. */
  clusterId: string | null;
  /** Hidden by the facilitator: never shown to the room, the phones or the summary. */
  isHidden: boolean;
  /** The note that absorbed this one as a duplicate; always a note that is itself not absorbed. */
  mergedInto: string | null;
  /** The author's table when it was posted, in a per-table brainstorm (absent otherwise or at none). */
  teamId?: string;
}

/** A named group of notes. */
export interface BrainstormCluster {
  id: string;
  name: string;
}

/** The whole round. */
export interface BrainstormState {
  config: BrainstormConfig;
  phase: BrainstormPhase;
  /** In posting order. */
  notes: BrainstormNote[];
  /** In creation order. */
  clusters: BrainstormCluster[];
  /** Numbers for the next ids, so ids are never reused within a round. */
  nextNote: number;
  nextCluster: number;
  /**
   * Dots per participant and item. Kept as placed; read through `resolvedVotes`, which
   * follows merges and moves and drops dots on items that left the board.
   */
  votes: Record<string, Record<string, number>>;
}
