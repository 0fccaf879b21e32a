import { useState } from 'react';
import type { Result } from '@playfield/shared';

/** A form's submit: busy while it runs, the server's message on refusal. */
export function useFormAction() {
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  async function run<T>(action: () => Promise<Result<T>>): Promise<T | null> {
    setBusy(true);
    setError(null);
    const result = await action();
    setBusy(false);
    if (result.ok) return result.data;
    setError(result.error.message);
    return null;
  }
  return { error, setError, isBusy, run };
}
