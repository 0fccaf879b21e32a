import type { ControlCommand } from './schemas.ts';

/**
 * Co-facilitators: who ran a console command, as the session's event log records it, and
 * which commands edit the agenda (refused to a workspace's producers, who run the console
 * but do not change what is planned). Types and one list only: the console imports it.
 */

/** Who a logged facilitator action came from: a signed-in member, or the console's key. */
export type LoggedActor = { kind: 'account'; accountId: string; name: string } | { kind: 'key' };

/** The commands that change the agenda: its rounds, their settings and notes, the day's start. */
export const AGENDA_EDITING_COMMANDS = [
  'agenda.add',
  'agenda.update',
  'agenda.remove',
  'agenda.move',
  'session.reschedule',
] as const satisfies readonly ControlCommand['type'][];

export function isAgendaEdit(type: string): boolean {
  return (AGENDA_EDITING_COMMANDS as readonly string[]).includes(type);
}

/** One line of the console's "who did what": a logged facilitator action. */
export interface ActivityEntry {
  seq: number;
  at: number;
  /** The event's type (`round.revealed`, `agenda.added`…). */
  type: string;
  /** The member's name (their email), or "Console key". */
  who: string;
}

/** What the console may do, as its socket's credential and the member's role decide. */
export interface ConsoleAccess {
  /** The signed-in member's name, or null for a console opened with its key. */
  name: string | null;
  /** The workspace role the console runs under, or null for the key. */
  role: 'owner' | 'facilitator' | 'producer' | null;
  canEditAgenda: boolean;
  /** The room screen's key, for a member's console (a key console holds its own). */
  screenKey: string | null;
}
