/**
 * Deleting a session in a real browser: a phone has joined, the session has ended, the
 * facilitator deletes it from the console's end-of-session area after its confirmation
 * dialog; the phone and the console are told "This session was deleted". Screenshots of
 * the dialog (1366x768) and the phone (390x844), axe on both.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CreatedSession } from '@playfield/shared';
import {
  expectAccessible,
  newPhone,
  screenshotOnFailure,
  screenshotter,
  useBrowserRun,
  waitForText,
  type E2EServer,
} from './harness.ts';

let server: E2EServer;
let browser: Browser;
let laptop: BrowserContext;
let consolePage: Page | undefined;
let phonePage: Page | undefined;
const shot = screenshotter('lifecycle');

useBrowserRun((run) => ({ server, browser, laptop } = run));
screenshotOnFailure(shot, () => [
  ['console', consolePage],
  ['phone', phonePage],
]);

describe('deleting a session in Chromium', () => {
  it('deletes an ended session from the console and the phone is told', async () => {
    const response = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Listening day (lifecycle e2e)',
        agenda: [
          {
            kind: 'poll',
            title: 'First contact',
            config: {
              question: 'How do customers reach us first?',
              options: ['Phone', 'Email', 'Chat'],
              isMultipleChoice: false,
              isAnonymous: false,
            },
          },
        ],
      }),
    });
    expect(response.status).toBe(201);
    const session = (await response.json()) as CreatedSession;

    const phone = await newPhone(browser);
    phonePage = phone;
    await phone.goto(`${server.url}/join/${session.code}`);
    await phone.getByLabel('Your name, as the room will see it').fill('Ana');
    await phone.getByRole('button', { name: 'Join', exact: true }).tap();
    await phone.getByText('Ana').first().waitFor();

    const live = await server.playfield.manager.get(session.sessionId);
    expect(await live?.execute({ type: 'session.start' }, { role: 'facilitator' })).toMatchObject({
      ok: true,
    });
    expect(await live?.execute({ type: 'session.end' }, { role: 'facilitator' })).toMatchObject({
      ok: true,
    });

    const console = await laptop.newPage();
    consolePage = console;
    await console.goto(
      `${server.url}/console/${session.sessionId}#key=${session.facilitatorToken}`,
    );
    await console.getByRole('heading', { name: 'Delete this session' }).waitFor();
    await console.getByRole('button', { name: /Delete the session/ }).click();
    const dialog = console.getByRole('alertdialog', {
      name: 'Delete “Listening day (lifecycle e2e)”?',
    });
    await dialog.waitFor();
    await expectAccessible(console, 'console delete dialog');
    await shot(console, 'console-dialog-1366x768');
    await dialog.getByRole('button', { name: 'Delete for good' }).click();

    await waitForText(phone.locator('body'), 'This session was deleted');
    await waitForText(console.locator('body'), 'This session was deleted');
    await expectAccessible(phone, 'phone after deletion');
    await shot(phone, 'phone-deleted-390x844');
    await shot(console, 'console-deleted-1366x768');
    expect(await server.playfield.manager.repository.getSession(session.sessionId)).toBeUndefined();
  });
});
