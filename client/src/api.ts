import type {
  AppError,
  ClientConfig,
  CreatedSession,
  CreatedShareLink,
  JoinedSeat,
  NotebookListing,
  PlanInfo,
  PlansOverview,
  ResolvedLink,
  Result,
  SessionHeader,
  SessionListing,
  SessionResults,
  ShareLinkListing,
} from '@playfield/shared';
import { getDeviceId } from './storage.ts';

export type { SessionListing };

const offline: AppError = {
  code: 'INTERNAL',
  message: 'Cannot reach Playfield: check your connection and try again',
};

/** Calls the JSON API; failures come back as typed errors, never as exceptions. */
export async function call<T>(path: string, init: RequestInit = {}): Promise<Result<T>> {
  try {
    const response = await fetch(`/api${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        'x-device-id': getDeviceId(),
        ...init.headers,
      },
    });
    const body = (await response.json().catch(() => null)) as { error?: AppError } | T | null;
    if (response.ok) return { ok: true, data: body as T };
    const error = (body as { error?: AppError } | null)?.error;
    return {
      ok: false,
      error: error ?? { code: 'INTERNAL', message: `The server answered ${response.status}` },
    };
  } catch {
    return { ok: false, error: offline };
  }
}

export const api = {
  config: () => call<ClientConfig>('/config'),
  /** `sessionId` comes from the QR code or join link (`?s=`): such a join is no guess. */
  lookup: (code: string, sessionId?: string) =>
    call<SessionHeader>(
      `/join/${encodeURIComponent(code)}${sessionId ? `?s=${encodeURIComponent(sessionId)}` : ''}`,
    ),
  join: (code: string, name: string, sessionId?: string) =>
    call<JoinedSeat>('/join', {
      method: 'POST',
      body: JSON.stringify({ code, name, deviceId: getDeviceId(), sessionId }),
    }),
  createSession: (body: unknown) =>
    call<CreatedSession>('/sessions', {
      method: 'POST',
      body: JSON.stringify(body),
    }),
  mySessions: (sessions: { sessionId: string; token: string }[]) =>
    call<{ sessions: SessionListing[] }>('/facilitator/sessions', {
      method: 'POST',
      body: JSON.stringify({ sessions }),
    }),
  screenKey: (sessionId: string, token: string) =>
    call<{ screenKey: string }>(`/sessions/${sessionId}/screen-key`, {
      headers: { authorization: `Bearer ${token}` },
    }),
  results: (sessionId: string, token: string) =>
    call<SessionResults>(`/sessions/${sessionId}/results`, {
      headers: { authorization: `Bearer ${token}` },
    }),
  /** The plan behind a resume token (a participant's own, on any device). */
  plan: (resumeToken: string) =>
    call<PlanInfo>('/plan', { headers: { authorization: `Bearer ${resumeToken}` } }),
  plansOverview: (sessionId: string, token: string) =>
    call<PlansOverview>(`/sessions/${sessionId}/plans`, {
      headers: { authorization: `Bearer ${token}` },
    }),
  /** The facilitator's notebooks, newest edits included, filtered by `query` when given. */
  myNotebooks: (sessions: { sessionId: string; token: string }[], query: string) =>
    call<{ notebooks: NotebookListing[] }>('/facilitator/notebooks', {
      method: 'POST',
      body: JSON.stringify({ sessions, query }),
    }),
  resolveLink: (token: string) =>
    call<ResolvedLink>('/links/resolve', { method: 'POST', body: JSON.stringify({ token }) }),
  shareLinks: (sessionId: string, token: string) =>
    call<{ links: ShareLinkListing[] }>(`/notebooks/${sessionId}/links`, {
      headers: { authorization: `Bearer ${token}` },
    }),
  createShareLink: (sessionId: string, token: string, rights: 'read' | 'edit') =>
    call<CreatedShareLink>(`/notebooks/${sessionId}/links`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ rights }),
    }),
  revokeShareLink: (sessionId: string, token: string, linkId: string) =>
    call<{ revoked: true }>(`/notebooks/${sessionId}/links/${encodeURIComponent(linkId)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    }),
  /**
   * A notebook archive as read from its file: the server validates it. Only a facilitator
   * may import: `as` is one of this browser's sessions, proving it (null sends nothing,
   * and the server explains).
   */
  importNotebook: (archiveText: string, as: { sessionId: string; token: string } | null) =>
    call<CreatedSession>('/notebooks/import', {
      method: 'POST',
      // The header's name is IMPORT_SESSION_HEADER in shared (not imported: it would bring
      // shared's schemas into the entry chunk).
      headers: as
        ? { authorization: `Bearer ${as.token}`, 'x-playfield-session': as.sessionId }
        : {},
      body: archiveText,
    }),
};

/** The file name a download response asks for (RFC 6266), or `fallback`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // A malformed name: try the plain one.
    }
  }
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? fallback;
}

/**
 * Downloads an export that needs a bearer token (so a plain link cannot fetch it) and
 * saves it under the server's file name. Resolves with that name, or the server's error.
 */
export async function download(
  path: string,
  token: string,
  fallbackName = 'download',
): Promise<Result<{ fileName: string }>> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { headers: { authorization: `Bearer ${token}` } });
  } catch {
    return { ok: false, error: offline };
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: AppError } | null;
    return {
      ok: false,
      error: body?.error ?? { code: 'INTERNAL', message: `The server answered ${response.status}` },
    };
  }
  const fileName = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(await response.blob());
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoked later, not at once: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { ok: true, data: { fileName } };
}
