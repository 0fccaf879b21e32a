/**
 * Personal action plans in a real browser: the facilitator asks "what will I do about
 * this?" after a round, a phone answers into its plan, the closing round opens the plan
 * editor, the phone fills it in, reorders, shares and downloads it as PDF, Markdown and
 * .ics, while a laptop holding the same plan through its resume link sees edits live.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import type { CreatedSession } from '@playfield/shared';
import { actionPlanPresets } from '@playfield/shared/exercises/actionPlan/index';
import {
  ensureClientBuilt,
  expectAccessible,
  launchBrowser,
  newLaptop,
  newPhone,
  screenshotOnFailure,
  screenshotter,
  startServer,
  waitForText,
  type E2EServer,
} from './harness.ts';

const TITLE = 'Service recovery day (e2e)';
const QUESTION = 'How do customers reach you first?';
const ANSWER = 'Call back every complaint within a day';
const SECOND = 'Thank one colleague a day';

let server: E2EServer;
let browser: Browser;
let laptop: BrowserContext;
let consolePage: Page;
let screenPage: Page;
let phone: Page;
let planLaptop: Page;
let session: CreatedSession;
const pageErrors: string[] = [];
const shot = screenshotter('plan');

/** What the Content-Security-Policy blocked, page by page: the policy is kept, the cause fixed. */
const cspViolations: string[] = [];

async function watchErrors(page: Page, who: string): Promise<Page> {
  page.on('pageerror', (error) => pageErrors.push(`${who}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text()))
      cspViolations.push(`${who}: ${message.text()}`);
  });
  await page.exposeFunction('reportCspViolation', (text: string) =>
    cspViolations.push(`${who}: ${text}`),
  );
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation: (t: string) => void })
        .reportCspViolation;
      report(
        `${event.violatedDirective} blocked ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  return page;
}

/** The action cards of a plan page, in order. */
const actions = (page: Page) => page.getByTestId('plan-action');
const actionCard = (page: Page, n: number) => actions(page).nth(n);

/** Saves a download and returns its file name and contents. */
async function saved(download: Download): Promise<{ name: string; bytes: Buffer }> {
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) };
}

async function downloadFrom(page: Page, button: string) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  return saved(download);
}

beforeAll(async () => {
  ensureClientBuilt();
  server = await startServer();
  browser = await launchBrowser();
  laptop = await newLaptop(browser);
  const response = await fetch(`${server.url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      title: TITLE,
      agenda: [
        {
          kind: 'poll',
          title: 'First contact',
          config: {
            question: QUESTION,
            options: ['Phone', 'Email', 'Chat'],
            isMultipleChoice: false,
            isAnonymous: false,
          },
        },
        { kind: 'actionPlan', ...actionPlanPresets.personalActionPlan },
      ],
    }),
  });
  session = (await response.json()) as CreatedSession;
});

screenshotOnFailure(shot, () => [
  ['console', consolePage],
  ['screen', screenPage],
  ['phone', phone],
  ['plan-laptop', planLaptop],
]);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a personal action plan from the first prompt to its exports', () => {
  it('asks the room after a round and puts a phone’s answer into its plan', async () => {
    consolePage = await watchErrors(await laptop.newPage(), 'console');
    await consolePage.goto(
      `${server.url}/console/${session.sessionId}#key=${session.facilitatorToken}`,
    );
    await consolePage.getByRole('heading', { name: TITLE }).waitFor();
    screenPage = await watchErrors(await laptop.newPage(), 'screen');
    await screenPage.goto(`${server.url}/screen/${session.sessionId}#key=${session.screenKey}`);

    phone = await watchErrors(await newPhone(browser), 'phone');
    await phone.goto(`${server.url}/join/${session.code}`);
    await phone.getByLabel('Your name, as the room will see it').fill('Sam');
    await phone.getByRole('button', { name: 'Join', exact: true }).click();
    await phone.getByText('Waiting for the facilitator to start').waitFor();

    await consolePage.getByRole('button', { name: 'Start session' }).click();
    await phone.getByRole('radio', { name: 'Email' }).click();
    await waitForText(phone.getByRole('status'), 'Answer saved');

    await consolePage.getByRole('button', { name: 'Ask: what will I do about this?' }).click();
    const asked = consolePage.getByRole('group', { name: /Phones are asked about/ });
    await waitForText(asked, '0 of 1 answered or skipped');

    const card = phone.getByRole('form', { name: /what will I do about it\?/ });
    await card.waitFor();
    await expectAccessible(phone, 'the prompt card (phone)');
    await shot(phone, 'phone-prompt-card');
    await card.getByLabel('Your answer, in one sentence').fill(ANSWER);
    await card.getByRole('button', { name: 'Add to my plan' }).click();
    await waitForText(phone.getByTestId('prompt-card-status'), 'Added to your plan');
    await expect(card.count()).resolves.toBe(0);
    await waitForText(asked, '1 of 1 answered or skipped');
    await shot(consolePage, 'laptop-console-prompt');
  });

  it('opens the plan editor in the closing round and fills in every field', async () => {
    await consolePage.getByRole('button', { name: 'Close the question' }).click();
    await consolePage.getByRole('button', { name: 'Next round →' }).click();
    await phone.getByRole('heading', { name: 'Personal action plan' }).waitFor();
    await waitForText(phone.getByTestId('plan-status'), 'Saved');
    await phone.getByRole('heading', { name: /Your actions \(1\)/ }).waitFor();
    const first = actionCard(phone, 0);
    await waitForText(first, ANSWER);
    await waitForText(first, 'From “First contact”');

    await first.getByRole('button', { name: 'Edit' }).click();
    await first.getByLabel('Why it matters').fill('Customers who wait for an answer leave');
    await first.getByLabel('First step').fill('List last week’s complaints');
    await first.getByLabel('Due').fill('2030-03-31');
    await first.getByLabel('Who to involve').fill('The support team');
    await first.getByLabel('How I will know it worked').fill('No complaint waits two days');
    await first.getByRole('button', { name: 'Close' }).click();
    await waitForText(first, '6 of 6 filled in');
    await waitForText(phone.getByTestId('plan-status'), 'Saved');

    await phone.getByRole('button', { name: 'Add an action' }).click();
    const second = actionCard(phone, 1);
    await second.getByLabel('Action', { exact: true }).fill(SECOND);
    await second.getByLabel('Due').fill('2030-04-15');
    await second.getByRole('button', { name: 'Close' }).click();
    await waitForText(second, 'Added by you');

    // Reorder: the hand-written action first.
    await second.getByRole('button', { name: 'Move action 2 up' }).click();
    await waitForText(actionCard(phone, 0), SECOND);
    await waitForText(actionCard(phone, 1), ANSWER);
    await waitForText(phone.getByTestId('plan-status'), 'Saved');
    await actionCard(phone, 1).getByRole('button', { name: 'Edit' }).click();
    await shot(phone, 'phone-plan-editor');
    await expectAccessible(phone, 'the plan editor (phone)');
    // The closing round loads the editor's chunk (zod, Yjs) under the policy: nothing blocked.
    expect(cspViolations).toEqual([]);
  });

  it('refuses a half-typed due date with a message and keeps the saved one', async () => {
    const card = actionCard(phone, 1);
    const due = card.getByLabel('Due');
    await due.focus();
    // Delete the day only: the date is then incomplete (badInput), which is not "no date".
    await phone.keyboard.press('Backspace');
    await due.blur();
    await waitForText(card.getByRole('alert'), 'Enter a whole date');
    await shot(phone, 'phone-plan-bad-date');
    await due.fill('2030-03-31');
    await due.blur();
    await expect(card.getByRole('alert').count()).resolves.toBe(0);
  });

  it('shows an edit made on the phone live on a laptop holding the same plan', async () => {
    await phone.getByRole('button', { name: 'Show the link and QR code' }).click();
    const link = await phone.getByLabel('Your plan’s link').inputValue();
    expect(link).toMatch(/\/plan#token=[A-Za-z0-9_-]{16,}$/);
    await phone.getByRole('img', { name: 'QR code of your plan’s link' }).waitFor();

    const laptopPlans = await newLaptop(browser);
    planLaptop = await watchErrors(await laptopPlans.newPage(), 'plan-laptop');
    await planLaptop.goto(link);
    await planLaptop.getByRole('heading', { name: 'My action plan' }).waitFor();
    await waitForText(planLaptop.locator('.phone__header'), TITLE);
    await waitForText(actionCard(planLaptop, 0), SECOND);
    await waitForText(actionCard(planLaptop, 1), ANSWER);
    const onLaptop = actionCard(planLaptop, 1);
    await onLaptop.getByRole('button', { name: 'Edit' }).click();
    expect(await onLaptop.getByLabel('Due').inputValue()).toBe('2030-03-31');

    await actionCard(phone, 1).getByLabel('Who to involve').fill('The support team and Kim');
    await actionCard(phone, 1).getByLabel('Who to involve').blur();
    await expect
      .poll(() => onLaptop.getByLabel('Who to involve').inputValue(), { timeout: 10_000 })
      .toBe('The support team and Kim');

    // And back: an edit on the laptop reaches the phone.
    await onLaptop.getByLabel('First step').fill('List last week’s complaints by Friday');
    await onLaptop.getByLabel('First step').blur();
    await expect
      .poll(() => actionCard(phone, 1).getByLabel('First step').inputValue(), { timeout: 10_000 })
      .toBe('List last week’s complaints by Friday');
    await shot(planLaptop, 'laptop-plan-page');
    await expectAccessible(planLaptop, 'the plan page (laptop)');
  });

  it('shares the plan, marks it done, and the console counts it without reading it', async () => {
    await phone.getByRole('switch', { name: 'Share with the team' }).click();
    await phone.getByText(/Shared: the facilitator can read and download your plan/).waitFor();
    await phone.getByRole('button', { name: 'Mark my plan done' }).click();
    await phone.getByText('Your plan is marked done', { exact: false }).waitFor();
    await waitForText(phone.getByTestId('plan-status'), 'Saved');

    await waitForText(consolePage.getByTestId('current-round'), '1 of 1 plan done');
    await waitForText(screenPage.getByTestId('plans-done'), /1\s*of 1 plan done/);
    const plans = consolePage.getByRole('region', { name: 'Action plans' });
    await waitForText(plans.getByTestId('plans-shared'), 'Sam');
    await waitForText(plans.getByTestId('plans-shared'), '(2 actions)');
    await shot(consolePage, 'laptop-console-plans');
    await shot(screenPage, 'screen-plans-done');
    await expectAccessible(consolePage, 'the console (closing round)');
  });

  it('downloads the plan as PDF, Markdown and calendar reminders', async () => {
    const pdf = await downloadFrom(phone, 'PDF');
    expect(pdf.name).toBe('Action plan Sam.pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const md = await downloadFrom(phone, 'Markdown');
    expect(md.name).toBe('Action plan Sam.md');
    const markdown = md.bytes.toString('utf8');
    expect(markdown).toContain(ANSWER);
    expect(markdown).toContain(SECOND);
    expect(markdown).toContain('The support team and Kim');
    // In the order the phone gave them.
    expect(markdown.indexOf(SECOND)).toBeLessThan(markdown.indexOf(ANSWER));

    const ics = await downloadFrom(phone, 'Calendar (.ics)');
    expect(ics.name).toBe('Action plan Sam.ics');
    const calendar = ics.bytes.toString('utf8');
    expect(calendar).toContain('BEGIN:VCALENDAR');
    expect(calendar).toContain('BEGIN:VEVENT');
    expect(calendar).toContain('20300331');
    expect(calendar).toContain('20300415');
    await waitForText(phone.getByRole('status').filter({ hasText: 'Downloaded' }), '.ics');

    // The facilitator downloads the shared plans, as a ZIP of PDFs.
    const [zip] = await Promise.all([
      consolePage.waitForEvent('download'),
      consolePage.getByRole('button', { name: 'Download all shared plans (ZIP)' }).click(),
    ]);
    const archive = await saved(zip);
    expect(archive.name).toMatch(/shared action plans\.zip$/);
    expect(archive.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('reopens the plan from the phone after the session has ended', async () => {
    consolePage.once('dialog', (dialog) => void dialog.accept());
    await consolePage.getByRole('button', { name: 'End session' }).click();
    await phone.getByRole('heading', { name: 'That’s a wrap' }).waitFor();
    await phone.getByRole('link', { name: 'My action plan' }).first().click();
    await phone.getByRole('heading', { name: 'My action plan' }).waitFor();
    await waitForText(actionCard(phone, 0), SECOND);
    await waitForText(phone.getByTestId('plan-status'), 'Saved');
    await shot(phone, 'phone-plan-after-session');
    await expectAccessible(phone, 'the plan page (phone)');

    // The smallest phones: one column, nothing wider than the screen.
    await phone.setViewportSize({ width: 320, height: 640 });
    await actionCard(phone, 1).getByRole('button', { name: 'Edit' }).click();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      320,
    );
    await shot(phone, 'phone-320-plan');
    expect(pageErrors).toEqual([]);
    // Every page of the flow, the phone's closing round above all, runs under the policy.
    expect(cspViolations).toEqual([]);
  });
});
