import { z } from 'zod';

/** Invisible characters that can disguise text (zero-width spaces, bidi overrides): removed. */
const INVISIBLE = /[\u00AD\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/**
 * Markdown source typed by a facilitator: like `cleanText` (NFC, invisible and bidi
 * characters removed, control characters turned into spaces, length-limited) but keeping
 * line breaks, which Markdown needs. Line ends become `\n`, trailing spaces and blank
 * space at both ends go. Blank text is accepted as `''`. Always parsed into a tree
 * (`parse.ts`), never rendered as HTML.
 */
export const markdownText = (max: number, what = 'The text') =>
  z
    .string({ error: `${what} must be text` })
    .max(max * 4, `${what} has at most ${max} characters`)
    .transform((s) =>
      s
        .normalize('NFC')
        .replace(/\r\n?/g, '\n')
        .replace(INVISIBLE, '')
        .replace(/\t/g, '    ')
        .replace(/[^\P{Cc}\n]/gu, ' ')
        .replace(/[ ]+$/gm, '')
        .replace(/\n{3,}/g, '\n\n')
        .trim(),
    )
    .pipe(z.string().max(max, `${what} has at most ${max} characters`));
