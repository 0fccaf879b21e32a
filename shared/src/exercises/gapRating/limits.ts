/** Bounds of an "expected vs actual" round, free of zod so the console's editor can use them. */

/** Most measures a rating round may have: two ratings each, so 32 taps on a phone. */
export const GAP_MAX_MEASURES = 16;
/** Longest measure name, in characters. */
export const GAP_MEASURE_LENGTH = 80;
/** Most points a scale may have (0 to 9, or 1 to 10). */
export const GAP_MAX_SCALE_POINTS = 10;
