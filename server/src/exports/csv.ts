import type { RoundSummary, SummaryBlock } from '@playfield/shared';
import { formatNumber } from './format.ts';

/** Excel reads a file as UTF-8 only when it starts with a byte order mark. */
const BOM = '\uFEFF';

/** A plain number cannot be a formula, so it keeps its sign and stays a number in Excel. */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * One CSV field (RFC 4180): quoted when it holds a quote, comma or line break, quotes
 * doubled. A field a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`,
 * a tab or a carriage return) gets a leading apostrophe, so "=HYPERLINK(...)" in a note
 * shows as text; plain numbers such as -3 are left alone.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function records(rows: string[][]): string {
  return BOM + rows.map((row) => row.map(csvField).join(',') + '\r\n').join('');
}

/** A CSV file: a header row, then the rows; CRLF line ends and a UTF-8 byte order mark. */
export function toCsv(columns: string[], rows: string[][]): string {
  return records([columns, ...rows]);
}

/**
 * A round's results as one CSV file: the headline and text notes first, then one section
 * per table, bar chart, list and control chart (a header row, or a title row for a list,
 * then the rows), sections apart by an empty row. Spreadsheets open it as one sheet.
 */
export function summaryToCsv(summary: RoundSummary): string {
  const rows: string[][] = [[summary.headline]];
  for (const block of summary.blocks.filter((b) => b.type === 'text')) rows.push([block.text]);
  for (const block of summary.blocks) {
    const section = csvSection(block);
    if (section) rows.push([], ...section);
  }
  return records(rows);
}

function csvSection(block: SummaryBlock): string[][] | null {
  switch (block.type) {
    case 'text':
      return null;
    case 'table':
      return [block.columns, ...block.rows];
    case 'bars':
      return [
        ['Item', block.unit.trim() ? `Value (${block.unit.trim()})` : 'Value'],
        ...block.values.map((value, i) => [block.labels[i] ?? '', formatNumber(value)]),
      ];
    case 'list':
      return [[block.title || 'List'], ...block.items.map((item) => [item])];
    case 'controlChart': {
      const chart = block.chart;
      return [
        [chart.title],
        ['#', 'Point', 'Value', 'Lower limit', 'Centre', 'Upper limit', 'Beyond the limits'],
        ...chart.points.map((point, i) => {
          const segment = chart.segments.find((s) => s.start <= i && i < s.end);
          const limit = (value: number | undefined) =>
            value === undefined ? '' : formatNumber(value);
          return [
            String(i + 1),
            point.label,
            formatNumber(point.value),
            limit(segment?.lower),
            limit(segment?.center),
            limit(segment?.upper),
            point.isBeyondLimits ? 'yes' : '',
          ];
        }),
      ];
    }
    default: {
      const unknown: never = block;
      throw new Error(`No CSV for block ${JSON.stringify(unknown)}`);
    }
  }
}
