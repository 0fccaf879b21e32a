import type { RoundResult } from '../session/views.ts';

/**
 * Responses of the JSON API. Request bodies are the zod schemas in `schemas.ts`; these
 * are what the server answers, so client and server share one definition of each.
 */

/** `POST /api/sessions`: what the facilitator receives once. Keep the secrets. */
export interface CreatedSession {
  sessionId: string;
  code: string;
  facilitatorToken: string;
  screenKey: string;
}

/** `POST /api/join`: a seat; the resume token brings its holder back to it. */
export interface JoinedSeat {
  sessionId: string;
  participantId: string;
  name: string;
  resumeToken: string;
}

/** `POST /api/facilitator/sessions`: a session as the facilitator's list shows it. */
export interface SessionListing {
  sessionId: string;
  code: string;
  title: string;
  phase: string;
  createdAt: number;
  endedAt: number | null;
  participantCount: number;
  roundCount: number;
}

/** `GET /api/sessions/:id/results`. */
export interface SessionResults {
  session: SessionListing | undefined;
  rounds: RoundResult[];
}

/** `GET /api/config`. */
export interface ClientConfig {
  protocolVersion: number;
  publicUrl: string | null;
}
