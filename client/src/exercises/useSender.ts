import { useState } from 'react';
import type { Result } from '@playfield/shared';

/**
 * Sends one action at a time and keeps the server's refusal to show: `isBusy` while an
 * action is on its way, `error` the last refusal's message (a success clears it). `send`
 * resolves to whether the server accepted the action.
 */
export function useSender<A>(act: (action: A) => Promise<Result<unknown>>) {
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const send = async (action: A): Promise<boolean> => {
    setBusy(true);
    const result = await act(action);
    setBusy(false);
    setError(result.ok ? null : result.error.message);
    return result.ok;
  };
  return { error, setError, isBusy, send };
}
