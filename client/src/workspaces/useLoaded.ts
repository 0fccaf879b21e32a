import { useCallback, useEffect, useState } from 'react';
import type { Result } from '@playfield/shared';

/** Loads data once and again on `reload`; the server's refusal kept as a message. */
export function useLoaded<T>(load: () => Promise<Result<T>>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    void load().then((r) => {
      if (r.ok) {
        setData(r.data);
        setError(null);
      } else setError(r.error.message);
    });
  }, [load]);
  useEffect(reload, [reload]);
  return { data, error, reload };
}
