import { getExercise, own, roundContext } from '@playfield/shared';
import { readNotebook } from '@playfield/shared/notebooks/notebook';
import type { DocumentHub } from '../../docs/documentHub.ts';
import { notebookArchive, notebookDocument } from '../../docs/notebookExport.ts';
import type { NotebookWriter } from '../../docs/notebookWriter.ts';
import type { ExportDocument } from '../../exports/document.ts';
import { guideDocument } from '../../exports/guide.ts';
import type { SessionManager } from '../../sessions/sessionManager.ts';
import type { SessionRow } from '../../store/repository.ts';
import { day } from '../download.ts';
import { notebookId } from '../notebooks/service.ts';
import type { PlanReader } from '../plans/service.ts';

/** What a notebook's JSON export is: its archive, or its stored updates when quarantined. */
export type NotebookJson =
  | { kind: 'archive'; title: string; body: unknown }
  | { kind: 'stored'; body: { quarantined: unknown; docId: string; updates: string[] } };

/** The documents a facilitator downloads: a round's results, the guide, the notebook. */
export class ExportService {
  constructor(
    private readonly manager: SessionManager,
    private readonly hub: DocumentHub,
    private readonly writer: NotebookWriter,
    private readonly plans: PlanReader,
  ) {}

  /** A round's summary (for CSV) and its document; null when it is not on the agenda. */
  async round(row: SessionRow, roundId: string) {
    const session = await this.manager.get(row.id);
    const round = session?.state.agenda.find((r) => r.id === roundId);
    const runtime = round && own(session?.state.rounds, round.id);
    const exercise = round && getExercise(round.kind);
    if (!session || !round || !runtime || !exercise) return null;
    const ctx = roundContext(session.state, runtime, Date.now());
    const summary = exercise.summary(runtime.state, ctx);
    // A round that decides a policy (the playing-field map) exports it as one page.
    const page = exercise.policy(runtime.state, ctx) ?? summary;
    const document: ExportDocument = {
      title: round.title,
      subtitle: `${row.title} · ${day(row.created_at)}`,
      sections: [{ heading: page.headline, blocks: page.blocks }],
    };
    return { name: `${row.title} - ${round.title}`, summary, document };
  }

  /** The agenda with planned times, slides, exercises and the facilitator's notes. */
  async guide(row: SessionRow): Promise<ExportDocument | null> {
    const session = await this.manager.get(row.id);
    if (!session) return null;
    const { state } = session;
    return guideDocument({
      title: state.title,
      plannedStart: state.plannedStart,
      agenda: state.agenda,
      date: day(row.created_at),
    });
  }

  /** The notebook, brought up to date, as a document with the shared plans. */
  async notebookDocument(sessionId: string) {
    await this.writer.syncSession(this.manager, sessionId);
    const notebook = await this.hub.read(notebookId(sessionId), readNotebook);
    const plans = await this.plans.shared(sessionId);
    return { title: notebook.title, document: notebookDocument(notebook, plans) };
  }

  /** The notebook as an archive to import elsewhere; a quarantined one as stored. */
  async notebookJson(sessionId: string): Promise<NotebookJson> {
    await this.writer.syncSession(this.manager, sessionId);
    const docId = notebookId(sessionId);
    // A quarantined notebook is exported as stored, so nothing is lost to what broke it.
    const quarantine = await this.hub.quarantineOf(docId);
    if (quarantine) {
      const updates = (await this.hub.rawUpdates(docId)).map((u) =>
        Buffer.from(u).toString('base64'),
      );
      return { kind: 'stored', body: { quarantined: quarantine, docId, updates } };
    }
    const archive = await this.hub.read(docId, (doc) => notebookArchive(doc, new Date()));
    return { kind: 'archive', title: archive.title, body: archive };
  }
}
