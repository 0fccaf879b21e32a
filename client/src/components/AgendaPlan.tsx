import { useState } from 'react';
import type { ControlCommand } from '@playfield/shared';
import { download } from '../api.ts';
import styles from './AgendaPlan.module.css';

/**
 * The day's plan above the agenda: its planned start (the rounds' planned times count from
 * it) and the printable facilitator guide, as PDF or Markdown.
 */
export function AgendaPlan({
  sessionId,
  token,
  plannedStart,
  totalMinutes,
  control,
}: {
  sessionId: string;
  token: string;
  plannedStart: string | undefined;
  totalMinutes: number;
  control: (command: ControlCommand) => Promise<boolean>;
}) {
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  async function guide(format: 'pdf' | 'md') {
    setBusy(true);
    setStatus('Preparing the guide…');
    const result = await download(
      `/sessions/${encodeURIComponent(sessionId)}/guide/${format}`,
      token,
      `facilitator-guide.${format}`,
    );
    setBusy(false);
    setStatus(result.ok ? `Saved ${result.data.fileName}` : result.error.message);
  }

  const hours = Math.floor(totalMinutes / 60);
  const length = totalMinutes
    ? `${hours ? `${hours} h ` : ''}${totalMinutes % 60 ? `${totalMinutes % 60} min` : ''}`.trim()
    : 'no minutes planned yet';
  return (
    <div className={styles.plan}>
      <label className={`field ${styles.start}`}>
        <span>Day starts at</span>
        <input
          type="time"
          value={plannedStart ?? ''}
          onChange={(e) =>
            void control({ type: 'session.reschedule', plannedStart: e.target.value || null })
          }
        />
      </label>
      <p className={styles.length}>Planned: {length}</p>
      <div className={styles.guide} role="group" aria-label="Facilitator guide">
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          onClick={() => void guide('pdf')}
        >
          Guide (PDF)
        </button>
        <button
          type="button"
          className="button button--small button--quiet"
          disabled={busy}
          onClick={() => void guide('md')}
        >
          Guide (Markdown)
        </button>
      </div>
      <p className={styles.status} role="status">
        {status}
      </p>
    </div>
  );
}
