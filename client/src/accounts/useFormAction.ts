import { useState } from 'react';
import type { Result } from '@playfield/shared';

/** A form's submit: busy while it runs, the server's message on refusal. */
export function useFormAction() {
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  /** The answer's data wrapped (data may itself be null, as a 204's is), or null on refusal. */
  async function run<T>(action: () => Promise<Result<T>>): Promise<{ data: T } | null> {
    setBusy(true);
    setError(null);
    const result = await action();
    setBusy(false);
    if (result.ok) return { data: result.data };
    setError(result.error.message);
    return null;
  }
  return { error, setError, isBusy, run };
}
