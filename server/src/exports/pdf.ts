import PDFDocument from 'pdfkit';
import { hasContent, type ExportBlock, type ExportDocument } from './document.ts';
import { pdfFonts } from './fonts.ts';
import { drawBars } from './pdf/bars.ts';
import { COLOR, FOOTER_FROM_BOTTOM, MARGIN, PdfCanvas, SIZE } from './pdf/canvas.ts';
import { CHART, drawControlChart } from './pdf/controlChart.ts';
import { drawChecklist, drawFields, drawList } from './pdf/lists.ts';
import { drawTable } from './pdf/table.ts';

/** Options of {@link renderPdf}. */
export interface PdfOptions {
  /**
   * Set the text in pdfkit's built-in Helvetica even when DejaVu Sans is installed: what a
   * machine without the font produces (tests use it to check the fallback).
   */
  useBuiltInFont?: boolean;
}

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
    layoutDocument(new PdfCanvas(pdf, fonts), doc);
  } catch (error) {
    pdf.end();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  pdf.end();
  return done;
}

/** Lays out one document, top to bottom: title, subtitle, sections and their blocks, footers. */
function layoutDocument(canvas: PdfCanvas, doc: ExportDocument): void {
  const pdf = canvas.pdf;
  canvas.style('bold', SIZE.title, COLOR.text);
  pdf.text(canvas.fit(doc.title), canvas.left, MARGIN.top, { width: canvas.width });
  if (doc.subtitle) {
    pdf.moveDown(0.2);
    canvas.style('regular', SIZE.subtitle, COLOR.muted);
    pdf.text(canvas.fit(doc.subtitle), canvas.left, pdf.y, { width: canvas.width });
  }
  pdf.moveDown(0.4);
  canvas.rule(COLOR.rule);
  for (const section of doc.sections) {
    const blocks = section.blocks.filter(hasContent);
    canvas.heading(section.heading, keepWithHeading(blocks[0]));
    for (const block of blocks) {
      drawBlock(canvas, block);
      pdf.y += 8;
    }
  }
  drawFooters(canvas, doc.title);
}

function drawBlock(canvas: PdfCanvas, block: ExportBlock): void {
  switch (block.type) {
    case 'text':
    case 'paragraph':
      return canvas.paragraph(block.text);
    case 'list':
      return drawList(canvas, block.title, block.items);
    case 'checklist':
      return drawChecklist(canvas, block.items);
    case 'fields':
      return drawFields(canvas, block.rows);
    case 'table':
      return drawTable(canvas, block.columns, block.rows);
    case 'bars':
      return drawBars(canvas, block.labels, block.values, block.unit);
    case 'controlChart':
      return drawControlChart(canvas, block.chart);
    default: {
      const unknown: never = block;
      throw new Error(`No PDF layout for block ${JSON.stringify(unknown)}`);
    }
  }
}

/** The document title and "Page n of N" on every page, once the page count is known. */
function drawFooters(canvas: PdfCanvas, title: string): void {
  const pdf = canvas.pdf;
  const range = pdf.bufferedPageRange();
  const fitted = canvas.fit(title).replace(/\s+/g, ' ');
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    // Writing below the bottom margin would make pdfkit start a new page.
    const margin = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    const y = pdf.page.height - FOOTER_FROM_BOTTOM;
    canvas.style('regular', SIZE.tiny, COLOR.muted);
    pdf.text(fitted, canvas.left, y, {
      width: canvas.width * 0.7,
      height: 10,
      lineBreak: false,
      ellipsis: true,
    });
    pdf.text(`Page ${i + 1} of ${range.count}`, canvas.left, y, {
      width: canvas.width,
      align: 'right',
      lineBreak: false,
    });
    pdf.page.margins.bottom = margin;
  }
}

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
