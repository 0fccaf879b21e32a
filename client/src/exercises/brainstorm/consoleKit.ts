import type { FacilitatorProps } from '../types.ts';

/** What the brainstorm console sends, and how: one action at a time, refusals kept. */
export type Action = Parameters<FacilitatorProps<'brainstorm'>['act']>[0];
export type Send = (action: Action) => Promise<boolean>;

/** Drag data type for a note being moved on the board. */
export const NOTE_MIME = 'application/x-playfield-note';

/** A short quote of a note for labels and options. */
export const quote = (text: string) => `“${text.length > 60 ? `${text.slice(0, 57)}…` : text}”`;
