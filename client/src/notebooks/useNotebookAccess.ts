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
  const [access, setAccess] = useState<NotebookAccess>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let isCurrent = true;
    const link = readLinkToken();
    if (!link) {
      const fromUrl = readHashKey();
      const token =
        fromUrl ?? getFacilitated().find((s) => s.sessionId === sessionId)?.token ?? null;
      // Decided from the address and storage alone: no request to wait for.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setAccess(
        token
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
      );
      return;
    }
    setAccess({ status: 'loading' });
    void api.resolveLink(link).then((result) => {
      if (!isCurrent) return;
      if (result.ok) {
        const { docId, rights } = result.data;
        cacheLink(sessionId, { token: link, docId, rights });
        setAccess({
          status: 'ready',
          role: 'link',
          credential: { role: 'link', token: link },
          docId,
          token: link,
          rights,
          isKeyFromUrl: true,
        });
        return;
      }
      const cached = cachedLinks()[sessionId];
      if (result.error.code === 'NOT_FOUND' || result.error.code === 'BAD_REQUEST') {
        cacheLink(sessionId, null);
        setAccess({ status: 'linkGone', message: result.error.message });
      } else if (cached?.token === link) {
        // Offline (or the server is busy): open the copy this browser kept, to sync later.
        setAccess({
          status: 'ready',
          role: 'link',
          credential: { role: 'link', token: link },
          docId: cached.docId,
          token: link,
          rights: cached.rights,
          isKeyFromUrl: true,
        });
      } else {
        setAccess({ status: 'error', message: result.error.message });
      }
    });
    return () => {
      isCurrent = false;
    };
  }, [sessionId, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const forgetLink = useCallback(() => cacheLink(sessionId, null), [sessionId]);
  return { access, retry, forgetLink };
}
