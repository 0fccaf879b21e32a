/**
 * Facilitator accounts in Chromium: sign up from the home page's "Sign in", claim the
 * session this browser created and the notebook it opened through a colleague's share
 * link in one click, then sign in on a fresh browser context (a phone-sized "other
 * device") and find the session under "Your sessions" with a working console link and the
 * notebook under "Notebooks shared with you", opening with its link. Screenshots at 1366x768 and 390x844; axe on every accounts page.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  expectAccessible,
  newPhone,
  screenshotter,
  useBrowserRun,
  type E2EServer,
} from './harness.ts';

let server: E2EServer;
let browser: Browser;
let laptop: BrowserContext;
useBrowserRun((run) => ({ server, browser, laptop } = run));
const shot = screenshotter('accounts');

const EMAIL = 'sam@example.com';
const PASSWORD = 'fourteen chars!';

/** A session created on this laptop's browser, as the "new session" page leaves it. */
async function createSessionIn(page: Page): Promise<{ sessionId: string; title: string }> {
  const title = 'Complaints clinic';
  const response = await fetch(`${server.url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      title,
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
  const created = (await response.json()) as { sessionId: string; facilitatorToken: string };
  await page.evaluate(
    (session) => {
      localStorage.setItem('playfield.facilitated', JSON.stringify([session]));
    },
    { sessionId: created.sessionId, token: created.facilitatorToken },
  );
  return { sessionId: created.sessionId, title };
}

/** A colleague's session with a notebook, shared read-only: the link's secret. */
async function sharedNotebookLink(): Promise<{ sessionId: string; title: string; link: string }> {
  const title = 'Escalations review';
  const response = await fetch(`${server.url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      title,
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
  const created = (await response.json()) as { sessionId: string; facilitatorToken: string };
  const made = await fetch(`${server.url}/api/notebooks/${created.sessionId}/links`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${created.facilitatorToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ rights: 'read' }),
  });
  expect(made.status).toBe(201);
  const { token } = (await made.json()) as { token: string };
  return { sessionId: created.sessionId, title, link: token };
}

describe('facilitator accounts', () => {
  it('signs up, claims this browser’s session and shared notebook, and finds both on another device', async () => {
    const page = await laptop.newPage();
    await page.goto(server.url);
    const session = await createSessionIn(page);
    // This browser also opened a colleague's notebook through a read-only share link.
    const shared = await sharedNotebookLink();
    await page.goto(`${server.url}/notebook/${shared.sessionId}#link=${shared.link}`);
    await page.getByRole('heading', { name: 'What name should the others see?' }).waitFor();
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('playfield.notebook.links')))
      .toContain(shared.link);
    await page.goto(server.url);

    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await expectAccessible(page, 'sign in (laptop)');
    await shot(page, 'signin-laptop');

    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
    // A short password is refused with a message the field points to.
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel(/^Password/).fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/at least 10 characters/);
    expect(await page.getByLabel(/^Password/).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'sign up with an error');
    await shot(page, 'signup-error');
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    const claim = page.getByRole('button', {
      name: /Add this browser's 1 session and [12] notebooks? to your account/,
    });
    await claim.waitFor();
    await expectAccessible(page, 'account with the claim offer');
    await shot(page, 'account-claim');
    await claim.click();
    await page
      .getByRole('status')
      .filter({ hasText: /Added 1 session/ })
      .waitFor();
    await shot(page, 'account-claimed');

    // Another device: nothing in its storage, then signed in from the home page's header.
    const phone = await newPhone(browser);
    await phone.goto(server.url);
    expect(await phone.evaluate(() => localStorage.getItem('playfield.facilitated'))).toBeNull();
    await shot(phone, 'home-phone');
    await phone.getByRole('link', { name: 'Sign in', exact: true }).click();
    await phone.getByLabel('Email').fill(EMAIL);
    await phone.getByLabel('Password').fill('not the password');
    await phone.getByRole('button', { name: 'Sign in', exact: true }).click();
    await phone
      .getByRole('alert')
      .filter({ hasText: /do not match/ })
      .waitFor();
    await shot(phone, 'signin-refused-phone');
    await phone.getByLabel('Password').fill(PASSWORD);
    await phone.getByRole('button', { name: 'Sign in', exact: true }).click();
    await phone.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    const notebooks = phone.getByRole('region', { name: 'Notebooks shared with you' });
    const notebook = notebooks.getByRole('link', { name: shared.title });
    await notebook.waitFor();
    expect(await notebook.getAttribute('href')).toBe(
      `/notebook/${shared.sessionId}#link=${shared.link}`,
    );
    await expectAccessible(phone, 'account (phone)');
    await shot(phone, 'account-phone');
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    // The share link opens the notebook on this device too: the old link keeps working.
    await notebook.click();
    await phone.getByRole('heading', { name: 'What name should the others see?' }).waitFor();
    await phone.goto(`${server.url}/account`);
    await phone.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();

    await phone.getByRole('link', { name: 'Your sessions' }).click();
    await phone.getByRole('heading', { level: 2, name: session.title }).waitFor();
    await shot(phone, 'sessions-phone');
    const console = phone.getByRole('link', { name: /Open console|Open/ }).first();
    expect(await console.getAttribute('href')).toMatch(
      new RegExp(`^/console/${session.sessionId}#key=[A-Za-z0-9_-]{43}$`),
    );
    await phone.context().close();
  });

  it('adds a passkey and signs in with it (Chromium’s virtual authenticator)', async () => {
    // WebAuthn wants a domain, not an IP address: the same server as localhost.
    const origin = server.url.replace('127.0.0.1', 'localhost');
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    await page.goto(`${origin}/account/signup`);
    await page.getByLabel('Email').fill('kim@example.com');
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.getByRole('status').filter({ hasText: 'Passkey added.' }).waitFor();
    await page.getByText(/^Passkey added \d/).waitFor();
    await shot(page, 'passkey-added');

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { name: 'Join a workshop' }).waitFor();
    await page.goto(`${origin}/account`);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    expect(await page.getByText('Signed in as').innerText()).toContain('kim@example.com');
    await context.close();
  });
});
