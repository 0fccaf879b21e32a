/**
 * "Export everything": the whole workspace as one zip (owners only), downloaded by the
 * browser itself, so a big library streams to disk instead of into the page's memory.
 */
export function ExportPanel({ workspaceId }: { workspaceId: string }) {
  return (
    <section className="card stack" aria-labelledby="export-heading">
      <h2 id="export-heading">Export everything</h2>
      <p className="muted">
        One zip file: every session’s agenda, results and notebook (Markdown and JSON), the
        templates, and who the members are with their roles. No passwords or keys are in it.
      </p>
      <a
        className="button button--block"
        href={`/api/workspaces/${encodeURIComponent(workspaceId)}/export`}
        download
      >
        Download the archive
      </a>
    </section>
  );
}
