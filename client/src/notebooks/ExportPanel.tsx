import { useState } from 'react';
import { download } from '../api.ts';
import styles from './Notebook.module.css';

const FORMATS = [
  { format: 'md', label: 'Markdown' },
  { format: 'pdf', label: 'PDF' },
  { format: 'json', label: 'JSON archive' },
] as const;

/**
 * Downloads the notebook as Markdown, a print-ready PDF, or a JSON archive that another
 * Playfield server imports. The token (the facilitator's or the link's) proves access.
 */
export function ExportPanel({ sessionId, token }: { sessionId: string; token: string }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; isError: boolean } | null>(null);

  const run = async (format: (typeof FORMATS)[number]['format'], label: string) => {
    setBusy(format);
    setMessage(null);
    const result = await download(
      `/notebooks/${sessionId}/export/${format}`,
      token,
      `notebook.${format}`,
    );
    setBusy(null);
    setMessage(
      result.ok
        ? { text: `Downloaded ${result.data.fileName}`, isError: false }
        : { text: `${label} export failed: ${result.error.message}`, isError: true },
    );
  };

  return (
    <section className={`panel ${styles.nbPanel}`} aria-labelledby="nb-export-title">
      <h2 id="nb-export-title">Export</h2>
      <div className="actions">
        {FORMATS.map(({ format, label }) => (
          <button
            key={format}
            type="button"
            className="button button--small"
            disabled={busy !== null}
            aria-busy={busy === format}
            onClick={() => void run(format, label)}
          >
            {label}
          </button>
        ))}
      </div>
      <p className={`muted ${styles.nbPanelHint}`}>
        The JSON archive can be imported into another Playfield server.
      </p>
      <div aria-live="polite">
        {message && <p className={message.isError ? 'error' : 'muted'}>{message.text}</p>}
      </div>
    </section>
  );
}
