import type { CreateSessionBody, CreatedSession, Result, TakenSeat } from '@playfield/shared';
import { call } from '../api.ts';

/** The rehearsal routes of the JSON API. */
export const rehearsalApi = {
  /** A session with simulated participants, started on the server at once. */
  create: (body: CreateSessionBody): Promise<Result<CreatedSession>> =>
    call<CreatedSession>('/rehearsals', { method: 'POST', body: JSON.stringify(body) }),
  /** Hands a simulated seat to the facilitator's phone (the simulation leaves it). */
  takeSeat: (sessionId: string, token: string, participantId: string): Promise<Result<TakenSeat>> =>
    call<TakenSeat>(
      `/sessions/${encodeURIComponent(sessionId)}/rehearsal/seats/${encodeURIComponent(participantId)}`,
      { method: 'POST', body: '{}', headers: { authorization: `Bearer ${token}` } },
    ),
};
