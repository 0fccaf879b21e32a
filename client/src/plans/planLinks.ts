import type { Seat } from '../storage.ts';

/**
 * The plan's address on any device: the resume token rides in the fragment, which
 * browsers never send to the server in requests or logs.
 */
export function planPath(resumeToken: string): string {
  return `/plan#token=${encodeURIComponent(resumeToken)}`;
}

/** The resume token in the current URL's fragment, if any. */
export function readPlanToken(): string | null {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  return token && /^[A-Za-z0-9_-]{16,128}$/.test(token) ? token : null;
}

/** Where storage.ts keeps seats by join code (read-only here: storage.ts owns writing). */
const SEATS_KEY = 'playfield.seats';

/** Every seat this browser holds, newest sessions last: whose plans it can open. */
export function storedSeats(): Seat[] {
  try {
    const raw = localStorage.getItem(SEATS_KEY);
    const seats = raw ? (JSON.parse(raw) as Record<string, Seat> | null) : null;
    return Object.values(seats ?? {}).filter(
      (seat) => typeof seat?.resumeToken === 'string' && typeof seat.sessionId === 'string',
    );
  } catch {
    return [];
  }
}
