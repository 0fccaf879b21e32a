import { COLOR, SIZE, type FontName, type PdfCanvas } from './canvas.ts';

/**
 * A table with a shaded header row, wrapped cells and numbers aligned right. A row never
 * splits; a page break repeats the header. A row taller than a page is cut with an ellipsis.
 */
export function drawTable(canvas: PdfCanvas, columns: string[], rows: string[][]): void {
  const pdf = canvas.pdf;
  if (columns.length === 0) return;
  const pad = 4;
  const header = columns.map((c) => canvas.fit(c));
  const body = rows.map((row) => columns.map((_, i) => canvas.fit(row[i] ?? '')));
  const widths = columnWidths(canvas, header, body, pad);
  const isNumeric = columns.map(
    (_, i) =>
      body.some((row) => row[i] !== '') &&
      body.every((row) => /^\s*[-+−]?[\d.,]+\s*%?\s*$/.test(row[i] ?? '') || row[i] === ''),
  );
  const cellHeight = (cells: string[], font: FontName) => {
    canvas.style(font, SIZE.small, COLOR.text);
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
  const maxRowHeight = canvas.bottom - canvas.top - headerHeight;

  const drawRow = (cells: string[], height: number, isHeader: boolean) => {
    const y = pdf.y;
    if (isHeader) pdf.rect(canvas.left, y, canvas.width, height).fill(COLOR.headerFill);
    let x = canvas.left;
    canvas.style(isHeader ? 'bold' : 'regular', SIZE.small, COLOR.text);
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
      .moveTo(canvas.left, y + height)
      .lineTo(canvas.left + canvas.width, y + height)
      .lineWidth(isHeader ? 0.9 : 0.5)
      .strokeColor(isHeader ? COLOR.muted : COLOR.rule)
      .stroke();
    pdf.y = y + height;
  };

  const firstHeight = body[0] ? Math.min(cellHeight(body[0], 'regular'), maxRowHeight) : 0;
  canvas.ensure(headerHeight + firstHeight);
  drawRow(header, headerHeight, true);
  for (const cells of body) {
    const height = Math.min(cellHeight(cells, 'regular'), maxRowHeight);
    if (pdf.y + height > canvas.bottom) {
      canvas.newPage();
      drawRow(header, headerHeight, true);
    }
    drawRow(cells, height, false);
  }
}

/**
 * Column widths filling the text width: each column its natural width when all fit,
 * otherwise narrow columns keep theirs and the wide ones share what is left.
 */
function columnWidths(
  canvas: PdfCanvas,
  header: string[],
  body: string[][],
  pad: number,
): number[] {
  const pdf = canvas.pdf;
  const widest = (texts: string[], font: FontName) => {
    canvas.style(font, SIZE.small, COLOR.text);
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
  if (total <= canvas.width) return natural.map((w) => (w / total) * canvas.width);
  // Water filling: settle the columns narrower than a fair share, split the rest evenly.
  const widths: (number | null)[] = natural.map(() => null);
  let left = canvas.width;
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
