import * as Y from 'yjs';
import { z } from 'zod';
import {
  NOTEBOOK_BLOCK_TYPES,
  NOTEBOOK_DUE_PATTERN,
  notebookAgendaSchema,
  roundSummarySchema,
} from './notebook.ts';

/*
 * The notebook's schema as the server enforces it on every write. Readers stay tolerant
 * (they skip what they cannot read); writers are strict, so what is stored always reads.
 * Checks are incremental: only the blocks a transaction touched are read again, so an edit
 * costs O(what it changed), not O(notebook).
 */

/** Any Yjs type, as transactions name the types they changed. */
type AnyType = Y.Transaction['changed'] extends Map<infer K, unknown> ? K : never;

/** Longest text of one block (a note, a decision, a round's notes), in characters. */
export const NOTEBOOK_TEXT_LIMIT = 100_000;

const ROOTS: ReadonlyMap<string, typeof Y.Map | typeof Y.Array> = new Map<
  string,
  typeof Y.Map | typeof Y.Array
>([
  ['meta', Y.Map],
  ['blocks', Y.Array],
]);

const short = (max: number) => z.string().max(max);
const jsonOf = <T>(schema: z.ZodType<T>) =>
  z.string().refine((raw) => {
    try {
      return schema.safeParse(JSON.parse(raw)).success;
    } catch {
      return false;
    }
  }, 'unreadable JSON');

const metaSchema = z
  .object({
    title: short(500),
    sessionId: short(64),
    code: short(20),
    createdAt: z.number().finite(),
    agenda: jsonOf(notebookAgendaSchema),
  })
  .partial()
  .strict();

const blockFields = {
  id: short(80),
  createdAt: z.number().finite(),
  text: z.instanceof(Y.Text).optional(),
};
const blockSchema = z.discriminatedUnion('type', [
  z
    .object({
      ...blockFields,
      type: z.literal('round'),
      roundId: short(64),
      title: short(500),
      kind: short(40),
      summary: jsonOf(roundSummarySchema),
    })
    .strict(),
  z.object({ ...blockFields, type: z.enum(['note', 'decision']) }).strict(),
  z
    .object({
      ...blockFields,
      type: z.literal('followUp'),
      owner: short(200),
      isDone: z.boolean(),
      // Absent from follow-ups written before due dates existed.
      due: z.union([z.literal(''), z.string().regex(NOTEBOOK_DUE_PATTERN)]).optional(),
    })
    .strict(),
]);
// Keep the block kinds of the reader and of this schema in step.
NOTEBOOK_BLOCK_TYPES satisfies readonly z.infer<typeof blockSchema>['type'][];

/** Why a Y.Text is not plain text within its limit, or null. */
function textProblem(text: Y.Text): string | null {
  if (text.length > NOTEBOOK_TEXT_LIMIT) return `a text is longer than ${NOTEBOOK_TEXT_LIMIT}`;
  for (const op of text.toDelta() as { insert?: unknown; attributes?: unknown }[]) {
    if (typeof op.insert !== 'string' || op.attributes !== undefined)
      return 'a text holds something other than plain text';
  }
  return null;
}

/** Reads a notebook's roots as what they are, so edits to them are seen as such. */
export function defineNotebookRoots(doc: Y.Doc): void {
  doc.getMap('meta');
  doc.getArray('blocks');
}

/** Only the two known roots, each of its own type: a map holds no list content, a list no keys. */
function structureProblem(doc: Y.Doc): string | null {
  for (const [name, type] of doc.share) {
    const expected = ROOTS.get(name);
    // Decoding an update names every root it mentions, even one whose edits were already
    // known and skipped: an empty root holds nothing and changes nothing.
    if (!expected && type._start === null && type._map.size === 0) continue;
    if (!expected) return `unknown part "${name.slice(0, 40)}"`;
    // A root first seen in an update is a bare type until it is read as a map or array.
    if (!(type instanceof expected) && type.constructor !== Y.AbstractType)
      return `"${name}" has the wrong type`;
  }
  const meta = doc.getMap<unknown>('meta');
  const blocks = doc.getArray<unknown>('blocks');
  return meta._start !== null || blocks._map.size > 0
    ? 'the notebook structure is malformed'
    : null;
}

/** Why one block is not a valid block, or null. */
function blockProblem(item: unknown): string | null {
  if (!(item instanceof Y.Map)) return 'a block is not a map';
  const parsed = blockSchema.safeParse(Object.fromEntries(item.entries()));
  if (!parsed.success) return `a block is malformed (${parsed.error.issues[0]?.message ?? ''})`;
  return parsed.data.text ? textProblem(parsed.data.text) : null;
}

/** Why the meta map is malformed, or null. */
function metaProblem(meta: Y.Map<unknown>): string | null {
  return metaSchema.safeParse(Object.fromEntries(meta.entries())).success
    ? null
    : 'the notebook header is malformed';
}

/** The top-level block (a child of the blocks array) that contains `type`, if any. */
function blockOf(type: AnyType, blocks: Y.Array<unknown>): Y.Map<unknown> | null {
  let current: AnyType | null = type;
  while (current?._item) {
    const parent: unknown = current._item.parent;
    if (parent === blocks) return current instanceof Y.Map ? (current as Y.Map<unknown>) : null;
    current = parent instanceof Y.AbstractType ? parent : null;
  }
  return null;
}

/**
 * Checks a notebook after transactions were applied to it: only known root types, the
 * header, every block the transactions added or changed, and every text they touched.
 * Returns why the result is not a valid notebook, or null when it is.
 */
export function notebookProblem(doc: Y.Doc, transactions: readonly Y.Transaction[]): string | null {
  const structure = structureProblem(doc);
  if (structure) return structure;
  const meta = doc.getMap<unknown>('meta');
  const blocks = doc.getArray<unknown>('blocks');
  const dirty = new Set<Y.Map<unknown>>();
  let isMetaDirty = false;
  for (const transaction of transactions) {
    for (const type of transaction.changed.keys()) {
      if (type === (meta as unknown)) isMetaDirty = true;
      else if (type === (blocks as unknown)) {
        for (const item of blocks) {
          if (!(item instanceof Y.Map)) return 'a block is not a map';
          const id = item._item?.id;
          if (id && id.clock >= (transaction.beforeState.get(id.client) ?? 0))
            dirty.add(item as Y.Map<unknown>);
        }
      } else if (!type._item) {
        // A root this doc had not read as a map or array yet: read everything.
        return wholeNotebookProblem(doc);
      } else {
        const block = blockOf(type, blocks);
        if (block) dirty.add(block);
        else if (!type._item.deleted && !isInside(type, blocks))
          return 'an edit is outside the notebook';
      }
    }
  }
  if (isMetaDirty) {
    const problem = metaProblem(meta);
    if (problem) return problem;
  }
  for (const block of dirty) {
    if (block._item?.deleted) continue;
    const problem = blockProblem(block);
    if (problem) return problem;
  }
  return null;
}

function isInside(type: AnyType, root: AnyType): boolean {
  let current: AnyType | null = type;
  while (current) {
    if (current === root) return true;
    const parent: unknown = current._item?.parent;
    current = parent instanceof Y.AbstractType ? parent : null;
  }
  return false;
}

/** Checks a whole notebook (imports, and documents loaded from storage). */
export function wholeNotebookProblem(doc: Y.Doc): string | null {
  const structure = structureProblem(doc);
  if (structure) return structure;
  const meta = doc.getMap<unknown>('meta');
  const blocks = doc.getArray<unknown>('blocks');
  const problem = metaProblem(meta);
  if (problem) return problem;
  for (const block of blocks) {
    const blockIssue = blockProblem(block);
    if (blockIssue) return blockIssue;
  }
  return null;
}
