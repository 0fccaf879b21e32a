/**
 * The Q&A parking lot in a real browser, beside a running poll: three phones open
 * "Questions" and ask (named, anonymous, and one long question), vote for each other's;
 * the room screen shows a strip of the top three under the poll; the console turns
 * moderation on and approves a question, highlights one (the screen shows it large),
 * marks it answered and shows the Q&A full-screen. Screenshots of the phones (390x844),
 * the console and the room screen (1366x768 and 1920x1080, measured: nothing outside,
 * nothing cut off, no text under 24 px at 1366x768), and axe on each. Every step waits on
 * what people would see.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  expectAccessible,
  measureFit,
  newPhone,
  screenshotOnFailure,
  screenshotter,
  waitForText,
  type E2EServer,
  useBrowserRun,
} from './harness.ts';

const TITLE = 'Service Pro (Q&A e2e)';
const NAMES = ['Ana', 'Ben', 'Cleo'] as const;
const NAMED = 'When does the new refund window start?';
const SECRET = 'Why are we measured on call length instead of solved problems?';
const LONG =
  'Customers say the phone menu sends them round in circles before they reach a person, and the people who answer cannot change anything on an account without a manager: what would it take to let the first person who answers fix the problem there and then, and who decides that?';
const MODERATED = 'Who sets the team targets each quarter?';

let server: E2EServer;
let browser: Browser;
let laptop: BrowserContext;
let consolePage: Page;
let screenPage: Page;
const phones = new Map<string, Page>();
let code = '';
const pageErrors: string[] = [];
const shot = screenshotter('qa');

const phone = (name: string): Page => {
  const page = phones.get(name);
  if (!page) throw new Error(`No phone for ${name}`);
  return page;
};

function watchErrors(page: Page, who: string): Page {
  page.on('pageerror', (error) => pageErrors.push(`${who}: ${error.message}`));
  return page;
}

/** Photographs the room screen at 1366x768 and 1920x1080, measuring it at both. */
async function shootScreen(name: string, expectVisible: Locator): Promise<void> {
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    await screenPage.setViewportSize(size);
    await expectVisible.waitFor();
    // The type is fitted after layout: wait until the fitted state holds still.
    await screenPage.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    const measured = await measureFit(screenPage, {
      root: 'main.screen__round',
      smallTextWithin: '[data-qa-screen]',
    });
    expect(measured.outside, `${name} at ${size.width}: outside the screen`).toEqual([]);
    expect(measured.clipped, `${name} at ${size.width}: cut off`).toEqual([]);
    if (size.width === 1366) expect(measured.small, `${name}: text under 24 px`).toEqual([]);
    await shot(screenPage, `screen-${name}-${size.width}x${size.height}`);
  }
  await screenPage.setViewportSize({ width: 1366, height: 768 });
}

async function openQuestions(name: string): Promise<Page> {
  const page = phone(name);
  const tab = page.getByRole('button', { name: /^Questions/ });
  if ((await tab.getAttribute('aria-pressed')) !== 'true') await tab.tap();
  await page.getByRole('heading', { name: 'Questions', exact: true }).waitFor();
  return page;
}

async function ask(name: string, text: string, isAnonymous = false): Promise<void> {
  const page = await openQuestions(name);
  await page.getByRole('textbox', { name: 'Your question' }).fill(text);
  const anonymous = page.getByRole('checkbox', { name: /Ask anonymously/ });
  if (isAnonymous) await anonymous.check();
  else if (await anonymous.isVisible()) await anonymous.uncheck();
  await page.getByRole('button', { name: 'Send question' }).tap();
  await page.getByRole('status').filter({ hasText: 'Sent' }).waitFor();
}

async function upvote(name: string, text: string): Promise<void> {
  const page = await openQuestions(name);
  const button = page.getByRole('button', { name: `Vote for: ${text}`, exact: false });
  await button.first().tap();
  await page
    .getByRole('button', { name: new RegExp(`^Withdraw your vote for: ${text.slice(0, 20)}`) })
    .waitFor();
}

/** Ticks a console setting: it shows ticked once the server's view says so. */
async function setChecked(box: Locator): Promise<void> {
  await box.click();
  await expect.poll(() => box.isChecked()).toBe(true);
}

/** A question's row on the console. */
const row = (text: string) =>
  consolePage.getByRole('listitem').filter({ has: consolePage.getByText(text, { exact: true }) });

useBrowserRun((run) => ({ server, browser, laptop } = run));

screenshotOnFailure(shot, () => [
  ['console', consolePage],
  ['screen', screenPage],
  ...[...phones].map(([who, page]): [string, Page] => [who, page]),
]);

describe('the Q&A beside a poll: console, room screen and three phones', () => {
  it('plans a poll, opens the console and the room screen, seats three phones, starts', async () => {
    consolePage = watchErrors(await laptop.newPage(), 'console');
    await consolePage.goto(`${server.url}/new`);
    await consolePage.getByRole('heading', { name: 'Plan your session' }).waitFor();
    await consolePage.getByLabel('Session title').fill(TITLE);
    const round = consolePage.getByRole('listitem').filter({ hasText: 'Round 1' });
    await round.getByLabel('Exercise').selectOption({ label: 'Poll' });
    await consolePage.getByRole('button', { name: 'Create session' }).click();
    await consolePage.waitForURL(/\/console\/[A-Za-z0-9_-]+#key=/);
    const codeText = consolePage.getByTestId('join-code');
    await codeText.waitFor();
    code = (await codeText.textContent())?.trim() ?? '';
    const href = await consolePage
      .getByRole('link', { name: 'Open room screen' })
      .getAttribute('href');
    screenPage = watchErrors(await laptop.newPage(), 'screen');
    await screenPage.goto(`${server.url}${href}`);
    await waitForText(screenPage.getByTestId('join-code'), code);

    for (const name of NAMES) {
      const page = watchErrors(await newPhone(browser), name);
      phones.set(name, page);
      await page.goto(`${server.url}/join/${code}`);
      await page.getByLabel('Your name, as the room will see it').fill(name);
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await page.getByText('Waiting for the facilitator to start').waitFor();
    }
    await consolePage.getByRole('button', { name: 'Start session' }).click();
    await consolePage.getByRole('heading', { name: 'Questions', exact: false }).first().waitFor();
  });

  it('takes a named, an anonymous and a long question from the phones, beside the poll', async () => {
    expect(LONG.length).toBeLessThanOrEqual(300);
    await ask('Ana', NAMED);
    await ask('Ben', SECRET, true);
    await ask('Cleo', LONG);
    const ana = phone('Ana');
    const secretOnAna = ana.getByRole('listitem').filter({ hasText: SECRET });
    await secretOnAna.getByText('Anonymous').waitFor();
    await ana.getByRole('listitem').filter({ hasText: NAMED }).getByText('Yours').waitFor();
    // The round is one tap away, unchanged.
    await ana.getByRole('button', { name: 'Round', exact: true }).tap();
    await ana.getByRole('radio').first().waitFor();
    await openQuestions('Ana');
  });

  it('takes votes, once per seat, and the screen shows the top three under the poll', async () => {
    await upvote('Ana', SECRET);
    await upvote('Cleo', SECRET);
    await upvote('Ben', NAMED);
    // Ben cannot vote for his own question, though nobody else knows it is his.
    const ben = phone('Ben');
    const own = ben.getByRole('listitem').filter({ hasText: SECRET });
    await own.getByText('Yours').waitFor();
    expect(await own.getByRole('button').count()).toBe(0);

    const strip = screenPage.getByRole('complementary', { name: 'Top questions' });
    await waitForText(strip, '▲ 2');
    expect(await strip.textContent()).not.toContain('Ben');
    // The poll is still there, above the strip.
    await screenPage.getByText('How many sources of customer information').waitFor();
    await shootScreen('strip', strip);
    await shot(phone('Ana'), 'phone-top-questions');
    await expectAccessible(phone('Ana'), 'phone questions');
    await expectAccessible(screenPage, 'screen with strip');
  });

  it('holds questions for approval when the console asks, then lists them', async () => {
    await setChecked(
      consolePage.getByRole('checkbox', { name: 'Approve questions before they show' }),
    );
    await waitForText(phone('Cleo').locator('body'), 'The facilitator approves questions');
    await ask('Cleo', MODERATED);
    const cleo = phone('Cleo');
    await cleo.getByText('Waiting for approval', { exact: true }).waitFor();
    await shot(cleo, 'phone-waiting-for-approval');
    expect(await phone('Ana').getByText(MODERATED).count()).toBe(0);
    // The console never names the anonymous asker.
    await row(SECRET).getByText('Anonymous').waitFor();
    await row(MODERATED).getByText('Waiting for approval').waitFor();
    await shot(consolePage, 'console-waiting');
    await expectAccessible(consolePage, 'console with the Q&A');
    await row(MODERATED).getByRole('button', { name: 'Approve' }).click();
    await phone('Ana').getByText(MODERATED).waitFor();
    await cleo.getByRole('listitem').filter({ hasText: MODERATED }).getByText('Yours').waitFor();
  });

  it('highlights a question on the screen, marks it answered, and shows the Q&A full-screen', async () => {
    await row(SECRET).getByRole('button', { name: 'Show on screen' }).click();
    const stage = screenPage.getByRole('region', { name: 'Questions from the room' });
    await stage.getByText(SECRET).waitFor();
    await stage.getByText('Anonymous').waitFor();
    expect(await stage.textContent()).not.toContain('Ben');
    await shootScreen('highlight', stage.getByText(SECRET));
    await expectAccessible(screenPage, 'screen with a highlighted question');

    await row(SECRET).getByRole('button', { name: 'Mark answered' }).click();
    await stage.getByText('✓ Answered').waitFor();
    await phone('Ben')
      .getByRole('listitem')
      .filter({ hasText: SECRET })
      .getByText('✓ Answered')
      .waitFor();

    await consolePage.getByRole('button', { name: 'Clear the screen' }).click();
    await screenPage.getByRole('complementary', { name: 'Top questions' }).waitFor();
    await setChecked(
      consolePage.getByRole('checkbox', {
        name: 'Room screen shows the questions instead of the round',
      }),
    );
    await screenPage.getByRole('heading', { name: 'Top questions from the room' }).waitFor();
    await shootScreen(
      'full-screen',
      screenPage.getByRole('heading', { name: 'Top questions from the room' }),
    );
    await expectAccessible(screenPage, 'screen with the Q&A full-screen');
    await shot(consolePage, 'console-full-screen');
    await shot(phone('Ben'), 'phone-answered');
    // The narrowest phone: one column, nothing wider than the screen.
    const ben = phone('Ben');
    await ben.setViewportSize({ width: 320, height: 640 });
    await ben.getByRole('button', { name: 'Send question' }).waitFor();
    expect(await ben.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await shot(ben, 'phone-320');
    expect(pageErrors).toEqual([]);
  });
});
