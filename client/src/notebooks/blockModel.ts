// zod must be configured before the shared schemas below are built (see zodSetup).
import '../zodSetup.ts';
import * as Y from 'yjs';
import {
  NOTEBOOK_BLOCK_TYPES,
  roundSummarySchema,
  type NotebookBlockType,
} from '@playfield/shared/notebooks/notebook';
import type { RoundSummary } from '@playfield/shared';

/**
 * One block as the editor shows it: plain fields, plus the live Y.Text its text area binds
 * to. Read from the Y.Map on each render of that block; anything malformed (a stray edit
 * from another client) reads as empty, like `readNotebook` on the server.
 */
export interface BlockFields {
  id: string;
  type: NotebookBlockType;
  text: Y.Text | null;
  title: string;
  kind: string;
  /** The round's results as stored (JSON), parsed by the caller when it changes. */
  summaryJson: string | null;
  owner: string;
  isDone: boolean;
}

export function readBlockFields(item: unknown): BlockFields | null {
  if (!(item instanceof Y.Map)) return null;
  const map = item as Y.Map<unknown>;
  const id = map.get('id');
  const type = map.get('type');
  if (typeof id !== 'string' || !NOTEBOOK_BLOCK_TYPES.includes(type as NotebookBlockType))
    return null;
  const text = map.get('text');
  const str = (key: string) => {
    const value = map.get(key);
    return typeof value === 'string' ? value : '';
  };
  return {
    id,
    type: type as NotebookBlockType,
    text: text instanceof Y.Text ? text : null,
    title: str('title'),
    kind: str('kind'),
    summaryJson: typeof map.get('summary') === 'string' ? str('summary') : null,
    owner: str('owner'),
    isDone: map.get('isDone') === true,
  };
}

/** A round's stored results, or null when missing or unreadable. */
export function parseSummary(json: string | null): RoundSummary | null {
  if (!json) return null;
  try {
    const parsed = roundSummarySchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * An id for a block people add. Random, so two people adding at once never collide; from
 * `getRandomValues`, which (unlike `randomUUID`) works on a plain-http LAN address too.
 */
export function newBlockId(type: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  const random = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${type}-${random}`;
}

/** The blocks of a notebook in order, each Y.Map once (a duplicated id keeps its first). */
export function blockMaps(blocks: Y.Array<unknown>): Y.Map<unknown>[] {
  const seen = new Set<string>();
  const maps: Y.Map<unknown>[] = [];
  for (const item of blocks) {
    if (!(item instanceof Y.Map)) continue;
    const id = (item as Y.Map<unknown>).get('id');
    if (typeof id !== 'string' || seen.has(id)) continue;
    seen.add(id);
    maps.push(item as Y.Map<unknown>);
  }
  return maps;
}
