import PDFDocument from 'pdfkit';
import type { ControlChartView } from '@playfield/shared';
import { hasContent, type ExportBlock, type ExportDocument } from './document.ts';
import { fitTextToFont, pdfFonts, type PdfFonts } from './fonts.ts';
import { formatNumber } from './format.ts';

/** Options of {@link renderPdf}. */
export interface PdfOptions {
  /**
   * Set the text in pdfkit's built-in Helvetica even when DejaVu Sans is installed: what a
   * machine without the font produces (tests use it to check the fallback).
   */
  useBuiltInFont?: boolean;
}

/*
 * Layout in PDF points (1/72 inch) on A4. The bottom margin leaves room for the footer,
 * which is drawn last, once the page count is known.
 */
const MARGIN = { top: 56, bottom: 64, left: 56, right: 56 };
const FOOTER_FROM_BOTTOM = 38;

const COLOR = {
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

const SIZE = { title: 20, subtitle: 11, heading: 14, body: 10, small: 9, tiny: 7.5 } as const;
const BODY_LINE_GAP = 2;

type FontName = 'regular' | 'bold';

/**
 * Renders an export document as a print-ready A4 PDF: title, subtitle, sections, and every
 * block type drawn with vector graphics (bars, control charts, checkboxes), with page
 * numbers in the footer. Text the font cannot draw is replaced, never left as empty boxes.
 */
export function renderPdf(doc: ExportDocument, options: PdfOptions = {}): Promise<Buffer> {
  const fonts = pdfFonts(options.useBuiltInFont ?? false);
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    displayTitle: true,
    info: { Title: doc.title, Creator: 'Playfield' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  try {
    new PdfLayout(pdf, fonts).document(doc);
  } catch (error) {
    pdf.end();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  pdf.end();
  return done;
}

/** Lays out one document on a pdfkit document, top to bottom, keeping `pdf.y` as the cursor. */
class PdfLayout {
  private readonly left = MARGIN.left;
  private readonly width: number;

  constructor(
    private readonly pdf: PDFKit.PDFDocument,
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

  document(doc: ExportDocument): void {
    const pdf = this.pdf;
    this.style('bold', SIZE.title, COLOR.text);
    pdf.text(this.fit(doc.title), this.left, MARGIN.top, { width: this.width });
    if (doc.subtitle) {
      pdf.moveDown(0.2);
      this.style('regular', SIZE.subtitle, COLOR.muted);
      pdf.text(this.fit(doc.subtitle), this.left, pdf.y, { width: this.width });
    }
    pdf.moveDown(0.4);
    this.rule(COLOR.rule);
    for (const section of doc.sections) {
      const blocks = section.blocks.filter(hasContent);
      this.heading(section.heading, keepWithHeading(blocks[0]));
      for (const block of blocks) {
        this.block(block);
        pdf.y += 8;
      }
    }
    this.footers(doc.title);
  }

  private block(block: ExportBlock): void {
    switch (block.type) {
      case 'text':
      case 'paragraph':
        return this.paragraph(block.text);
      case 'list':
        return this.list(block.title, block.items);
      case 'checklist':
        return this.checklist(block.items);
      case 'fields':
        return this.fields(block.rows);
      case 'table':
        return this.table(block.columns, block.rows);
      case 'bars':
        return this.bars(block.labels, block.values, block.unit);
      case 'controlChart':
        return this.controlChart(block.chart);
      default: {
        const unknown: never = block;
        throw new Error(`No PDF layout for block ${JSON.stringify(unknown)}`);
      }
    }
  }

  // ---- primitives

  /** Text the current fonts can draw; everything user-written passes through here. */
  private fit(text: string): string {
    const fitted = fitTextToFont(text, this.fonts.covers);
    // pdfkit splits a word wider than the line by re-measuring the rest of it for every
    // line, which takes seconds for a few thousand characters without a space (a pasted
    // link, a row of dashes). A zero-width space every 30 characters gives it break points.
    return this.fonts.covers(0x200b) ? fitted.replace(/\S{30}(?=\S)/gu, '$&\u200b') : fitted;
  }

  private style(font: FontName, size: number, color: string): void {
    this.color = color;
    this.pdf.font(font).fontSize(size).fillColor(color);
  }

  private get top(): number {
    return MARGIN.top;
  }

  private get bottom(): number {
    return this.pdf.page.height - MARGIN.bottom;
  }

  /** Starts a new page unless `height` fits below the cursor (or the page is still empty). */
  private ensure(height: number): void {
    if (this.pdf.y + height > this.bottom && this.pdf.y > this.top + 1) this.newPage();
  }

  private newPage(): void {
    this.pdf.addPage();
    this.pdf.y = this.top;
  }

  private rule(color: string): void {
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
  private heading(text: string, keep: number): void {
    const pdf = this.pdf;
    const fitted = this.fit(text);
    this.style('bold', SIZE.heading, COLOR.accent);
    const height = pdf.heightOfString(fitted, { width: this.width });
    pdf.y += 10;
    this.ensure(height + 4 + keep);
    pdf.text(fitted, this.left, pdf.y, { width: this.width });
    pdf.y += 4;
  }

  private paragraph(text: string): void {
    const fitted = this.fit(text).trim();
    if (fitted === '') return;
    this.style('regular', SIZE.body, COLOR.text);
    this.ensure(this.pdf.currentLineHeight(true) * 2);
    this.pdf.text(fitted, this.left, this.pdf.y, { width: this.width, lineGap: BODY_LINE_GAP });
  }

  // ---- lists

  private list(title: string, items: string[]): void {
    const pdf = this.pdf;
    if (title.trim()) {
      this.style('bold', SIZE.body, COLOR.text);
      this.ensure(pdf.currentLineHeight(true) * 2);
      pdf.text(this.fit(title), this.left, pdf.y, { width: this.width });
      pdf.y += 2;
    }
    const indent = 14;
    for (const item of items) {
      const fitted = this.fit(item);
      this.style('regular', SIZE.body, COLOR.text);
      const lineHeight = pdf.currentLineHeight(true);
      this.ensure(Math.min(this.textHeight(fitted, this.width - indent), lineHeight * 2));
      const y = pdf.y;
      pdf
        .circle(this.left + 4, y + this.middleOfLine(), 1.8)
        .fill(COLOR.muted)
        .fillColor(COLOR.text);
      pdf.text(fitted, this.left + indent, y, { width: this.width - indent, lineGap: 1 });
      pdf.y += 2;
    }
  }

  private checklist(items: { text: string; isDone: boolean; owner: string }[]): void {
    const pdf = this.pdf;
    const indent = 18;
    const box = 9;
    for (const item of items) {
      const text = this.fit(item.text);
      const owner = this.fit(item.owner).trim();
      this.style('regular', SIZE.body, COLOR.text);
      const lineHeight = pdf.currentLineHeight(true);
      const full = owner ? `${text} — ${owner}` : text;
      this.ensure(Math.min(this.textHeight(full, this.width - indent), lineHeight * 2));
      const y = pdf.y;
      const boxY = y + this.middleOfLine() - box / 2;
      pdf.lineWidth(0.9).strokeColor(COLOR.text).rect(this.left, boxY, box, box).stroke();
      if (item.isDone) {
        pdf
          .moveTo(this.left + 1.8, boxY + box * 0.52)
          .lineTo(this.left + box * 0.42, boxY + box - 1.8)
          .lineTo(this.left + box - 1.8, boxY + 1.8)
          .lineWidth(1.5)
          .strokeColor(COLOR.centre)
          .stroke();
      }
      this.style('regular', SIZE.body, item.isDone ? COLOR.muted : COLOR.text);
      pdf.text(text, this.left + indent, y, {
        width: this.width - indent,
        lineGap: 1,
        continued: owner !== '',
      });
      if (owner) {
        this.style('regular', SIZE.body, COLOR.muted);
        pdf.text(` — ${owner}`, { lineGap: 1 });
      }
      pdf.y += 3;
    }
  }

  /** Label and value pairs in two columns; a row moves to the next page as a whole. */
  private fields(rows: { label: string; value: string }[]): void {
    const pdf = this.pdf;
    // The label column is as wide as its longest label, within bounds; the floor fits a plan's
    // labels, so consecutive actions line up whichever fields each one filled in.
    this.style('bold', SIZE.small, COLOR.muted);
    const widest = Math.max(0, ...rows.map((row) => pdf.widthOfString(this.fit(row.label))));
    const labelWidth = Math.min(this.width * 0.3, Math.max(this.width * 0.28, widest + 4));
    const gap = 10;
    const valueWidth = this.width - labelWidth - gap;
    for (const row of rows) {
      const label = this.fit(row.label);
      const value = this.fit(row.value).trim();
      this.style('bold', SIZE.small, COLOR.muted);
      const labelHeight = pdf.heightOfString(label, { width: labelWidth });
      this.style('regular', SIZE.body, COLOR.text);
      const valueHeight = value
        ? pdf.heightOfString(value, { width: valueWidth, lineGap: 1 })
        : pdf.currentLineHeight();
      const height = Math.max(labelHeight, valueHeight);
      // A row taller than a page flows on by itself; anything shorter is kept whole.
      if (height < this.bottom - this.top) this.ensure(height);
      const y = pdf.y;
      const page = pdf.page;
      this.style('bold', SIZE.small, COLOR.muted);
      pdf.text(label, this.left, y + 1, { width: labelWidth });
      this.style('regular', SIZE.body, COLOR.text);
      pdf.text(value, this.left + labelWidth + gap, y, { width: valueWidth, lineGap: 1 });
      // After a value that flowed onto the next page, the cursor is already below it.
      pdf.y = (pdf.page === page ? Math.max(pdf.y, y + height) : pdf.y) + 4;
    }
  }

  /**
   * How far below a line's top the middle of its lowercase letters sits, in the current
   * font: where a bullet or checkbox centres. About 55% of the ascent-to-descent height in
   * both DejaVu Sans and Helvetica (whose line heights differ by their built-in gaps).
   */
  private middleOfLine(): number {
    return this.pdf.currentLineHeight(false) * 0.55;
  }

  private textHeight(text: string, width: number): number {
    return this.pdf.heightOfString(text, { width, lineGap: 1 });
  }

  // ---- tables

  /**
   * A table with a shaded header row, wrapped cells and numbers aligned right. A row never
   * splits; a page break repeats the header. A row taller than a page is cut with an ellipsis.
   */
  private table(columns: string[], rows: string[][]): void {
    const pdf = this.pdf;
    if (columns.length === 0) return;
    const pad = 4;
    const header = columns.map((c) => this.fit(c));
    const body = rows.map((row) => columns.map((_, i) => this.fit(row[i] ?? '')));
    const widths = this.columnWidths(header, body, pad);
    const isNumeric = columns.map(
      (_, i) =>
        body.some((row) => row[i] !== '') &&
        body.every((row) => /^\s*[-+−]?[\d.,]+\s*%?\s*$/.test(row[i] ?? '') || row[i] === ''),
    );
    const cellHeight = (cells: string[], font: FontName) => {
      this.style(font, SIZE.small, COLOR.text);
      return (
        Math.max(
          ...cells.map((cell, i) =>
            pdf.heightOfString(cell || ' ', { width: (widths[i] ?? 0) - 2 * pad, lineGap: 1 }),
          ),
        ) +
        2 * pad
      );
    };
    const headerHeight = Math.min(cellHeight(header, 'bold'), 120);
    const maxRowHeight = this.bottom - this.top - headerHeight;

    const drawRow = (cells: string[], height: number, isHeader: boolean) => {
      const y = pdf.y;
      if (isHeader) pdf.rect(this.left, y, this.width, height).fill(COLOR.headerFill);
      let x = this.left;
      this.style(isHeader ? 'bold' : 'regular', SIZE.small, COLOR.text);
      cells.forEach((cell, i) => {
        const width = widths[i] ?? 0;
        pdf.text(cell, x + pad, y + pad, {
          width: width - 2 * pad,
          height: height - 2 * pad,
          ellipsis: true,
          lineGap: 1,
          align: isNumeric[i] ? 'right' : 'left',
        });
        x += width;
      });
      pdf
        .moveTo(this.left, y + height)
        .lineTo(this.left + this.width, y + height)
        .lineWidth(isHeader ? 0.9 : 0.5)
        .strokeColor(isHeader ? COLOR.muted : COLOR.rule)
        .stroke();
      pdf.y = y + height;
    };

    const firstHeight = body[0] ? Math.min(cellHeight(body[0], 'regular'), maxRowHeight) : 0;
    this.ensure(headerHeight + firstHeight);
    drawRow(header, headerHeight, true);
    for (const cells of body) {
      const height = Math.min(cellHeight(cells, 'regular'), maxRowHeight);
      if (pdf.y + height > this.bottom) {
        this.newPage();
        drawRow(header, headerHeight, true);
      }
      drawRow(cells, height, false);
    }
  }

  /**
   * Column widths filling the text width: each column its natural width when all fit,
   * otherwise narrow columns keep theirs and the wide ones share what is left.
   */
  private columnWidths(header: string[], body: string[][], pad: number): number[] {
    const pdf = this.pdf;
    const widest = (texts: string[], font: FontName) => {
      this.style(font, SIZE.small, COLOR.text);
      return Math.max(
        0,
        ...texts.flatMap((t) => t.split('\n')).map((line) => pdf.widthOfString(line)),
      );
    };
    const natural = header.map(
      (h, i) =>
        Math.max(
          widest([h], 'bold'),
          widest(
            body.map((row) => row[i] ?? ''),
            'regular',
          ),
          12,
        ) +
        2 * pad +
        1,
    );
    const total = natural.reduce((a, b) => a + b, 0);
    if (total <= this.width) return natural.map((w) => (w / total) * this.width);
    // Water filling: settle the columns narrower than a fair share, split the rest evenly.
    const widths: (number | null)[] = natural.map(() => null);
    let left = this.width;
    let open = natural.length;
    for (let changed = true; changed && open > 0;) {
      changed = false;
      const share = left / open;
      natural.forEach((w, i) => {
        if (widths[i] === null && w <= share) {
          widths[i] = w;
          left -= w;
          open -= 1;
          changed = true;
        }
      });
    }
    const wideTotal = natural.reduce((sum, w, i) => (widths[i] === null ? sum + w : sum), 0);
    return natural.map((w, i) => widths[i] ?? (w / wideTotal) * left);
  }

  // ---- charts

  /**
   * A horizontal bar chart: labels on the left, bars from a zero axis (negative values to
   * its left, in another colour and with a minus sign), the value at the end of each bar.
   */
  private bars(labels: string[], values: number[], unit: string): void {
    const pdf = this.pdf;
    if (values.length === 0) return this.paragraph('No values.');
    const texts = values.map(formatNumber);
    const names = values.map((_, i) => this.fit(labels[i] ?? ''));
    this.style('regular', SIZE.small, COLOR.text);
    const labelWidth = Math.min(
      this.width * 0.36,
      Math.max(36, ...names.map((n) => pdf.widthOfString(n) + 2)),
    );
    const valueWidth = Math.max(...texts.map((t) => pdf.widthOfString(t))) + 6;
    const min = Math.min(0, ...values.filter(Number.isFinite));
    const max = Math.max(0, ...values.filter(Number.isFinite));
    const hasNegative = min < 0;
    const hasPositive = max > 0 || !hasNegative;
    const plotX = this.left + labelWidth + 10;
    const barsX = plotX + (hasNegative ? valueWidth : 0);
    const barsWidth =
      this.width -
      labelWidth -
      10 -
      (hasNegative ? valueWidth : 0) -
      (hasPositive ? valueWidth : 0);
    const span = max - min || 1;
    const xOf = (v: number) => barsX + ((v - min) / span) * barsWidth;
    const zero = xOf(0);
    const barHeight = 10;

    const rowHeights = names.map((name) =>
      Math.max(16, pdf.heightOfString(name, { width: labelWidth }) + 5),
    );
    // A chart that fits on a page is kept whole; a longer one breaks between bars.
    const total = rowHeights.reduce((a, b) => a + b, 0) + 14;
    if (total < this.bottom - this.top) this.ensure(total);
    pdf.y += 2;
    values.forEach((value, i) => {
      const name = names[i] ?? '';
      const rowHeight = rowHeights[i] ?? 16;
      this.ensure(rowHeight);
      this.style('regular', SIZE.small, COLOR.text);
      const y = pdf.y;
      pdf.text(name, this.left, y + 2.5, { width: labelWidth, align: 'right' });
      const end = Number.isFinite(value) ? xOf(value) : zero;
      if (Math.abs(end - zero) > 0.1) {
        pdf
          .rect(Math.min(zero, end), y + 2, Math.abs(end - zero), barHeight)
          .fill(value < 0 ? COLOR.negative : COLOR.positive);
      }
      this.style('regular', SIZE.small, COLOR.text);
      const text = texts[i] ?? '';
      if (value < 0) {
        pdf.text(text, end - 3 - valueWidth, y + 2.5, {
          width: valueWidth,
          align: 'right',
          lineBreak: false,
        });
      } else {
        pdf.text(text, end + 3, y + 2.5, { width: valueWidth, lineBreak: false });
      }
      // The zero axis, drawn row by row so it follows the chart across a page break.
      pdf
        .moveTo(zero, y)
        .lineTo(zero, y + rowHeight)
        .lineWidth(0.8)
        .strokeColor('#444')
        .stroke();
      pdf.y = y + rowHeight;
    });
    if (unit.trim()) {
      this.style('regular', SIZE.tiny, COLOR.muted);
      pdf.text(this.fit(unit), plotX, pdf.y + 2, { width: this.width - labelWidth - 10 });
    }
  }

  /**
   * A control chart: points joined by a line, each segment's centre line (solid) and limits
   * (dashed), points beyond the limits drawn as larger diamonds, and markers as labelled
   * vertical ticks. Below it, a legend, every segment's limits, the signals and the expected
   * value in words, so the chart reads without colour.
   */
  private controlChart(chart: ControlChartView): void {
    const pdf = this.pdf;
    const title = this.fit(chart.title);
    const n = chart.points.length;
    if (n === 0) {
      this.paragraph(title);
      return this.paragraph('No points yet.');
    }

    const axisWidth = 46;
    const rightWidth = 62;
    const plotX = this.left + axisWidth;
    const plotWidth = this.width - axisWidth - rightWidth;
    const plotHeight = CHART.plotHeight;
    const step = plotWidth / n;
    const xAt = (position: number) => plotX + position * step;

    // Marker labels in rows above the plot, each in the first row where it fits.
    const markers = chart.markers
      .filter((m) => m.beforePoint >= 0 && m.beforePoint <= n)
      .map((m) => ({ ...m, label: this.fit(m.label).replace(/\s+/g, ' ').trim() }));
    const placed = markers.map((m) => {
      const x = xAt(m.beforePoint);
      this.style(m.isSystemChange ? 'bold' : 'regular', SIZE.tiny, COLOR.text);
      const width = Math.min(pdf.widthOfString(m.label) + 1, 160);
      const start = Math.min(x + 2, this.left + this.width - width);
      return { marker: m, x, width, start, row: 0 };
    });
    const rowEnds: number[] = [];
    for (const p of [...placed].sort((a, b) => a.start - b.start)) {
      let row = rowEnds.findIndex((end) => end + 6 <= p.start);
      if (row < 0) {
        row = rowEnds.length;
        rowEnds.push(0);
      }
      rowEnds[row] = p.start + p.width;
      p.row = row;
    }
    const rowHeight = CHART.markerRow;
    const bandHeight = rowEnds.length * rowHeight + (rowEnds.length ? 4 : 0);

    // The title stays with its chart.
    this.style('bold', SIZE.body, COLOR.text);
    const titleHeight = pdf.heightOfString(title, { width: this.width }) + 4;
    this.ensure(titleHeight + bandHeight + plotHeight + CHART.below);
    pdf.text(title, this.left, pdf.y, { width: this.width });
    pdf.y += 4;
    const bandY = pdf.y;
    const plotY = bandY + bandHeight;

    // The value scale: zero, every point and every limit, on round ticks.
    const all = [
      0,
      ...chart.points.map((p) => p.value),
      ...chart.segments.flatMap((s) => [s.lower, s.upper, s.center]),
      ...(chart.expected === null ? [] : [chart.expected]),
    ].filter(Number.isFinite);
    const ticks = niceTicks(Math.min(...all), Math.max(...all));
    const yOf = (v: number) =>
      plotY + plotHeight - ((v - ticks.min) / (ticks.max - ticks.min)) * plotHeight;

    // Frame, grid and value axis.
    for (const tick of ticks.values) {
      const y = yOf(tick);
      pdf
        .moveTo(plotX, y)
        .lineTo(plotX + plotWidth, y)
        .lineWidth(0.4)
        .strokeColor(COLOR.faint)
        .stroke();
      this.style('regular', SIZE.tiny, COLOR.muted);
      pdf.text(formatNumber(tick), plotX - 40, y - 3.5, {
        width: 36,
        align: 'right',
        lineBreak: false,
      });
    }
    pdf.rect(plotX, plotY, plotWidth, plotHeight).lineWidth(0.6).strokeColor(COLOR.rule).stroke();
    if (chart.unit.trim()) {
      this.style('regular', SIZE.tiny, COLOR.muted);
      pdf.save();
      pdf.rotate(-90, { origin: [this.left, plotY + plotHeight] });
      pdf.text(this.fit(chart.unit), this.left, plotY + plotHeight - 1, {
        width: plotHeight,
        align: 'center',
        lineBreak: false,
      });
      pdf.restore();
    }

    // Markers: a tick from the label down into the plot; a system change crosses the plot.
    for (const p of placed) {
      const labelY = bandY + (rowEnds.length - 1 - p.row) * rowHeight;
      pdf
        .moveTo(p.x, labelY + 1)
        .lineTo(p.x, p.marker.isSystemChange ? plotY + plotHeight : plotY + 10)
        .lineWidth(p.marker.isSystemChange ? 1 : 0.7)
        .strokeColor(p.marker.isSystemChange ? COLOR.text : COLOR.muted)
        .stroke();
    }
    for (const p of placed) {
      const labelY = bandY + (rowEnds.length - 1 - p.row) * rowHeight;
      // A white backing keeps a label readable where another marker's tick passes.
      pdf.rect(p.start - 1, labelY, p.width + 2, rowHeight - 1).fill('#ffffff');
      this.style(p.marker.isSystemChange ? 'bold' : 'regular', SIZE.tiny, COLOR.text);
      pdf.text(p.marker.label, p.start, labelY + 1, {
        width: p.width,
        height: rowHeight,
        lineBreak: false,
        ellipsis: true,
      });
    }

    // Centre line and limits of each segment.
    for (const segment of chart.segments) {
      const x1 = xAt(Math.max(0, segment.start));
      const x2 = xAt(Math.min(n, segment.end));
      const line = (value: number, color: string, dashed: boolean) => {
        if (!Number.isFinite(value)) return;
        if (dashed) pdf.dash(4, { space: 3 });
        pdf
          .moveTo(x1, yOf(value))
          .lineTo(x2, yOf(value))
          .lineWidth(dashed ? 0.9 : 1.1)
          .strokeColor(color)
          .stroke();
        pdf.undash();
      };
      line(segment.upper, COLOR.limit, true);
      line(segment.lower, COLOR.limit, true);
      line(segment.center, COLOR.centre, false);
    }
    const last = chart.segments.at(-1);
    if (last) {
      const labels = [
        { text: `UCL ${formatNumber(last.upper)}`, y: yOf(last.upper), color: COLOR.limit },
        { text: `CL ${formatNumber(last.center)}`, y: yOf(last.center), color: COLOR.centre },
        { text: `LCL ${formatNumber(last.lower)}`, y: yOf(last.lower), color: COLOR.limit },
      ];
      // Push labels apart when the limits are close together.
      for (let i = 1; i < labels.length; i++) {
        const above = labels[i - 1];
        const label = labels[i];
        if (above && label && label.y - above.y < 9) label.y = above.y + 9;
      }
      for (const label of labels) {
        this.style('regular', SIZE.tiny, label.color);
        pdf.text(label.text, plotX + plotWidth + 4, label.y - 3.5, {
          width: rightWidth - 4,
          lineBreak: false,
        });
      }
    }

    // The run: a line through the points, then the points on top.
    chart.points.forEach((p, i) => {
      const x = xAt(i + 0.5);
      if (i === 0) pdf.moveTo(x, yOf(p.value));
      else pdf.lineTo(x, yOf(p.value));
    });
    pdf.lineWidth(0.8).strokeColor(COLOR.point).stroke();
    chart.points.forEach((p, i) => {
      const x = xAt(i + 0.5);
      const y = yOf(p.value);
      if (p.isBeyondLimits) {
        pdf
          .polygon([x, y - 4.2], [x + 4.2, y], [x, y + 4.2], [x - 4.2, y])
          .lineWidth(0.6)
          .fillAndStroke(COLOR.beyond, COLOR.text);
      } else {
        pdf.circle(x, y, 2.2).fill(COLOR.point);
      }
    });

    // Point numbers under the plot, thinned out so they never collide.
    this.style('regular', SIZE.tiny, COLOR.muted);
    const every = Math.max(1, Math.ceil(16 / step));
    for (let i = 0; i < n; i += every) {
      pdf.text(String(i + 1), xAt(i + 0.5) - 10, plotY + plotHeight + 3, {
        width: 20,
        align: 'center',
        lineBreak: false,
      });
    }
    pdf.y = plotY + plotHeight + 16;
    this.chartLegend(plotX);
    this.chartNotes(chart);
  }

  /** Shapes and line styles of the control chart, explained with the same shapes. */
  private chartLegend(x0: number): void {
    const pdf = this.pdf;
    this.ensure(14);
    const y = pdf.y + 5;
    let x = x0;
    const label = (text: string) => {
      this.style('regular', SIZE.tiny, COLOR.text);
      pdf.text(text, x, y - 3.5, { lineBreak: false });
      x += pdf.widthOfString(text) + 14;
    };
    pdf.circle(x + 2, y, 2.2).fill(COLOR.point);
    x += 8;
    label('point');
    pdf
      .polygon([x + 4, y - 4], [x + 8, y], [x + 4, y + 4], [x, y])
      .lineWidth(0.6)
      .fillAndStroke(COLOR.beyond, COLOR.text);
    x += 11;
    label('beyond the limits');
    pdf
      .moveTo(x, y)
      .lineTo(x + 16, y)
      .lineWidth(1.1)
      .strokeColor(COLOR.centre)
      .stroke();
    x += 20;
    label('centre line');
    pdf
      .dash(4, { space: 3 })
      .moveTo(x, y)
      .lineTo(x + 16, y)
      .lineWidth(0.9)
      .strokeColor(COLOR.limit)
      .stroke()
      .undash();
    x += 20;
    label('control limits');
    pdf.y = y + 8;
  }

  private chartNotes(chart: ControlChartView): void {
    const lines: string[] = [];
    if (chart.segments.length > 1) {
      for (const s of chart.segments) {
        lines.push(
          `Points ${s.start + 1}–${s.end}: centre ${formatNumber(s.center)}, limits ${formatNumber(s.lower)} to ${formatNumber(s.upper)}`,
        );
      }
    }
    if (chart.expected !== null) {
      lines.push(`Expected from the system: ${formatNumber(chart.expected)}`);
    }
    const shown = chart.signals.slice(0, 8);
    for (const s of shown) {
      lines.push(`Signal at point ${s.index + 1} (rule ${s.rule}): ${s.description}`);
    }
    if (chart.signals.length > shown.length) {
      lines.push(`and ${chart.signals.length - shown.length} more signals`);
    }
    if (lines.length === 0) return;
    this.pdf.y += 2;
    this.style('regular', SIZE.small, COLOR.muted);
    for (const line of lines) {
      this.ensure(12);
      this.pdf.text(this.fit(line), this.left, this.pdf.y, { width: this.width });
    }
  }

  // ---- footer

  /** The document title and "Page n of N" on every page, once the page count is known. */
  private footers(title: string): void {
    const pdf = this.pdf;
    const range = pdf.bufferedPageRange();
    const fitted = this.fit(title).replace(/\s+/g, ' ');
    for (let i = range.start; i < range.start + range.count; i++) {
      pdf.switchToPage(i);
      // Writing below the bottom margin would make pdfkit start a new page.
      const margin = pdf.page.margins.bottom;
      pdf.page.margins.bottom = 0;
      const y = pdf.page.height - FOOTER_FROM_BOTTOM;
      this.style('regular', SIZE.tiny, COLOR.muted);
      pdf.text(fitted, this.left, y, {
        width: this.width * 0.7,
        height: 10,
        lineBreak: false,
        ellipsis: true,
      });
      pdf.text(`Page ${i + 1} of ${range.count}`, this.left, y, {
        width: this.width,
        align: 'right',
        lineBreak: false,
      });
      pdf.page.margins.bottom = margin;
    }
  }
}

/** Control chart geometry, shared by the drawing and the heading that keeps with it. */
const CHART = { plotHeight: 170, markerRow: 10, markerRowsKept: 3, below: 60 } as const;

/**
 * How much of a section's first block its heading keeps with it on one page: a chart as a
 * whole (it never splits), otherwise about two lines, so a heading never ends a page.
 */
function keepWithHeading(block: ExportBlock | undefined): number {
  if (block?.type === 'controlChart') {
    return 18 + CHART.markerRow * CHART.markerRowsKept + 4 + CHART.plotHeight + CHART.below;
  }
  return 40;
}

/** Round tick values covering [low, high]: steps of 1, 2 or 5 times a power of ten. */
function niceTicks(low: number, high: number): { min: number; max: number; values: number[] } {
  if (high - low < 1e-9) {
    high = low + (Math.abs(low) > 0 ? Math.abs(low) : 1);
  }
  const rough = (high - low) / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? rough;
  const min = Math.floor(low / step + 1e-9) * step;
  const max = Math.ceil(high / step - 1e-9) * step;
  const values: number[] = [];
  for (let v = min; v <= max + step / 2; v += step) values.push(Number(v.toPrecision(12)));
  return { min, max, values };
}
