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

/** `GET /api/plan`: the plan behind a resume token, to reopen it on any device. */
export interface PlanInfo {
  docId: string;
  sessionId: string;
  participantId: string;
  name: string;
  workshopTitle: string;
  /** The workshop's day, `YYYY-MM-DD`. */
  date: string;
  code: string;
}

/** `GET /api/sessions/:id/plans`: progress of the plans, and the shared ones by name. */
export interface PlansOverview {
  participantCount: number;
  /** Plans with at least one action. */
  started: number;
  finished: number;
  shared: { participantId: string; name: string; actionCount: number }[];
}

/** A notebook share link as its facilitator lists it (the secret is shown once, at creation). */
export interface ShareLinkListing {
  id: string;
  rights: 'read' | 'edit';
  createdAt: number;
  revokedAt: number | null;
}

/** `POST /api/notebooks/:id/links`: the new link, with its secret. */
export interface CreatedShareLink extends ShareLinkListing {
  token: string;
}

/** `POST /api/links/resolve`: what a share link opens. */
export interface ResolvedLink {
  sessionId: string;
  docId: string;
  rights: 'read' | 'edit';
  title: string;
}

/** `POST /api/facilitator/notebooks`: a notebook in the facilitator's list or search. */
export interface NotebookListing extends SessionListing {
  updatedAt: number | null;
  /** The text around the first match of the search, if there was one. */
  snippet: string | null;
}

/**
 * `POST /api/notebooks/import` takes a notebook's JSON archive (`NotebookArchive`: its
 * readable `notebook` copy is for people and other tools and is ignored; the Yjs state is
 * what is restored) and answers a {@link CreatedSession}. Only a facilitator of this server
 * may import: `Authorization: Bearer <facilitator token>` plus this header naming the
 * session that token belongs to.
 */
export const IMPORT_SESSION_HEADER = 'x-playfield-session';
