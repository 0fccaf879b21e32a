import type { RewrittenEvent } from './repository.ts';

/** The name a seat takes once its participant deleted their data. */
export const DELETED_NAME = 'Deleted participant';
/** What text a participant wrote becomes. */
export const DELETED_TEXT = '[deleted]';

/**
 * Fields of a participant's actions and Q&A events that hold what they typed (a note, a
 * comment, an example, a slogan, a question). Ids, choices, scores and tags stay: they are
 * what counts and aggregates are made of, and replaying the log needs them.
 */
const TEXT_FIELDS = new Set([
  'text',
  'comment',
  'example',
  'answer',
  'note',
  'reason',
  'question',
  'slogan',
  'body',
  'message',
  'name',
  'label',
]);

/** A copy of a JSON value with every non-empty typed-text field replaced. */
function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, field] of Object.entries(value)) {
    out[key] =
      TEXT_FIELDS.has(key) && typeof field === 'string' && field !== ''
        ? DELETED_TEXT
        : scrub(field);
  }
  return out;
}

/** Did this participant author the event (their seat, their action, their question)? */
function isTheirs(event: Record<string, unknown>, participantId: string): boolean {
  if (event.participantId === participantId) return true;
  const actor = event.actor;
  return (
    typeof actor === 'object' &&
    actor !== null &&
    (actor as Record<string, unknown>).participantId === participantId
  );
}

/**
 * The events of a log to rewrite so that nothing names a participant or repeats what they
 * typed: their join keeps the seat (so replays, counts and tables stay as they were) under
 * {@link DELETED_NAME}; their actions and questions keep their shape with typed text
 * replaced by {@link DELETED_TEXT}. Only changed events are returned. Pure: the log is the
 * truth, and a replay of the rewritten log must give the same session but for those texts.
 */
export function redactEvents(
  rows: readonly { seq: number; payload: string }[],
  participantId: string,
): RewrittenEvent[] {
  const rewritten: RewrittenEvent[] = [];
  for (const row of rows) {
    let event: unknown;
    try {
      event = JSON.parse(row.payload);
    } catch {
      continue;
    }
    if (typeof event !== 'object' || event === null) continue;
    const record = event as Record<string, unknown>;
    if (!isTheirs(record, participantId)) continue;
    const next =
      record.type === 'participant.joined'
        ? { ...record, name: DELETED_NAME }
        : { ...(scrub(record) as Record<string, unknown>), type: record.type };
    const payload = JSON.stringify(next);
    if (payload !== row.payload) rewritten.push({ seq: row.seq, payload });
  }
  return rewritten;
}
