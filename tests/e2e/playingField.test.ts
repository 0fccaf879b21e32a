/**
 * Define the Playing Field in a real browser: a facilitator plans the round on the laptop
 * with a deck cut down to four cards, opens the room screen, three phones join and place
 * every card one at a time, the facilitator locks and reveals, the screen shows the
 * spreads and kappa, the room runs the rigid-to-flexible test on the most contested card,
 * and the facilitator records the playing field map. Every step waits for what people
 * would see, never for a fixed time.
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

const TITLE = 'Playing field (e2e)';
const DECK = [
  'Refund an item brought back 10 days after the 30-day return window',
  'Waive the late-payment fee for a customer who forgot to pay once',
  'Upgrade a delayed order to free rush delivery',
  'Credit a business customer’s account after a week-long service outage',
] as const;
const ZONE = {
  spot: 'Handle it on the spot',
  guideline: 'Handle it within a guideline',
  escalate: 'Escalate',
} as const;
type Zone = keyof typeof ZONE;

/**
 * The same room as the integration test, worked by hand: the refund and the credit are
 * agreed, the fee splits three ways (most contested), the rush delivery two to one;
 * kappa = 34/94 = 0.36, fair agreement.
 */
const PLACEMENTS: Record<string, Zone[]> = {
  Ana: ['spot', 'spot', 'guideline', 'escalate'],
  Ben: ['spot', 'guideline', 'guideline', 'escalate'],
  Cleo: ['spot', 'escalate', 'escalate', 'escalate'],
};
const QUESTIONS = [
  'Is the decision a rubber stamp?',
  'Would involving someone else add nothing?',
  'Can the person reach the information they need?',
  'Can they learn the criteria?',
];

let server: E2EServer;
let browser: Browser;
let laptop: BrowserContext;
let consolePage: Page;
let screenPage: Page;
const phones = new Map<string, Page>();
let code = '';
const pageErrors: string[] = [];
const shot = screenshotter('playingfield');

const phone = (name: string): Page => {
  const page = phones.get(name);
  if (!page) throw new Error(`No phone for ${name}`);
  return page;
};

function watchErrors(page: Page, who: string): Page {
  page.on('pageerror', (error) => pageErrors.push(`${who}: ${error.message}`));
  return page;
}

/** Nothing on the room screen scrolls, across or down. */
async function expectNoScroll(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(() => ({
    x: document.documentElement.scrollWidth - window.innerWidth,
    y: document.documentElement.scrollHeight - window.innerHeight,
  }));
  expect(overflow, `${what} fits without scrolling`).toEqual({ x: 0, y: 0 });
}

/** Nothing on a phone reaches past its width (320 px phones included, by the layout). */
async function expectNoSideScroll(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow, `${what} fits the phone's width`).toBe(0);
}

useBrowserRun((run) => ({ server, browser, laptop } = run));

screenshotOnFailure(shot, () => [
  ['console', consolePage],
  ['screen', screenPage],
  ...[...phones].map(([who, page]): [string, Page] => [who, page]),
]);

describe('the playing field from the laptop, three phones and the room screen', () => {
  it('plans a playing field round with a four-card deck and opens the room screen', async () => {
    consolePage = watchErrors(await laptop.newPage(), 'console');
    await consolePage.goto(`${server.url}/new`);
    await consolePage.getByRole('heading', { name: 'Plan your session' }).waitFor();
    await consolePage.getByLabel('Session title').fill(TITLE);
    const round = consolePage.getByRole('listitem').filter({ hasText: 'Round 1' }).first();
    await round.getByLabel('Exercise').selectOption({ label: 'Define the playing field' });
    expect(await round.getByLabel('Round title').inputValue()).toBe('Define the playing field');
    const deck = round.getByRole('group', { name: /^Scenario cards/ });
    await waitForText(deck.locator('legend'), 'Scenario cards (14 of at most 40)');
    // Keep the first four cards of the built-in deck.
    for (let left = 14; left > 4; left--)
      await deck.getByRole('button', { name: 'Remove card 5' }).click();
    await waitForText(deck.locator('legend'), 'Scenario cards (4 of at most 40)');
    for (const [i, text] of DECK.entries())
      expect(await deck.getByLabel(`Card ${i + 1}`, { exact: true }).inputValue()).toBe(text);
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

  it('seats three phones and starts the round', async () => {
    for (const name of Object.keys(PLACEMENTS)) {
      const page = watchErrors(await newPhone(browser), name);
      phones.set(name, page);
      await page.goto(`${server.url}/join/${code}`);
      await page.getByLabel('Your name, as the room will see it').fill(name);
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await page.getByText('Waiting for the facilitator to start').waitFor();
    }
    await waitForText(screenPage.getByRole('region', { name: 'Who has joined' }), '3 people here');
    await consolePage.getByRole('button', { name: 'Start session' }).click();
    await consolePage.getByRole('heading', { name: 'Define the playing field' }).waitFor();
    for (const page of phones.values()) await page.getByText('Card 1 of 4').waitFor();
    await waitForText(screenPage.locator('.screen-count'), '0 of 3 have placed all 4 cards');
  });

  it('has each phone place every card, one at a time, while the screen shows progress only', async () => {
    for (const [name, zones] of Object.entries(PLACEMENTS)) {
      const page = phone(name);
      for (const [i, zone] of zones.entries()) {
        await page.getByText(`Card ${i + 1} of 4`).waitFor();
        await page.getByRole('heading', { level: 2, name: DECK[i] ?? '' }).waitFor();
        if (name === 'Ana' && i === 1) {
          await shot(page, 'phone-card');
          await expectAccessible(page, 'a phone placing a card');
          await expectNoSideScroll(page, 'a card');
          // Every zone is a thumb-sized target.
          for (const radio of await page.getByRole('radio').all())
            expect((await radio.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
        }
        await page.getByRole('radio', { name: ZONE[zone], exact: true }).tap();
      }
      await page.getByText('All 4 cards placed.', { exact: false }).waitFor();
    }
    // Ana changes her mind on the rush delivery from the review list, then changes it back.
    const ana = phone('Ana');
    await shot(ana, 'phone-review');
    await ana.getByRole('button', { name: new RegExp(`^${DECK[2]}`) }).tap();
    await ana.getByRole('radio', { name: ZONE.guideline, checked: true }).waitFor();
    await ana.getByRole('radio', { name: ZONE.escalate, exact: true }).tap();
    await ana.getByText('All 4 cards placed.', { exact: false }).waitFor();
    await ana.getByRole('button', { name: new RegExp(`^${DECK[2]}.*Escalate$`) }).waitFor();
    await ana.getByRole('button', { name: new RegExp(`^${DECK[2]}`) }).tap();
    await ana.getByRole('radio', { name: ZONE.guideline, exact: true }).tap();
    await ana
      .getByRole('button', { name: new RegExp(`^${DECK[2]}.*Within a guideline$`) })
      .waitFor();

    await waitForText(screenPage.locator('.screen-count'), '3 of 3 have placed all 4 cards');
    // Nothing of the spread is on the screen before the reveal.
    expect(await screenPage.getByText(DECK[1]).count()).toBe(0);
    await shot(screenPage, 'screen-progress');
    await expectAccessible(screenPage, 'the room screen (placing)');

    // The console sees the live spread, most contested first.
    await waitForText(consolePage.locator('.lead'), '3 of 3 placed all 4 cards');
    const rows = consolePage
      .getByRole('table', { name: 'Live spread per card, most contested first' })
      .locator('tbody tr');
    await waitForText(rows.first(), 'Contested #1');
    expect(await rows.first().getByRole('rowheader').textContent()).toBe(DECK[1]);
    await waitForText(consolePage.getByText(/^Agreement:/), 'κ = 0.36 (fair agreement)');
    await shot(consolePage, 'console-placing');
    await expectAccessible(consolePage, 'the console (placing)');
  });

  it('locks and reveals: the screen shows the spreads and kappa, the phones their own part', async () => {
    await consolePage.getByRole('button', { name: 'Lock answers' }).click();
    await phone('Ben').getByRole('heading', { name: 'Placements are locked' }).waitFor();
    await consolePage.getByRole('button', { name: 'Reveal results' }).click();

    await waitForText(screenPage.getByTestId('kappa'), 'κ = 0.36 (fair agreement)');
    await waitForText(screenPage.getByTestId('agreement'), 'The room agrees on 2 of 4 cards');
    const rows = screenPage.getByTestId('card-spread');
    expect(await rows.count()).toBe(4);
    await waitForText(rows.first(), 'Contested #1');
    await waitForText(rows.first(), DECK[1]);
    expect(await rows.first().getByRole('list').textContent()).toBe(
      '✓1 on the spot§1 within a guideline↑1 escalate',
    );
    await shot(screenPage, 'screen-spreads');
    await expectAccessible(screenPage, 'the room screen (spreads)');
    await expectNoScroll(screenPage, 'the room screen (spreads)');

    const ben = phone('Ben');
    await ben.getByRole('heading', { name: 'The room’s spread' }).waitFor();
    await waitForText(ben.getByTestId('card-result').nth(1), '1 within a guideline (you)');
    await waitForText(ben.getByTestId('card-result').nth(1), 'Most contested #1');
    await shot(ben, 'phone-spreads');
    await expectAccessible(ben, 'a phone after the reveal');
    await expectNoSideScroll(ben, 'the room’s spread');
  });

  it('runs the rigid-to-flexible test on the most contested card', async () => {
    await consolePage.getByRole('button', { name: '2 · Rigid to flexible' }).click();
    await waitForText(screenPage.getByTestId('eyebrow'), 'From rigid to flexible');
    // The test needs answers open again.
    await consolePage.getByText('Answers are locked: reopen answers').waitFor();
    await consolePage.getByRole('button', { name: 'Reopen answers' }).click();
    const pick = consolePage.getByLabel('Card to test');
    expect(await pick.inputValue()).toBe('fee-waiver');
    await consolePage.getByRole('button', { name: 'Open the test' }).click();

    for (const name of Object.keys(PLACEMENTS)) {
      const page = phone(name);
      await page.getByRole('heading', { name: DECK[1] }).waitFor();
      for (const question of QUESTIONS) {
        const answer = name === 'Cleo' && question === QUESTIONS[3] ? 'No' : 'Yes';
        await page
          .getByRole('radiogroup', { name: question })
          .getByRole('radio', { name: answer })
          .tap();
        await page
          .getByRole('radiogroup', { name: question })
          .getByRole('radio', { name: answer, checked: true })
          .waitFor();
      }
      await page.getByText('All four answered.', { exact: false }).waitFor();
      if (name === 'Cleo') {
        await shot(page, 'phone-test');
        await expectAccessible(page, 'a phone answering the test');
      }
    }
    await waitForText(screenPage.getByTestId('eyebrow'), '3 answered');
    await waitForText(
      screenPage.getByTestId('verdict'),
      'Yes to all four: widen the field, towards “Within a guideline”',
    );
    const last = screenPage
      .getByRole('table', { name: 'Answers to the four questions' })
      .locator('tbody tr')
      .last();
    expect(await last.locator('td').allTextContents()).toEqual(['2', '1']);
    await shot(screenPage, 'screen-test');
    await expectAccessible(screenPage, 'the room screen (test)');
    await expectNoScroll(screenPage, 'the room screen (test)');

    const panel = consolePage.getByRole('region', { name: `Testing: ${DECK[1]}` });
    await waitForText(panel, '3 answered. A yes majority on all four');
    await shot(consolePage, 'console-test');
    await expectAccessible(consolePage, 'the console (test)');
    await panel.getByRole('button', { name: 'Close the test' }).click();
    await waitForText(phone('Ana').getByTestId('tests-list'), 'yes to all four: widen the field');
  });

  it('records the playing field map and shows it on the screen and the phones', async () => {
    await consolePage.getByRole('button', { name: '3 · The map' }).click();
    const zone = consolePage.getByLabel(`Zone for: ${DECK[1]}`);
    // The fee's three-way tie starts at the narrowest zone.
    expect(await zone.inputValue()).toBe('escalate');
    await zone.selectOption('guideline');
    await consolePage.getByLabel(`Guideline for: ${DECK[1]}`).fill('Once a year per customer');
    const form = consolePage.getByRole('form', { name: new RegExp(DECK[1]) });
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('button', { name: 'Saved' }).waitFor();
    await consolePage
      .getByRole('button', { name: 'Fill the rest with the room’s majority' })
      .click();
    await waitForText(consolePage.getByTestId('map-progress'), '4 of 4 cards on the map');
    await shot(consolePage, 'console-map');
    await expectAccessible(consolePage, 'the console (map)');

    const column = (name: string) => screenPage.getByRole('region', { name, exact: true });
    await waitForText(column(ZONE.guideline), 'Once a year per customer');
    await waitForText(column(ZONE.spot), DECK[0]);
    await waitForText(column(ZONE.guideline), DECK[2]);
    await waitForText(column(ZONE.escalate), DECK[3]);
    await shot(screenPage, 'screen-map');
    await expectAccessible(screenPage, 'the room screen (map)');
    await expectNoScroll(screenPage, 'the room screen (map)');

    const cleo = phone('Cleo');
    await cleo.getByRole('heading', { name: 'Our playing field' }).waitFor();
    await waitForText(
      cleo.getByRole('region', { name: ZONE.guideline, exact: true }),
      'Once a year per customer',
    );
    await shot(cleo, 'phone-map');
    await expectAccessible(cleo, 'a phone showing the map');
    expect(pageErrors).toEqual([]);
  });
});
