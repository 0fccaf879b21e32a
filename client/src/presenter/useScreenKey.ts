import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { getFacilitated } from '../storage.ts';

/** The room screen's key for this session: remembered on this laptop, else asked for. */
export function useScreenKey(sessionId: string, token: string | null): string | undefined {
  const [screenKey, setScreenKey] = useState(
    () => getFacilitated().find((s) => s.sessionId === sessionId)?.screenKey,
  );
  useEffect(() => {
    if (screenKey || !token) return;
    let isCurrent = true;
    void api.screenKey(sessionId, token).then((r) => {
      if (isCurrent && r.ok) setScreenKey(r.data.screenKey);
    });
    return () => {
      isCurrent = false;
    };
  }, [screenKey, sessionId, token]);
  return screenKey;
}

/** The room screen's address. */
export function screenUrl(sessionId: string, screenKey: string): string {
  return `/screen/${sessionId}#key=${screenKey}`;
}
