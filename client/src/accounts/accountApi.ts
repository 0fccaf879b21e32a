import type { Result } from '@playfield/shared';
import { call } from '../api.ts';
import { heldLinkTokens } from '../notebooks/useNotebookAccess.ts';
import { getFacilitated, listSeats, rememberFacilitated } from '../storage.ts';

/** The signed-in account as the server describes it. */
export interface AccountInfo {
  email: string;
  passkeys: { id: string; createdAt: number }[];
}

/** What claiming this browser's keys adds (or would add, in a preview). */
export interface ClaimCounts {
  sessions: number;
  notebooks: number;
  plans: number;
  refused: number;
}

/** A personal plan kept with the account, opened on any device by its seat's key. */
export interface AccountPlan {
  resumeToken: string;
  sessionId: string;
  workshopTitle: string;
  createdAt: number;
}

/** A notebook kept with the account through the share link it was opened with. */
export interface AccountNotebook {
  sessionId: string;
  title: string;
  createdAt: number;
  link: string;
  rights: 'read' | 'edit';
}

/**
 * The session's CSRF token, from sign-in or /account/me: sent back on every change the
 * cookie authenticates. Kept in memory only; a reload asks /account/me again.
 */
let csrfToken: string | null = null;

function post<T>(path: string, body: unknown = {}): Promise<Result<T>> {
  return call<T>(path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: csrfToken ? { 'x-csrf-token': csrfToken } : {},
  });
}

async function signedIn<T extends { csrfToken: string }>(result: Promise<Result<T>>) {
  const answer = await result;
  if (answer.ok) csrfToken = answer.data.csrfToken;
  return answer;
}

/** The keys of the sessions this browser created (their notebooks come with them). */
function heldSessions() {
  return getFacilitated().map(({ sessionId, token }) => ({ sessionId, token }));
}

/** The share links this browser opened notebooks with (`#link=`). */
function heldLinks() {
  return heldLinkTokens()
    .slice(0, 200)
    .map((token) => ({ token }));
}

/** The resume tokens of this browser's seats: the server keeps those that have a plan. */
function heldPlans() {
  return listSeats()
    .slice(0, 200)
    .map(({ seat }) => ({ resumeToken: seat.resumeToken }));
}

export const accountApi = {
  me: () => signedIn(call<{ account: AccountInfo; csrfToken: string }>('/account/me')),
  signUp: (email: string, password: string) =>
    post<{ message: string }>('/account/signup', { email, password }),
  signIn: (email: string, password: string) =>
    signedIn(post<{ email: string; csrfToken: string }>('/account/signin', { email, password })),
  signOut: () => post<null>('/account/signout'),
  signOutEverywhere: () => post<null>('/account/signout-everywhere'),
  changePassword: (current: string, password: string) =>
    post<{ message: string }>('/account/password', { current, password }),
  requestReset: (email: string) => post<{ message: string }>('/account/reset/request', { email }),
  reset: (token: string, password: string) => post<null>('/account/reset', { token, password }),
  /** Counts what this browser's keys would add, storing nothing. */
  previewClaim: () =>
    post<ClaimCounts>('/account/claim', {
      sessions: heldSessions(),
      plans: heldPlans(),
      links: heldLinks(),
      isPreview: true,
    }),
  claim: () =>
    post<ClaimCounts>('/account/claim', {
      sessions: heldSessions(),
      plans: heldPlans(),
      links: heldLinks(),
    }),
  plans: () => call<{ plans: AccountPlan[] }>('/account/plans'),
  notebooks: () => call<{ notebooks: AccountNotebook[] }>('/account/notebooks'),
  passkeyOptions: () => post<{ ceremonyId: string; options: unknown }>('/account/passkeys/options'),
  addPasskey: (ceremonyId: string, response: unknown) =>
    post<{ account: AccountInfo }>('/account/passkeys', { ceremonyId, response }),
  passkeySignInOptions: () =>
    post<{ ceremonyId: string; options: unknown }>('/account/passkey-signin/options'),
  passkeySignIn: (ceremonyId: string, response: unknown) =>
    signedIn(
      post<{ email: string; csrfToken: string }>('/account/passkey-signin', {
        ceremonyId,
        response,
      }),
    ),
};

/**
 * Brings the account's sessions into this browser's list, so "Your sessions" and
 * "Notebooks" show them on any device after sign-in. Returns how many were new here.
 */
export async function syncAccountSessions(): Promise<number> {
  const listed = await call<{ sessions: { sessionId: string; token: string }[] }>(
    '/account/sessions',
  );
  if (!listed.ok) return 0;
  const known = new Set(getFacilitated().map((s) => s.sessionId));
  const added = listed.data.sessions.filter((s) => !known.has(s.sessionId));
  // Oldest first, so the newest ends up on top of the list.
  for (const session of [...added].reverse()) rememberFacilitated(session);
  return added.length;
}
