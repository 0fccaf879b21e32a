import { dueDateSchema, type ActionPlan, type PlanAction } from '@playfield/shared/plans/plan';
import type { PlanExportContext } from './plan.ts';

/** What a calendar export needs beyond the plan's context. */
export interface PlanIcsContext extends PlanExportContext {
  /** The host the UIDs are scoped to (RFC 5545 suggests a domain), e.g. the server's host. */
  uidDomain: string;
  /** When the file is made, for DTSTAMP. */
  now: Date;
}

/**
 * A plan as an RFC 5545 calendar, for reminders in any calendar app.
 *
 * The design: one all-day event per action that has a due date, on that date, titled with
 * the action. Its description starts with the first step (the thing to do now), then why it
 * matters, who to involve, how success shows, and where the action came from. An alarm
 * rings at 9:00 on the day before (a trigger 15 hours before the all-day start, read in the
 * calendar's own time zone), leaving a day to act. The first step has no date of its own in
 * the plan, so it is not a second event. Actions without a due date produce no event.
 *
 * UIDs are the action ids scoped to `uidDomain`, so importing a newer export updates the
 * events instead of duplicating them.
 */
export function renderPlanIcs(plan: ActionPlan, ctx: PlanIcsContext): string {
  const stamp = utcStamp(ctx.now);
  const name = ctx.participantName.trim();
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Playfield//Action plan//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name ? `Action plan: ${name}` : 'Action plan')}`,
  ];
  for (const action of plan.actions) {
    const start = dateValue(action.due);
    const end = dateValue(action.due, 1);
    if (!start || !end) continue;
    const summary = action.text.replace(/\s+/g, ' ').trim() || 'Action from the workshop';
    lines.push(
      'BEGIN:VEVENT',
      `UID:${uidPart(action.id)}@${uidPart(ctx.uidDomain) || 'playfield'}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${start}`,
      `DTEND;VALUE=DATE:${end}`,
      `SUMMARY:${escapeText(summary)}`,
      `DESCRIPTION:${escapeText(describe(action, ctx))}`,
      // A reminder, not a meeting: the day stays free in the person's calendar.
      'TRANSP:TRANSPARENT',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'TRIGGER:-PT15H',
      `DESCRIPTION:${escapeText(
        action.firstStep.trim() ? `First step: ${action.firstStep.trim()}` : summary,
      )}`,
      'END:VALARM',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** The event's description: first step first, then the other fields, then the origin. */
function describe(action: PlanAction, ctx: PlanExportContext): string {
  const parts = [
    ['First step', action.firstStep],
    ['Why it matters', action.why],
    ['Who to involve', action.involve],
    ['How I will know it worked', action.measure],
  ]
    .filter(([, value]) => value?.trim())
    .map(([label, value]) => `${label}: ${value?.trim()}`);
  const origin = [ctx.workshopTitle.trim(), ctx.date, action.roundTitle.trim()]
    .filter(Boolean)
    .join(', ');
  if (origin) parts.push(`From ${origin}`);
  return parts.join('\n');
}

/** `YYYYMMDD` of a valid `YYYY-MM-DD` date plus `days`, or null for no or a bad date. */
function dateValue(due: string, days = 0): string | null {
  if (due === '' || !dueDateSchema.safeParse(due).success) return null;
  const [year, month, day] = due.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return date.toISOString().slice(0, 10).replace(/-/g, '');
}

/** DTSTAMP form: `YYYYMMDDTHHMMSSZ`, in UTC. */
function utcStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** A UID component: ids and host names are ASCII already; anything else is dropped. */
function uidPart(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '');
}

/**
 * A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, every line break
 * as `\n`, and control characters, which TEXT may not hold, removed.
 */
export function escapeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\t\n]/gu, '')
    .replace(/[\\;,]/g, '\\$&')
    .replace(/\n/g, '\\n');
}

/**
 * Folds a content line to at most 75 octets per physical line (RFC 5545 3.1): a CRLF and a
 * space before each continuation. It counts UTF-8 octets and folds only between code
 * points, so a multi-byte character (or an emoji's surrogate pair) is never split.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  // The first line holds 75 octets; a continuation line's leading space takes one of its 75.
  let limit = 75;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0) ?? 0);
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
      limit = 74;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** Octets of a code point in UTF-8 (a lone surrogate goes out as U+FFFD: three). */
function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}
