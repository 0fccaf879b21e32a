import { z } from 'zod';
import { markdownText } from '../../markdown/text.ts';
import { cleanText, keySchema } from '../../protocol/schemas.ts';

/*
 * A content round: a slide the room screen shows large and phones show compactly (or as
 * "look at the screen"). No one answers anything. This file is the config's contract:
 * agendas (the built-in workshops among them) are written against it, so its fields and
 * their meaning stay stable.
 *
 * Fields (every one but `layout` may be left out of a submitted config: it then takes the
 * default shown; `contentSlide()` fills them for agendas written in code):
 *
 * - `layout`: how the screen lays the slide out.
 *     'title'      a title slide: `heading` very large, `body` (optional) as a subtitle.
 *     'bullets'    `heading`, then `body` (Markdown: lists, paragraphs…). The default.
 *     'quote'      `body` is the quotation (Markdown, usually one paragraph), `attribution`
 *                  who said it ("Jan Carlzon, SAS"); `heading` optional, shown small.
 *     'bigNumber'  `bigNumber` huge ("87%", "1 in 26"), `caption` under it, `heading` and
 *                  `body` optional.
 *     'image'      the uploaded image `imageId` with `imageAlt` (required with an image),
 *                  `caption` under it; `heading` optional.
 *     'twoColumns' `heading`, then `left` and `right` (Markdown) side by side; `body`
 *                  (optional) runs under the heading before the columns.
 *     'break'      "Break" (or `heading`, e.g. "Lunch"), the session's countdown when a
 *                  timer runs, and "Back at HH:MM" (from `backAt`, else from the timer's end).
 * - `heading` (≤ 160, default ''): the slide's title; may differ from the round's title.
 * - `body` (Markdown ≤ 4,000, default ''): the slide's text in the safe subset (`markdown/`).
 * - `attribution` (≤ 120, default ''): who said the quote ('quote' layout).
 * - `bigNumber` (≤ 16, default '') and `caption` (≤ 200, default ''): the figure and the line
 *   under it ('bigNumber'); `caption` is also the image's caption ('image').
 * - `imageId` (default null): an image uploaded with `POST /api/images`; `imageAlt` (≤ 200,
 *   default '') describes it for people who cannot see it. Any layout may carry an image;
 *   'image' shows it large, the others ignore it.
 * - `left`, `right` (Markdown ≤ 2,000 each, default ''): the columns of 'twoColumns'.
 * - `backAt` ('' or "HH:MM", 24-hour, default ''): when the room is back ('break').
 * - `phoneMode` (default 'compact'): 'compact' shows the slide's text on phones;
 *   'lookAtScreen' shows only the heading and "Look at the screen".
 */

export const CONTENT_LAYOUTS = [
  'title',
  'bullets',
  'quote',
  'bigNumber',
  'image',
  'twoColumns',
  'break',
] as const;
export type ContentLayout = (typeof CONTENT_LAYOUTS)[number];

export const PHONE_MODES = ['compact', 'lookAtScreen'] as const;
export type PhoneMode = (typeof PHONE_MODES)[number];

/** Lengths of a content slide's fields, in characters. */
export const CONTENT_LIMITS = {
  heading: 160,
  body: 4000,
  column: 2000,
  attribution: 120,
  bigNumber: 16,
  caption: 200,
  imageAlt: 200,
} as const;

/** An uploaded image's id: long and random (unguessable), URL-safe, never a reserved name. */
export const imageIdSchema = keySchema(/^[A-Za-z0-9_-]{32,64}$/, 'Unknown image');

const optionalText = (max: number, what: string) =>
  cleanText(max, { what, isOptional: true }).default('');

export const contentConfigSchema = z
  .object({
    layout: z.enum(CONTENT_LAYOUTS, {
      error: `The layout is one of: ${CONTENT_LAYOUTS.join(', ')}`,
    }),
    heading: optionalText(CONTENT_LIMITS.heading, 'The heading'),
    body: markdownText(CONTENT_LIMITS.body, 'The text').default(''),
    attribution: optionalText(CONTENT_LIMITS.attribution, 'The attribution'),
    bigNumber: optionalText(CONTENT_LIMITS.bigNumber, 'The big number'),
    caption: optionalText(CONTENT_LIMITS.caption, 'The caption'),
    imageId: imageIdSchema.nullable().default(null),
    imageAlt: optionalText(CONTENT_LIMITS.imageAlt, 'The image description'),
    left: markdownText(CONTENT_LIMITS.column, 'The left column').default(''),
    right: markdownText(CONTENT_LIMITS.column, 'The right column').default(''),
    backAt: z
      .string()
      .regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d)?$/, 'The time is written HH:MM, e.g. 13:30')
      .default(''),
    phoneMode: z
      .enum(PHONE_MODES, { error: 'Phones show the slide compactly or "look at the screen"' })
      .default('compact'),
  })
  .superRefine((c, ctx) => {
    const need = (isMissing: boolean, path: string, message: string) => {
      if (isMissing) ctx.addIssue({ code: 'custom', path: [path], message });
    };
    need(c.layout === 'title' && !c.heading, 'heading', 'A title slide needs a heading');
    need(c.layout === 'bullets' && !c.heading && !c.body, 'body', 'Write the slide’s text');
    need(c.layout === 'quote' && !c.body, 'body', 'Write the quotation');
    need(c.layout === 'bigNumber' && !c.bigNumber, 'bigNumber', 'Write the big number');
    need(c.layout === 'image' && !c.imageId, 'imageId', 'Upload an image');
    need(
      c.imageId !== null && !c.imageAlt,
      'imageAlt',
      'Describe the image for people who cannot see it',
    );
    need(c.layout === 'twoColumns' && !c.left && !c.right, 'left', 'Write at least one column');
  });

/** A content slide's settings, as stored in an agenda (every field present). */
export type ContentConfig = z.output<typeof contentConfigSchema>;
/** A content slide's settings as submitted: only `layout` is required. */
export type ContentConfigInput = z.input<typeof contentConfigSchema>;

/** The default of every field but the layout. */
export const CONTENT_DEFAULTS: Omit<ContentConfig, 'layout'> = {
  heading: '',
  body: '',
  attribution: '',
  bigNumber: '',
  caption: '',
  imageId: null,
  imageAlt: '',
  left: '',
  right: '',
  backAt: '',
  phoneMode: 'compact',
};

/**
 * A complete content config from the fields that matter, for agendas written in code:
 * `contentSlide({ layout: 'quote', body: '…', attribution: 'Jan Carlzon' })`. Not
 * validated here: an agenda is parsed by the schema when a session is made from it.
 */
export function contentSlide(
  fields: Partial<ContentConfig> & Pick<ContentConfig, 'layout'>,
): ContentConfig {
  return { ...CONTENT_DEFAULTS, ...fields };
}
