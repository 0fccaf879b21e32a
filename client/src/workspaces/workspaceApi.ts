import type { CreatedSession, Result } from '@playfield/shared';
import { call } from '../api.ts';

/** A member's role: owners manage members, facilitators run sessions, producers run consoles, viewers read. */
export type WorkspaceRole = 'owner' | 'facilitator' | 'producer' | 'viewer';

export interface WorkspaceSummary {
  id: string;
  name: string;
  role: WorkspaceRole;
}

export interface Member {
  accountId: string;
  email: string;
  role: WorkspaceRole;
  joinedAt: number;
}

export interface WorkspaceDetail extends WorkspaceSummary {
  /** The signed-in account's id, to tell its own row apart. */
  accountId: string;
  members: Member[];
}

export interface Invitation {
  id: string;
  role: WorkspaceRole;
  createdAt: number;
  expiresAt: number;
}

export interface LibrarySession {
  sessionId: string;
  title: string;
  workshop: string;
  createdAt: number;
  endedAt: number | null;
  state: 'planned' | 'live' | 'finished' | 'rehearsal';
  participantCount: number;
  hasNotebook: boolean;
  /** When the workspace's retention deleted its participants' raw answers (null: kept). */
  answersDeletedAt?: number | null;
  /** For a text search matching the notebook: its words around the match. */
  snippet?: SnippetPart[] | null;
}

/** A piece of a search snippet: text, and whether it is a matched word. */
export interface SnippetPart {
  text: string;
  isMatch: boolean;
}

export interface LibraryFilter {
  q: string;
  workshop: string;
  from: string;
  to: string;
  /** '1' lists rehearsals too. */
  rehearsals: '' | '1';
}

export interface Template {
  id: string;
  title: string;
  roundCount: number;
  createdAt: number | null;
  isBuiltIn: boolean;
}

export interface InvitationOffer {
  workspaceName: string;
  role: WorkspaceRole;
  expiresAt: number;
  isMember: boolean;
  workspaceId?: string;
}

/**
 * The session's CSRF token (from /account/me), sent back on every change the cookie
 * authenticates. In memory only: each page load asks again.
 */
let csrfToken: string | null = null;

function send<T>(method: string, path: string, body: unknown = {}): Promise<Result<T>> {
  return call<T>(path, {
    method,
    body: JSON.stringify(body),
    headers: csrfToken ? { 'x-csrf-token': csrfToken } : {},
  });
}

const ws = (id: string) => `/workspaces/${encodeURIComponent(id)}`;

/** The address of an invitation: its secret in the fragment, which never reaches a server. */
export function invitationLink(token: string): string {
  return `${location.origin}/invite#token=${token}`;
}

export const workspaceApi = {
  /** Who is signed in; keeps the CSRF token for the changes that follow. */
  async me(): Promise<Result<{ email: string }>> {
    const answer = await call<{ account: { email: string }; csrfToken: string }>('/account/me');
    if (!answer.ok) return answer;
    csrfToken = answer.data.csrfToken;
    return { ok: true, data: { email: answer.data.account.email } };
  },
  list: () => call<{ workspaces: WorkspaceSummary[] }>('/workspaces'),
  create: (name: string) => send<WorkspaceSummary>('POST', '/workspaces', { name }),
  get: (id: string) => call<WorkspaceDetail>(ws(id)),
  invitations: (id: string) => call<{ invitations: Invitation[] }>(`${ws(id)}/invitations`),
  invite: (id: string, role: WorkspaceRole) =>
    send<Invitation & { token: string }>('POST', `${ws(id)}/invitations`, { role }),
  revoke: (id: string, invitationId: string) =>
    send<null>('DELETE', `${ws(id)}/invitations/${encodeURIComponent(invitationId)}`),
  setRole: (id: string, accountId: string, role: WorkspaceRole) =>
    send<unknown>('PUT', `${ws(id)}/members/${encodeURIComponent(accountId)}/role`, { role }),
  remove: (id: string, accountId: string) =>
    send<null>('DELETE', `${ws(id)}/members/${encodeURIComponent(accountId)}`),
  leave: (id: string) => send<null>('POST', `${ws(id)}/leave`),
  peek: (token: string) => send<InvitationOffer>('POST', '/invitations/peek', { token }),
  accept: (token: string) =>
    send<{ workspaceId: string; isNew: boolean }>('POST', '/invitations/accept', { token }),
  library(id: string, filter: LibraryFilter) {
    const query = new URLSearchParams();
    for (const key of ['q', 'workshop', 'from', 'to', 'rehearsals'] as const)
      if (filter[key]) query.set(key, filter[key]);
    return call<{ sessions: LibrarySession[]; workshops: string[] }>(
      `${ws(id)}/library?${query.toString()}`,
    );
  },
  candidates: (id: string) =>
    call<{ sessions: { sessionId: string; title: string; createdAt: number }[] }>(
      `${ws(id)}/library/candidates`,
    ),
  moveIn: (id: string, sessionIds: string[]) =>
    send<{ moved: number }>('POST', `${ws(id)}/library`, { sessionIds }),
  /** Deletes a library session for good, everywhere (owners and facilitators). */
  deleteSession: (id: string, sessionId: string) =>
    send<{ deleted: true }>('DELETE', `${ws(id)}/library/${encodeURIComponent(sessionId)}`),
  /** Takes a session out of the library, back to the account of whoever moved it in. */
  moveBack: (id: string, sessionId: string) =>
    send<{ movedBack: true }>(
      'POST',
      `${ws(id)}/library/${encodeURIComponent(sessionId)}/move-back`,
    ),
  notebookLink: (id: string, sessionId: string) =>
    send<{ sessionId: string; link: string }>(
      'POST',
      `${ws(id)}/library/${encodeURIComponent(sessionId)}/notebook`,
    ),
  templates: (id: string) => call<{ templates: Template[] }>(`${ws(id)}/templates`),
  saveTemplate: (id: string, sessionId: string) =>
    send<Template>('POST', `${ws(id)}/templates`, { sessionId }),
  duplicateTemplate: (id: string, templateId: string) =>
    send<Template>('POST', `${ws(id)}/templates/${encodeURIComponent(templateId)}/duplicate`),
  deleteTemplate: (id: string, templateId: string) =>
    send<null>('DELETE', `${ws(id)}/templates/${encodeURIComponent(templateId)}`),
  /** Days after a session ends before raw answers go; null: kept. */
  retention: (id: string) => call<{ days: number | null }>(`${ws(id)}/retention`),
  setRetention: (id: string, days: number | null) =>
    send<{ days: number | null }>('PUT', `${ws(id)}/retention`, { days }),
  startFromTemplate: (id: string, templateId: string) =>
    send<CreatedSession>('POST', `${ws(id)}/templates/${encodeURIComponent(templateId)}/start`),
};
