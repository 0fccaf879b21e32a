import type {
  AppError,
  ClientConfig,
  CreatedSession,
  JoinedSeat,
  Result,
  SessionHeader,
  SessionListing,
  SessionResults,
} from '@playfield/shared';
import { getDeviceId } from './storage.ts';

export type { SessionListing };

const offline: AppError = {
  code: 'INTERNAL',
  message: 'Cannot reach Playfield: check your connection and try again',
};

/** Calls the JSON API; failures come back as typed errors, never as exceptions. */
async function call<T>(path: string, init: RequestInit = {}): Promise<Result<T>> {
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
  lookup: (code: string) => call<SessionHeader>(`/join/${encodeURIComponent(code)}`),
  join: (code: string, name: string) =>
    call<JoinedSeat>('/join', {
      method: 'POST',
      body: JSON.stringify({ code, name, deviceId: getDeviceId() }),
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
};
