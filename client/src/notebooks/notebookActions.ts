// zod must be configured before the shared schemas below are built (see zodSetup).
import '../zodSetup.ts';
import type * as Y from 'yjs';
import {
  addNotebookBlock,
  deleteNotebookBlock,
  setFollowUp,
} from '@playfield/shared/notebooks/notebook';
import { newBlockId } from './blockModel.ts';

/** The kinds of block people add (rounds are written by the server). */
export type AddedBlockType = 'note' | 'decision' | 'followUp';

export const ADDED_BLOCK_TYPES: readonly AddedBlockType[] = ['note', 'decision', 'followUp'];

/** Button words for each kind. */
export const ADD_LABELS: Record<AddedBlockType, string> = {
  note: 'Add a note',
  decision: 'Add a decision',
  followUp: 'Add a follow-up',
};

/** Adds an empty block after `afterId` (or at the end) and returns its id, to focus it. */
export function addBlock(doc: Y.Doc, type: AddedBlockType, afterId: string | null): string {
  const id = newBlockId(type);
  addNotebookBlock(doc, { id, type }, Date.now(), afterId);
  return id;
}

export function removeBlock(doc: Y.Doc, id: string): void {
  deleteNotebookBlock(doc, id);
}

export function tickFollowUp(doc: Y.Doc, id: string, isDone: boolean): void {
  setFollowUp(doc, id, { isDone });
}

export function setOwner(doc: Y.Doc, id: string, owner: string): void {
  setFollowUp(doc, id, { owner });
}

/** Sets a follow-up's due date ('YYYY-MM-DD'), or clears it with ''. */
export function setDue(doc: Y.Doc, id: string, due: string): void {
  setFollowUp(doc, id, { due });
}

/** The element id of a block's text area, to focus a block just added. */
export const textAreaId = (blockId: string) => `nb-text-${blockId}`;
