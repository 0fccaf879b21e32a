import { DownloadNote } from '../../plans/DownloadNote.tsx';
import { useDownload } from '../../plans/useDownload.ts';
import { readHashKey } from '../../router.ts';
import { useSessionStore } from '../../stores/useSessionStore.ts';
import { DownloadButtons } from '../../plans/DownloadButtons.tsx';

const POLICY_FORMATS = [
  ['pdf', 'Policy as PDF'],
  ['md', 'Policy as Markdown'],
] as const;

/**
 * The map's one-page policy, to download beside the map it comes from (the server exports a
 * playing-field round as its policy): PDF to hand out, Markdown to edit.
 */
export function PolicyExport() {
  const sessionId = useSessionStore((s) => s.facilitator?.session.id ?? null);
  const roundId = useSessionStore((s) => s.facilitator?.round?.id ?? null);
  const title = useSessionStore((s) => s.facilitator?.round?.title ?? 'Playing field');
  const { busy, message, run } = useDownload(readHashKey() ?? '');
  if (!sessionId || !roundId) return null;
  const path = `/sessions/${encodeURIComponent(sessionId)}/rounds/${encodeURIComponent(roundId)}/export`;
  return (
    <section className="stack stack--tight" aria-labelledby="pf-policy-export">
      <h3 id="pf-policy-export">One-page policy</h3>
      <DownloadButtons
        formats={POLICY_FORMATS}
        isBusy={busy !== null}
        onDownload={(format) => void run(`${path}/${format}`, `${title} policy.${format}`)}
      />
      <DownloadNote message={message} />
    </section>
  );
}
