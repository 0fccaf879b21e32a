import { useState } from 'react';
import { download } from '../api.ts';

/** A download's outcome as the page shows it. */
export interface DownloadMessage {
  text: string;
  isError: boolean;
}

/**
 * Downloads with a bearer token, one at a time: which one is running, and what came of
 * the last (the file name saved, or the server's reason).
 */
export function useDownload(token: string) {
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<DownloadMessage | null>(null);

  async function run(path: string, fallbackName: string, before?: () => Promise<string | null>) {
    setBusy(path);
    setMessage(null);
    const note = before ? await before() : null;
    const result = await download(path, token, fallbackName);
    setBusy(null);
    setMessage(
      result.ok
        ? { text: `Downloaded ${result.data.fileName}${note ? `, ${note}` : ''}`, isError: false }
        : { text: result.error.message, isError: true },
    );
  }

  return { busy, message, run };
}
