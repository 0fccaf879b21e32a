import type { Request } from 'express';
import {
  docIdOf,
  fail,
  idSchema,
  LIMITS,
  ok,
  parseDocId,
  type CreatedShareLink,
  type DocRights,
  type NotebookListing,
  type ResolvedLink,
  type Result,
  type ShareLinkListing,
} from '@playfield/shared';
import { readNotebook } from '@playfield/shared/notebooks/notebook';
import type { DocumentHub } from '../../docs/documentHub.ts';
import type { NotebookWriter } from '../../docs/notebookWriter.ts';
import { hashToken, newId, newToken } from '../../security/tokens.ts';
import type { SessionManager } from '../../sessions/sessionManager.ts';
import type { RequestAuth } from '../auth.ts';
import { bearer } from '../respond.ts';

export const notebookId = (sessionId: string) => docIdOf({ kind: 'notebook', sessionId });

const rightsOf = (stored: string): DocRights => (stored === 'edit' ? 'edit' : 'read');

/** A line of context around a match, for search results. */
export function snippetAround(text: string, at: number, length: number): string {
  const start = Math.max(0, at - 60);
  const end = Math.min(text.length, at + length + 60);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ').trim()}${end < text.length ? '…' : ''}`;
}

/** Notebooks as HTTP sees them: who may read one, its share links, and the facilitator's search. */
export class NotebookService {
  constructor(
    private readonly manager: SessionManager,
    private readonly hub: DocumentHub,
    private readonly writer: NotebookWriter,
    private readonly auth: RequestAuth,
  ) {}

  private get repository() {
    return this.manager.repository;
  }

  /** The session of `:id` for its facilitator, or a live share link of its notebook. */
  async readerOf(req: Request): Promise<string | null> {
    const facilitator = await this.auth.facilitatorOf(req);
    if (facilitator) return facilitator.id;
    const token = bearer(req);
    const id = idSchema.safeParse(req.params.id);
    if (!token || !id.success) return null;
    const link = await this.repository.findShareLink(hashToken(token));
    return link && link.revoked_at === null && link.doc_id === notebookId(id.data) ? id.data : null;
  }

  async links(sessionId: string): Promise<ShareLinkListing[]> {
    const links = await this.repository.listShareLinks(notebookId(sessionId));
    return links.map((l) => ({
      id: l.id,
      rights: rightsOf(l.rights),
      createdAt: l.created_at,
      revokedAt: l.revoked_at,
    }));
  }

  async createLink(sessionId: string, rights: DocRights): Promise<Result<CreatedShareLink>> {
    const docId = notebookId(sessionId);
    const live = (await this.repository.listShareLinks(docId)).filter((l) => l.revoked_at === null);
    if (live.length >= LIMITS.shareLinksPerNotebook)
      return fail('CONFLICT', 'Revoke an old link before making another');
    // The notebook's row must exist for the link to point at it.
    await this.writer.syncSession(this.manager, sessionId);
    const token = newToken();
    const link = {
      token_hash: hashToken(token),
      id: newId(),
      doc_id: docId,
      rights,
      created_at: Date.now(),
      revoked_at: null,
    };
    await this.repository.createShareLink(link);
    return ok({ id: link.id, rights, createdAt: link.created_at, revokedAt: null, token });
  }

  /** Revokes a link; the hash of its token, to cut its open connections. */
  async revokeLink(sessionId: string, linkId: string): Promise<Result<string>> {
    const tokenHash = await this.repository.revokeShareLink(
      notebookId(sessionId),
      linkId,
      Date.now(),
    );
    return tokenHash ? ok(tokenHash) : fail('NOT_FOUND', 'No such link, or it is already revoked');
  }

  /** What a share link opens; null for a revoked or unknown one. */
  async resolve(token: string): Promise<ResolvedLink | null> {
    const link = await this.repository.findShareLink(hashToken(token));
    const ref = link && link.revoked_at === null ? parseDocId(link.doc_id) : null;
    if (!link || !ref) return null;
    const title = await this.hub.read(link.doc_id, (doc) => readNotebook(doc).title);
    return { sessionId: ref.sessionId, docId: link.doc_id, rights: rightsOf(link.rights), title };
  }

  /** The facilitator's notebooks (those whose tokens they prove), optionally matching a text. */
  async search(
    sessions: readonly { sessionId: string; token: string }[],
    rawQuery: string,
  ): Promise<NotebookListing[]> {
    const owned: string[] = [];
    for (const { sessionId, token } of sessions) {
      if (await this.manager.authorizeFacilitator(sessionId, token)) owned.push(sessionId);
    }
    const rows = new Map(
      (await this.repository.getDocumentsOfSessions(owned, 'notebook')).map((r) => [
        r.session_id,
        r,
      ]),
    );
    const query = rawQuery.trim().toLowerCase();
    const listings: NotebookListing[] = [];
    for (const session of await this.manager.list(owned)) {
      const row = rows.get(session.sessionId);
      // Matched without case, shown as written: the snippet keeps the notebook's capitals.
      const text = `${session.title}\n${row?.search_text ?? ''}`;
      const at = query ? text.toLowerCase().indexOf(query) : -1;
      if (query && at < 0) continue;
      listings.push({
        ...session,
        updatedAt: row?.updated_at ?? null,
        snippet: at < 0 ? null : snippetAround(text, at, query.length),
      });
    }
    return listings;
  }
}
