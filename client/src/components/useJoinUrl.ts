import { useEffect, useState } from 'react';
import { api } from '../api.ts';

/**
 * The address phones should open. A facilitator on http://localhost sees the server's
 * LAN address instead (or PUBLIC_URL), since phones cannot reach the laptop's localhost.
 */
export function useJoinUrl(code: string | undefined): string | null {
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
  return code ? `${base}/join/${code}` : null;
}
