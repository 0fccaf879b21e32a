import type { ControlChartView } from '@playfield/shared';
import { hasContent, type ExportBlock, type ExportDocument } from './document.ts';
import { formatNumber } from './format.ts';

/**
 * Escapes user text for Markdown (CommonMark and GitHub's dialect) so it reads as the
 * person typed it and cannot become a link, an image, HTML, emphasis, a heading, a list or
 * a quote. Inline punctuation gets a backslash; so does a line's first character when it
 * would start a block. Line breaks stay, as hard breaks (a trailing backslash).
 */
export function escapeMarkdown(text: string): string {
  return cleanLines(text)
    .filter((line) => line !== '')
    .map((line) =>
      escapeInline(line)
        .replace(/^([#>+=-])/, '\\$1')
        .replace(/^(\d+)([.)])/, '$1\\$2'),
    )
    .join('\\\n');
}

/**
 * Backslashes before the characters that start inline syntax: links and images (`[`, `]`),
 * HTML and autolinks (`<`, `>`), entities (`&`), code, emphasis, strikethrough, table
 * pipes and GitHub's math (`$`).
 */
function escapeInline(line: string): string {
  return line.replace(/[\\`*_[\]<>|~&$]/g, '\\$&');
}

/** One cell of a GitHub table: escaped, line breaks as `<br>` (block syntax cannot start). */
function cell(text: string): string {
  // A `<br>` is ours, not the user's: their own `<` and `>` are escaped before it is added.
  return cleanLines(text)
    .filter((line) => line !== '')
    .map(escapeInline)
    .join('<br>');
}

/** Lines without control characters or the leading spaces that would make a code block. */
function cleanLines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[^\P{Cc}\n]|[\u2028\u2029]/gu, '')
    .split('\n')
    .map((line) => line.trim());
}

/**
 * Text on one line, for headings, titles and owners: inline escapes, and `#` too, which
 * would otherwise close a heading early.
 */
function oneLine(text: string): string {
  return escapeInline(text.replace(/\s+/g, ' ').trim()).replace(/#/g, '\\#');
}

/**
 * Renders an export document as Markdown: `#` title, `##` sections, paragraphs, lists,
 * GitHub task lists for checklists, GitHub tables (bars as a table with text bars, a control
 * chart as a table of its points). Every piece of user text is escaped.
 */
export function renderMarkdown(doc: ExportDocument): string {
  const parts: string[] = [`# ${oneLine(doc.title)}`];
  if (doc.subtitle?.trim()) parts.push(`_${oneLine(doc.subtitle)}_`);
  for (const section of doc.sections) {
    parts.push(`## ${oneLine(section.heading)}`);
    for (const block of section.blocks.filter(hasContent)) {
      const text = renderBlock(block);
      if (text) parts.push(text);
    }
  }
  return `${parts.join('\n\n')}\n`;
}

function renderBlock(block: ExportBlock): string {
  switch (block.type) {
    case 'text':
    case 'paragraph':
      return paragraphs(block.text);
    case 'list': {
      const items = block.items.map((item) => `- ${listItem(item)}`).join('\n');
      return block.title.trim() ? `**${oneLine(block.title)}**\n\n${items}` : items;
    }
    case 'checklist':
      return block.items
        .map((item) => {
          const owner = item.owner.trim() ? ` (${oneLine(item.owner)})` : '';
          return `- [${item.isDone ? 'x' : ' '}] ${listItem(item.text)}${owner}`;
        })
        .join('\n');
    case 'fields':
      return block.rows
        .map((row) => `- **${oneLine(row.label)}:** ${listItem(row.value)}`)
        .join('\n');
    case 'table':
      return table(block.columns, block.rows);
    case 'bars':
      return bars(block.labels, block.values, block.unit);
    case 'controlChart':
      return controlChart(block.chart);
    default: {
      const unknown: never = block;
      throw new Error(`No Markdown for block ${JSON.stringify(unknown)}`);
    }
  }
}

/** Paragraphs split at blank lines; single line breaks kept as hard breaks. */
function paragraphs(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => escapeMarkdown(p.trim()))
    .filter((p) => p !== '')
    .join('\n\n');
}

/** A list item's text: continuation lines indented so they stay inside the item. */
function listItem(text: string): string {
  const escaped = escapeMarkdown(text.trim());
  return escaped === '' ? '–' : escaped.replace(/\n/g, '\n  ');
}

function table(columns: string[], rows: string[][]): string {
  if (columns.length === 0) return '';
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(columns.map(cell)),
    line(columns.map(() => '---')),
    ...rows.map((row) => line(columns.map((_, i) => cell(row[i] ?? '')))),
  ].join('\n');
}

/** Bars as a table: label, value, and a bar of block characters (negative ones marked). */
function bars(labels: string[], values: number[], unit: string): string {
  const largest = Math.max(0, ...values.filter(Number.isFinite).map(Math.abs));
  const width = 20;
  const rows = values.map((value, i) => {
    const length = largest > 0 && Number.isFinite(value) ? Math.abs(value) / largest : 0;
    const bar = '█'.repeat(Math.round(length * width));
    return [labels[i] ?? '', formatNumber(value), value < 0 && bar ? `−${bar}` : bar];
  });
  const valueColumn = unit.trim() ? `Value (${unit.trim()})` : 'Value';
  return table(['Item', valueColumn, 'Bar'], rows);
}

function controlChart(chart: ControlChartView): string {
  const parts = [`**${oneLine(chart.title)}**`];
  if (chart.points.length === 0) return [...parts, 'No points yet.'].join('\n\n');
  const markersBefore = (index: number) =>
    chart.markers
      .filter((m) => m.beforePoint === index)
      .map((m) => `before this point: ${m.label}`);
  const rows = chart.points.map((point, i) => {
    const segment = chart.segments.find((s) => s.start <= i && i < s.end);
    const notes = [...markersBefore(i), ...(point.isBeyondLimits ? ['beyond the limits'] : [])];
    return [
      String(i + 1),
      point.label,
      formatNumber(point.value),
      segment ? formatNumber(segment.lower) : '',
      segment ? formatNumber(segment.center) : '',
      segment ? formatNumber(segment.upper) : '',
      notes.join('; '),
    ];
  });
  const unit = chart.unit.trim() ? ` (${chart.unit.trim()})` : '';
  parts.push(
    table(['#', 'Point', `Value${unit}`, 'Lower limit', 'Centre', 'Upper limit', 'Notes'], rows),
  );
  const after = chart.markers.filter((m) => m.beforePoint >= chart.points.length);
  const notes = [
    ...after.map((m) => `After the last point: ${oneLine(m.label)}`),
    ...(chart.expected === null
      ? []
      : [`Expected from the system: ${formatNumber(chart.expected)}`]),
    ...chart.signals.map(
      (s) => `Signal at point ${s.index + 1} (rule ${s.rule}): ${oneLine(s.description)}`,
    ),
  ];
  if (notes.length > 0) parts.push(notes.map((n) => `- ${n}`).join('\n'));
  return parts.join('\n\n');
}
