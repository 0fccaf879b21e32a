import type * as Y from 'yjs';
import {
  docIdOf,
  fail,
  ok,
  parseDocId,
  type DocCredential,
  type DocRights,
  type Result,
} from '@playfield/shared';
import { parsePlan } from '@playfield/shared/plans/plan';
import { hashToken } from '../security/tokens.ts';
import type { SessionManager } from '../sessions/sessionManager.ts';
import type { DocumentHub } from './documentHub.ts';
import type { NotebookWriter } from './notebookWriter.ts';

/** Who holds a `/docs` connection, established once from its credential. */
export type Principal =
  | { role: 'facilitator'; sessionId: string }
  | { role: 'participant'; sessionId: string; participantId: string; name: string }
  | { role: 'link'; tokenHash: string; linkId: string; docId: string; rights: DocRights };

/**
 * Who may do what with a document:
 * - a participant edits their own plan, and nothing else;
 * - the facilitator edits the session's notebook, and reads a plan only once its owner
 *   shared it;
 * - a share link reads or edits the one notebook it was made for, until it is revoked.
 */
export class DocumentAccess {
  constructor(
    private readonly manager: SessionManager,
    private readonly hub: DocumentHub,
    private readonly notebooks: NotebookWriter,
  ) {}

  async authenticate(credential: DocCredential): Promise<Result<Principal>> {
    switch (credential.role) {
      case 'facilitator': {
        const row = await this.manager.authorizeFacilitator(credential.sessionId, credential.token);
        return row
          ? ok({ role: 'facilitator', sessionId: row.id })
          : fail('UNAUTHORIZED', 'This link is not valid for that session');
      }
      case 'participant': {
        const seat = await this.manager.authorizeParticipant(credential.resumeToken);
        return seat.ok ? ok({ role: 'participant', ...seat.data }) : seat;
      }
      case 'link': {
        const tokenHash = hashToken(credential.token);
        const link = await this.manager.repository.findShareLink(tokenHash);
        if (!link || link.revoked_at !== null)
          return fail('UNAUTHORIZED', 'This link has been revoked or never existed');
        return ok({
          role: 'link',
          tokenHash,
          linkId: link.id,
          docId: link.doc_id,
          rights: link.rights === 'edit' ? 'edit' : 'read',
        });
      }
    }
  }

  /** The rights a principal has on a document, or why it has none. */
  async rightsOn(principal: Principal, docId: string): Promise<Result<DocRights>> {
    const ref = parseDocId(docId);
    if (!ref) return fail('BAD_REQUEST', 'Invalid document');
    const denied = fail('FORBIDDEN', 'This document is not yours to open');
    switch (principal.role) {
      case 'participant':
        return ref.kind === 'plan' &&
          ref.sessionId === principal.sessionId &&
          ref.participantId === principal.participantId
          ? ok('edit')
          : denied;
      case 'facilitator':
        if (ref.sessionId !== principal.sessionId) return denied;
        if (ref.kind === 'notebook') return ok('edit');
        // The stored flag first, so a refused open loads nothing; then the document decides.
        return (await this.manager.repository.getDocument(docId))?.is_shared &&
          (await this.hub.read(docId, (doc) => parsePlan(doc).data?.isShared === true))
          ? ok('read')
          : fail('FORBIDDEN', 'This plan has not been shared with the team');
      case 'link': {
        if (principal.docId !== docId) return denied;
        // Checked again at every open: a link revoked while its socket was connecting fails.
        const link = await this.manager.repository.findShareLink(principal.tokenHash);
        return link && link.revoked_at === null
          ? ok(principal.rights)
          : fail('UNAUTHORIZED', 'This link has been revoked');
      }
    }
  }

  /** Brings a document up to date before it is first sent: a notebook's round results. */
  async prepare(docId: string, _doc: Y.Doc): Promise<void> {
    const ref = parseDocId(docId);
    if (ref?.kind === 'notebook' && docId === docIdOf(ref))
      await this.notebooks.syncSession(this.manager, ref.sessionId);
  }

  /** One key per identity (a seat, a session's console, a link), whatever its sockets. */
  identityKey(principal: Principal): string {
    switch (principal.role) {
      case 'participant':
        return `p:${principal.participantId}`;
      case 'facilitator':
        return `f:${principal.sessionId}`;
      case 'link':
        return `l:${principal.linkId}`;
    }
  }

  /**
   * Edits are rate-limited per person (seat, session console), not per socket; a whole team
   * may share one edit link, so each of a link's connections has its own budget.
   */
  rateKey(principal: Principal, socketId: string): string {
    const key = this.identityKey(principal);
    return principal.role === 'link' ? `${key}:${socketId}` : key;
  }
}
