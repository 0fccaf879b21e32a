/**
 * The brainstorm in a real browser: the facilitator plans a brainstorm on the laptop and
 * opens the room screen, three phones post sticky notes, the facilitator clusters them (one
 * note by drag and drop, others by selecting and choosing), hides one, reveals the board,
 * opens the dot vote, the phones vote, and the ranking reaches every screen. Screenshots of
 * the phone, the console and the screen at each step, and axe on each. Every step waits for
 * what people would see, never for a fixed time.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  expectAccessible,
  newPhone,
  screenshotOnFailure,
  screenshotter,
  waitForText,
  type E2EServer,
  useBrowserRun,
} from './harness.ts';

const TITLE = 'Strategy day (e2e)';
const PROMPT = 'What could a competitor do that would be your worst nightmare?';
const NAMES = ['Ana', 'Ben', 'Cleo'] as const;
const RANT = 'The boss never listens to anyone';

let server: E2EServer;
let browser: Browser;
let laptop: BrowserContext;
let consolePage: Page;
let screenPage: Page;
const phones = new Map<string, Page>();
let code = '';
const pageErrors: string[] = [];
const shot = screenshotter('brainstorm');

const phone = (name: string): Page => {
  const page = phones.get(name);
  if (!page) throw new Error(`No phone for ${name}`);
  return page;
};

function watchErrors(page: Page, who: string): Page {
  page.on('pageerror', (error) => pageErrors.push(`${who}: ${error.message}`));
  return page;
}

/** Fails when `locator` reaches past the bottom of the room screen, which cannot scroll. */
async function expectOnScreen(locator: Locator, what: string): Promise<void> {
  const box = await locator.boundingBox();
  const height = screenPage.viewportSize()?.height ?? 0;
  expect(box, what).not.toBeNull();
  const bottom = Math.ceil((box?.y ?? 0) + (box?.height ?? 0));
  expect(bottom, `${what} fits the screen`).toBeLessThanOrEqual(height);
}

/** A group on the console's board, by its heading. */
const column = (name: string) => consolePage.getByRole('region', { name, exact: true });
/** The phone's "dots left" line. */
const dotsLeft = (page: Page) => page.getByTestId('dots-left');
/** A note's card on the console. */
const card = (text: string) => consolePage.getByTestId('note-card').filter({ hasText: text });

async function post(name: string, text: string): Promise<void> {
  const page = phone(name);
  await page.getByRole('textbox', { name: 'Your note' }).fill(text);
  await page.getByRole('button', { name: 'Post note' }).tap();
  await page.getByRole('button', { name: `Edit your note: ${text}` }).waitFor();
}

useBrowserRun((run) => ({ server, browser, laptop } = run));

screenshotOnFailure(shot, () => [
  ['console', consolePage],
  ['screen', screenPage],
  ...[...phones].map(([who, page]): [string, Page] => [who, page]),
]);

describe('a brainstorm from the laptop, three phones and the room screen', () => {
  it('plans a brainstorm round and opens the console and the room screen', async () => {
    consolePage = watchErrors(await laptop.newPage(), 'console');
    await consolePage.goto(`${server.url}/new`);
    await consolePage.getByRole('heading', { name: 'Plan your session' }).waitFor();
    await consolePage.getByLabel('Session title').fill(TITLE);
    const round = consolePage.getByRole('listitem').filter({ hasText: 'Round 1' });
    await round.getByLabel('Exercise').selectOption({ label: 'Brainstorm and dot voting' });
    expect(await round.getByLabel('Round title').inputValue()).toBe('Brainstorm and dot voting');
    await round.getByLabel('Round title').fill('Worst nightmare');
    expect(await round.getByLabel('Prompt').inputValue()).toBe(PROMPT);
    expect(await round.getByLabel('Dots per person').inputValue()).toBe('3');
    expect(await round.getByLabel('Most dots on one item').inputValue()).toBe('2');
    await round.getByLabel('Notes per person').fill('2');
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

  it('seats three phones and starts the session', async () => {
    for (const name of NAMES) {
      const page = watchErrors(await newPhone(browser), name);
      phones.set(name, page);
      await page.goto(`${server.url}/join/${code}`);
      await page.getByLabel('Your name, as the room will see it').fill(name);
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await page.getByText('Waiting for the facilitator to start').waitFor();
    }
    await waitForText(screenPage.getByRole('region', { name: 'Who has joined' }), '3 people here');
    await consolePage.getByRole('button', { name: 'Start session' }).click();
    await consolePage.getByRole('heading', { name: 'Worst nightmare' }).waitFor();
    for (const page of phones.values()) {
      await page.getByRole('heading', { name: PROMPT }).waitFor();
    }
    await waitForText(screenPage.locator('.screen-count'), '0 notes from 0 people');
  });

  it('collects notes from the phones, which only see their own', async () => {
    await post('Ana', 'Same-day delivery everywhere');
    await post('Ana', RANT);
    await post('Ben', 'Next-hour delivery in cities');
    await post('Cleo', 'Free returns forever');
    await post('Cleo', 'A named account manager for every customer');

    const ana = phone('Ana');
    // Two notes is Ana's limit: the form gives way to a hint.
    await ana.getByText('You have posted all your notes').waitFor();
    expect(await ana.getByText('Free returns forever').count()).toBe(0);
    await waitForText(screenPage.locator('.screen-count'), '5 notes from 3 people');
    await waitForText(consolePage.getByRole('status'), '5 notes from 3 people');
    // Anonymous: nobody's name is next to a note on the console.
    for (const name of NAMES) {
      const byName = consolePage.getByTestId('note-card').filter({
        hasText: new RegExp(`\\b${name}\\b`),
      });
      expect(await byName.count()).toBe(0);
    }
    await shot(ana, 'phone-collect');
    await shot(consolePage, 'laptop-collect');
    await shot(screenPage, 'screen-collect');
    await expectAccessible(ana, 'a phone while collecting');
    await expectAccessible(consolePage, 'the console while collecting');
    await expectAccessible(screenPage, 'the room screen while collecting');
  });

  it('clusters the notes by drag and drop and by select-and-move, and hides one', async () => {
    // The console is the laptop's active tab while the facilitator works the board (a
    // background tab's animation frames are throttled, which slows every pointer action).
    await consolePage.bringToFront();
    await consolePage.getByRole('button', { name: 'Close the notes and cluster' }).click();
    await waitForText(phone('Ben').locator('.lead'), 'The facilitator is grouping them');
    expect(await phone('Ben').getByRole('textbox').count()).toBe(0);

    // A cluster made empty, then a note dragged onto it.
    await consolePage.getByRole('textbox', { name: 'New cluster' }).fill('Speed');
    await consolePage.getByRole('button', { name: 'Add cluster', exact: true }).click();
    await column('Speed').waitFor();
    await card('Same-day delivery everywhere').dragTo(column('Speed'));
    await column('Speed')
      .getByTestId('note-card')
      .filter({ hasText: 'Same-day delivery' })
      .waitFor();

    // Without a mouse: select a note, choose the cluster, move it.
    await consolePage.getByRole('button', { name: 'Next-hour delivery in cities' }).click();
    const selected = consolePage.getByRole('region', { name: 'Selected note' });
    await selected.getByRole('combobox', { name: 'Move to' }).selectOption({ label: 'Speed' });
    await selected.getByRole('button', { name: 'Move to cluster' }).click();
    await column('Speed')
      .getByTestId('note-card')
      .filter({ hasText: 'Next-hour delivery' })
      .waitFor();
    await waitForText(column('Speed'), '2 notes');

    // A new cluster around the selected note, by keyboard alone.
    await consolePage
      .getByRole('button', { name: 'A named account manager for every customer' })
      .focus();
    await consolePage.keyboard.press('Enter');
    await consolePage.getByRole('textbox', { name: 'New cluster' }).fill('Care');
    await consolePage.keyboard.press('Enter');
    await column('Care').getByTestId('note-card').filter({ hasText: 'account manager' }).waitFor();

    // The rant is hidden before anyone outside the console sees the board.
    await consolePage.getByRole('button', { name: RANT }).click();
    await consolePage.getByRole('button', { name: 'Hide from the room' }).click();
    await consolePage.getByText('Hidden notes (1)').waitFor();
    await waitForText(consolePage.getByRole('status'), '4 notes from 3 people · 1 hidden');
    expect(await column('Not in a cluster').getByTestId('note-card').allTextContents()).toEqual([
      'Free returns forever',
    ]);
    await shot(consolePage, 'laptop-clustered');
    await shot(phone('Ben'), 'phone-clustering');
    await expectAccessible(consolePage, 'the console while clustering');
    await expectAccessible(phone('Ben'), 'a phone while clustering');
  });

  it('reveals the board to the room, without the hidden note', async () => {
    await consolePage.getByRole('button', { name: 'Reveal results' }).click();
    const groups = screenPage.getByRole('list', { name: 'Notes by cluster' });
    await groups.waitFor();
    expect(await groups.getByRole('heading').allTextContents()).toEqual([
      'Speed (2)',
      'Care (1)',
      'Not in a cluster (1)',
    ]);
    expect(await screenPage.getByText(RANT).count()).toBe(0);
    await expectOnScreen(groups, 'the board');
    const board = phone('Cleo').getByRole('list', { name: 'The board' });
    await board.waitFor();
    expect(await phone('Cleo').getByText(RANT).count()).toBe(0);
    await shot(screenPage, 'screen-board');
    await shot(phone('Cleo'), 'phone-board');
    await expectAccessible(screenPage, 'the room screen with the board');
    await expectAccessible(phone('Cleo'), 'a phone with the board');
  });

  it('opens the dot vote and takes the phones’ dots within the limits', async () => {
    await consolePage.getByRole('button', { name: 'Open the dot vote' }).click();
    const votes: [string, string, number][] = [
      ['Ana', 'Speed', 2],
      ['Ana', '“Free returns forever”', 1],
      ['Ben', 'Speed', 1],
      ['Ben', 'Care', 2],
      ['Cleo', 'Care', 1],
      ['Cleo', 'Speed', 1],
    ];
    for (const [name, item, dots] of votes) {
      const page = phone(name);
      for (let i = 0; i < dots; i++) {
        const before = (await dotsLeft(page).textContent()) ?? '';
        await page.getByRole('button', { name: `Put a dot on ${item}` }).tap();
        await dotsLeft(page).filter({ hasNotText: before }).waitFor();
      }
    }
    const ana = phone('Ana');
    await waitForText(dotsLeft(ana), '0 dots left of 3');
    // Two on one item is the cap; Ana has no dot left anyway.
    expect(await ana.getByRole('button', { name: 'Put a dot on Care' }).isDisabled()).toBe(true);
    await waitForText(dotsLeft(phone('Cleo')), '1 dot left of 3');
    await waitForText(screenPage.locator('.brainstorm-screen__status'), '3 of 3 have voted');
    await waitForText(consolePage.getByRole('status'), '3 of 3 have voted');
    await shot(ana, 'phone-vote');
    await shot(consolePage, 'laptop-vote');
    await shot(screenPage, 'screen-vote');
    await expectAccessible(ana, 'a phone during the vote');
    await expectAccessible(consolePage, 'the console during the vote');
    await expectAccessible(screenPage, 'the room screen during the vote');
  });

  it('ranks the results on every screen', async () => {
    await consolePage.getByRole('button', { name: 'Close the vote and rank' }).click();
    const expected = ['1. Speed4 (50%)', '2. Care3 (38%)', '3. Free returns forever1 (13%)'];
    const chart = screenPage.getByRole('list', { name: 'Ranking by dots' });
    await chart.waitFor();
    expect(await chart.getByRole('listitem').allTextContents()).toEqual(expected);
    await expectOnScreen(chart, 'the ranking');
    const onPhone = phone('Ben').getByRole('list', { name: 'Ranking by dots' });
    await onPhone.waitFor();
    expect(await onPhone.getByRole('listitem').allTextContents()).toEqual([
      '1. Speed (your answer)4 (50%)',
      '2. Care (your answer)3 (38%)',
      '3. Free returns forever1 (13%)',
    ]);
    const onConsole = consolePage.getByRole('list', { name: 'Ranking by dots' });
    expect(await onConsole.getByRole('listitem').allTextContents()).toEqual(expected);
    await shot(phone('Ben'), 'phone-results');
    await shot(consolePage, 'laptop-results');
    await shot(screenPage, 'screen-results');
    await expectAccessible(phone('Ben'), 'a phone with the results');
    await expectAccessible(consolePage, 'the console with the results');
    await expectAccessible(screenPage, 'the room screen with the results');
    expect(pageErrors).toEqual([]);
  });
});
