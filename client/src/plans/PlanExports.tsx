import { DownloadNote } from './DownloadNote.tsx';
import { useDownload } from './useDownload.ts';
import { PlanSection } from './PlanSection.tsx';
import { DownloadButtons } from './DownloadButtons.tsx';

const FORMATS = [
  ['pdf', 'PDF'],
  ['md', 'Markdown'],
  ['ics', 'Calendar (.ics)'],
] as const;

/**
 * Downloads of the participant's own plan. The server builds them from its copy, so
 * edits still on their way are awaited first (`whenSaved`).
 */
export function PlanExports({
  resumeToken,
  whenSaved,
}: {
  resumeToken: string;
  whenSaved: () => Promise<boolean>;
}) {
  const { busy, message, run } = useDownload(resumeToken);
  const beforeExport = async () => ((await whenSaved()) ? null : 'without the edits not saved yet');

  return (
    <PlanSection id="plan-exports-title" title="Take it with you">
      <p className="muted">
        A PDF to print or keep, Markdown for your notes, and calendar reminders for each due date.
      </p>
      <DownloadButtons
        formats={FORMATS}
        isBusy={busy !== null}
        buttonClass="button"
        onDownload={(format) =>
          void run(`/plan/export/${format}`, `action-plan.${format}`, beforeExport)
        }
      />
      <DownloadNote message={message} />
    </PlanSection>
  );
}
