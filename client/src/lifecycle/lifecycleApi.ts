import type { AppError, CreatedSession, Result } from '@playfield/shared';
import { call } from '../api.ts';
import { getFacilitated } from '../storage.ts';

/** What a participant's "delete my data" erased (server/src/lifecycle/service.ts). */
export interface ErasedData {
  plan: boolean;
  name: true;
  events: number;
  resumeToken: true;
}

/** The rows a session's deletion removed, per table. */
export type DeletedRows = Record<string, number>;

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/** Where this browser keeps its facilitated sessions (client/src/storage.ts). */
const FACILITATED = 'playfield.facilitated';

/** Forgets a deleted session's key on this browser. */
export function forgetFacilitated(sessionId: string): void {
  try {
    localStorage.setItem(
      FACILITATED,
      JSON.stringify(getFacilitated().filter((s) => s.sessionId !== sessionId)),
    );
  } catch {
    // Storage unavailable: nothing was kept either.
  }
}

export const lifecycleApi = {
  deleteSession: (sessionId: string, token: string) =>
    call<{ deleted: true; rows: DeletedRows }>(`/sessions/${encodeURIComponent(sessionId)}`, {
      method: 'DELETE',
      headers: auth(token),
    }),
  deleteMyData: (resumeToken: string) =>
    call<ErasedData>('/participant/delete-my-data', {
      method: 'POST',
      body: '{}',
      headers: auth(resumeToken),
    }),
  duplicate: (sessionId: string, token: string) =>
    call<CreatedSession & { title: string }>(
      `/sessions/${encodeURIComponent(sessionId)}/duplicate`,
      { method: 'POST', body: '{}', headers: auth(token) },
    ),
};

/**
 * Downloads a session's agenda file (it needs the facilitator's key, so it is fetched and
 * saved rather than linked).
 */
export async function downloadAgendaFile(sessionId: string, token: string): Promise<Result<null>> {
  const failed = (message: string): Result<null> => ({
    ok: false,
    error: { code: 'INTERNAL', message } satisfies AppError,
  });
  try {
    const response = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/agenda-file`, {
      headers: auth(token),
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: AppError } | null;
      return body?.error
        ? { ok: false, error: body.error }
        : failed('The agenda could not be downloaded');
    }
    const name =
      /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ??
      'agenda.playfield-agenda.json';
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return { ok: true, data: null };
  } catch {
    return failed('Cannot reach Playfield: check your connection and try again');
  }
}
