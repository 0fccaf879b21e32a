/**
 * Workspaces in Chromium: an owner signs up, claims this browser's session, creates a
 * workspace and moves the session into its library, and invites a colleague by link; the
 * colleague accepts in a second browser; both find the same library on a fresh context (a
 * phone); a template is saved from the session and a session started from it opens its
 * console. A producer invited by the owner opens the owner's session's console from the
 * library on a second laptop (no key), finds its agenda read-only, starts the session and
 * reveals a round, which the owner's console shows, with who did what. Screenshots at
 * 1366x768 and 390x844; axe on each new page (the list, a workspace, the invitation, the
 * producer's console).
 */
import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  expectAccessible,
  newLaptop,
  newPhone,
  screenshotOnFailure,
  screenshotter,
  useBrowserRun,
  type E2EServer,
} from './harness.ts';

let server: E2EServer;
let browser: Browser;
let laptop: BrowserContext;
useBrowserRun((run) => ({ server, browser, laptop } = run));
const shot = screenshotter('workspaces');
const open: [string, Page | undefined][] = [];
screenshotOnFailure(shot, () => open);

const PASSWORD = 'fourteen chars!';
const TITLE = 'Complaints clinic';

/** A session this browser created, as the "new session" page leaves it. */
async function createSessionIn(page: Page): Promise<string> {
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
          notes: 'Ask the quiet table first',
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
  return created.sessionId;
}

async function signUp(page: Page, email: string): Promise<void> {
  await page.goto(`${server.url}/account/signup`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
}

/** The titles the library lists, in order. */
async function libraryTitles(page: Page): Promise<string[]> {
  const sessions = page.getByTestId('library-session');
  await sessions.first().waitFor();
  return sessions.locator('strong').allInnerTexts();
}

describe('workspaces', () => {
  it('invites a colleague who accepts, shares the library on any device, and starts a session from a template', async () => {
    const owner = await laptop.newPage();
    open.push(['owner', owner]);
    await owner.goto(server.url);
    await createSessionIn(owner);
    await signUp(owner, 'lead@example.com');
    await owner.getByRole('button', { name: /Add this browser's 1 session/ }).click();
    await owner
      .getByRole('status')
      .filter({ hasText: /Added 1 session/ })
      .waitFor();

    // From the account menu to a new workspace.
    await owner.getByRole('link', { name: 'Workspaces' }).click();
    await owner.getByRole('heading', { level: 1, name: 'Workspaces' }).waitFor();
    await expectAccessible(owner, 'workspaces list');
    await owner.getByLabel('Team name').fill('Support team');
    await owner.getByRole('button', { name: 'Create workspace' }).click();
    await owner.getByRole('heading', { level: 1, name: 'Support team' }).waitFor();
    await owner.getByText('No sessions in this workspace yet.').waitFor();

    await owner.getByText('Add sessions from your account').click();
    await owner.getByRole('checkbox', { name: new RegExp(TITLE) }).check();
    await owner.getByRole('button', { name: /Move 1 into the workspace/ }).click();
    expect(await libraryTitles(owner)).toEqual([TITLE]);

    await owner.getByLabel('Role of the new member').selectOption('facilitator');
    await owner.getByRole('button', { name: 'Create invitation link' }).click();
    const link = await owner.getByLabel('Invitation link (shown once)').inputValue();
    expect(link).toMatch(/\/invite#token=[A-Za-z0-9_-]{43}$/);
    await owner.getByRole('list', { name: 'Open invitations' }).waitFor();
    await expectAccessible(owner, 'workspace (owner, laptop)');
    await shot(owner, 'workspace-owner-laptop');
    const sideways = await owner.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(sideways).toBe(0);

    // A colleague in a second browser: signed out, then signed up, then in with one click.
    const second = await newLaptop(browser);
    const colleague = await second.newPage();
    open.push(['colleague', colleague]);
    await colleague.goto(link);
    await colleague.getByRole('heading', { level: 1, name: 'Join a workspace' }).waitFor();
    await colleague.getByRole('link', { name: 'Sign in' }).waitFor();
    await signUp(colleague, 'kim@example.com');
    await colleague.goto(link);
    const join = colleague.getByRole('button', { name: 'Join Support team' });
    await join.waitFor();
    expect(await colleague.getByText(/You are invited to/).innerText()).toContain('facilitator');
    await expectAccessible(colleague, 'invitation');
    await shot(colleague, 'invite-laptop');
    await join.click();
    await colleague.getByRole('heading', { level: 1, name: 'Support team' }).waitFor();
    expect(await libraryTitles(colleague)).toEqual([TITLE]);
    // The link worked once: used again, it opens nothing.
    await colleague.goto(link);
    await colleague
      .getByRole('alert')
      .filter({ hasText: /expired, was used or was revoked/ })
      .waitFor();
    await second.close();

    // Another device for the colleague: a phone with nothing stored.
    const phone = await newPhone(browser);
    open.push(['phone', phone]);
    await phone.goto(`${server.url}/account`);
    await phone.getByLabel('Email').fill('kim@example.com');
    await phone.getByLabel('Password').fill(PASSWORD);
    await phone.getByRole('button', { name: 'Sign in', exact: true }).click();
    await phone.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await phone.getByRole('link', { name: 'Workspaces' }).click();
    await phone.getByRole('link', { name: 'Support team' }).click();
    expect(await libraryTitles(phone)).toEqual([TITLE]);
    await phone.getByRole('heading', { name: 'Templates' }).waitFor();
    await phone.getByTestId('template').first().waitFor();
    await shot(phone, 'workspace-phone');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await phone.context().close();

    // The owner saves the session's agenda as a template and starts a session from it.
    await owner.getByRole('button', { name: `Save the agenda of ${TITLE} as a template` }).click();
    await owner.getByRole('status').filter({ hasText: 'is saved as a template' }).waitFor();
    const template = owner.getByTestId('template').filter({ hasText: TITLE });
    await template.waitFor();
    expect(await template.innerText()).toMatch(/1 round/);
    await owner.getByRole('button', { name: `Start a session from ${TITLE}` }).click();
    await owner.waitForURL(/\/console\/[A-Za-z0-9_-]+$/);
    await owner.getByText('Warm-up').first().waitFor();
    await shot(owner, 'console-from-template');
    await owner.goBack();
    await owner.getByRole('heading', { level: 1, name: 'Support team' }).waitFor();
    await expect.poll(() => libraryTitles(owner)).toEqual([TITLE, TITLE]);
  });

  it("lets a producer on a second laptop run the owner's session from the library, its agenda read-only, the log naming who did what, until the owner changes their role and removes them", async () => {
    const ownerContext = await newLaptop(browser);
    const owner = await ownerContext.newPage();
    open.push(['owner (co)', owner]);
    await owner.goto(server.url);
    await createSessionIn(owner);
    await signUp(owner, 'lead.co@example.com');
    await owner.getByRole('button', { name: /Add this browser's 1 session/ }).click();
    await owner.getByRole('link', { name: 'Workspaces' }).click();
    await owner.getByLabel('Team name').fill('Floor team');
    await owner.getByRole('button', { name: 'Create workspace' }).click();
    await owner.getByRole('heading', { level: 1, name: 'Floor team' }).waitFor();
    const workspaceUrl = owner.url();
    await owner.getByText('Add sessions from your account').click();
    await owner.getByRole('checkbox', { name: new RegExp(TITLE) }).check();
    await owner.getByRole('button', { name: /Move 1 into the workspace/ }).click();
    await owner.getByLabel('Role of the new member').selectOption('producer');
    await owner.getByText(/A producer runs sessions from the console/).waitFor();
    await owner.getByRole('button', { name: 'Create invitation link' }).click();
    const link = await owner.getByLabel('Invitation link (shown once)').inputValue();

    // The producer, signed in on their own laptop, opens the console from the library.
    const producerContext = await newLaptop(browser);
    const producer = await producerContext.newPage();
    open.push(['producer', producer]);
    await signUp(producer, 'sam.producer@example.com');
    await producer.goto(link);
    await producer.getByRole('button', { name: 'Join Floor team' }).click();
    await producer.getByRole('heading', { level: 1, name: 'Floor team' }).waitFor();
    expect(await producer.getByRole('button', { name: /Save the agenda of/ }).count()).toBe(0);
    await producer.getByRole('button', { name: `Open the console of ${TITLE}` }).click();
    await producer.waitForURL(/\/console\/[A-Za-z0-9_-]+#member$/);
    const agenda = producer.getByRole('region', { name: 'Agenda' });
    await agenda
      .getByRole('note')
      .filter({ hasText: /as a producer you run the rounds/ })
      .waitFor();
    expect(await agenda.getByRole('button', { name: /^(Edit|Add a round)$/ }).count()).toBe(0);
    expect(await producer.evaluate(() => localStorage.getItem('playfield.facilitated'))).toBeNull();

    // The owner's console, also opened from the library, sees the producer drive the round.
    await owner.getByRole('button', { name: `Open the console of ${TITLE}` }).click();
    await owner.waitForURL(/#member$/);
    await owner.getByRole('button', { name: 'Start session' }).waitFor();
    await producer.getByRole('button', { name: 'Start session' }).click();
    await producer.getByRole('button', { name: 'Reveal results' }).click();
    await owner.getByText('Results shown').first().waitFor();
    await owner.getByRole('button', { name: 'Refresh who did what' }).click();
    const log = owner.getByRole('list', { name: 'Who did what, newest first' });
    await log.getByText('sam.producer@example.com').first().waitFor();
    expect(await log.innerText()).toMatch(/sam\.producer@example\.com revealed results/);
    await producer.getByRole('button', { name: 'Refresh who did what' }).click();
    await producer
      .getByRole('list', { name: 'Who did what, newest first' })
      .getByText('revealed results')
      .waitFor();
    await expectAccessible(producer, 'console (producer)');
    await shot(producer, 'console-producer');
    await shot(owner, 'console-owner-sees-producer');

    // Made a facilitator, the producer's open console edits the agenda at once, no reload.
    const members = await ownerContext.newPage();
    open.push(['owner (members)', members]);
    await members.goto(workspaceUrl);
    await members.getByLabel('Role of sam.producer@example.com').selectOption('facilitator');
    await agenda.getByRole('button', { name: 'Edit' }).first().waitFor();
    expect(await agenda.getByRole('note').count()).toBe(0);
    // Removed, their console stops at once and says why; the owner's keeps running.
    await members.getByRole('button', { name: 'Remove sam.producer@example.com' }).click();
    await producer.getByRole('heading', { name: 'Cannot open this console' }).waitFor();
    await producer.getByText(/no longer run this console/).waitFor();
    await expectAccessible(producer, 'console closed (member removed)');
    await shot(producer, 'console-member-removed');
    await owner.getByRole('button', { name: 'Refresh who did what' }).click();
    expect(await owner.getByRole('heading', { name: 'Cannot open this console' }).count()).toBe(0);
    await producerContext.close();
    await ownerContext.close();
  });
});
