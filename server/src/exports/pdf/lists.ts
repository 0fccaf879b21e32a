import { COLOR, SIZE, type PdfCanvas } from './canvas.ts';

/** A bulleted list, under its title in bold when it has one. */
export function drawList(canvas: PdfCanvas, title: string, items: string[]): void {
  const pdf = canvas.pdf;
  if (title.trim()) {
    canvas.style('bold', SIZE.body, COLOR.text);
    canvas.ensure(pdf.currentLineHeight(true) * 2);
    pdf.text(canvas.fit(title), canvas.left, pdf.y, { width: canvas.width });
    pdf.y += 2;
  }
  const indent = 14;
  for (const item of items) {
    const fitted = canvas.fit(item);
    canvas.style('regular', SIZE.body, COLOR.text);
    const lineHeight = pdf.currentLineHeight(true);
    canvas.ensure(Math.min(canvas.textHeight(fitted, canvas.width - indent), lineHeight * 2));
    const y = pdf.y;
    pdf
      .circle(canvas.left + 4, y + canvas.middleOfLine(), 1.8)
      .fill(COLOR.muted)
      .fillColor(COLOR.text);
    pdf.text(fitted, canvas.left + indent, y, { width: canvas.width - indent, lineGap: 1 });
    pdf.y += 2;
  }
}

/** Checkboxes, ticked when done, each item followed by its owner in grey. */
export function drawChecklist(
  canvas: PdfCanvas,
  items: { text: string; isDone: boolean; owner: string }[],
): void {
  const pdf = canvas.pdf;
  const indent = 18;
  const box = 9;
  for (const item of items) {
    const text = canvas.fit(item.text);
    const owner = canvas.fit(item.owner).trim();
    canvas.style('regular', SIZE.body, COLOR.text);
    const lineHeight = pdf.currentLineHeight(true);
    const full = owner ? `${text} — ${owner}` : text;
    canvas.ensure(Math.min(canvas.textHeight(full, canvas.width - indent), lineHeight * 2));
    const y = pdf.y;
    const boxY = y + canvas.middleOfLine() - box / 2;
    pdf.lineWidth(0.9).strokeColor(COLOR.text).rect(canvas.left, boxY, box, box).stroke();
    if (item.isDone) {
      pdf
        .moveTo(canvas.left + 1.8, boxY + box * 0.52)
        .lineTo(canvas.left + box * 0.42, boxY + box - 1.8)
        .lineTo(canvas.left + box - 1.8, boxY + 1.8)
        .lineWidth(1.5)
        .strokeColor(COLOR.centre)
        .stroke();
    }
    canvas.style('regular', SIZE.body, item.isDone ? COLOR.muted : COLOR.text);
    pdf.text(text, canvas.left + indent, y, {
      width: canvas.width - indent,
      lineGap: 1,
      continued: owner !== '',
    });
    if (owner) {
      canvas.style('regular', SIZE.body, COLOR.muted);
      pdf.text(` — ${owner}`, { lineGap: 1 });
    }
    pdf.y += 3;
  }
}

/** Label and value pairs in two columns; a row moves to the next page as a whole. */
export function drawFields(canvas: PdfCanvas, rows: { label: string; value: string }[]): void {
  const pdf = canvas.pdf;
  // The label column is as wide as its longest label, within bounds; the floor fits a plan's
  // labels, so consecutive actions line up whichever fields each one filled in.
  canvas.style('bold', SIZE.small, COLOR.muted);
  const widest = Math.max(0, ...rows.map((row) => pdf.widthOfString(canvas.fit(row.label))));
  const labelWidth = Math.min(canvas.width * 0.3, Math.max(canvas.width * 0.28, widest + 4));
  const gap = 10;
  const valueWidth = canvas.width - labelWidth - gap;
  for (const row of rows) {
    const label = canvas.fit(row.label);
    const value = canvas.fit(row.value).trim();
    canvas.style('bold', SIZE.small, COLOR.muted);
    const labelHeight = pdf.heightOfString(label, { width: labelWidth });
    canvas.style('regular', SIZE.body, COLOR.text);
    const valueHeight = value
      ? pdf.heightOfString(value, { width: valueWidth, lineGap: 1 })
      : pdf.currentLineHeight();
    const height = Math.max(labelHeight, valueHeight);
    // A row taller than a page flows on by itself; anything shorter is kept whole.
    if (height < canvas.bottom - canvas.top) canvas.ensure(height);
    const y = pdf.y;
    const page = pdf.page;
    canvas.style('bold', SIZE.small, COLOR.muted);
    pdf.text(label, canvas.left, y + 1, { width: labelWidth });
    canvas.style('regular', SIZE.body, COLOR.text);
    pdf.text(value, canvas.left + labelWidth + gap, y, { width: valueWidth, lineGap: 1 });
    // After a value that flowed onto the next page, the cursor is already below it.
    pdf.y = (pdf.page === page ? Math.max(pdf.y, y + height) : pdf.y) + 4;
  }
}
