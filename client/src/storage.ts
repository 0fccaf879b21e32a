import type { JoinedSeat } from '@playfield/shared';

/**
 * What a browser keeps: a participant's resume tokens (their seat), a facilitator's
 * session tokens, and a random device id. Storage can be unavailable (private mode):
 * every read tolerates that.
 */

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? ((JSON.parse(raw) as T | null) ?? fallback) : fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Private browsing or a full disk: the seat lasts as long as the tab.
  }
}

/** A seat in a session, kept on the phone: the join answer as it came. */
export type Seat = JoinedSeat;

const SEATS = 'playfield.seats';
const FACILITATED = 'playfield.facilitated';
const DEVICE = 'playfield.device';

export function getSeat(code: string): Seat | null {
  return read<Record<string, Seat>>(SEATS, {})[code] ?? null;
}

export function saveSeat(code: string, seat: Seat): void {
  write(SEATS, { ...read<Record<string, Seat>>(SEATS, {}), [code]: seat });
}

/**
 * The seats this browser holds, newest first, to offer "return to your session" on the
 * home page. Entries that are not a seat under a join code (another app, an old format)
 * are left out.
 */
export function listSeats(): { code: string; seat: Seat }[] {
  const seats = read<Record<string, Seat>>(SEATS, {});
  return Object.entries(seats)
    .filter(
      ([code, seat]) =>
        /^[A-Z0-9]{6}$/.test(code) &&
        typeof seat === 'object' &&
        seat !== null &&
        typeof seat.name === 'string' &&
        typeof seat.resumeToken === 'string',
    )
    .map(([code, seat]) => ({ code, seat }))
    .reverse();
}

export function forgetSeat(code: string): void {
  const seats = read<Record<string, Seat>>(SEATS, {});
  delete seats[code];
  write(SEATS, seats);
}

/** A session this browser created, with its facilitator token. */
export interface FacilitatedSession {
  sessionId: string;
  token: string;
  screenKey?: string;
}

export function getFacilitated(): FacilitatedSession[] {
  return read<FacilitatedSession[]>(FACILITATED, []);
}

export function rememberFacilitated(session: FacilitatedSession): void {
  const others = getFacilitated().filter((s) => s.sessionId !== session.sessionId);
  const previous = getFacilitated().find((s) => s.sessionId === session.sessionId);
  write(FACILITATED, [{ ...previous, ...session }, ...others].slice(0, 200));
}

/** A random id for this browser, so join-code guessing is limited per device, not per office. */
export function getDeviceId(): string {
  let id = read<string | null>(DEVICE, null);
  if (!id) {
    const bytes = crypto.getRandomValues(new Uint8Array(18));
    id = btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    write(DEVICE, id);
  }
  return id;
}
