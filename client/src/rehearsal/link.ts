import type { JoinedSeat } from '@playfield/shared';

/**
 * Small helpers for rehearsals that the phone's entry path may use: no zod, no React.
 * A taken seat travels in the link's fragment (`#seat=…`), which browsers never send to
 * the server, so the resume token stays out of logs and referrers.
 */

/** How a rehearsal's title begins (the server adds it; lists hide such sessions by default). */
export const REHEARSAL_LABEL = 'Rehearsal: ';

export function isRehearsalTitle(title: string): boolean {
  return title.startsWith(REHEARSAL_LABEL);
}

/** The join link that opens a taken seat on a phone: the session's join link plus the seat. */
export function takenSeatLink(joinUrl: string, seat: JoinedSeat): string {
  const fragment = new URLSearchParams({
    seat: seat.resumeToken,
    p: seat.participantId,
    n: seat.name,
    s: seat.sessionId,
  });
  return `${joinUrl.replace(/#.*$/, '')}#${fragment.toString()}`;
}

const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The seat a "take this seat" link carries, if this page was opened from one; the fragment
 * is then cleared from the address bar, so the token is not left on screen or in history.
 */
export function seatFromLink(): JoinedSeat | null {
  const params = new URLSearchParams(location.hash.slice(1));
  const resumeToken = params.get('seat') ?? '';
  const participantId = params.get('p') ?? '';
  const sessionId = params.get('s') ?? '';
  const name = (params.get('n') ?? '').slice(0, 60);
  if (!TOKEN.test(resumeToken) || !ID.test(participantId) || !ID.test(sessionId)) return null;
  history.replaceState(null, '', location.pathname + location.search);
  return { resumeToken, participantId, sessionId, name };
}
