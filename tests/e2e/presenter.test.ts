/**
 * The presenter view in a real browser, on one laptop: the facilitator drives three rounds
 * with the keyboard only (PageDown/ArrowRight to move on, L, R, T, 5, C, B, F), the room
 * screen is opened in a second window from the console and obeys blank and freeze while
 * three 390x844 phones follow the rounds untouched; shortcuts do nothing while typing in a
 * field; an ended session's console shows no join code. Screenshots of the presenter view
 * and the full console at 1366x768 and 1920x1080 (nothing cut off, the primary actions in
 * view without scrolling), of the blank screen and the countdown, and axe on each.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  expectAccessible,
  newPhone,
  screenshotOnFailure,
  screenshotter,
  waitForText,
  type E2EServer,
  useBrowserRun,
} from './harness.ts';

const TITLE = 'Service Pro morning (e2e)';
const NOTES = 'Ask: who called a helpline this week?\nLet two people answer before the poll.';
const NAMES = ['Ana', 'Ben', 'Cleo'] as const;

let server: E2EServer;
let browser: Browser;
let laptop: BrowserContext;
let presenter: Page;
let screen: Page;
const phones: Page[] = [];
let code = '';
let sessionId = '';
let consoleUrl = '';
const pageErrors: string[] = [];
const shot = screenshotter('presenter');

function poll(title: string, question: string, minutes: number, notes?: string) {
  return {
    kind: 'poll',
    title,
    minutes,
    ...(notes ? { notes } : {}),
    config: {
      question,
      options: ['Phone', 'Email', 'Chat'],
      isMultipleChoice: false,
      isAnonymous: false,
    },
  };
}

function watchErrors(page: Page, who: string): Page {
  page.on('pageerror', (error) => pageErrors.push(`${who}: ${error.message}`));
  // What a component that failed to draw reports (its boundary shows "hit a problem").
  page.on('console', (m) => {
    if (m.type() === 'error') console.warn(`${who} console: ${m.text().slice(0, 500)}`);
  });
  return page;
}

/** Fails when the page scrolls or `name`'s button is outside the window. */
async function expectFitsWithActions(page: Page, what: string): Promise<void> {
  const { scrollH, innerH, scrollW, innerW } = await page.evaluate(() => ({
    scrollH: document.documentElement.scrollHeight,
    innerH: innerHeight,
    scrollW: document.documentElement.scrollWidth,
    innerW: innerWidth,
  }));
  expect(scrollH, `${what}: the page does not scroll`).toBeLessThanOrEqual(innerH);
  expect(scrollW, `${what}: nothing runs off the right`).toBeLessThanOrEqual(innerW);
  for (const name of ['Next round →', '← Back', 'End session']) {
    const box = await page.getByRole('button', { name, exact: true }).boundingBox();
    expect(box, `${what}: ${name}`).not.toBeNull();
    expect((box?.y ?? 0) + (box?.height ?? 0), `${what}: ${name} in view`).toBeLessThanOrEqual(
      innerH,
    );
  }
}

/** The round title the room screen shows. */
const screenTitle = () => screen.getByRole('heading', { level: 1 });
/** Presses one key on the presenter view, with the page itself focused (no field). */
async function press(key: string): Promise<void> {
  await presenter.keyboard.press(key);
}

useBrowserRun((run) => ({ server, browser, laptop } = run));

screenshotOnFailure(shot, () => [
  ['presenter', presenter],
  ['screen', screen],
  ...phones.map((page, i): [string, Page] => [`phone-${i}`, page]),
]);

describe('the presenter view, keyboard only, with the room screen in a second window', () => {
  it('keeps "Create session" in view once a built-in workshop is chosen', async () => {
    const page = watchErrors(await laptop.newPage(), 'new session');
    await page.goto(`${server.url}/new`);
    await page
      .getByRole('button', { name: /^Use “/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Agenda loaded below' }).waitFor();
    const box = await page.getByRole('button', { name: 'Create session' }).boundingBox();
    expect(box, 'Create session is drawn').not.toBeNull();
    expect((box?.y ?? 0) + (box?.height ?? 0), 'Create session in view').toBeLessThanOrEqual(768);
    await page.close();
  });

  it('opens the presenter view and the room screen window from it', async () => {
    const response = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({
        title: TITLE,
        plannedStart: '09:00',
        agenda: [
          poll('How customers reach us', 'How do customers reach us first?', 10, NOTES),
          poll('Coffee break poll', 'Coffee or tea?', 15),
          poll('Closing poll', 'Which channel matters most?', 5),
        ],
      }),
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as {
      sessionId: string;
      facilitatorToken: string;
      code: string;
    };
    ({ sessionId, code } = created);
    consoleUrl = `${server.url}/console/${sessionId}#key=${created.facilitatorToken}`;
    presenter = watchErrors(await laptop.newPage(), 'presenter');
    await presenter.goto(
      `${server.url}/console/${sessionId}/present#key=${created.facilitatorToken}`,
    );
    await presenter.getByRole('heading', { name: 'Waiting to start' }).waitFor();

    const [popup] = await Promise.all([
      laptop.waitForEvent('page'),
      presenter.getByRole('button', { name: 'Open room screen window' }).click(),
    ]);
    screen = watchErrors(popup, 'screen');
    await screen.setViewportSize({ width: 1366, height: 768 });
    await screen.getByText(code, { exact: true }).waitFor();
    // The console is still usable beside it.
    await presenter.getByRole('heading', { name: 'Waiting to start' }).waitFor();
  });

  it('seats three phones, then starts with PageDown and shows the notes and what comes next', async () => {
    for (const name of NAMES) {
      const page = watchErrors(await newPhone(browser), name);
      phones.push(page);
      await page.goto(`${server.url}/join/${code}`);
      await page.getByLabel('Your name, as the room will see it').fill(name);
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await page.getByText('Waiting for the facilitator to start').waitFor();
    }
    await presenter.locator('body').click({ position: { x: 5, y: 300 } });
    await press('PageDown');
    await presenter.getByRole('heading', { name: 'How customers reach us', level: 1 }).waitFor();
    await waitForText(presenter.getByTestId('facilitator-notes'), 'who called a helpline');
    await waitForText(presenter.getByTestId('next-round'), '2. Coffee break poll');
    await waitForText(screenTitle(), 'How customers reach us');
    for (const page of phones) {
      await page.getByRole('heading', { name: 'How do customers reach us first?' }).waitFor();
      // The notes are the facilitator's alone.
      expect(await page.getByText('who called a helpline').count()).toBe(0);
    }
    expect(await screen.getByText('who called a helpline').count()).toBe(0);
  });

  it('locks, reveals, times and extends the round by keyboard', async () => {
    const answers = ['Phone', 'Email', 'Phone'] as const;
    for (const [i, page] of phones.entries()) {
      await page.getByRole('radio', { name: answers[i] ?? 'Chat' }).click();
    }
    await waitForText(presenter.locator('main'), '3 of 3 answered');
    await press('l');
    await presenter.getByRole('button', { name: 'Reopen answers' }).waitFor();
    await press('r');
    await presenter.getByRole('button', { name: 'Hide results' }).waitFor();
    await press('t');
    await presenter.getByRole('timer').first().waitFor();
    await press('5');
    await waitForText(presenter.getByTestId('round-elapsed'), '(+5 min)');
    await press('c');
    await screen.getByRole('timer', { name: 'Time left in this round' }).waitFor();
    await waitForText(screen.getByRole('timer', { name: 'Time left in this round' }), /1[45]:\d\d/);
    await shot(screen, 'screen-countdown-1366');
    await shot(presenter, 'presenter-1366');
    await expectFitsWithActions(presenter, 'presenter at 1366x768');
    await expectAccessible(presenter, 'the presenter view');
    await expectAccessible(screen, 'the room screen with its countdown');
  });

  it('lists the shortcuts on ?', async () => {
    await press('?');
    const dialog = presenter.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    await waitForText(dialog, 'Blank the room screen');
    await shot(presenter, 'presenter-shortcuts');
    await expectAccessible(presenter, 'the shortcuts overlay');
    await press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('blanks the room screen with B and brings it back, phones untouched', async () => {
    await press('b');
    await screen.getByTestId('blank-screen').waitFor();
    await waitForText(screen.getByTestId('blank-screen'), code);
    await presenter.getByRole('button', { name: 'Blank screen', pressed: true }).waitFor();
    for (const page of phones) {
      await page.getByRole('heading', { name: 'How do customers reach us first?' }).waitFor();
    }
    await shot(screen, 'screen-blank-1366');
    await expectAccessible(screen, 'the blank room screen');
    await screen.setViewportSize({ width: 1920, height: 1080 });
    await shot(screen, 'screen-blank-1920');
    await screen.setViewportSize({ width: 1366, height: 768 });
    await press('b');
    await waitForText(screenTitle(), 'How customers reach us');
  });

  it('freezes the room screen with F while the room moves on with ArrowRight', async () => {
    await press('f');
    await presenter.getByRole('button', { name: 'Freeze screen', pressed: true }).waitFor();
    await press('ArrowRight');
    await presenter.getByRole('heading', { name: 'Coffee break poll', level: 1 }).waitFor();
    for (const page of phones)
      await page.getByRole('heading', { name: 'Coffee or tea?' }).waitFor();
    // The screen keeps its last view: still round one.
    await waitForText(screenTitle(), 'How customers reach us');
    expect(await screen.getByText('Coffee break poll').count()).toBe(0);
    await press('f');
    await waitForText(screenTitle(), 'Coffee break poll');
    // Back and forth like a clicker.
    await press('PageUp');
    await waitForText(screenTitle(), 'How customers reach us');
    await press('Space');
    await waitForText(screenTitle(), 'Coffee break poll');
  });

  it('fits 1920x1080 and the full console fits a laptop, with shortcuts that wait while you type', async () => {
    await presenter.setViewportSize({ width: 1920, height: 1080 });
    await shot(presenter, 'presenter-1920');
    await expectFitsWithActions(presenter, 'presenter at 1920x1080');
    await presenter.setViewportSize({ width: 1366, height: 768 });

    await presenter.getByRole('button', { name: 'Full console' }).click();
    await presenter.getByRole('heading', { name: 'Coffee break poll', level: 2 }).waitFor();
    await shot(presenter, 'console-1366');
    await expectFitsWithActions(presenter, 'console at 1366x768');
    await expectAccessible(presenter, 'the console');

    // Typing in a field moves nothing.
    const item = presenter.getByRole('listitem').filter({ hasText: 'Closing poll' });
    await item.getByRole('button', { name: 'Edit' }).click();
    // Once editing, the title is in a field, no longer text: find the one editor open.
    const field = presenter.getByLabel('Round title');
    await field.click();
    await field.press('End');
    await field.press('ArrowRight');
    await field.press('PageDown');
    await field.pressSequentially(' n');
    expect(await field.inputValue()).toBe('Closing poll n');
    await presenter.getByRole('button', { name: 'Cancel', exact: true }).click();
    await presenter.getByRole('heading', { name: 'Coffee break poll', level: 2 }).waitFor();
    expect(await screenTitle().textContent()).toContain('Coffee break poll');

    // The agenda folds away for the round's results.
    await presenter.getByRole('button', { name: 'Hide the agenda' }).click();
    await presenter.getByRole('button', { name: 'Show the agenda' }).waitFor();
    await presenter.setViewportSize({ width: 1920, height: 1080 });
    await shot(presenter, 'console-1920');
    await expectFitsWithActions(presenter, 'console at 1920x1080');
    await presenter.setViewportSize({ width: 1366, height: 768 });
  });

  it('ends the session: the console no longer shows the join code, link or QR code', async () => {
    presenter.once('dialog', (dialog) => void dialog.accept());
    await presenter.getByRole('button', { name: 'End session' }).click();
    await presenter.getByRole('heading', { name: 'Results', exact: true }).waitFor();
    expect(await presenter.getByTestId('join-code').count()).toBe(0);
    expect(await presenter.getByRole('img', { name: /QR code/ }).count()).toBe(0);
    expect(await presenter.getByRole('link', { name: new RegExp(`/join/${code}`) }).count()).toBe(
      0,
    );
    await screen.getByText('Thank you for taking part!').waitFor();
    await presenter.goto(consoleUrl);
    await presenter.getByRole('heading', { name: 'Results', exact: true }).waitFor();
    expect(await presenter.getByTestId('join-code').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
