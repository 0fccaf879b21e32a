/**
 * A workspace's data life in Chromium: a colleague opens an invitation signed out, signs
 * up from it and lands back on it; the owner downloads the workspace archive (read back
 * here) and deletes the library's session, which is then gone from the library on the
 * colleague's laptop, the owner's sessions and its console link. Screenshots at
 * 1366x768; axe on the workspace page with its new panels.
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  expectAccessible,
  newLaptop,
  screenshotOnFailure,
  screenshotter,
  useBrowserRun,
  type E2EServer,
} from './harness.ts';

let server: E2EServer;
let browser: Browser;
let laptop: BrowserContext;
useBrowserRun((run) => ({ server, browser, laptop } = run));
const shot = screenshotter('workspacesLife');
const open: [string, Page | undefined][] = [];
screenshotOnFailure(shot, () => open);

const PASSWORD = 'fourteen chars!';
const TITLE = 'Refunds clinic';

describe('a workspace through its data life', () => {
  it('returns a signed-out colleague to the invitation, exports an archive and deletes a session everywhere', async () => {
    const owner = await laptop.newPage();
    open.push(['owner', owner]);
    await owner.goto(server.url);
    const response = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: TITLE,
        agenda: [
          {
            kind: 'poll',
            title: 'Warm-up',
            config: {
              question: 'Ready?',
              options: ['Yes', 'No'],
              isMultipleChoice: false,
              isAnonymous: false,
            },
          },
        ],
      }),
    });
    const created = (await response.json()) as { sessionId: string; facilitatorToken: string };
    await owner.evaluate(
      (session) => {
        localStorage.setItem('playfield.facilitated', JSON.stringify([session]));
      },
      { sessionId: created.sessionId, token: created.facilitatorToken },
    );
    await owner.goto(`${server.url}/account/signup`);
    await owner.getByLabel('Email').fill('owner.life@example.com');
    await owner.getByLabel(/^Password/).fill(PASSWORD);
    await owner.getByRole('button', { name: 'Create account' }).click();
    await owner.getByRole('button', { name: /Add this browser's 1 session/ }).click();
    await owner
      .getByRole('status')
      .filter({ hasText: /Added 1 session/ })
      .waitFor();
    await owner.getByRole('link', { name: 'Workspaces' }).click();
    await owner.getByLabel('Team name').fill('Refund team');
    await owner.getByRole('button', { name: 'Create workspace' }).click();
    await owner.getByRole('heading', { level: 1, name: 'Refund team' }).waitFor();
    await owner.getByText('Add sessions from your account').click();
    await owner.getByRole('checkbox', { name: new RegExp(TITLE) }).check();
    await owner.getByRole('button', { name: /Move 1 into the workspace/ }).click();
    await owner.getByTestId('library-session').first().waitFor();
    await owner.getByRole('button', { name: 'Create invitation link' }).click();
    const link = await owner.getByLabel('Invitation link (shown once)').inputValue();

    // Signed out, the invitation leads through sign-up and back to itself.
    const second = await newLaptop(browser);
    const colleague = await second.newPage();
    open.push(['colleague', colleague]);
    await colleague.goto(link);
    await colleague.getByRole('link', { name: 'Create an account' }).click();
    await colleague.getByLabel('Email').fill('kim.life@example.com');
    await colleague.getByLabel(/^Password/).fill(PASSWORD);
    await colleague.getByRole('button', { name: 'Create account' }).click();
    await colleague.getByRole('button', { name: 'Join Refund team' }).click();
    await colleague.getByRole('heading', { level: 1, name: 'Refund team' }).waitFor();
    const workspaceUrl = colleague.url();
    await colleague.getByTestId('library-session').filter({ hasText: TITLE }).waitFor();

    // The owner's archive, read back.
    await expectAccessible(owner, 'workspace with export (owner)');
    await shot(owner, 'workspace-export-laptop');
    const [download] = await Promise.all([
      owner.waitForEvent('download'),
      owner.getByRole('link', { name: 'Download the archive' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^Refund team \d{4}-\d{2}-\d{2}\.zip$/);
    const files = unzipSync(new Uint8Array(await readFile((await download.path()) ?? '')));
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as {
      sessions: { title: string }[];
    };
    expect(manifest.sessions.map((s) => s.title)).toEqual([TITLE]);
    expect(Object.keys(files)).toContain('members.json');

    // Deleted from the library: gone from it, and its console link answers not found.
    await owner.getByRole('button', { name: `Delete the session “${TITLE}”` }).click();
    await shot(owner, 'library-delete-dialog');
    await owner.getByRole('button', { name: 'Delete for good' }).click();
    await owner.getByRole('status').filter({ hasText: 'is deleted' }).waitFor();
    await owner.getByText('No sessions in this workspace yet.').waitFor();
    const gone = await fetch(`${server.url}/api/sessions/${created.sessionId}/agenda-file`, {
      headers: { authorization: `Bearer ${created.facilitatorToken}` },
    });
    expect(gone.status).toBe(404);
    // Gone everywhere: the colleague's library on their laptop, the owner's sessions and
    // its console link.
    await colleague.goto(workspaceUrl);
    await colleague.getByText('No sessions in this workspace yet.').waitFor();
    expect(await colleague.getByText(TITLE).count()).toBe(0);
    await second.close();
    await owner.goto(`${server.url}/sessions`);
    await owner.getByText(/Sessions you create on this browser are listed here/).waitFor();
    expect(await owner.getByText(TITLE).count()).toBe(0);
    await owner.goto(`${server.url}/console/${created.sessionId}#key=${created.facilitatorToken}`);
    await owner.getByRole('heading', { name: 'Cannot open this console' }).waitFor();
    await shot(owner, 'console-of-deleted-session');
  });
});
