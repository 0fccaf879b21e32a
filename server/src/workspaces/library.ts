import { sql, type Expression, type SqlBool } from 'kysely';
import { docIdOf } from '@playfield/shared';
import type { WorkspaceRepository } from './repository.ts';

/** How a library listing names a session's state. */
export type LibraryState = 'planned' | 'live' | 'finished' | 'rehearsal';

/** A session of a workspace's library, as the Workspace page lists it. */
export interface LibraryEntry {
  sessionId: string;
  title: string;
  workshop: string;
  createdAt: number;
  endedAt: number | null;
  state: LibraryState;
  participantCount: number;
  hasNotebook: boolean;
  /** When the retention job deleted its participants' raw answers (null: kept). */
  answersDeletedAt: number | null;
  /**
   * For a text search that matched the notebook: a few words around the match, as plain
   * text pieces with the matched words marked (the page renders them as text, never HTML).
   */
  snippet: SnippetPart[] | null;
}

/** A piece of a search snippet: text, and whether it is a matched word. */
export interface SnippetPart {
  text: string;
  isMatch: boolean;
}

/** Marks the database puts around matched words: control characters no stored text keeps. */
const MARK_START = '\u0001';
const MARK_END = '\u0002';

/**
 * A snippet as the database marked it, in pieces: marked and unmarked text alternate;
 * stray marks are dropped. Null when nothing in it matched.
 */
export function snippetParts(marked: string | null): SnippetPart[] | null {
  if (!marked?.includes(MARK_START)) return null;
  const parts: SnippetPart[] = [];
  for (const [i, piece] of marked.split(MARK_START).entries()) {
    const [matched, rest] = i === 0 ? [null, piece] : splitOnce(piece, MARK_END);
    if (matched) parts.push({ text: matched, isMatch: true });
    const plain = rest.replaceAll(MARK_END, '');
    if (plain) parts.push({ text: plain, isMatch: false });
  }
  return parts.some((p) => p.isMatch) ? parts : null;
}

function splitOnce(text: string, mark: string): [string | null, string] {
  const at = text.indexOf(mark);
  return at < 0 ? [null, text] : [text.slice(0, at), text.slice(at + mark.length)];
}

/** The notebook's snippet around the search's words, marked by the database. */
function snippetOf(repository: WorkspaceRepository, words: string[]) {
  if (repository.isPostgres) {
    const query = words.map((w) => `${w}:*`).join(' & ');
    return sql<string | null>`case when to_tsvector('simple', d.search_text)
        @@ to_tsquery('simple', ${query})
      then ts_headline('simple', d.search_text, to_tsquery('simple', ${query}),
        'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=16, MinWords=6, MaxFragments=1')
      end`;
  }
  const query = words.map((w) => `"${w}"*`).join(' ');
  return sql<string | null>`(select snippet(documents_fts, 0, char(1), char(2), '…', 12)
      from documents_fts where documents_fts match ${query} and documents_fts.rowid = d.rowid)`;
}

/** What the library is filtered by; every field is optional. */
export interface LibraryQuery {
  text?: string;
  workshop?: string;
  /** Created on or after / before these instants (ms). */
  from?: number;
  to?: number;
  /** Rehearsals are left out unless this is set. */
  withRehearsals?: boolean;
}

/** At most this many entries per answer (a team's library of years fits many pages of it). */
export const LIBRARY_PAGE = 200;

/**
 * The words of a search, as the full-text index tokenises them (letters and digits),
 * at most 8: each must appear, the last as a prefix too (search while typing).
 */
export function searchWords(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  )
    .slice(0, 8)
    .map((w) => w.slice(0, 40));
}

/** The full-text condition: the session's title or its notebook (notes, results) match. */
function matches(repository: WorkspaceRepository, words: string[]): Expression<SqlBool> {
  if (repository.isPostgres) {
    // Words are letters and digits only, so they cannot carry tsquery operators.
    const query = words.map((w) => `${w}:*`).join(' & ');
    // Each side is a subquery on its own table, so each can use its GIN index.
    return sql<SqlBool>`(s.id in (select id from sessions
        where to_tsvector('simple', title) @@ to_tsquery('simple', ${query}))
      or s.id in (select session_id from documents where kind = 'notebook'
        and to_tsvector('simple', search_text) @@ to_tsquery('simple', ${query})))`;
  }
  // FTS5: each word quoted (no operators), every one a prefix; all must match.
  const query = words.map((w) => `"${w}"*`).join(' ');
  return sql<SqlBool>`(s.rowid in (select rowid from sessions_fts where sessions_fts match ${query})
    or d.rowid in (select rowid from documents_fts where documents_fts match ${query}))`;
}

/** A workspace's sessions, newest first, filtered and searched in the database. */
export async function listLibrary(
  repository: WorkspaceRepository,
  workspaceId: string,
  filter: LibraryQuery,
): Promise<LibraryEntry[]> {
  let query = repository.db
    .selectFrom('workspace_items as i')
    .innerJoin('sessions as s', 's.id', 'i.session_id')
    .leftJoin('documents as d', (join) =>
      join.on(
        'd.id',
        '=',
        sql<string>`${sql.lit(docIdOf({ kind: 'notebook', sessionId: '' }))} || s.id`,
      ),
    )
    .select([
      's.id',
      's.title',
      's.phase',
      's.created_at',
      's.ended_at',
      's.participant_count',
      'i.workshop',
      'i.is_rehearsal',
      'd.id as doc_id',
      // Added by migration 0006_retention (retention.ts).
      sql<number | null>`i.answers_deleted_at`.as('answers_deleted_at'),
    ])
    .where('i.workspace_id', '=', workspaceId);
  const words = searchWords(filter.text ?? '');
  const withSnippet =
    words.length > 0
      ? query.where(matches(repository, words)).select(snippetOf(repository, words).as('snippet'))
      : query.select(sql<string | null>`null`.as('snippet'));
  query = withSnippet;
  if (!filter.withRehearsals) query = query.where('i.is_rehearsal', '=', 0);
  if (filter.workshop) query = query.where('i.workshop', '=', filter.workshop);
  if (filter.from !== undefined) query = query.where('s.created_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('s.created_at', '<', filter.to);
  const rows = await query.orderBy('s.created_at', 'desc').limit(LIBRARY_PAGE).execute();
  return rows.map((r) => ({
    sessionId: r.id,
    title: r.title,
    workshop: r.workshop,
    createdAt: r.created_at,
    endedAt: r.ended_at,
    state: stateOf(r.phase, r.is_rehearsal === 1),
    participantCount: r.participant_count,
    hasNotebook: r.doc_id !== null,
    answersDeletedAt: r.answers_deleted_at,
    snippet: snippetParts((r as { snippet?: string | null }).snippet ?? null),
  }));
}

function stateOf(phase: string, isRehearsal: boolean): LibraryState {
  if (isRehearsal) return 'rehearsal';
  if (phase === 'ended') return 'finished';
  return phase === 'live' ? 'live' : 'planned';
}

/** The workshops a library's filter offers: those its sessions name. */
export async function libraryWorkshops(
  repository: WorkspaceRepository,
  workspaceId: string,
): Promise<string[]> {
  const rows = await repository.db
    .selectFrom('workspace_items')
    .select('workshop')
    .distinct()
    .where('workspace_id', '=', workspaceId)
    .orderBy('workshop')
    .execute();
  return rows.map((r) => r.workshop);
}
