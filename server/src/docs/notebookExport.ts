import * as Y from 'yjs';
import {
  NOTEBOOK_BLOCK_LABELS,
  readNotebook,
  type NotebookData,
} from '@playfield/shared/notebooks/notebook';
import {
  PLAN_ACTION_FIELDS,
  PLAN_FIELD_LABELS,
  type ActionPlan,
} from '@playfield/shared/plans/plan';
import type { NotebookArchive } from '@playfield/shared';
import type { ExportBlock, ExportDocument } from '../exports/document.ts';

/** A plan someone shared with the team, for the notebook's last section. */
export interface SharedPlan {
  name: string;
  plan: ActionPlan;
}

const day = (at: number) => (at > 0 ? new Date(at).toISOString().slice(0, 10) : '');

/** A notebook as an export document: agenda, each round's results and notes, people's notes. */
export function notebookDocument(
  notebook: NotebookData,
  sharedPlans: SharedPlan[],
): ExportDocument {
  const sections: ExportDocument['sections'] = [];
  if (notebook.agenda.length > 0) {
    sections.push({
      heading: 'Agenda',
      blocks: [{ type: 'list', title: '', items: notebook.agenda.map((r) => r.title) }],
    });
  }
  for (const block of notebook.blocks) {
    if (block.type === 'round') {
      const blocks: ExportBlock[] = [];
      if (block.summary) {
        blocks.push({ type: 'paragraph', text: block.summary.headline }, ...block.summary.blocks);
      }
      if (block.text.trim())
        blocks.push({ type: 'fields', rows: [{ label: 'Notes', value: block.text }] });
      sections.push({ heading: block.title || 'Round', blocks });
    } else if (block.type === 'followUp') {
      // Consecutive follow-ups read best as one checklist.
      const last = sections.at(-1);
      // The due date travels with the owner: "(Ann, due 2026-12-10)" in every format.
      const owner = [block.owner.trim(), block.due ? `due ${block.due}` : '']
        .filter(Boolean)
        .join(', ');
      const item = { text: block.text, isDone: block.isDone, owner };
      const list = last?.heading === 'Follow-ups' ? last.blocks[0] : undefined;
      if (list?.type === 'checklist') list.items.push(item);
      else sections.push({ heading: 'Follow-ups', blocks: [{ type: 'checklist', items: [item] }] });
    } else if (block.text.trim()) {
      sections.push({
        heading: NOTEBOOK_BLOCK_LABELS[block.type],
        blocks: [{ type: 'paragraph', text: block.text }],
      });
    }
  }
  for (const { name, plan } of sharedPlans) {
    sections.push({
      heading: `Action plan: ${name}`,
      blocks: plan.actions.map((action) => ({
        type: 'fields' as const,
        rows: PLAN_ACTION_FIELDS.filter((field) => action[field].trim() !== '').map((field) => ({
          label: PLAN_FIELD_LABELS[field],
          value: action[field],
        })),
      })),
    });
  }
  return {
    title: notebook.title,
    subtitle: [
      'Session notebook',
      day(notebook.createdAt),
      notebook.code && `code ${notebook.code}`,
    ]
      .filter(Boolean)
      .join(' · '),
    sections,
  };
}

/** The JSON archive of a notebook: readable data plus the Yjs state an import restores. */
export function notebookArchive(doc: Y.Doc, exportedAt: Date): NotebookArchive {
  const notebook = readNotebook(doc);
  return {
    format: 'playfield-notebook',
    version: 1,
    exportedAt: exportedAt.toISOString(),
    title: notebook.title,
    notebook,
    yjs: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64'),
  };
}
