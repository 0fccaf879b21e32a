import * as Y from 'yjs';
import { z } from 'zod';
import type { ControlChartView, RoundSummary, SummaryBlock } from '../exercises/types.ts';

/*
 * The Yjs layout of a session notebook:
 *   getMap('meta')     title, sessionId, code: string; createdAt: number;
 *                      agenda: JSON of {title, kind}[]
 *   getArray('blocks') Y.Map per block:
 *                      id, type ('round' | 'note' | 'decision' | 'followUp'), createdAt: number
 *                      text: Y.Text (a round's notes; the note, decision or follow-up itself)
 *                      round only: roundId, title, kind, summary (JSON of RoundSummary)
 *                      followUp only: owner: string, isDone: boolean,
 *                      due: string ('YYYY-MM-DD', or '' or absent for no date)
 * A round's results are written by the server as the round ends; people edit the texts,
 * owners and ticks. Free-form on purpose: `readNotebook` skips what it cannot read, so a
 * stray edit never makes a notebook unreadable.
 */

/** The kinds of block a notebook holds. */
export const NOTEBOOK_BLOCK_TYPES = ['round', 'note', 'decision', 'followUp'] as const;
export type NotebookBlockType = (typeof NOTEBOOK_BLOCK_TYPES)[number];

/** Labels for the block kinds people add. */
export const NOTEBOOK_BLOCK_LABELS: Record<NotebookBlockType, string> = {
  round: 'Round',
  note: 'Note',
  decision: 'Decision',
  followUp: 'Follow-up',
};

/** A block as plain data. */
export interface NotebookBlock {
  id: string;
  type: NotebookBlockType;
  text: string;
  createdAt: number;
  roundId: string | null;
  title: string;
  kind: string;
  summary: RoundSummary | null;
  owner: string;
  isDone: boolean;
  /** A follow-up's due date as 'YYYY-MM-DD'; '' when none was set. */
  due: string;
}

/** A notebook as plain data, for exports, search and tests. */
export interface NotebookData {
  title: string;
  sessionId: string;
  code: string;
  createdAt: number;
  agenda: { title: string; kind: string }[];
  blocks: NotebookBlock[];
}

const finite = z.number().finite();
const strings = z.array(z.string());

/** A control chart as drawn: every field is checked, since a stored notebook is untrusted. */
const controlChartSchema: z.ZodType<ControlChartView> = z.object({
  title: z.string(),
  kind: z.enum(['np', 'p']),
  unit: z.string(),
  points: z.array(z.object({ value: finite, label: z.string(), isBeyondLimits: z.boolean() })),
  segments: z.array(
    z.object({ start: finite, end: finite, center: finite, lower: finite, upper: finite }),
  ),
  cumulative: z.array(finite),
  expected: finite.nullable(),
  signals: z.array(
    z.object({
      index: finite,
      rule: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
      description: z.string(),
    }),
  ),
  markers: z.array(
    z.object({ beforePoint: finite, label: z.string(), isSystemChange: z.boolean() }),
  ),
});

const summaryBlockSchema: z.ZodType<SummaryBlock> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('list'), title: z.string(), items: strings }),
  z.object({ type: z.literal('bars'), labels: strings, values: z.array(finite), unit: z.string() }),
  z.object({ type: z.literal('table'), columns: strings, rows: z.array(strings) }),
  z.object({ type: z.literal('controlChart'), chart: controlChartSchema }),
]);

/** A round summary as stored in a notebook, checked in full when written and when read. */
export const roundSummarySchema: z.ZodType<RoundSummary> = z.object({
  headline: z.string(),
  blocks: z.array(summaryBlockSchema),
});

/** The agenda a notebook records, as JSON in its meta map. */
export const notebookAgendaSchema = z.array(z.object({ title: z.string(), kind: z.string() }));

function parseJson<T>(schema: z.ZodType<T>, raw: unknown): T | null {
  if (typeof raw !== 'string') return null;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A round's stored results, or null when missing or unreadable. */
export function parseRoundSummary(json: string | null): RoundSummary | null {
  return parseJson(roundSummarySchema, json);
}

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** A calendar date as an `<input type="date">` gives it: 'YYYY-MM-DD'. */
export const NOTEBOOK_DUE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A stored due date, or '' when absent or not a date. */
const dueOf = (value: unknown) =>
  typeof value === 'string' && NOTEBOOK_DUE_PATTERN.test(value) ? value : '';

/**
 * One block's fields as an editor binds to them: the live Y.Text, and the round's results
 * still as JSON (parsed only when they change). Null for anything malformed.
 */
export interface NotebookBlockFields extends Omit<NotebookBlock, 'text' | 'summary'> {
  text: Y.Text | null;
  summaryJson: string | null;
}

/** Reads one item of the blocks array; null when it is not a readable block. */
export function readBlockFields(item: unknown): NotebookBlockFields | null {
  if (!(item instanceof Y.Map)) return null;
  const map = item as Y.Map<unknown>;
  const type = map.get('type');
  const id = map.get('id');
  if (typeof id !== 'string' || !NOTEBOOK_BLOCK_TYPES.includes(type as NotebookBlockType))
    return null;
  const text = map.get('text');
  const summary = map.get('summary');
  const createdAt = map.get('createdAt');
  const roundId = map.get('roundId');
  return {
    id,
    type: type as NotebookBlockType,
    text: text instanceof Y.Text ? text : null,
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
    roundId: typeof roundId === 'string' ? roundId : null,
    title: str(map.get('title')),
    kind: str(map.get('kind')),
    summaryJson: typeof summary === 'string' ? summary : null,
    owner: str(map.get('owner')),
    isDone: map.get('isDone') === true,
    due: dueOf(map.get('due')),
  };
}

function readBlock(item: unknown): NotebookBlock | null {
  const fields = readBlockFields(item);
  if (!fields) return null;
  const { text, summaryJson, ...rest } = fields;
  return { ...rest, text: text?.toJSON() ?? '', summary: parseRoundSummary(summaryJson) };
}

/** Reads a notebook document as plain data, skipping anything malformed. */
export function readNotebook(doc: Y.Doc): NotebookData {
  const meta = doc.getMap<unknown>('meta');
  return {
    title: str(meta.get('title')) || 'Untitled session',
    sessionId: str(meta.get('sessionId')),
    code: str(meta.get('code')),
    createdAt: typeof meta.get('createdAt') === 'number' ? (meta.get('createdAt') as number) : 0,
    agenda: parseJson(notebookAgendaSchema, meta.get('agenda')) ?? [],
    blocks: doc
      .getArray<unknown>('blocks')
      .toArray()
      .map(readBlock)
      .filter((b): b is NotebookBlock => b !== null),
  };
}

/** Sets the notebook's header the first time; later calls keep what people edited. */
export function initNotebook(
  doc: Y.Doc,
  header: { title: string; sessionId: string; code: string; createdAt: number },
): void {
  const meta = doc.getMap<unknown>('meta');
  if (meta.has('sessionId')) return;
  doc.transact(() => {
    meta.set('title', header.title);
    meta.set('sessionId', header.sessionId);
    meta.set('code', header.code);
    meta.set('createdAt', header.createdAt);
  });
}

/** Records the session's agenda (titles and kinds) when it changes. */
export function setNotebookAgenda(doc: Y.Doc, agenda: { title: string; kind: string }[]): void {
  const meta = doc.getMap<unknown>('meta');
  const json = JSON.stringify(agenda);
  if (meta.get('agenda') !== json) meta.set('agenda', json);
}

function findBlock(doc: Y.Doc, predicate: (map: Y.Map<unknown>) => boolean) {
  const blocks = doc.getArray<unknown>('blocks');
  let index = 0;
  for (const item of blocks) {
    if (item instanceof Y.Map && predicate(item as Y.Map<unknown>))
      return { map: item as Y.Map<unknown>, index };
    index++;
  }
  return null;
}

/**
 * Writes a round's results into its block, adding the block the first time. Its notes are
 * kept; the results are replaced only when they changed, so a replay writes nothing.
 */
export function writeRoundResults(
  doc: Y.Doc,
  round: { id: string; blockId: string; title: string; kind: string; summary: RoundSummary },
  at: number,
): void {
  const json = JSON.stringify(round.summary);
  const found = findBlock(doc, (map) => map.get('roundId') === round.id);
  doc.transact(() => {
    if (found) {
      if (found.map.get('summary') !== json) found.map.set('summary', json);
      if (found.map.get('title') !== round.title) found.map.set('title', round.title);
      return;
    }
    const map = new Y.Map<unknown>();
    map.set('id', round.blockId);
    map.set('type', 'round');
    map.set('roundId', round.id);
    map.set('title', round.title);
    map.set('kind', round.kind);
    map.set('summary', json);
    map.set('text', new Y.Text());
    map.set('createdAt', at);
    doc.getArray('blocks').push([map]);
  });
}

/** Adds a note, decision or follow-up, after `afterId` (or at the end). */
export function addNotebookBlock(
  doc: Y.Doc,
  block: { id: string; type: Exclude<NotebookBlockType, 'round'>; text?: string; owner?: string },
  at: number,
  afterId: string | null = null,
): void {
  const map = new Y.Map<unknown>();
  map.set('id', block.id);
  map.set('type', block.type);
  map.set('text', new Y.Text(block.text ?? ''));
  map.set('createdAt', at);
  if (block.type === 'followUp') {
    map.set('owner', block.owner ?? '');
    map.set('isDone', false);
  }
  const blocks = doc.getArray<unknown>('blocks');
  const after = afterId === null ? null : findBlock(doc, (m) => m.get('id') === afterId);
  blocks.insert(after ? after.index + 1 : blocks.length, [map]);
}

/** The Yjs map of a block, for editors that bind to its text. */
export function notebookBlockMap(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  return findBlock(doc, (m) => m.get('id') === id)?.map ?? null;
}

/** Removes a block people added (round results stay). */
export function deleteNotebookBlock(doc: Y.Doc, id: string): void {
  const found = findBlock(doc, (m) => m.get('id') === id);
  if (found && found.map.get('type') !== 'round') doc.getArray('blocks').delete(found.index, 1);
}

/** Sets a follow-up's owner, tick or due date ('' clears it; anything not a date is ignored). */
export function setFollowUp(
  doc: Y.Doc,
  id: string,
  change: { owner?: string; isDone?: boolean; due?: string },
): void {
  const found = findBlock(doc, (m) => m.get('id') === id);
  if (!found || found.map.get('type') !== 'followUp') return;
  doc.transact(() => {
    if (change.owner !== undefined) found.map.set('owner', change.owner);
    if (change.isDone !== undefined) found.map.set('isDone', change.isDone);
    if (change.due !== undefined && (change.due === '' || NOTEBOOK_DUE_PATTERN.test(change.due)))
      found.map.set('due', change.due);
  });
}

function summaryText(summary: RoundSummary): string[] {
  return [
    summary.headline,
    ...summary.blocks.flatMap((block): string[] => {
      switch (block.type) {
        case 'text':
          return [block.text];
        case 'list':
          return [block.title, ...block.items];
        case 'bars':
          return block.labels;
        case 'table':
          return [...block.columns, ...block.rows.flat()];
        case 'controlChart':
          return [block.chart.title, ...block.chart.markers.map((m) => m.label)];
      }
    }),
  ];
}

/** All the words of a notebook as written, for search (which ignores case) and its snippets. */
export function notebookText(doc: Y.Doc): string {
  const notebook = readNotebook(doc);
  return [
    notebook.title,
    ...notebook.agenda.map((r) => r.title),
    ...notebook.blocks.flatMap((b) => [
      b.title,
      b.text,
      b.owner,
      ...(b.summary ? summaryText(b.summary) : []),
    ]),
  ]
    .filter(Boolean)
    .join('\n');
}
