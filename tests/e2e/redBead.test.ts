/**
 * The Red Bead Experiment in a real browser: a facilitator plans a Red Bead round on the
 * laptop, opens the room screen, five phones join (three willing workers, an inspector and
 * an observer), and the plant runs for two days with management's theatre, a real system
 * change, a stretch of demo mode and the debrief. Every step waits for what people would
 * see, never for a fixed time.
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

const TITLE = 'Red beads (e2e)';
const HOLES = 50;
const WORKERS = ['Ana', 'Ben', 'Cleo'] as const;

let server: E2EServer;
let browser: Browser;
let laptop: BrowserContext;
let consolePage: Page;
let screenPage: Page;
const phones = new Map<string, Page>();
let code = '';
/** Every recorded paddle, in order: who drew it and how many red it held. */
const drawn: { day: number; worker: string; red: number }[] = [];
const pageErrors: string[] = [];
const shot = screenshotter('redbead');

const phone = (name: string): Page => {
  const page = phones.get(name);
  if (!page) throw new Error(`No phone for ${name}`);
  return page;
};

function watchErrors(page: Page, who: string): Page {
  page.on('pageerror', (error) => pageErrors.push(`${who}: ${error.message}`));
  return page;
}

/** The paddle as a page shows it, by its accessible description. */
const paddleOf = (page: Page, worker: string) =>
  page.getByRole('img', {
    name: new RegExp(`^${worker}'s paddle: \\d+ red and \\d+ white beads$`),
  });

/** The red count in a paddle's accessible description. */
async function redOn(page: Page, worker: string): Promise<number> {
  const label = (await paddleOf(page, worker).first().getAttribute('aria-label')) ?? '';
  const match = /: (\d+) red and (\d+) white beads$/.exec(label);
  if (!match) throw new Error(`Unexpected paddle label: ${label}`);
  expect(Number(match[1]) + Number(match[2])).toBe(HOLES);
  return Number(match[1]);
}

/** The control chart, on the console or the room screen. */
const chartOf = (page: Page) => page.getByRole('img', { name: /^Red beads per paddle/ });

/** Waits until the chart's summary counts `n` paddles. */
const chartWith = (page: Page, n: number) =>
  page.getByRole('img', { name: new RegExp(`^Red beads per paddle .*: ${n} paddles;`) }).waitFor();

/** Fails when `locator` reaches past the bottom of the room screen, which cannot scroll. */
async function expectOnScreen(locator: Locator, what: string): Promise<void> {
  const box = await locator.boundingBox();
  const height = screenPage.viewportSize()?.height ?? 0;
  expect(box, what).not.toBeNull();
  const bottom = Math.ceil((box?.y ?? 0) + (box?.height ?? 0));
  expect(bottom, `${what} fits the screen`).toBeLessThanOrEqual(height);
}

/** One cell of the recorder's table: a worker's counts on a day. */
function cellOf(page: Page, worker: string, day: number) {
  return page
    .getByRole('table', { name: 'Red beads per worker and day' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: worker, exact: true }) })
    .getByRole('cell')
    .nth(day - 1);
}

/**
 * One paddle: the worker taps "Dip the paddle" on the phone when it is their turn (or a
 * simulated worker dips by itself), every page shows the same count, and the inspector
 * confirms it onto the record.
 */
async function paddle(
  day: number,
  worker: string,
  dipper: Page | null,
  /** The record's row for the worker's slot: everyone who drew for it, e.g. "Cleo / Worker C". */
  row = worker,
): Promise<number> {
  const inspector = phone('Ines');
  if (dipper) {
    const dip = dipper.getByRole('button', { name: 'Dip the paddle' });
    await dip.tap();
    await paddleOf(dipper, worker).waitFor();
    if (drawn.length === 0) {
      await waitForText(dipper.getByText(/red \(being inspected\)$/), worker);
      await shot(dipper, 'phone-worker-paddle');
      await expectAccessible(dipper, 'the worker’s phone with a paddle');
    }
  }
  await paddleOf(consolePage, worker).waitFor();
  const red = await redOn(consolePage, worker);
  if (dipper) expect(await redOn(dipper, worker)).toBe(red);
  await waitForText(consolePage.getByTestId('last-paddle'), `${red} red · inspectors 0 of 1`);
  await paddleOf(screenPage, worker).waitFor();
  expect(await redOn(screenPage, worker)).toBe(red);
  await waitForText(screenPage.locator('.screen-count'), 'inspecting');

  const confirm = inspector.getByRole('button', { name: `I count ${red} red: confirm` });
  await confirm.waitFor();
  if (drawn.length === 0) await shot(inspector, 'phone-inspector-confirm');
  await confirm.tap();
  // With one inspector and no chief, the confirmation puts the paddle on the record.
  await waitForText(consolePage.getByTestId('last-paddle'), `${red} red · recorded`);
  await waitForText(cellOf(screenPage, row, day), new RegExp(`(^|\\+ )${red}$`));
  drawn.push({ day, worker, red });
  return red;
}

useBrowserRun((run) => ({ server, browser, laptop } = run));

screenshotOnFailure(shot, () => [
  ['console', consolePage],
  ['screen', screenPage],
  ...[...phones].map(([who, page]): [string, Page] => [who, page]),
]);

describe('the Red Bead Experiment from the laptop, five phones and the room screen', () => {
  it('plans a Red Bead round and opens the console and the room screen', async () => {
    consolePage = watchErrors(await laptop.newPage(), 'console');
    await consolePage.goto(`${server.url}/new`);
    await consolePage.getByRole('heading', { name: 'Plan your session' }).waitFor();
    await consolePage.getByLabel('Session title').fill(TITLE);
    const round = consolePage.getByRole('listitem').filter({ hasText: 'Round 1' });
    await round.getByLabel('Exercise').selectOption({ label: 'Red Bead Experiment' });
    expect(await round.getByLabel('Round title').inputValue()).toBe('Red Bead Experiment');
    // The defaults of the classic run, then a shorter plant for the test.
    expect(await round.getByLabel('Beads in the bucket').inputValue()).toBe('4000');
    expect(await round.getByLabel('Share of red (%)').inputValue()).toBe('20');
    expect(await round.getByLabel('Paddle holes').inputValue()).toBe(String(HOLES));
    await round.getByLabel('Willing workers').fill('3');
    // Three days planned; the facilitator ends the experiment after the second.
    await round.getByLabel('Days').fill('3');
    const seed = round.getByLabel(/Random seed/);
    const oldSeed = await seed.inputValue();
    await round.getByRole('button', { name: 'New seed' }).click();
    expect(await seed.inputValue()).not.toBe(oldSeed);
    await seed.fill('e2e-red-beads');
    await shot(consolePage, 'laptop-plan');

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

  it('seats five phones and starts the session', async () => {
    for (const name of [...WORKERS, 'Ines', 'Omar']) {
      const page = watchErrors(await newPhone(browser), name);
      phones.set(name, page);
      await page.goto(`${server.url}/join/${code}`);
      await page.getByLabel('Your name, as the room will see it').fill(name);
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await page.getByText('Waiting for the facilitator to start').waitFor();
    }
    await waitForText(screenPage.getByRole('region', { name: 'Who has joined' }), '5 people here');
    await consolePage.getByRole('button', { name: 'Start session' }).click();
    await consolePage.getByRole('heading', { name: 'Red Bead Experiment' }).waitFor();
    // Before roles are given, everyone observes.
    for (const page of phones.values())
      await waitForText(page.getByTestId('role-name'), 'Observer');
    await screenPage.getByText('Waiting for the first paddle').waitFor();
  });

  it('gives each phone its role from the console', async () => {
    const roles = consolePage.getByRole('region', { name: 'Roles' });
    for (const [i, name] of WORKERS.entries()) {
      await roles.getByLabel(`Worker ${'ABC'[i]}`).selectOption({ label: name });
      await waitForText(phone(name).getByTestId('role-name'), `Willing worker ${'ABC'[i]}`);
    }
    await roles.getByLabel('Inspector 1').selectOption({ label: 'Ines' });
    await waitForText(phone('Ines').getByTestId('role-name'), /^Inspector$/);
    await waitForText(phone('Omar').getByTestId('role-name'), /^Observer$/);
    expect(await roles.getByLabel('Inspector 2').inputValue()).toBe('');
    expect(await roles.getByLabel('Chief inspector').inputValue()).toBe('');
    // The record on the room screen carries the workers' names.
    for (const name of WORKERS)
      await screenPage.getByRole('rowheader', { name, exact: true }).waitFor();
  });

  it('sets a quota from the script and lets the observer predict day 1', async () => {
    await consolePage.getByRole('button', { name: 'Quota: no more than 3 red' }).click();
    await waitForText(screenPage.getByTestId('management-banner'), 'Quota: no more than 3 red');
    await waitForText(phone('Ana').getByTestId('management-banner'), 'Quota: no more than 3 red.');

    await consolePage.getByRole('button', { name: 'Ask observers to predict day 1' }).click();
    const omar = phone('Omar');
    await omar.getByRole('group', { name: 'Your prediction for day 1' }).waitFor();
    const best = omar.getByRole('radiogroup', { name: 'Best worker' });
    expect(await best.getByRole('radio').allTextContents()).toEqual([...WORKERS]);
    // Workers do not predict.
    expect(await phone('Ana').getByRole('radiogroup', { name: 'Best worker' }).count()).toBe(0);
    await best.getByRole('radio', { name: 'Ana' }).tap();
    await best.getByRole('radio', { name: 'Ana', checked: true }).waitFor();
    await consolePage.getByRole('button', { name: 'Start day 1 (1 predictions)' }).waitFor();
    await waitForText(screenPage.locator('.screen-count'), '1 predictions so far');
    await shot(omar, 'phone-observer-prediction');
  });

  it('runs day 1: each worker dips on the phone, the inspector confirms each paddle', async () => {
    await consolePage.getByRole('button', { name: 'Start day 1 (1 predictions)' }).click();
    for (const [i, name] of WORKERS.entries()) {
      const worker = phone(name);
      await worker.getByRole('button', { name: 'Dip the paddle' }).waitFor();
      // Only the worker whose turn it is has the button, and their phone speaks to them.
      await worker.getByText(/^Your turn: dip the paddle/).waitFor();
      for (const other of WORKERS.filter((w) => w !== name)) {
        expect(await phone(other).getByRole('button', { name: 'Dip the paddle' }).count()).toBe(0);
        await waitForText(phone(other).locator('.lead'), `${name} is at the bucket`);
      }
      await waitForText(screenPage.getByTestId('at-the-bucket'), `At the bucket: ${name}`);
      await paddle(1, name, worker);
      await chartWith(screenPage, i + 1);
    }
    await waitForText(consolePage.locator('.status-pill'), 'Day 1 of 3 · day over');
    const label = await chartOf(consolePage).getAttribute('aria-label');
    expect(label).toMatch(/: 3 paddles; centre 10\.0, limits 1\.5 to 18\.5; \d+ beyond the limits/);
    for (const { worker, red } of drawn) {
      expect(await cellOf(consolePage, worker, 1).textContent()).toBe(String(red));
      expect(await cellOf(screenPage, worker, 1).textContent()).toBe(String(red));
    }
    // The observer sees how the prediction fared.
    await waitForText(phone('Omar').locator('p'), /^Day 1: [01] of 1 predicted the best worker/);
  });

  it('praises the best and changes the system with a new supplier', async () => {
    await consolePage.getByRole('button', { name: 'Praise the best', exact: true }).click();
    const least = Math.min(...drawn.map((d) => d.red));
    const bestName = drawn.find((d) => d.red === least)?.worker ?? '';
    const events = consolePage.getByRole('list', { name: 'Interventions on the chart' });
    await waitForText(events, `Praise for ${bestName}`);
    await consolePage.getByLabel('Supplier’s red %').fill('10');
    await consolePage.getByRole('button', { name: 'New supplier', exact: true }).click();
    await waitForText(consolePage.getByText(/^Now: /), 'Now: 10% red, 50 holes');
    await waitForText(
      screenPage.getByRole('list', { name: 'Interventions on the chart' }),
      'new supplier, 10% red',
    );
    const screenTable = screenPage.getByRole('table', { name: 'Red beads per worker and day' });
    await expectOnScreen(screenTable, 'the record table');
    await expectOnScreen(
      screenPage.getByRole('list', { name: 'Interventions on the chart' }),
      'the interventions',
    );
    await shot(consolePage, 'laptop-console-chart');
    await shot(screenPage, 'screen-chart');
    await expectAccessible(consolePage, 'the console (between days)');
    await expectAccessible(screenPage, 'the room screen (between days)');
  });

  it('runs day 2 with a simulated worker in demo mode', async () => {
    // Cleo hands her place to a simulated worker, who dips by itself in demo mode.
    const roles = consolePage.getByRole('region', { name: 'Roles' });
    await roles.getByLabel('Worker C').selectOption({ label: 'Simulated worker' });
    await waitForText(phone('Cleo').getByTestId('role-name'), /^Observer$/);
    await consolePage.getByRole('combobox', { name: /^every/ }).selectOption({ label: '0.5 s' });
    await consolePage.getByRole('checkbox', { name: /^Demo mode/ }).click();
    await consolePage.getByRole('checkbox', { name: /^Demo mode/, checked: true }).waitFor();
    await consolePage.getByRole('button', { name: 'Start day 2', exact: true }).click();
    await paddle(2, 'Ana', phone('Ana'));
    await paddle(2, 'Ben', phone('Ben'));
    // The slot's record keeps Cleo's day-1 paddle under her name: the row now reads both.
    await paddle(2, 'Worker C', null, 'Cleo / Worker C');
    await waitForText(consolePage.locator('.status-pill'), 'Day 2 of 3 · day over');
    await chartWith(screenPage, 6);
    await chartWith(consolePage, 6);
    // The new supplier's limits: 10 % of 50 holes.
    expect(await chartOf(screenPage).getAttribute('aria-label')).toMatch(
      /: 6 paddles; centre 5\.0, limits [\d.-]+ to 11\.4; \d+ beyond the limits/,
    );
  });

  it('ends the experiment and shows the debrief on the console, the screen and the phones', async () => {
    await consolePage.getByRole('button', { name: 'End the experiment and debrief' }).click();
    await waitForText(consolePage.locator('.status-pill'), 'Day 2 of 3 · finished');

    // The ranking that meant nothing: fewest red per paddle first, ties in line order.
    const slots = ['Ana', 'Ben', 'Cleo / Worker C'];
    const ranking = slots
      .map((name, slot) => {
        const mine = drawn.filter((d) =>
          slot === 2 ? d.worker === 'Cleo' || d.worker === 'Worker C' : d.worker === name,
        );
        const red = mine.reduce((n, d) => n + d.red, 0);
        return { name, slot, average: red / mine.length, draws: mine.length };
      })
      .sort((a, b) => a.average - b.average || a.slot - b.slot)
      .map((r) => `${r.name}: ${r.average.toFixed(1)} red per paddle (${r.draws} paddles)`);
    const pages: [string, Page][] = [
      ['console', consolePage],
      ['screen', screenPage],
      ...WORKERS.map((n): [string, Page] => [n, phone(n)]),
      ['Ines', phone('Ines')],
      ['Omar', phone('Omar')],
    ];
    for (const [who, page] of pages) {
      const debrief = page.getByRole('region', { name: 'Debrief' });
      await debrief.waitFor();
      const ranked = debrief
        .getByRole('heading', { name: 'The ranking that meant nothing' })
        .locator('xpath=following-sibling::ol[1]');
      expect(await ranked.getByRole('listitem').allTextContents(), who).toEqual(ranking);
      const questions = debrief
        .getByRole('heading', { name: 'Questions for discussion' })
        .locator('xpath=following-sibling::ul[1]')
        .getByRole('listitem');
      await waitForText(questions, 'The quota was no more than 3 red.');
      await waitForText(questions, 'What would really lower it?');
      await waitForText(questions, /^After “System change: new supplier, 10% red” the average/);
      await waitForText(debrief, /Day 2: Praise for \w+/);
    }
    await chartWith(screenPage, 6);
    const screenDebrief = screenPage.getByRole('region', { name: 'Debrief' });
    for (const list of await screenDebrief.locator('ol, ul').all())
      await expectOnScreen(list, 'a list of the debrief');
    await shot(screenPage, 'screen-debrief');
    await shot(consolePage, 'laptop-console-debrief');
    await shot(phone('Ana'), 'phone-debrief');
    await expectAccessible(screenPage, 'the room screen (debrief)');
    await expectAccessible(phone('Ana'), 'the debrief (phone)');
    expect(pageErrors).toEqual([]);
  });
});
