/**
 * The library's search snippets over real HTTP, on SQLite (FTS5 `snippet()`) and (with
 * TEST_DATABASE_URL) PostgreSQL (`ts_headline`): the words around a notebook match, with
 * the matched words marked as data, never as markup; and the marks' parsing on its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snippetParts } from '../../server/src/workspaces/library.ts';
import { backends, startAccountsServer, type AccountsServer } from './accountsKit.ts';
import {
  bodyOf,
  createSessionAt,
  signUpTeam,
  workspaceFixture,
  writeNotebook,
  type Team,
} from './workspacesKit.ts';

describe('snippet marks', () => {
  it('splits marked text into plain and matched pieces, dropping stray marks', () => {
    expect(snippetParts('we \u0001greet\u0002 callers by \u0001name\u0002.')).toEqual([
      { text: 'we ', isMatch: false },
      { text: 'greet', isMatch: true },
      { text: ' callers by ', isMatch: false },
      { text: 'name', isMatch: true },
      { text: '.', isMatch: false },
    ]);
    expect(snippetParts('no match here')).toBeNull();
    expect(snippetParts(null)).toBeNull();
    // An opening mark never closed marks nothing.
    expect(snippetParts('odd \u0002 end \u0001open')).toBeNull();
  });
});

describe.each(backends)('library snippets on $name', (backend) => {
  let server: AccountsServer;
  let team: Team;

  beforeAll(async () => {
    server = await startAccountsServer(backend);
    team = await signUpTeam(server, 'snippets');
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  it('shows the words around a notebook match with the matched words marked as data', async () => {
    const session = await createSessionAt(server.url, { title: 'Angry callers' });
    await writeNotebook(
      server,
      session.sessionId,
      'Angry callers\nWe agreed to <b>acknowledge</b> the complaint before any refund talk',
    );
    const f = await workspaceFixture(server, team, session);
    const list = async (q: string) =>
      (
        bodyOf(
          await f.as.viewer.get(`/workspaces/${f.workspaceId}/library?q=${encodeURIComponent(q)}`),
        ).sessions as { snippet: { text: string; isMatch: boolean }[] | null }[]
      )[0];
    const found = await list('complain');
    const parts = found?.snippet ?? [];
    expect(parts.filter((p) => p.isMatch).map((p) => p.text.toLowerCase())).toEqual(['complaint']);
    const text = parts.map((p) => p.text).join('');
    expect(text).toContain('the complaint before');
    // Marked ranges are data: the notebook's own angle brackets are never marks.
    const acknowledged = (await list('acknowledge'))?.snippet ?? [];
    expect(acknowledged.filter((p) => p.isMatch).map((p) => p.text)).toEqual(['acknowledge']);
    // A title-only match has no notebook snippet; no search, no snippet.
    expect((await list(''))?.snippet).toBeNull();
  });
});
