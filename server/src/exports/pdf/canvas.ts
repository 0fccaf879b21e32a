import { fitTextToFont, type PdfFonts } from '../fonts.ts';

/*
 * Layout in PDF points (1/72 inch) on A4. The bottom margin leaves room for the footer,
 * which is drawn last, once the page count is known.
 */
export const MARGIN = { top: 56, bottom: 64, left: 56, right: 56 };
export const FOOTER_FROM_BOTTOM = 38;

export const COLOR = {
  text: '#1d2733',
  muted: '#5b6675',
  accent: '#24507a',
  rule: '#c9d1db',
  faint: '#e6eaef',
  headerFill: '#eef1f5',
  positive: '#3a6fa8',
  negative: '#c05746',
  centre: '#2e7d4f',
  limit: '#b03a2e',
  point: '#1f3b5a',
  beyond: '#c0392b',
} as const;

export const SIZE = {
  title: 20,
  subtitle: 11,
  heading: 14,
  body: 10,
  small: 9,
  tiny: 7.5,
} as const;
export const BODY_LINE_GAP = 2;

export type FontName = 'regular' | 'bold';

/**
 * The page a document is laid out on: a pdfkit document, its fonts and text width, and the
 * primitives every block uses, keeping `pdf.y` as the cursor.
 */
export class PdfCanvas {
  readonly left = MARGIN.left;
  readonly width: number;

  constructor(
    readonly pdf: PDFKit.PDFDocument,
    private readonly fonts: PdfFonts,
  ) {
    pdf.registerFont('regular', fonts.regular);
    pdf.registerFont('bold', fonts.bold);
    this.width = pdf.page.width - MARGIN.left - MARGIN.right;
    // A new page starts in black, whether we add it or pdfkit does for flowing text.
    pdf.on('pageAdded', () => pdf.fillColor(this.color));
  }

  /** The fill colour of the current text, re-applied on every new page. */
  private color: string = COLOR.text;

  /** Text the current fonts can draw; everything user-written passes through here. */
  fit(text: string): string {
    const fitted = fitTextToFont(text, this.fonts.covers);
    // pdfkit splits a word wider than the line by re-measuring the rest of it for every
    // line, which takes seconds for a few thousand characters without a space (a pasted
    // link, a row of dashes). A zero-width space every 30 characters gives it break points.
    return this.fonts.covers(0x200b) ? fitted.replace(/\S{30}(?=\S)/gu, '$&\u200b') : fitted;
  }

  style(font: FontName, size: number, color: string): void {
    this.color = color;
    this.pdf.font(font).fontSize(size).fillColor(color);
  }

  get top(): number {
    return MARGIN.top;
  }

  get bottom(): number {
    return this.pdf.page.height - MARGIN.bottom;
  }

  /** Starts a new page unless `height` fits below the cursor (or the page is still empty). */
  ensure(height: number): void {
    if (this.pdf.y + height > this.bottom && this.pdf.y > this.top + 1) this.newPage();
  }

  newPage(): void {
    this.pdf.addPage();
    this.pdf.y = this.top;
  }

  rule(color: string): void {
    const y = this.pdf.y;
    this.pdf
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.75)
      .strokeColor(color)
      .stroke();
    this.pdf.y = y + 6;
  }

  /** A section heading, moved to the next page with `keep` points of what follows it. */
  heading(text: string, keep: number): void {
    const pdf = this.pdf;
    const fitted = this.fit(text);
    this.style('bold', SIZE.heading, COLOR.accent);
    const height = pdf.heightOfString(fitted, { width: this.width });
    pdf.y += 10;
    this.ensure(height + 4 + keep);
    pdf.text(fitted, this.left, pdf.y, { width: this.width });
    pdf.y += 4;
  }

  paragraph(text: string): void {
    const fitted = this.fit(text).trim();
    if (fitted === '') return;
    this.style('regular', SIZE.body, COLOR.text);
    this.ensure(this.pdf.currentLineHeight(true) * 2);
    this.pdf.text(fitted, this.left, this.pdf.y, { width: this.width, lineGap: BODY_LINE_GAP });
  }

  /**
   * How far below a line's top the middle of its lowercase letters sits, in the current
   * font: where a bullet or checkbox centres. About 55% of the ascent-to-descent height in
   * both DejaVu Sans and Helvetica (whose line heights differ by their built-in gaps).
   */
  middleOfLine(): number {
    return this.pdf.currentLineHeight(false) * 0.55;
  }

  textHeight(text: string, width: number): number {
    return this.pdf.heightOfString(text, { width, lineGap: 1 });
  }
}
