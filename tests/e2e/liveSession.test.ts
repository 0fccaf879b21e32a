/**
 * The whole live workshop in a real browser: a facilitator plans and runs a session from a
 * laptop, three phones join and answer, a projector page follows along, and the results
 * are there afterwards. Each step waits for what people would see, never for a fixed time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ensureClientBuilt,
  expectAccessible,
  launchBrowser,
  newLaptop,
  newPhone,
  screenshotter,
  startServer,
  waitForText,
  type E2EServer,
  screenshotOnFailure,
} from './harness.ts';

const TITLE = 'Service basics (e2e)';
const FIRST_QUESTION = 'How many sources of customer information does your team use continually?';
const SECOND_QUESTION = 'Which channels do customers use to reach you?';

let server: E2EServer;
let browser: Browser;
let laptop: BrowserContext;
let consolePage: Page;
let screenPage: Page;
/** The three phones, by the name each ends up with. */
let alex: Page;
let sam: Page;
let alex2: Page;
let code = '';
const pageErrors: string[] = [];
const shot = screenshotter('live');

function watchErrors(page: Page, who: string): Page {
  page.on('pageerror', (error) => pageErrors.push(`${who}: ${error.message}`));
  return page;
}

/** What every phone shows once it holds a seat: waiting in the lobby. */
async function waitInLobby(phone: Page): Promise<void> {
  await phone.getByText('Waiting for the facilitator to start').waitFor();
}

async function joinWithName(phone: Page, name: string): Promise<void> {
  await phone.getByLabel('Your name, as the room will see it').fill(name);
  await phone.getByRole('button', { name: 'Join', exact: true }).click();
}

const phones = () => [alex, sam, alex2];

beforeAll(async () => {
  ensureClientBuilt();
  server = await startServer();
  browser = await launchBrowser();
  laptop = await newLaptop(browser);
});

screenshotOnFailure(shot, () => [
  ['console', consolePage],
  ['screen', screenPage],
  ['alex', alex],
  ['sam', sam],
  ['alex2', alex2],
]);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a live session from the laptop, three phones and the room screen', () => {
  it('lets the facilitator plan a two-round agenda and open the console and room screen', async () => {
    consolePage = watchErrors(await laptop.newPage(), 'console');
    await consolePage.goto(`${server.url}/`);
    await consolePage.getByRole('link', { name: 'Create a session' }).click();
    await consolePage.getByRole('heading', { name: 'Plan your session' }).waitFor();
    await consolePage.getByLabel('Session title').fill(TITLE);

    // The default first round is the team-sources poll; add a multiple-choice second one.
    const first = consolePage.getByRole('listitem').filter({ hasText: 'Round 1' });
    expect(await first.getByLabel('Question').inputValue()).toBe(FIRST_QUESTION);
    await consolePage.getByRole('button', { name: 'Add a round' }).click();
    const second = consolePage.getByRole('listitem').filter({ hasText: 'Round 2' });
    await second.getByLabel('Round title').fill('Channels');
    await second.getByLabel('Question').fill(SECOND_QUESTION);
    await second.getByLabel('Option 1', { exact: true }).fill('Phone');
    await second.getByLabel('Option 2', { exact: true }).fill('Email');
    await second.getByLabel('Option 3', { exact: true }).fill('Chat');
    await second.getByLabel('Several answers allowed').check();
    await shot(consolePage, 'laptop-agenda-editor');

    await consolePage.getByRole('button', { name: 'Create session' }).click();
    await consolePage.waitForURL(/\/console\/[A-Za-z0-9_-]+#key=/);
    const codeText = consolePage.getByTestId('join-code');
    await codeText.waitFor();
    code = (await codeText.textContent())?.trim() ?? '';
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    await consolePage.getByRole('heading', { name: TITLE }).waitFor();

    const screenLink = consolePage.getByRole('link', { name: 'Open room screen' });
    const href = await screenLink.getAttribute('href');
    expect(href).toMatch(/^\/screen\/[A-Za-z0-9_-]+#key=/);
    screenPage = watchErrors(await laptop.newPage(), 'screen');
    await screenPage.goto(`${server.url}${href}`);
    await screenPage.getByText('Join on your phone at').waitFor();
    await waitForText(screenPage.getByTestId('join-code'), code);
    await shot(screenPage, 'screen-lobby-empty');
  });

  it('seats three phones: a lowercase code, a direct link, and a duplicate name', async () => {
    // Alex types the code in lowercase on the home page; the field shows it in capitals.
    alex = watchErrors(await newPhone(browser), 'alex');
    await alex.goto(`${server.url}/`);
    await expectAccessible(alex, 'the home page (phone)');
    await shot(alex, 'phone-home');
    const codeField = alex.getByLabel('Code on the screen');
    await codeField.pressSequentially(code.toLowerCase());
    expect(await codeField.inputValue()).toBe(code);
    await alex.getByRole('button', { name: 'Join', exact: true }).click();
    await alex.waitForURL(`${server.url}/join/${code}`);
    await joinWithName(alex, 'Alex');
    await waitInLobby(alex);

    // Sam opens the join link from the QR code.
    sam = watchErrors(await newPhone(browser), 'sam');
    await sam.goto(`${server.url}/join/${code}`);
    await sam.getByRole('heading', { name: TITLE }).waitFor();
    await expectAccessible(sam, 'the join page (phone)');
    await shot(sam, 'phone-join-form');
    await joinWithName(sam, 'Sam');
    await waitInLobby(sam);

    // A second Alex is told the name is taken and takes the suggested one.
    alex2 = watchErrors(await newPhone(browser), 'alex2');
    await alex2.goto(`${server.url}/`);
    await alex2.getByLabel('Code on the screen').fill(code);
    await alex2.getByRole('button', { name: 'Join', exact: true }).click();
    await joinWithName(alex2, 'Alex');
    await alex2.getByText('Someone here is already called Alex').waitFor();
    await shot(alex2, 'phone-name-taken');
    await alex2.getByRole('button', { name: 'Join as Alex 2' }).click();
    await waitInLobby(alex2);
    await alex2.getByText('You’re in, Alex 2!').waitFor();
    await shot(alex2, 'phone-lobby');

    // The console's People panel and the room screen both list all three, online.
    const people = consolePage.getByRole('region', { name: /People/ });
    await waitForText(people.getByRole('heading'), '3 online of 3');
    expect((await people.getByTestId('roster-name').allTextContents()).sort()).toEqual([
      'Alex',
      'Alex 2',
      'Sam',
    ]);
    expect(await people.getByTestId('roster-state').allTextContents()).toEqual([
      'online',
      'online',
      'online',
    ]);
    const roomRoster = screenPage.getByRole('region', { name: 'Who has joined' });
    await waitForText(roomRoster, '3 people here');
    expect((await roomRoster.getByRole('listitem').allTextContents()).sort()).toEqual([
      'Alex',
      'Alex 2',
      'Sam',
    ]);
    await shot(consolePage, 'laptop-console-lobby');
    await shot(screenPage, 'screen-lobby');
    await expectAccessible(consolePage, 'the console (lobby)');
    await expectAccessible(screenPage, 'the room screen (lobby)');
  });

  it('shows the first poll on every phone and counts answers live as they change', async () => {
    await consolePage.getByRole('button', { name: 'Start session' }).click();
    for (const phone of phones()) {
      await phone.getByRole('heading', { name: FIRST_QUESTION }).waitFor();
      await phone.getByText('Choose one.').waitFor();
    }
    await screenPage.getByRole('heading', { name: FIRST_QUESTION }).waitFor();
    await waitForText(screenPage.locator('.screen-count'), /0\s*of 3 answered/);
    await shot(alex, 'phone-poll-open');

    const answered = (n: number) => new RegExp(`^${n} of 3 answered`);
    const liveCount = consolePage.getByText(/^\d of 3 answered/);
    await waitForText(liveCount, answered(0));

    await alex.getByRole('radio', { name: 'Three or more' }).click();
    await waitForText(alex.getByRole('status'), 'Answer saved');
    await alex.getByRole('radio', { name: 'Three or more', checked: true }).waitFor();
    await waitForText(liveCount, answered(1));
    await expectAccessible(alex, 'the poll (phone)');

    await sam.getByRole('radio', { name: 'One or two' }).click();
    await waitForText(sam.getByRole('status'), 'Answer saved');
    await waitForText(liveCount, answered(2));

    // Alex 2 answers, then changes their mind: still three respondents, counts move.
    await alex2.getByRole('radio', { name: 'None' }).click();
    await waitForText(alex2.getByRole('status'), 'Answer saved');
    await waitForText(liveCount, answered(3));
    const chart = consolePage.getByRole('list', { name: 'Live answers' });
    const row = (option: string) => chart.getByRole('listitem').filter({ hasText: option });
    await waitForText(row('None'), /1 \(33%\)/);
    await alex2.getByRole('radio', { name: 'One or two' }).click();
    await alex2.getByRole('radio', { name: 'One or two', checked: true }).waitFor();
    expect(await alex2.getByRole('radio', { name: 'None' }).getAttribute('aria-checked')).toBe(
      'false',
    );
    await waitForText(row('None'), /0 \(0%\)/);
    await waitForText(row('One or two'), /2 \(67%\)/);
    await waitForText(row('Three or more'), /1 \(33%\)/);
    await waitForText(liveCount, answered(3));
    await waitForText(screenPage.locator('.screen-count'), /3\s*of 3 answered/);
    await shot(alex2, 'phone-poll-answered');
    await shot(consolePage, 'laptop-console-live');
    await shot(screenPage, 'screen-live');
    await expectAccessible(consolePage, 'the console (live round)');
    await expectAccessible(screenPage, 'the room screen (live round)');
  });

  it('reveals the chart on the screen and the phones, marking each phone’s own answer', async () => {
    await consolePage.getByRole('button', { name: 'Reveal results' }).click();
    const screenChart = screenPage.getByRole('list', { name: 'Results' });
    await waitForText(screenChart.getByRole('listitem').filter({ hasText: 'One or two' }), /2/);
    const mine: [Page, string][] = [
      [alex, 'Three or more'],
      [sam, 'One or two'],
      [alex2, 'One or two'],
    ];
    for (const [phone, option] of mine) {
      const chart = phone.getByRole('list', { name: 'Results' });
      await waitForText(chart.getByRole('listitem').filter({ hasText: option }), '(your answer)');
      expect(await chart.getByText('(your answer)').count()).toBe(1);
    }
    await shot(screenPage, 'screen-revealed');
    await shot(alex, 'phone-revealed');
    await expectAccessible(screenPage, 'the room screen (results)');
    await expectAccessible(alex, 'the poll results (phone)');
    await consolePage.getByRole('button', { name: 'Hide results' }).click();
    await alex.getByRole('radio', { name: 'Three or more' }).waitFor();
  });

  it('brings a reloaded phone back to its seat with its answer still selected', async () => {
    await alex.reload();
    await alex.getByRole('radio', { name: 'Three or more', checked: true }).waitFor();
    expect(await alex.getByLabel('Your name, as the room will see it').count()).toBe(0);
    await alex.getByText('Alex', { exact: true }).waitFor();
    await waitForText(alex.getByRole('status'), 'Answer saved');
    // Still one seat: the reload did not add a fourth person.
    const people = consolePage.getByRole('region', { name: /People/ });
    await waitForText(people.getByRole('heading'), '3 online of 3');
    await shot(alex, 'phone-after-reload');
  });

  it('stops phones changing answers once the facilitator locks', async () => {
    await consolePage.getByRole('button', { name: 'Lock answers' }).click();
    await consolePage.getByRole('button', { name: 'Reopen answers' }).waitFor();
    for (const phone of phones()) {
      await waitForText(phone.getByRole('status'), 'Answers are locked.');
      for (const option of ['None', 'One or two', 'Three or more'])
        await phone.getByRole('radio', { name: option, disabled: true }).waitFor();
    }
    // A tap on a locked option does nothing: the answer stays, and so do the counts.
    await sam.getByRole('radio', { name: 'None' }).click({ force: true });
    expect(await sam.getByRole('radio', { name: 'One or two' }).getAttribute('aria-checked')).toBe(
      'true',
    );
    expect(await sam.getByRole('radio', { name: 'None' }).getAttribute('aria-checked')).toBe(
      'false',
    );
    const chart = consolePage.getByRole('list', { name: 'Live answers' });
    await waitForText(chart.getByRole('listitem').filter({ hasText: 'None' }), /0 \(0%\)/);
    await shot(sam, 'phone-locked');
  });

  it('moves every phone to the multiple-choice round', async () => {
    await consolePage.getByRole('button', { name: 'Next round →' }).click();
    for (const phone of phones()) {
      await phone.getByRole('heading', { name: SECOND_QUESTION }).waitFor();
      await phone.getByText('Choose all that apply.').waitFor();
      expect(await phone.getByRole('checkbox').count()).toBe(3);
    }
    await alex.getByRole('checkbox', { name: 'Phone' }).click();
    await alex.getByRole('checkbox', { name: 'Phone', checked: true }).waitFor();
    await alex.getByRole('checkbox', { name: 'Chat' }).click();
    await alex.getByRole('checkbox', { name: 'Chat', checked: true }).waitFor();
    await alex.getByRole('checkbox', { name: 'Phone', checked: true }).waitFor();
    await sam.getByRole('checkbox', { name: 'Email' }).click();
    await waitForText(sam.getByRole('status'), 'Answer saved');
    await waitForText(consolePage.getByText(/of 3 answered/), /^2 of 3 answered · multiple choice/);
    await screenPage.getByRole('heading', { name: SECOND_QUESTION }).waitFor();
    await shot(alex, 'phone-multiple-choice');
    await shot(consolePage, 'laptop-console-round-2');
  });

  it('ends the session for everyone and keeps the results on the laptop', async () => {
    consolePage.once('dialog', (dialog) => void dialog.accept());
    await consolePage.getByRole('button', { name: 'End session' }).click();
    await consolePage.getByRole('heading', { name: 'Results', exact: true }).waitFor();
    for (const phone of phones()) {
      await phone.getByRole('heading', { name: 'That’s a wrap' }).waitFor();
      expect(await phone.getByRole('button', { name: 'Leave session' }).count()).toBe(0);
    }
    await screenPage.getByText('Thank you for taking part!').waitFor();
    await shot(screenPage, 'screen-ended');
    await shot(alex, 'phone-ended');
    await shot(consolePage, 'laptop-console-ended');

    const sessions = watchErrors(await laptop.newPage(), 'sessions');
    await sessions.goto(`${server.url}/sessions`);
    const card = sessions.getByRole('listitem').filter({
      has: sessions.getByRole('heading', { name: TITLE }),
    });
    await waitForText(card.locator('.status-pill'), 'Ended');
    await waitForText(card, `code ${code}`);
    await waitForText(card, '3 participants · 2 rounds');
    await card.getByRole('button', { name: 'Results' }).click();
    await card.getByText(FIRST_QUESTION).waitFor();
    await card.getByText('3 people answered.').waitFor();
    const firstSummary = card.getByRole('list', { name: /answers$/ }).first();
    await waitForText(
      firstSummary.getByRole('listitem').filter({ hasText: 'One or two' }),
      '2 (67%)',
    );
    await card.getByText(SECOND_QUESTION).waitFor();
    await card.getByText('2 people answered.').waitFor();
    await shot(sessions, 'laptop-sessions-results');
    expect(pageErrors).toEqual([]);
  });
});
