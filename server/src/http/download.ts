import type { Response } from 'express';
import { z } from 'zod';
import type { ExportDocument } from '../exports/document.ts';
import { renderMarkdown } from '../exports/markdown.ts';
import { renderPdf } from '../exports/pdf.ts';
import { safeFileName } from '../exports/zip.ts';
import { sendError } from './respond.ts';

const CONTENT_TYPES = {
  md: 'text/markdown; charset=utf-8',
  pdf: 'application/pdf',
  ics: 'text/calendar; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  zip: 'application/zip',
} as const;
export type Format = keyof typeof CONTENT_TYPES;

/** The formats a document (plan, notebook, round, guide) is rendered in. */
export const documentFormatSchema = z.enum(['md', 'pdf']);

/** The UTC day of a time, as in file names and subtitles. */
export const day = (at: number) => new Date(at).toISOString().slice(0, 10);

/** Sends a file to be saved, named for people and for every browser. */
export function download(
  res: Response,
  name: string,
  format: Format,
  body: string | Uint8Array,
): void {
  const file = `${safeFileName(name)}.${format}`;
  res
    .status(200)
    .set({
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': `attachment; filename="${file.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file)}`,
      'Cache-Control': 'no-store',
    })
    .send(typeof body === 'string' ? body : Buffer.from(body));
}

/** Renders a document as Markdown or PDF; any other format is not a route. */
export async function sendDocument(
  res: Response,
  name: string,
  format: string,
  document: ExportDocument,
): Promise<void> {
  const parsed = documentFormatSchema.safeParse(format);
  if (!parsed.success) return sendError(res, { code: 'NOT_FOUND', message: 'Export as md or pdf' });
  if (parsed.data === 'md') return download(res, name, 'md', renderMarkdown(document));
  download(res, name, 'pdf', await renderPdf(document));
}
