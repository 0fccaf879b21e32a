import type { DownloadMessage } from './useDownload.ts';

/** The line under a group of download buttons: what was saved, or why not. */
export function DownloadNote({ message }: { message: DownloadMessage | null }) {
  if (message?.isError)
    return (
      <p className="error" role="alert">
        {message.text}
      </p>
    );
  return (
    <p className="muted" role="status">
      {message?.text}
    </p>
  );
}
