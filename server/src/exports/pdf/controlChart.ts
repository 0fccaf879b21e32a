import type { ControlChartView } from '@playfield/shared';
import { formatNumber } from '../format.ts';
import { COLOR, SIZE, type PdfCanvas } from './canvas.ts';

/** Control chart geometry, shared by the drawing and the heading that keeps with it. */
export const CHART = { plotHeight: 170, markerRow: 10, markerRowsKept: 3, below: 60 } as const;

/**
 * A control chart: points joined by a line, each segment's centre line (solid) and limits
 * (dashed), points beyond the limits drawn as larger diamonds, and markers as labelled
 * vertical ticks. Below it, a legend, every segment's limits, the signals and the expected
 * value in words, so the chart reads without colour.
 */
export function drawControlChart(canvas: PdfCanvas, chart: ControlChartView): void {
  const pdf = canvas.pdf;
  const title = canvas.fit(chart.title);
  const n = chart.points.length;
  if (n === 0) {
    canvas.paragraph(title);
    return canvas.paragraph('No points yet.');
  }

  const axisWidth = 46;
  const rightWidth = 62;
  const plotX = canvas.left + axisWidth;
  const plotWidth = canvas.width - axisWidth - rightWidth;
  const plotHeight = CHART.plotHeight;
  const step = plotWidth / n;
  const xAt = (position: number) => plotX + position * step;

  // Marker labels in rows above the plot, each in the first row where it fits.
  const markers = chart.markers
    .filter((m) => m.beforePoint >= 0 && m.beforePoint <= n)
    .map((m) => ({ ...m, label: canvas.fit(m.label).replace(/\s+/g, ' ').trim() }));
  const placed = markers.map((m) => {
    const x = xAt(m.beforePoint);
    canvas.style(m.isSystemChange ? 'bold' : 'regular', SIZE.tiny, COLOR.text);
    const width = Math.min(pdf.widthOfString(m.label) + 1, 160);
    const start = Math.min(x + 2, canvas.left + canvas.width - width);
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
  canvas.style('bold', SIZE.body, COLOR.text);
  const titleHeight = pdf.heightOfString(title, { width: canvas.width }) + 4;
  canvas.ensure(titleHeight + bandHeight + plotHeight + CHART.below);
  pdf.text(title, canvas.left, pdf.y, { width: canvas.width });
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
    canvas.style('regular', SIZE.tiny, COLOR.muted);
    pdf.text(formatNumber(tick), plotX - 40, y - 3.5, {
      width: 36,
      align: 'right',
      lineBreak: false,
    });
  }
  pdf.rect(plotX, plotY, plotWidth, plotHeight).lineWidth(0.6).strokeColor(COLOR.rule).stroke();
  if (chart.unit.trim()) {
    canvas.style('regular', SIZE.tiny, COLOR.muted);
    pdf.save();
    pdf.rotate(-90, { origin: [canvas.left, plotY + plotHeight] });
    pdf.text(canvas.fit(chart.unit), canvas.left, plotY + plotHeight - 1, {
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
    canvas.style(p.marker.isSystemChange ? 'bold' : 'regular', SIZE.tiny, COLOR.text);
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
      canvas.style('regular', SIZE.tiny, label.color);
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
  canvas.style('regular', SIZE.tiny, COLOR.muted);
  const every = Math.max(1, Math.ceil(16 / step));
  for (let i = 0; i < n; i += every) {
    pdf.text(String(i + 1), xAt(i + 0.5) - 10, plotY + plotHeight + 3, {
      width: 20,
      align: 'center',
      lineBreak: false,
    });
  }
  pdf.y = plotY + plotHeight + 16;
  chartLegend(canvas, plotX);
  chartNotes(canvas, chart);
}

/** Shapes and line styles of the control chart, explained with the same shapes. */
function chartLegend(canvas: PdfCanvas, x0: number): void {
  const pdf = canvas.pdf;
  canvas.ensure(14);
  const y = pdf.y + 5;
  let x = x0;
  const label = (text: string) => {
    canvas.style('regular', SIZE.tiny, COLOR.text);
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

function chartNotes(canvas: PdfCanvas, chart: ControlChartView): void {
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
  canvas.pdf.y += 2;
  canvas.style('regular', SIZE.small, COLOR.muted);
  for (const line of lines) {
    canvas.ensure(12);
    canvas.pdf.text(canvas.fit(line), canvas.left, canvas.pdf.y, { width: canvas.width });
  }
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
