/*
 * Planned times of an agenda: each round starts when the ones before it, at their planned
 * minutes, are over, counted from the day's planned start. Pure arithmetic on whole
 * minutes; a clock past midnight wraps round to 00:00.
 */

/** Minutes since midnight of an "HH:MM" time, or null when it is not one. */
export function minutesOfDay(hhmm: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** "HH:MM" of minutes since midnight (wrapping past midnight). */
export function formatTimeOfDay(minutes: number): string {
  const wrapped = ((Math.round(minutes) % 1440) + 1440) % 1440;
  const h = Math.floor(wrapped / 60);
  const m = wrapped % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** A round's place in the day: its offset from the start, and its clock times when the start is known. */
export interface PlannedSlot {
  /** Minutes from the day's start to this round's start. */
  offset: number;
  /** The round's planned minutes (0 when it has none). */
  minutes: number;
  /** "HH:MM", or null without a planned start. */
  start: string | null;
  end: string | null;
}

/**
 * Each round's planned slot, in agenda order. A round without planned minutes takes none,
 * so the rounds after it keep their times.
 */
export function plannedSlots(
  rounds: readonly { minutes?: number | undefined }[],
  plannedStart?: string | null,
): PlannedSlot[] {
  const start = plannedStart ? minutesOfDay(plannedStart) : null;
  let offset = 0;
  return rounds.map((round) => {
    const minutes = round.minutes ?? 0;
    const slot: PlannedSlot = {
      offset,
      minutes,
      start: start === null ? null : formatTimeOfDay(start + offset),
      end: start === null ? null : formatTimeOfDay(start + offset + minutes),
    };
    offset += minutes;
    return slot;
  });
}

/** The planned minutes of a whole agenda. */
export function plannedTotal(rounds: readonly { minutes?: number | undefined }[]): number {
  return rounds.reduce((sum, r) => sum + (r.minutes ?? 0), 0);
}

/** "6 h 30 min", "45 min", "2 h": a length of time as people say it. */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
