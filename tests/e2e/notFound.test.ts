/**
 * Wrong, stale and mistyped links: each shows a page that says what happened and what to
 * do next. Never a blank page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ensureClientBuilt,
  launchBrowser,
  newLaptop,
  newPhone,
  screenshotter,
  startServer,
  type E2EServer,
} from './harness.ts';

let server: E2EServer;
let browser: Browser;
let laptop: BrowserContext;
let phone: Page;
const shot = screenshotter('notfound');

beforeAll(async () => {
  ensureClientBuilt();
  server = await startServer();
  browser = await launchBrowser();
  laptop = await newLaptop(browser);
  phone = await newPhone(browser);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A page that explains itself: a main heading and some text under it, nothing thrown. */
async function expectNotice(page: Page, heading: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  const body = (await page.locator('main').innerText()).trim();
  expect(body.length).toBeGreaterThan(
    typeof heading === 'string' ? heading.length + 20 : 30, // a sentence beyond the title
  );
}

async function createSession(): Promise<{
  sessionId: string;
  code: string;
  facilitatorToken: string;
}> {
  const response = await fetch(`${server.url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Short and over',
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
  expect(response.status).toBe(201);
  return (await response.json()) as { sessionId: string; code: string; facilitatorToken: string };
}

describe('links that lead nowhere', () => {
  it('says when no session has a join code', async () => {
    await phone.goto(`${server.url}/join/ZZZZZZ`);
    await expectNotice(phone, 'No session with that code');
    await phone
      .getByText(/ZZZZZZ/)
      .first()
      .waitFor();
    await phone.getByRole('link', { name: 'Enter another code' }).waitFor();
    await shot(phone, 'phone-unknown-code');
  });

  it('says when a join link does not hold a join code at all', async () => {
    await phone.goto(`${server.url}/join/!!!`);
    await expectNotice(phone, 'That is not a join code');
    await phone.getByRole('link', { name: 'Enter a code' }).waitFor();
    await shot(phone, 'phone-not-a-code');
  });

  it('shows "Page not found" for an unknown address', async () => {
    await phone.goto(`${server.url}/nope`);
    await expectNotice(phone, 'Page not found');
    await phone.getByRole('link', { name: 'Go to the home page' }).waitFor();
    await shot(phone, 'phone-page-not-found');
  });

  it('explains a console link without a key, with a wrong key, or for no session', async () => {
    const session = await createSession();
    // New pages in a laptop context that never created the session: nothing remembered.
    const open = async (path: string) => {
      const page = await laptop.newPage();
      await page.goto(`${server.url}${path}`);
      return page;
    };
    const noKey = await open(`/console/${session.sessionId}`);
    await expectNotice(noKey, 'This console link has no key');
    await noKey.getByRole('link', { name: 'Your sessions' }).waitFor();
    await shot(noKey, 'laptop-console-no-key');

    const wrongKey = await open(`/console/${session.sessionId}#key=not-the-right-key`);
    await expectNotice(wrongKey, 'Cannot open this console');
    await wrongKey.getByRole('link', { name: 'Your sessions' }).waitFor();
    await shot(wrongKey, 'laptop-console-wrong-key');

    const noSession = await open(`/console/no-such-session#key=${session.facilitatorToken}`);
    await expectNotice(noSession, 'Cannot open this console');

    const screenNoKey = await open(`/screen/${session.sessionId}`);
    await expectNotice(screenNoKey, 'Cannot open the room screen');
    for (const page of [noKey, wrongKey, noSession, screenNoKey]) await page.close();
  });

  it('tells a late participant that the session has ended', async () => {
    const session = await createSession();
    const page = await laptop.newPage();
    await page.goto(`${server.url}/console/${session.sessionId}#key=${session.facilitatorToken}`);
    await page.getByRole('button', { name: 'Start session' }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'End session' }).click();
    await page.getByRole('heading', { name: 'Results', exact: true }).waitFor();

    const late = await newPhone(browser);
    await late.goto(`${server.url}/join/${session.code}`);
    await expectNotice(late, 'This session has ended');
    await late.getByText('Thank you for taking part.').waitFor();
    await shot(late, 'phone-session-ended');
  });
});
