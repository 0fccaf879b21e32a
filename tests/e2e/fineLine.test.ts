/**
 * The Fine Line in a real browser: a facilitator plans a Fine Line round on the laptop,
 * opens the room screen, three phones join as customers, the store opens and its clock
 * runs on the server, a phone waits in line and reports its mood, the facilitator changes
 * the staffing policy mid-run, the run closes, the same customers are replayed under
 * another policy, and the comparison and the debrief reach the console and the room.
 * Every step waits for what people would see, never for a fixed time.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  expectAccessible,
  newPhone,
  screenshotter,
  waitForText,
  type E2EServer,
  screenshotOnFailure,
  useBrowserRun,
} from './harness.ts';

const TITLE = 'Checkout (e2e)';
const SHOPPERS = ['Ana', 'Ben', 'Cleo'] as const;
const FIRST_RUN = 'Wait for the line to grow';
const REPLAY = 'Open one as soon as two wait';

let server: E2EServer;
let browser: Browser;
let laptop: BrowserContext;
let consolePage: Page;
let screenPage: Page;
const phones = new Map<string, Page>();
let code = '';
const pageErrors: string[] = [];
const shot = screenshotter('fineline');

function watchErrors(page: Page, who: string): Page {
  page.on('pageerror', (error) => pageErrors.push(`${who}: ${error.message}`));
  return page;
}

/** The console's status line, e.g. "Wait for the line to grow · running · 3.5 of 20 min". */
const statusOf = (page: Page) => page.locator('.status-pill');

/** The staffing policy form on the console. */
const policyForm = (page: Page) => page.getByRole('group', { name: 'Staffing policy' });

/** The comparison table, on the console or the room screen. */
const runTable = (page: Page) =>
  page.getByRole('table', { name: 'Policies compared over the same customers' });

/** Fails when `locator` reaches past the bottom or the right of the room screen. */
async function expectOnScreen(locator: Locator, what: string): Promise<void> {
  const box = await locator.boundingBox();
  const size = screenPage.viewportSize() ?? { width: 0, height: 0 };
  expect(box, what).not.toBeNull();
  expect(
    Math.ceil((box?.y ?? 0) + (box?.height ?? 0)),
    `${what} fits the screen`,
  ).toBeLessThanOrEqual(size.height);
  expect(
    Math.ceil((box?.x ?? 0) + (box?.width ?? 0)),
    `${what} fits the width`,
  ).toBeLessThanOrEqual(size.width);
}

/** Nothing on the room screen scrolls, across or down. */
async function expectNoScroll(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(() => ({
    x: document.documentElement.scrollWidth - window.innerWidth,
    y: document.documentElement.scrollHeight - window.innerHeight,
  }));
  expect(overflow, `${what} fits without scrolling`).toEqual({ x: 0, y: 0 });
}

/**
 * The console's comparison fits its column (no sideways scroll, its right edge inside the
 * results column and the window) and the primary actions are in view without scrolling.
 */
async function expectConsoleFits(page: Page, what: string): Promise<void> {
  const scroll = page.getByTestId('run-table-scroll');
  await expect
    .poll(() => scroll.evaluate((el) => el.scrollWidth - el.clientWidth), {
      message: `the comparison scrolls sideways (${what})`,
    })
    .toBe(0);
  const table = await runTable(page).boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  expect(
    Math.ceil((table?.x ?? 0) + (table?.width ?? 0)),
    `table inside the window (${what})`,
  ).toBeLessThanOrEqual(width);
  for (const name of ['Next round →', 'End session']) {
    const button = await page.getByRole('button', { name, exact: true }).boundingBox();
    expect(button, `${name} shown (${what})`).not.toBeNull();
    expect(
      (button?.y ?? 0) + (button?.height ?? 0),
      `${name} in view (${what})`,
    ).toBeLessThanOrEqual(page.viewportSize()?.height ?? 0);
  }
}

useBrowserRun((run) => ({ server, browser, laptop } = run));

screenshotOnFailure(shot, () => [
  ['console', consolePage],
  ['screen', screenPage],
  ...[...phones].map(([who, page]): [string, Page] => [who, page]),
]);

describe('the Fine Line from the laptop, three phones and the room screen', () => {
  it('plans a Fine Line round and opens the console and the room screen', async () => {
    consolePage = watchErrors(await laptop.newPage(), 'console');
    await consolePage.goto(`${server.url}/new`);
    await consolePage.getByRole('heading', { name: 'Plan your session' }).waitFor();
    await consolePage.getByLabel('Session title').fill(TITLE);
    const round = consolePage.getByRole('listitem').filter({ hasText: 'Round 1' });
    await round.getByLabel('Exercise').selectOption({ label: 'The Fine Line (queue)' });
    // The defaults of the store, then a short, fast run for the test.
    expect(await round.getByLabel('Customers per hour').inputValue()).toBe('90');
    expect(await round.getByLabel('Store minutes to run').inputValue()).toBe('60');
    await round.getByLabel('Store minutes to run').fill('20');
    await round.getByLabel('Store minutes per real minute').fill('300');
    expect(await round.getByLabel('Open another when this many wait').inputValue()).toBe('6');
    await consolePage.getByRole('button', { name: 'Create session' }).click();
    await consolePage.waitForURL(/\/console\/[A-Za-z0-9_-]+#key=/);
    const codeText = consolePage.getByTestId('join-code');
    await codeText.waitFor();
    code = (await codeText.textContent())?.trim() ?? '';
    expect(code).toMatch(/^[A-Z0-9]{6}$/);

    const href = await consolePage
      .getByRole('link', { name: 'Open room screen' })
      .getAttribute('href');
    screenPage = watchErrors(await laptop.newPage(), 'screen');
    await screenPage.goto(`${server.url}${href}`);
    await waitForText(screenPage.getByTestId('join-code'), code);
  });

  it('seats three phones and opens the store', async () => {
    for (const name of SHOPPERS) {
      const page = watchErrors(await newPhone(browser), name);
      phones.set(name, page);
      await page.goto(`${server.url}/join/${code}`);
      await page.getByLabel('Your name, as the room will see it').fill(name);
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await page.getByText('Waiting for the facilitator to start').waitFor();
    }
    await waitForText(screenPage.getByRole('region', { name: 'Who has joined' }), '3 people here');
    await consolePage.getByRole('button', { name: 'Start session' }).click();
    await waitForText(statusOf(consolePage), `${FIRST_RUN} · ready · 0.0 of 20 min`);
    for (const page of phones.values())
      await page.getByText('The store opens soon. You will join the line as a customer.').waitFor();

    await consolePage.getByRole('button', { name: 'Open the store' }).click();
    // The run is set up at 300 store minutes a minute; slow it down while people watch.
    const speed = consolePage.getByLabel('Speed ×');
    expect(await speed.inputValue()).toBe('300');
    await speed.selectOption('30');
    await waitForText(statusOf(consolePage), `${FIRST_RUN} · running`);
    // Each phone is a customer on the way to the checkout, or already in line.
    for (const page of phones.values())
      await page
        .getByText(/^(Heading to the checkout|You are in line|At register \d)$/)
        .first()
        .waitFor();
  });

  it('puts a phone in line, where it reports its mood with the slider', async () => {
    const inLine = await Promise.any(
      [...phones].map(async ([name, page]) => {
        await page.getByText('You are in line', { exact: true }).waitFor();
        return name;
      }),
    );
    const page = phones.get(inLine)!;
    const slider = page.getByRole('slider', { name: 'How do you feel about the wait?' });
    await slider.fill('2');
    await waitForText(page.getByTestId('mood-value'), 'Annoyed');
    // The slider is big enough for a thumb.
    const box = await slider.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    await shot(page, 'phone-in-line');
    await expectAccessible(page, 'a phone in line');
    // The report goes once the slider settles.
    await page.getByRole('status').filter({ hasText: 'Mood noted' }).waitFor();
    // The mood reaches the console's chart.
    await consolePage.getByRole('img', { name: /^Reported mood \(1 to 5\): mood \d/ }).waitFor();

    // The room sees the registers and the line, with the people in it by name.
    await screenPage.getByRole('list', { name: 'Registers' }).waitFor();
    await waitForText(
      screenPage
        .getByRole('group', { name: /customers in line$/ })
        .getByTitle(new RegExp(`^${inLine}: `)),
      inLine,
    );
    await shot(screenPage, 'screen-line-with-names');
  });

  it('changes the staffing policy mid-run and lets the run close', async () => {
    // The facilitator pauses the store while management decides: the change lands mid-run
    // however slow the machine.
    await consolePage.getByRole('button', { name: 'Pause' }).click();
    await waitForText(statusOf(consolePage), `${FIRST_RUN} · paused`);
    const form = policyForm(consolePage);
    await form.getByLabel('Open another when this many wait').fill('4');
    await form.getByLabel('Minutes before it opens').fill('1');
    await form.getByLabel('Most registers').fill('4');
    await form.getByRole('button', { name: 'Apply now, mid-run' }).click();
    // The comparison's first row shows the change with the store minute it took effect.
    const firstRow = runTable(consolePage).getByRole('row', { name: new RegExp(`^${FIRST_RUN}`) });
    await waitForText(
      firstRow,
      /From \d+\u00a0min: \d+ open, \+1 at 4 waiting \(after 1\u00a0min\)/,
    );
    // And the form keeps showing the policy that is running now.
    expect(await form.getByLabel('Open another when this many wait').inputValue()).toBe('4');

    await shot(consolePage, 'console-mid-run');
    await shot(screenPage, 'screen-mid-run');
    await expectAccessible(consolePage, 'the console (mid-run)');
    await expectAccessible(screenPage, 'the room screen (mid-run)');
    await expectNoScroll(screenPage, 'the room screen (mid-run)');
    for (const chart of await screenPage.getByRole('figure').all())
      await expectOnScreen(chart, 'a chart on the room screen');

    // Back to the set-up speed: the run reaches closing time by itself.
    await consolePage.getByLabel('Speed ×').selectOption('300');
    await consolePage.getByRole('button', { name: 'Resume' }).click();
    await waitForText(statusOf(consolePage), `${FIRST_RUN} · finished · 20.0 of 20 min`);
    for (const page of phones.values())
      await page.getByText('The store has closed for this run.').waitFor();
  });

  it('replays the same customers with another policy and compares the two', async () => {
    const form = policyForm(consolePage);
    await form.getByLabel('Open another when this many wait').fill('2');
    await form.getByLabel('Minutes before it opens').fill('0.5');
    await form.getByLabel('Most registers').fill('5');
    await form.getByLabel('Replay as').fill(REPLAY);
    await form.getByRole('button', { name: 'Replay the same customers with this policy' }).click();
    await waitForText(statusOf(consolePage), `${REPLAY} · ready · 0.0 of 20 min`);
    await consolePage.getByRole('button', { name: 'Open the store' }).click();
    await waitForText(statusOf(consolePage), `${REPLAY} · finished · 20.0 of 20 min`);

    const table = runTable(consolePage);
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    // The console's comparison is compact: name, store minutes and staffing in the row's
    // header, then the waits, patience, mood and cost.
    const header = (i: number) => rows.nth(i).getByRole('rowheader');
    expect(await header(0).getByTestId('run-label').textContent()).toBe(FIRST_RUN);
    expect(await header(1).getByTestId('run-label').textContent()).toBe(REPLAY);
    // Same 20 store minutes, two policies.
    await waitForText(header(0), '20 store minutes');
    await waitForText(header(1), '20 store minutes');
    expect(await rows.nth(0).getByRole('cell').count()).toBe(4);
    expect(await rows.nth(0).getByRole('cell').first().textContent()).toMatch(
      /^\d+\.\d\u00a0min \/ \d+\.\d\u00a0min$/,
    );
    // Run 1 lists its start and its mid-run change; the replay ran one policy throughout.
    expect(await header(0).locator('ol').textContent()).toMatch(
      /^Start: \d+ open, .*From \d+\u00a0min: \d+ open, \+1 at 4 waiting \(after 1\u00a0min\), at most 4$/,
    );
    expect(await header(1).locator('ol').textContent()).toMatch(
      /^Start: \d+ open, \+1 at 2 waiting \(after 0\.5\u00a0min\), at most 5$/,
    );
    // On a 1366x768 laptop with the agenda open, every figure shows in the round's results
    // column without scrolling the table sideways, and the primary actions stay in view;
    // likewise with the agenda folded away.
    await expectConsoleFits(consolePage, 'agenda open');
    await consolePage.getByRole('button', { name: 'Hide the agenda' }).click();
    await expectConsoleFits(consolePage, 'agenda folded');
    await consolePage.getByRole('button', { name: 'Show the agenda' }).click();
    await runTable(consolePage).scrollIntoViewIfNeeded();
    await shot(consolePage, 'console-comparison-agenda-open');

    // The debrief, on the console and the room screen.
    const consoleDebrief = consolePage.getByRole('list', { name: 'Debrief' });
    await waitForText(
      consoleDebrief,
      /^Wait for the line to grow \(20 store minutes, policy changed at minute \d+\): average wait/,
    );
    await waitForText(consoleDebrief, `${REPLAY} (20 store minutes)`);
    await waitForText(consoleDebrief, 'a choice with a cost');
    const screenDebrief = screenPage.getByTestId('screen-debrief');
    await waitForText(screenDebrief.getByRole('listitem'), 'a choice with a cost');
    expect(await runTable(screenPage).locator('tbody tr').count()).toBe(2);
    await expectOnScreen(screenDebrief, 'the comparison and debrief');
    await expectNoScroll(screenPage, 'the room screen (debrief)');

    await shot(consolePage, 'console-comparison');
    await shot(screenPage, 'screen-debrief');
    await shot(phones.get('Ana')!, 'phone-closed');
    await expectAccessible(consolePage, 'the console (comparison)');
    await expectAccessible(screenPage, 'the room screen (debrief)');
    await expectAccessible(phones.get('Ana')!, 'a phone after the run');
    expect(pageErrors).toEqual([]);
  });
});
