import type { SummaryBlock } from '@playfield/shared';

/**
 * A document to export, independent of the format: the plan, the notebook and a round's
 * one-page policy are all built as one of these, then rendered by `renderPdf` or
 * `renderMarkdown`. Round results reuse the exercises' summary blocks as they are.
 */
export interface ExportDocument {
  title: string;
  /** One line under the title: the workshop, the date, the person. */
  subtitle?: string;
  sections: ExportSection[];
}

export interface ExportSection {
  heading: string;
  blocks: ExportBlock[];
}

export type ExportBlock =
  | SummaryBlock
  | { type: 'paragraph'; text: string }
  /** Label and value pairs, e.g. an action's why, first step and due date. */
  | { type: 'fields'; rows: { label: string; value: string }[] }
  /** Follow-ups with an owner, ticked or not. */
  | { type: 'checklist'; items: { text: string; isDone: boolean; owner: string }[] };

/** A block with nothing to show (an empty list or table): exports leave it out. */
export function hasContent(block: ExportBlock): boolean {
  switch (block.type) {
    case 'list':
    case 'checklist':
      return block.items.length > 0;
    case 'table':
    case 'fields':
      return block.rows.length > 0;
    case 'bars':
      return block.labels.length > 0;
    case 'text':
    case 'paragraph':
      return block.text.trim() !== '';
    case 'controlChart':
      // An empty chart still says "No points yet": the run happened.
      return true;
  }
}
