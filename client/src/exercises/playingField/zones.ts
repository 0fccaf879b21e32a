import type { TestQuestionId, Zone } from '@playfield/shared/exercises/playingField/index';

/**
 * How each zone looks and reads. The phone bundle imports no runtime values from shared
 * (zod would come with them), so the zone and question wording is kept here too; a client
 * test checks it against shared's, which the summary uses.
 */
export interface ZoneInfo {
  id: Zone;
  /** As the phone's buttons say it. */
  label: string;
  /** As tables and chips say it. */
  short: string;
  /** One line on what the zone means for the person at the counter. */
  hint: string;
  /** A shape, so the zones differ by more than colour. */
  symbol: string;
}

/** The zones from the widest freedom to the narrowest, the order of every count. */
export const ZONE_INFO: readonly ZoneInfo[] = [
  {
    id: 'spot',
    label: 'Handle it on the spot',
    short: 'On the spot',
    hint: 'The person with the customer decides and acts, there and then.',
    symbol: '✓',
  },
  {
    id: 'guideline',
    label: 'Handle it within a guideline',
    short: 'Within a guideline',
    hint: 'They decide, inside limits the team has written down.',
    symbol: '§',
  },
  {
    id: 'escalate',
    label: 'Escalate',
    short: 'Escalate',
    hint: 'Someone else (a manager, a specialist) decides.',
    symbol: '↑',
  },
];

/** The zone's presentation; every zone is in the list. */
export function zoneInfo(zone: Zone): ZoneInfo {
  return ZONE_INFO.find((z) => z.id === zone) ?? (ZONE_INFO[0] as ZoneInfo);
}

/** The four questions of "from rigid to flexible", each put so that yes argues to widen. */
export const QUESTIONS: readonly { id: TestQuestionId; text: string }[] = [
  { id: 'rubberStamp', text: 'Is the decision a rubber stamp?' },
  { id: 'noValueAdded', text: 'Would involving someone else add nothing?' },
  { id: 'canReach', text: 'Can the person reach the information they need?' },
  { id: 'canLearn', text: 'Can they learn the criteria?' },
];

/** The wording of one of the four questions. */
export const questionText = (id: TestQuestionId): string | undefined =>
  QUESTIONS.find((q) => q.id === id)?.text;
