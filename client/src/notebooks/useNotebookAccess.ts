// zod must be configured before the shared schemas below are built (see zodSetup).
import '../zodSetup.ts';
import { useCallback, useEffect, useState } from 'react';
import type { DocCredential, DocRights } from '@playfield/shared';
import { docIdOf } from '@playfield/shared/protocol/docs';
import { api } from '../api.ts';
import { readHashKey } from '../router.ts';
import { getFacilitated } from '../storage.ts';

/** How this browser may open a notebook, once known. */
export type NotebookAccess =
  | { status: 'loading' }
  | {
      status: 'ready';
      role: 'facilitator' | 'link';
      credential: DocCredential;
      docId: string;
      /** The bearer token for exports: the facilitator's, or the link's secret. */
      token: string;
      /** What the link allows; the server's answer on open has the last word. */
      rights: DocRights;
      /** The key came in the address (`#key=`), not from this browser's storage. */
      isKeyFromUrl: boolean;
    }
  /** Neither a facilitator key nor a share link. */
  | { status: 'noKey' }
  /** The share link was revoked or never existed. */
  | { status: 'linkGone'; message: string }
  | { status: 'error'; message: string };

/** The share link's secret in the address (`#link=…`): the fragment never reaches a server. */
export function readLinkToken(): string | null {
  return new URLSearchParams(location.hash.slice(1)).get('link');
}

const LINKS_KEY = 'playfield.notebook.links';
type CachedLinks = Record<string, { token: string; docId: string; rights: DocRights }>;

function cachedLinks(): CachedLinks {
  try {
    return (JSON.parse(localStorage.getItem(LINKS_KEY) ?? '{}') as CachedLinks | null) ?? {};
  } catch {
    return {};
  }
}

/** The share links this browser opened notebooks with, for claiming into an account. */
export function heldLinkTokens(): string[] {
  return Object.values(cachedLinks())
    .map((entry) => (typeof entry?.token === 'string' ? entry.token : ''))
    .filter((token) => /^[A-Za-z0-9_-]{16,128}$/.test(token));
}

function cacheLink(sessionId: string, entry: CachedLinks[string] | null): void {
  try {
    const links = cachedLinks();
    if (entry) links[sessionId] = entry;
    else delete links[sessionId];
    localStorage.setItem(LINKS_KEY, JSON.stringify(links));
  } catch {
    // Without storage a link is resolved online each time.
  }
}

/** How this browser opens a notebook, before any request. */
type Opening = { sessionId: string } & (
  { kind: 'link'; link: string } | { kind: 'facilitator'; access: NotebookAccess }
);

function openingOf(sessionId: string): Opening {
  const link = readLinkToken();
  if (link) return { sessionId, kind: 'link', link };
  const fromUrl = readHashKey();
  const token = fromUrl ?? getFacilitated().find((s) => s.sessionId === sessionId)?.token ?? null;
  return {
    sessionId,
    kind: 'facilitator',
    access: token
      ? {
          status: 'ready',
          role: 'facilitator',
          credential: { role: 'facilitator', sessionId, token },
          docId: docIdOf({ kind: 'notebook', sessionId }),
          token,
          rights: 'edit',
          isKeyFromUrl: fromUrl !== null,
        }
      : { status: 'noKey' },
  };
}

/**
 * What the server's answer about a share link opens: the notebook it names (remembered, for
 * offline), nothing when the link is gone, or this browser's copy when the server could not
 * be asked and the link opened it before.
 */
function linkAccess(
  sessionId: string,
  link: string,
  result: Awaited<ReturnType<typeof api.resolveLink>>,
): NotebookAccess {
  if (result.ok) {
    const { docId, rights } = result.data;
    cacheLink(sessionId, { token: link, docId, rights });
    return {
      status: 'ready',
      role: 'link',
      credential: { role: 'link', token: link },
      docId,
      token: link,
      rights,
      isKeyFromUrl: true,
    };
  }
  const cached = cachedLinks()[sessionId];
  if (result.error.code === 'NOT_FOUND' || result.error.code === 'BAD_REQUEST') {
    cacheLink(sessionId, null);
    return { status: 'linkGone', message: result.error.message };
  }
  if (cached?.token === link) {
    // Offline (or the server is busy): open the copy this browser kept, to sync later.
    return {
      status: 'ready',
      role: 'link',
      credential: { role: 'link', token: link },
      docId: cached.docId,
      token: link,
      rights: cached.rights,
      isKeyFromUrl: true,
    };
  }
  return { status: 'error', message: result.error.message };
}

/**
 * Works out who is opening `/notebook/:sessionId`: a share link in the address (resolved
 * with the server, or from this browser's last resolution when offline, so a link holder
 * can keep editing offline), else the facilitator's key from the address or this browser.
 */
export function useNotebookAccess(sessionId: string): {
  access: NotebookAccess;
  retry: () => void;
  /** The link stopped working while open: forget what this browser knew about it. */
  forgetLink: () => void;
} {
  // Read from the address and storage when the page opens a notebook and on each retry:
  // a share link to resolve, or the facilitator's key, decided with no request to wait for.
  const [opening, setOpening] = useState(() => openingOf(sessionId));
  if (opening.sessionId !== sessionId) setOpening(openingOf(sessionId));
  /** The server's answer about a link, for the opening it was asked for. */
  const [resolved, setResolved] = useState<{ for: Opening; access: NotebookAccess } | null>(null);

  useEffect(() => {
    if (opening.kind !== 'link') return;
    let isCurrent = true;
    const { sessionId: id, link } = opening;
    void api.resolveLink(link).then((result) => {
      if (isCurrent) setResolved({ for: opening, access: linkAccess(id, link, result) });
    });
    return () => {
      isCurrent = false;
    };
  }, [opening]);

  let access: NotebookAccess;
  if (opening.kind === 'facilitator') access = opening.access;
  else access = resolved?.for === opening ? resolved.access : { status: 'loading' };

  const retry = useCallback(() => setOpening(openingOf(sessionId)), [sessionId]);
  const forgetLink = useCallback(() => cacheLink(sessionId, null), [sessionId]);
  return { access, retry, forgetLink };
}
