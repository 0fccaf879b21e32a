/** Bounds of a canvas, free of zod so the console's editor can use them. */

/** Fewest boxes a canvas may have. */
export const CANVAS_MIN_BOXES = 2;
/** Most boxes a canvas may have. */
export const CANVAS_MAX_BOXES = 8;
/** Longest entry, in characters: a sticky note, not an essay. */
export const CANVAS_ENTRY_LENGTH = 140;
/** Most tags a canvas may offer. */
export const CANVAS_MAX_TAGS = 6;
/** Most entries one person may have on a canvas at once. */
export const CANVAS_MAX_ENTRIES_PER_PERSON = 30;
/** Most entries a canvas holds in all: bounds every view however large the room. */
export const CANVAS_MAX_ENTRIES = 600;
