import { useEffect, useState } from 'react';
import type { PlansOverview } from '@playfield/shared';
import { api } from '../api.ts';
import { useSessionStore } from '../stores/useSessionStore.ts';
import { DownloadNote } from './DownloadNote.tsx';
import { useDownload } from './useDownload.ts';
import styles from './Plans.module.css';
import { ErrorAlert } from '../components/form/ErrorAlert.tsx';
import { DownloadButtons } from './DownloadButtons.tsx';

const ROUND_FORMATS = [
  ['csv', 'CSV'],
  ['pdf', 'PDF'],
  ['md', 'Markdown'],
] as const;

/** How often the counts are refreshed while the console is in front. */
export const PLANS_REFRESH_MS = 5000;

/** The plans' progress for the console, re-read every few seconds while the page shows. */
function usePlansOverview(sessionId: string, token: string) {
  const [overview, setOverview] = useState<PlansOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let isCurrent = true;
    const load = async () => {
      if (document.visibilityState === 'hidden') return;
      const result = await api.plansOverview(sessionId, token);
      if (!isCurrent) return;
      if (result.ok) {
        setOverview(result.data);
        setError(null);
      } else setError(result.error.message);
    };
    void load();
    const timer = setInterval(() => void load(), PLANS_REFRESH_MS);
    const onVisible = () => void load();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      isCurrent = false;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [sessionId, token]);
  return { overview, error };
}

/**
 * The facilitator's view of the personal action plans: how many are started, done and
 * shared (never the content of a plan not shared), the shared ones to download, and the
 * exports of a round's results.
 */
export function PlansPanel({ sessionId, token }: { sessionId: string; token: string }) {
  const { overview, error } = usePlansOverview(sessionId, token);
  const { busy, message, run } = useDownload(token);
  const base = `/sessions/${encodeURIComponent(sessionId)}`;
  const shared = overview?.shared ?? [];

  return (
    <section className={`panel ${styles.plansPanel}`} aria-labelledby="plans-title">
      <h2 id="plans-title">Action plans</h2>
      <ErrorAlert message={error} />
      {overview ? (
        <dl className={styles.plansPanelCounts}>
          <div>
            <dt>Started</dt>
            <dd>{overview.started}</dd>
          </div>
          <div>
            <dt>Done</dt>
            <dd>{overview.finished}</dd>
          </div>
          <div>
            <dt>Shared</dt>
            <dd>{shared.length}</dd>
          </div>
          <div>
            <dt>People</dt>
            <dd>{overview.participantCount}</dd>
          </div>
        </dl>
      ) : (
        !error && <p className="muted">Loading…</p>
      )}
      <div className={styles.plansPanelColumns}>
        <div className="stack stack--tight">
          <h3>Shared with the team</h3>
          {shared.length === 0 ? (
            <p className="muted">
              No plan is shared yet. Plans are private until their authors share them.
            </p>
          ) : (
            <ul className={styles.plansPanelShared} data-testid="plans-shared">
              {shared.map((plan) => {
                const path = `${base}/plans/${encodeURIComponent(plan.participantId)}/export`;
                return (
                  <li key={plan.participantId}>
                    <span className={styles.plansPanelName}>
                      {plan.name}{' '}
                      <span className="muted">
                        ({plan.actionCount} {plan.actionCount === 1 ? 'action' : 'actions'})
                      </span>
                    </span>
                    <span className="actions">
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={`${plan.name}’s plan as PDF`}
                        disabled={busy !== null}
                        onClick={() => void run(`${path}/pdf`, `${plan.name}.pdf`)}
                      >
                        PDF
                      </button>
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={`${plan.name}’s plan as Markdown`}
                        disabled={busy !== null}
                        onClick={() => void run(`${path}/md`, `${plan.name}.md`)}
                      >
                        Markdown
                      </button>
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
          <div className="actions">
            <button
              type="button"
              className="button"
              disabled={busy !== null || shared.length === 0}
              onClick={() => void run(`${base}/plans/shared.zip`, 'shared-plans.zip')}
            >
              Download all shared plans (ZIP)
            </button>
          </div>
        </div>
        <RoundExports base={base} busy={busy} run={run} />
      </div>
      <DownloadNote message={message} />
    </section>
  );
}

/** A round's results as CSV, or as a document (PDF or Markdown). */
function RoundExports({
  base,
  busy,
  run,
}: {
  base: string;
  busy: string | null;
  run: (path: string, fallbackName: string) => Promise<void>;
}) {
  const agenda = useSessionStore((s) => s.facilitator?.agenda);
  const currentRoundId = useSessionStore((s) => s.facilitator?.round?.id ?? null);
  const started = (agenda ?? []).filter((round) => round.hasStarted);
  const [chosen, setChosen] = useState<string | null>(null);
  const round =
    started.find((r) => r.id === chosen) ??
    started.find((r) => r.id === currentRoundId) ??
    started.at(-1);

  return (
    <div className="stack stack--tight">
      <h3>Round results</h3>
      {!round ? (
        <p className="muted">Results can be exported once a round has started.</p>
      ) : (
        <>
          <label className="field" htmlFor="plans-round">
            <span>Round</span>
            <select id="plans-round" value={round.id} onChange={(e) => setChosen(e.target.value)}>
              {started.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.title}
                </option>
              ))}
            </select>
          </label>
          <DownloadButtons
            formats={ROUND_FORMATS}
            isBusy={busy !== null}
            onDownload={(format) =>
              void run(
                `${base}/rounds/${encodeURIComponent(round.id)}/export/${format}`,
                `${round.title}.${format}`,
              )
            }
          />
        </>
      )}
    </div>
  );
}
