import { formatNumber } from '../format.ts';
import { COLOR, SIZE, type PdfCanvas } from './canvas.ts';

/**
 * A horizontal bar chart: labels on the left, bars from a zero axis (negative values to
 * its left, in another colour and with a minus sign), the value at the end of each bar.
 */
export function drawBars(
  canvas: PdfCanvas,
  labels: string[],
  values: number[],
  unit: string,
): void {
  const pdf = canvas.pdf;
  if (values.length === 0) return canvas.paragraph('No values.');
  const texts = values.map(formatNumber);
  const names = values.map((_, i) => canvas.fit(labels[i] ?? ''));
  canvas.style('regular', SIZE.small, COLOR.text);
  const labelWidth = Math.min(
    canvas.width * 0.36,
    Math.max(36, ...names.map((n) => pdf.widthOfString(n) + 2)),
  );
  const valueWidth = Math.max(...texts.map((t) => pdf.widthOfString(t))) + 6;
  const min = Math.min(0, ...values.filter(Number.isFinite));
  const max = Math.max(0, ...values.filter(Number.isFinite));
  const hasNegative = min < 0;
  const hasPositive = max > 0 || !hasNegative;
  const plotX = canvas.left + labelWidth + 10;
  const barsX = plotX + (hasNegative ? valueWidth : 0);
  const barsWidth =
    canvas.width -
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
  if (total < canvas.bottom - canvas.top) canvas.ensure(total);
  pdf.y += 2;
  values.forEach((value, i) => {
    const name = names[i] ?? '';
    const rowHeight = rowHeights[i] ?? 16;
    canvas.ensure(rowHeight);
    canvas.style('regular', SIZE.small, COLOR.text);
    const y = pdf.y;
    pdf.text(name, canvas.left, y + 2.5, { width: labelWidth, align: 'right' });
    const end = Number.isFinite(value) ? xOf(value) : zero;
    if (Math.abs(end - zero) > 0.1) {
      pdf
        .rect(Math.min(zero, end), y + 2, Math.abs(end - zero), barHeight)
        .fill(value < 0 ? COLOR.negative : COLOR.positive);
    }
    canvas.style('regular', SIZE.small, COLOR.text);
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
    canvas.style('regular', SIZE.tiny, COLOR.muted);
    pdf.text(canvas.fit(unit), plotX, pdf.y + 2, { width: canvas.width - labelWidth - 10 });
  }
}
