import { hasOwn } from '../../own.ts';
import type { ClockState } from './model.ts';
import { roundClockOf } from './apply.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A round as the timing needs it: its id and planned minutes (absent: no plan). */
export interface PlannedRound {
  id: string;
  minutes?: number | undefined;
}

/** Is `hhmm` a time of day written "HH:MM" (00:00 to 23:59)? */
export function isTimeOfDay(hhmm: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(hhmm);
}

/**
 * The instant a planned start "HH:MM" means, in a place `offsetMinutes` ahead of UTC
 * (CET: 60; the browser's is `-new Date().getTimezoneOffset()`): the one of yesterday's,
 * today's and tomorrow's that is nearest to `reference` (the session's real start, or
 * now). So a day planned for 23:50 and started at 00:05 began fifteen minutes late, not
 * a day early. Null for a malformed time.
 */
export function plannedStartAt(
  hhmm: string,
  reference: number,
  offsetMinutes: number,
): number | null {
  if (!isTimeOfDay(hhmm)) return null;
  const minutes = Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const localReference = reference + offsetMinutes * MINUTE;
  const today = Math.floor(localReference / DAY) * DAY + minutes * MINUTE;
  let best = today;
  for (const candidate of [today - DAY, today + DAY]) {
    if (Math.abs(candidate - localReference) < Math.abs(best - localReference)) best = candidate;
  }
  return best - offsetMinutes * MINUTE;
}

/** Milliseconds the room has spent on a round, the open visit included. */
export function roundElapsedMs(
  clock: ClockState | undefined,
  roundId: string,
  currentRoundId: string | null,
  at: number,
): number {
  const round = roundClockOf(clock, roundId);
  const open =
    roundId === currentRoundId && clock?.currentSince != null
      ? Math.max(0, at - clock.currentSince)
      : 0;
  return round.spentMs + open;
}

/** The current round against its plan. */
export interface RoundTiming {
  elapsedMs: number;
  /** The plan with its extensions; null when the round has no planned minutes. */
  plannedMs: number | null;
  extendedMs: number;
  /** Plan left (negative once over); null without a plan. */
  remainingMs: number | null;
}

/** The day against its plan. */
export interface DayTiming {
  /** When the day began: the planned start, else the session's real start. */
  startAt: number;
  elapsedMs: number;
  /** Every round's planned minutes added up. */
  plannedMs: number;
  /**
   * Where the day is against the plan: positive when behind, negative when ahead. It
   * compares when the current round will end (now plus what is left of its plan, its
   * extensions included) with when the plan has the furthest round reached end.
   * Extensions are not in the day's plan: five more minutes make the day five later.
   */
  varianceMs: number;
  /** When the day ends at this pace: the plan's end moved by the variance. */
  projectedEndAt: number;
}

/** Everything the console's clock shows, computed for one instant. */
export interface ClockFigures {
  round: RoundTiming | null;
  /** Null before the start, and when no round has planned minutes. */
  day: DayTiming | null;
}

/** What {@link clockFigures} reads. */
export interface ClockInput {
  clock: ClockState | undefined;
  agenda: readonly PlannedRound[];
  currentRoundId: string | null;
  at: number;
  /** The day's planned start as an instant (see {@link plannedStartAt}); null for none. */
  plannedStartAt: number | null;
}

function plannedMsOf(round: PlannedRound | undefined): number {
  return round?.minutes !== undefined && round.minutes > 0 ? round.minutes * MINUTE : 0;
}

/** The current round's timing, or null when no round is running. */
export function roundTiming(input: ClockInput): RoundTiming | null {
  const { clock, agenda, currentRoundId, at } = input;
  if (currentRoundId === null) return null;
  const round = agenda.find((r) => r.id === currentRoundId);
  if (!round) return null;
  const { extendedMs } = roundClockOf(clock, currentRoundId);
  const elapsedMs = roundElapsedMs(clock, currentRoundId, currentRoundId, at);
  const hasPlan = round.minutes !== undefined && round.minutes > 0;
  const plannedMs = hasPlan ? plannedMsOf(round) + extendedMs : null;
  return {
    elapsedMs,
    plannedMs,
    extendedMs,
    remainingMs: plannedMs === null ? null : plannedMs - elapsedMs,
  };
}

/**
 * Elapsed against plan for the current round and the day, ahead or behind. Pure: the
 * same clock, agenda and instant always give the same figures. O(rounds on the agenda).
 */
export function clockFigures(input: ClockInput): ClockFigures {
  const round = roundTiming(input);
  const { clock, agenda, currentRoundId, at } = input;
  const totalPlannedMs = agenda.reduce((sum, r) => sum + plannedMsOf(r), 0);
  const startAt = input.plannedStartAt ?? clock?.startedAt ?? null;
  if (startAt === null || totalPlannedMs === 0 || clock?.startedAt == null) {
    return { round, day: null };
  }
  // The plan up to the end of the furthest round the room has reached: going back to
  // look at an earlier round does not make the day look early, skipping rounds saves
  // their time.
  let furthest = -1;
  agenda.forEach((r, i) => {
    if (r.id === currentRoundId || hasOwn(clock.rounds, r.id)) furthest = i;
  });
  let plannedThroughMs = 0;
  for (let i = 0; i <= furthest; i++) plannedThroughMs += plannedMsOf(agenda[i]);
  const isRunning = currentRoundId !== null && clock.currentSince !== null;
  const left = isRunning ? Math.max(0, round?.remainingMs ?? 0) : 0;
  const varianceMs = at + left - (startAt + plannedThroughMs);
  return {
    round,
    day: {
      startAt,
      elapsedMs: Math.max(0, at - startAt),
      plannedMs: totalPlannedMs,
      varianceMs,
      projectedEndAt: startAt + totalPlannedMs + varianceMs,
    },
  };
}

/**
 * Ahead or behind in whole minutes, as people say it: "on time" within half a minute,
 * else "3 min behind" / "2 min ahead" / "1 h 05 min behind".
 */
export function describeVariance(varianceMs: number): string {
  const minutes = Math.round(Math.abs(varianceMs) / MINUTE);
  if (minutes === 0) return 'on time';
  const amount =
    minutes < 60
      ? `${minutes} min`
      : `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${amount} ${varianceMs > 0 ? 'behind' : 'ahead'}`;
}

/** Whole minutes, rounded, for the notebook's planned and actual figures. */
export function toMinutes(ms: number): number {
  return Math.round(ms / MINUTE);
}
