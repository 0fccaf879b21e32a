import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { matchRoute } from '../router.ts';

/** The session the console or room screen on this page belongs to, if any. */
function sessionOfPage(): string | undefined {
  const route = matchRoute(location.pathname);
  return route.name === 'console' || route.name === 'present' || route.name === 'screen'
    ? route.sessionId
    : undefined;
}

/**
 * The address phones should open. A facilitator on http://localhost sees the server's
 * LAN address instead (or PUBLIC_URL), since phones cannot reach the laptop's localhost.
 * It carries the session's id (`?s=`, by default the console's or screen's own): the id
 * is unguessable, so a phone that scanned the QR code is never taken for someone guessing
 * codes, even when a whole office shares one address.
 */
export function useJoinUrl(
  code: string | undefined,
  sessionId: string | undefined = sessionOfPage(),
): string | null {
  const [base, setBase] = useState(location.origin);
  useEffect(() => {
    let isCurrent = true;
    void api.config().then((result) => {
      if (!isCurrent || !result.ok || !result.data.publicUrl) return;
      const isLocal = ['localhost', '127.0.0.1', '[::1]'].includes(location.hostname);
      if (isLocal) setBase(result.data.publicUrl);
    });
    return () => {
      isCurrent = false;
    };
  }, []);
  if (!code) return null;
  const query = sessionId ? `?s=${encodeURIComponent(sessionId)}` : '';
  return `${base}/join/${code}${query}`;
}
