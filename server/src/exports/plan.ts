import { PLAN_FIELD_LABELS, type ActionPlan, type PlanAction } from '@playfield/shared/plans/plan';
import type { ExportBlock, ExportDocument } from './document.ts';
import { weekdayOf } from './format.ts';

/** Who and what a plan export is about, for its title and the calendar's descriptions. */
export interface PlanExportContext {
  workshopTitle: string;
  /** The workshop's date, `YYYY-MM-DD`. */
  date: string;
  participantName: string;
}

/** The fields listed under an action's heading (the action itself is the heading). */
const DETAIL_FIELDS = ['why', 'firstStep', 'due', 'involve', 'measure'] as const;

/** Heading of an action: its text, numbered, or a placeholder while it is still empty. */
export function actionTitle(action: PlanAction, index: number): string {
  const text = action.text.replace(/\s+/g, ' ').trim();
  return `${index + 1}. ${text || 'Untitled action'}`;
}

/**
 * A personal action plan as an export document: the person, workshop and date on top, then
 * one section per action with the fields filled in (empty ones left out) and the round the
 * action came from.
 */
export function planDocument(plan: ActionPlan, ctx: PlanExportContext): ExportDocument {
  const name = ctx.participantName.trim();
  const sections: ExportDocument['sections'] = plan.actions.map((action, index) => {
    const rows = DETAIL_FIELDS.filter((field) => action[field].trim() !== '').map((field) => ({
      label: PLAN_FIELD_LABELS[field],
      value: field === 'due' ? dueText(action.due) : action[field].trim(),
    }));
    if (action.roundTitle.trim()) {
      rows.push({ label: 'From the round', value: action.roundTitle.trim() });
    }
    const blocks: ExportBlock[] = rows.length > 0 ? [{ type: 'fields', rows }] : [];
    return { heading: actionTitle(action, index), blocks };
  });
  if (sections.length === 0) {
    sections.push({
      heading: 'No actions yet',
      blocks: [{ type: 'paragraph', text: 'This plan has no actions yet.' }],
    });
  }
  return {
    title: name ? `Action plan: ${name}` : 'Action plan',
    subtitle: [ctx.workshopTitle.trim(), ctx.date, name].filter(Boolean).join(' · '),
    sections,
  };
}

/** "2025-03-14 (Friday)": the weekday helps someone planning their week. */
function dueText(due: string): string {
  const weekday = weekdayOf(due);
  return weekday ? `${due} (${weekday})` : due;
}
