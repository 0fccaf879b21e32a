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
