import { docIdOf, type PlanInfo, type PlansOverview } from '@playfield/shared';
import { parsePlan, type ActionPlan } from '@playfield/shared/plans/plan';
import type { DocumentHub } from '../../docs/documentHub.ts';
import type { SharedPlan } from '../../docs/notebookExport.ts';
import type { LiveSession } from '../../sessions/liveSession.ts';
import type { SessionManager } from '../../sessions/sessionManager.ts';
import type { DocumentRow } from '../../store/repository.ts';
import { day } from '../download.ts';

export type NamedPlan = SharedPlan & { participantId: string };

/** Personal action plans as HTTP reads them: one, the shared ones, and the overview. */
export class PlanReader {
  constructor(
    private readonly manager: SessionManager,
    private readonly hub: DocumentHub,
  ) {}

  private get repository() {
    return this.manager.repository;
  }

  /** A participant's plan; an empty one until they write. */
  async plan(sessionId: string, participantId: string): Promise<ActionPlan> {
    const parsed = await this.hub.read(
      docIdOf({ kind: 'plan', sessionId, participantId }),
      parsePlan,
    );
    return parsed.success ? parsed.data : { isShared: false, isFinished: false, actions: [] };
  }

  /** What the plan page shows about its owner's workshop. */
  info(session: LiveSession, seat: { sessionId: string; participantId: string }, name: string) {
    const info: PlanInfo = {
      docId: docIdOf({ kind: 'plan', ...seat }),
      sessionId: seat.sessionId,
      participantId: seat.participantId,
      name,
      workshopTitle: session.state.title,
      date: day(session.state.createdAt),
      code: session.state.code,
    };
    return info;
  }

  /** A row's plan when it is shared (the row's flag may trail the document: it decides). */
  private async sharedOf(row: DocumentRow, session: LiveSession | null): Promise<NamedPlan | null> {
    if (!row.participant_id || !row.is_shared) return null;
    const plan = await this.plan(row.session_id, row.participant_id);
    if (!plan.isShared) return null;
    const name = session?.state.participants[row.participant_id]?.name ?? 'Participant';
    return { participantId: row.participant_id, name, plan };
  }

  /** The session's shared plans, by name. */
  async shared(sessionId: string): Promise<NamedPlan[]> {
    const session = await this.manager.get(sessionId);
    const rows = await this.repository.getDocumentsOfSessions([sessionId], 'plan');
    const plans: NamedPlan[] = [];
    for (const row of rows) {
      const shared = await this.sharedOf(row, session);
      if (shared) plans.push(shared);
    }
    return plans.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** One participant's plan if shared, read by its document's id (no scan of the others). */
  async sharedOne(sessionId: string, participantId: string): Promise<NamedPlan | null> {
    const row = await this.repository.getDocument(
      docIdOf({ kind: 'plan', sessionId, participantId }),
    );
    if (row?.session_id !== sessionId) return null;
    return this.sharedOf(row, await this.manager.get(sessionId));
  }

  /** How far the room is with its plans, for the console. */
  async overview(sessionId: string): Promise<PlansOverview> {
    const session = await this.manager.get(sessionId);
    const rows = await this.repository.getDocumentsOfSessions([sessionId], 'plan');
    return {
      participantCount: Object.keys(session?.state.participants ?? {}).length,
      started: rows.length,
      finished: rows.filter((r) => r.is_finished).length,
      shared: (await this.shared(sessionId)).map((p) => ({
        participantId: p.participantId,
        name: p.name,
        actionCount: p.plan.actions.length,
      })),
    };
  }
}
