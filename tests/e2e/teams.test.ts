/**
 * Tables in a real browser: the facilitator forms tables at random from the console's
 * Tables panel, the room screen's lobby shows them with their people (at 1366x768 and
 * 1920x1080, also with 20 tables, nothing cut off or scrolled), each phone (390x844) says
 * "Your table", people pick their own table once allowed, the facilitator renames a table
 * and moves someone, and a poll's answers show "By table" on the console. Screenshots and
 * axe on every screen; every step waits for what people would see.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  expectAccessible,
  newPhone,
  screenshotOnFailure,
  screenshotter,
  useBrowserRun,
  waitForText,
  type E2EServer,
} from './harness.ts';

const NAMES = ['Ana', 'Ben', 'Cleo'] as const;

let server: E2EServer;
let browser: Browser;
let laptop: BrowserContext;
let consolePage: Page;
let screenPage: Page;
const phones = new Map<string, Page>();
let code = '';
const pageErrors: string[] = [];
const shot = screenshotter('teams');

const phone = (name: string): Page => {
  const page = phones.get(name);
  if (!page) throw new Error(`No phone for ${name}`);
  return page;
};

function watchErrors(page: Page, who: string): Page {
  page.on('pageerror', (error) => pageErrors.push(`${who}: ${error.message}`));
  return page;
}

const tablesPanel = () => consolePage.getByRole('region', { name: 'Tables', exact: true });
const yourTable = (page: Page) => page.getByRole('region', { name: 'Your table' });

/** The room screen neither scrolls nor cuts off any table (every card's content fits it). */
async function expectScreenFits(size: string): Promise<void> {
  const fit = await screenPage.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    const cards = [...document.querySelectorAll<HTMLElement>('[aria-label="Tables"] > li')];
    return {
      isScrolling: root.scrollHeight > window.innerHeight + 1,
      cut: cards.filter(
        (c) =>
          c.scrollHeight > c.clientHeight + 1 ||
          c.getBoundingClientRect().bottom > window.innerHeight + 1 ||
          c.getBoundingClientRect().right > window.innerWidth + 1,
      ).length,
      cards: cards.length,
      smallestFontPx: Math.min(
        ...cards.flatMap((c) =>
          [...c.querySelectorAll<HTMLElement>('*')].map((e) =>
            e.textContent?.trim() ? parseFloat(getComputedStyle(e).fontSize) : Infinity,
          ),
        ),
      ),
    };
  });
  expect(fit.isScrolling, `${size}: the screen does not scroll`).toBe(false);
  expect(fit.cut, `${size}: no table is cut off`).toBe(0);
  expect(fit.cards, `${size}: tables shown`).toBeGreaterThan(0);
  expect(fit.smallestFontPx, `${size}: type of at least 24 px`).toBeGreaterThanOrEqual(24);
}

useBrowserRun((run) => ({ server, browser, laptop } = run));

screenshotOnFailure(shot, () => [
  ['console', consolePage],
  ['screen', screenPage],
  ...[...phones].map(([who, page]): [string, Page] => [who, page]),
]);

describe('tables from the console, the room screen and three phones', () => {
  it('opens a session with a poll, the console and the room screen, and seats three phones', async () => {
    consolePage = watchErrors(await laptop.newPage(), 'console');
    // Replacing tables asks first: the facilitator agrees.
    consolePage.on('dialog', (dialog) => void dialog.accept());
    await consolePage.goto(`${server.url}/new`);
    await consolePage.getByRole('heading', { name: 'Plan your session' }).waitFor();
    await consolePage.getByLabel('Session title').fill('Service Pro (tables)');
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

    // The phones join side by side, as a room does.
    await Promise.all(
      NAMES.map(async (name) => {
        const page = watchErrors(await newPhone(browser), name);
        phones.set(name, page);
        await page.goto(`${server.url}/join/${code}`);
        await page.getByLabel('Your name, as the room will see it').fill(name);
        await page.getByRole('button', { name: 'Join', exact: true }).click();
        await page.getByText('Waiting for the facilitator to start').waitFor();
      }),
    );
    await waitForText(screenPage.getByRole('region', { name: 'Who has joined' }), '3 people here');
  });

  it('forms two tables at random: the console, the screen and every phone show them', async () => {
    const panel = tablesPanel();
    await panel.getByLabel('Number of tables').fill('2');
    await panel.getByRole('button', { name: 'Form at random' }).click();
    await panel.getByRole('listitem', { name: /^Table 1, 2 people$/ }).waitFor();
    await panel.getByRole('listitem', { name: /^Table 2, 1 person$/ }).waitFor();
    // The roster says each person's table too.
    await waitForText(consolePage.getByRole('region', { name: /People/ }), /online · Table [12]/);
    await shot(consolePage, 'laptop-tables');
    await expectAccessible(consolePage, 'the console with tables');

    const tables = screenPage.getByRole('list', { name: 'Tables' });
    await waitForText(tables, 'Table 2');
    for (const name of NAMES) await waitForText(tables, name);
    await expectScreenFits('1366x768');
    await shot(screenPage, 'screen-lobby-1366');
    await expectAccessible(screenPage, 'the room screen with tables');
    await screenPage.setViewportSize({ width: 1920, height: 1080 });
    await expectScreenFits('1920x1080');
    await shot(screenPage, 'screen-lobby-1920');
    await screenPage.setViewportSize({ width: 1366, height: 768 });

    await Promise.all(
      NAMES.map((name) => waitForText(yourTable(phone(name)), /Your table: Table [12]/)),
    );
    await shot(phone('Ana'), 'phone-your-table');
    await expectAccessible(phone('Ana'), 'a phone with its table');
  });

  it('fits twenty tables on the room screen without scrolling or cutting anything off', async () => {
    const panel = tablesPanel();
    await panel.getByLabel('Number of tables').fill('20');
    await panel.getByRole('button', { name: 'Empty tables' }).click();
    await panel.getByRole('listitem', { name: /^Table 20, 0 people$/ }).waitFor();
    await waitForText(screenPage.getByRole('list', { name: 'Tables' }), 'Table 20');
    await expectScreenFits('1366x768, 20 tables');
    await shot(screenPage, 'screen-lobby-20-tables-1366');
    await screenPage.setViewportSize({ width: 1920, height: 1080 });
    await expectScreenFits('1920x1080, 20 tables');
    await shot(screenPage, 'screen-lobby-20-tables-1920');
    await screenPage.setViewportSize({ width: 1366, height: 768 });
  });

  it('lets people choose their table on the phone once the facilitator allows it', async () => {
    const panel = tablesPanel();
    await panel.getByLabel('Number of tables').fill('3');
    await panel.getByRole('button', { name: 'Empty tables' }).click();
    await panel.getByRole('listitem', { name: /^No table, 3 people$/ }).waitFor();
    const ana = phone('Ana');
    await waitForText(yourTable(ana), 'You have no table yet');
    expect(await ana.getByRole('group', { name: 'Tables' }).count()).toBe(0);

    // The box follows the server's setting: click, then wait for the phones to offer tables.
    await panel.getByLabel('Let people choose their table on the phone').click();
    await ana.getByRole('group', { name: 'Tables' }).waitFor();
    await ana.getByRole('button', { name: /^Table 2/ }).tap();
    await waitForText(yourTable(ana), 'Your table: Table 2');
    await ana.getByRole('button', { name: /^Table 2/, pressed: true }).waitFor();
    await phone('Ben')
      .getByRole('button', { name: /^Table 2/ })
      .tap();
    await phone('Cleo')
      .getByRole('button', { name: /^Table 1/ })
      .tap();
    await panel.getByRole('listitem', { name: /^Table 2, 2 people$/ }).waitFor();
    await shot(ana, 'phone-pick');
    await expectAccessible(ana, 'a phone choosing its table');
  });

  it('renames a table and moves a person by hand; their phone follows', async () => {
    const panel = tablesPanel();
    const name = panel.getByLabel('Name of Table 1');
    await name.fill('Window');
    await name.press('Enter');
    await panel.getByLabel('Name of Window').waitFor();
    await panel.getByLabel('Table for Ben').selectOption({ label: 'Window' });
    await waitForText(yourTable(phone('Ben')), 'Your table: Window');
    await panel.getByRole('listitem', { name: /^Window, 2 people$/ }).waitFor();
    await waitForText(screenPage.getByRole('list', { name: 'Tables' }), 'Window');
    await shot(consolePage, 'laptop-tables-edited');
  });

  it('shows the poll’s answers by table on the console', async () => {
    await consolePage.getByRole('button', { name: 'Start session' }).click();
    const answers: [string, string][] = [
      ['Ana', 'Three or more'],
      ['Ben', 'One or two'],
      ['Cleo', 'Three or more'],
    ];
    await Promise.all(
      answers.map(async ([who, option]) => {
        const page = phone(who);
        await page.getByRole('radio', { name: option }).click();
        await waitForText(page.getByRole('status'), 'Answer saved');
      }),
    );
    // The phone still says which table is yours during a round.
    await waitForText(yourTable(phone('Ana')), 'Your table: Table 2');
    const byTable = consolePage.getByRole('region', { name: 'Results by table' });
    await byTable.getByRole('rowheader', { name: 'Window' }).waitFor();
    await waitForText(
      byTable.getByRole('row').filter({ hasText: 'Window' }),
      /Window\s*0\s*1\s*1\s*2/,
    );
    await byTable.scrollIntoViewIfNeeded();
    await shot(consolePage, 'laptop-by-table');
    await expectAccessible(consolePage, 'the console with results by table');
    await shot(phone('Ana'), 'phone-round-with-table');
  });

  it('ranks the tables beside the people in a quiz played by table', async () => {
    await consolePage.getByRole('button', { name: 'Add a round' }).click();
    const editor = consolePage.locator('.card').filter({ hasText: 'Add to agenda' });
    await editor.getByLabel('Exercise').selectOption({ label: 'Quiz with a leaderboard' });
    await editor.getByLabel(/^By table/).check();
    await editor.getByRole('button', { name: 'Add to agenda' }).click();
    await consolePage.getByRole('button', { name: 'Next round →' }).click();
    await consolePage.getByRole('button', { name: 'Show question 1' }).click();
    const answers: [string, RegExp][] = [
      ['Ana', /Actual service minus expected service/],
      ['Ben', /Price minus cost/],
      ['Cleo', /Actual service minus expected service/],
    ];
    await Promise.all(
      answers.map(async ([who, option]) => {
        const page = phone(who);
        await page.getByRole('button', { name: option }).tap();
        await page.getByText('Answer sent. Wait for the reveal…').waitFor();
      }),
    );
    await consolePage.getByRole('button', { name: 'Stop answers now' }).click();
    await consolePage.getByRole('button', { name: 'Reveal the answer' }).click();
    await consolePage.getByRole('button', { name: 'Show the leaderboard' }).click();
    await screenPage.getByRole('heading', { name: 'Leaderboard after question 1' }).waitFor();
    const tables = screenPage.getByRole('list', { name: 'Tables by average points' });
    await waitForText(tables.getByRole('listitem').first(), /1st\s*Table 2/);
    await waitForText(tables, 'Window');
    const expectFits = async (what: string) => {
      const fit = await screenPage.evaluate(() => {
        const root = document.scrollingElement ?? document.documentElement;
        const rows = [...document.querySelectorAll('li')].map((li) => li.getBoundingClientRect());
        return {
          isScrolling: root.scrollHeight > window.innerHeight + 1,
          cut: rows.filter((r) => r.bottom > window.innerHeight || r.right > window.innerWidth)
            .length,
        };
      });
      expect(fit, what).toEqual({ isScrolling: false, cut: 0 });
    };
    for (const size of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      await screenPage.setViewportSize(size);
      await expectFits(`${size.width}x${size.height}`);
      await shot(screenPage, `screen-quiz-tables-${size.width}`);
    }
    await screenPage.setViewportSize({ width: 1366, height: 768 });
    await expectAccessible(screenPage, 'the quiz leaderboard with tables');
    // The final step: the podium beside the tables, still unscrolled.
    await consolePage.getByRole('button', { name: 'Final leaderboard and podium' }).click();
    await screenPage.getByRole('heading', { name: 'Final leaderboard' }).waitFor();
    await expectFits('final 1366x768');
    await shot(screenPage, 'screen-quiz-final-1366');
    const console = consolePage.getByRole('table', { name: 'Tables by average points' });
    await waitForText(console, 'Window');
    expect(pageErrors).toEqual([]);
  });
});
