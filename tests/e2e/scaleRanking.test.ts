/**
 * Scales and ranking in a real browser: the console on a laptop, the room screen, and three
 * 390x844 phones. The phones rate a six-statement temperature check (buttons and a skip) and
 * order the seven sins of service (up/down buttons, the keyboard, and a drag with the
 * pointer); the console shows live figures; after each reveal the room screen is
 * photographed at 1366x768 and 1920x1080 and checked: nothing reaches past the edges, no text
 * smaller than 24 px at 1366x768, and axe on every page. Every step waits for what people see.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CreatedSession } from '@playfield/shared';
import { rankingPresets } from '@playfield/shared/exercises/ranking/presets';
import { scalePresets } from '@playfield/shared/exercises/scale/presets';
import {
  expectAccessible,
  newPhone,
  screenshotOnFailure,
  screenshotter,
  waitForText,
  type E2EServer,
  useBrowserRun,
} from './harness.ts';

const NAMES = ['Ana', 'Ben', 'Cleo'] as const;
const CHECK = scalePresets.temperatureCheck;
const SINS = rankingPresets.sevenSins;
const STATEMENTS = CHECK.config.statements;
const statement = (i: number): string => STATEMENTS[i] ?? '';

let server: E2EServer;
let browser: Browser;
let laptop: BrowserContext;
let consolePage: Page;
let screenPage: Page;
const phones: Page[] = [];
const pageErrors: string[] = [];
const shot = screenshotter('scaleRanking');

useBrowserRun((run) => ({ server, browser, laptop } = run));
screenshotOnFailure(shot, () => [
  ['console', consolePage],
  ['screen', screenPage],
  ...phones.map((page, i): [string, Page] => [NAMES[i] ?? 'phone', page]),
]);

function watchErrors(page: Page, who: string): Page {
  page.on('pageerror', (error) => pageErrors.push(`${who}: ${error.message}`));
  return page;
}

/**
 * The room screen cannot scroll: every element of the round lies inside the viewport, no
 * box hides overflowing content, and (at 1366x768) no visible text is under 24 px.
 */
async function expectScreenFits(what: string, minFontPx: number | null): Promise<void> {
  const problems = await screenPage.evaluate((minFont) => {
    const found: string[] = [];
    const root = document.querySelector('.screen__round');
    if (!root) return ['no round on the screen'];
    for (const el of root.querySelectorAll<HTMLElement>('*')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const name = `${el.tagName.toLowerCase()}.${el.className}: “${(el.textContent ?? '').slice(0, 40)}”`;
      if (box.bottom > window.innerHeight + 0.5 || box.right > window.innerWidth + 0.5)
        found.push(`past the edge (${Math.round(box.right)}x${Math.round(box.bottom)}) ${name}`);
      const style = getComputedStyle(el);
      if (
        style.overflow !== 'visible' &&
        (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
      )
        found.push(`content cut off in ${name}`);
      const isOurs = el.closest('[data-testid="exercise-screen"]') !== null;
      const hasText =
        isOurs &&
        [...el.childNodes].some(
          (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '',
        );
      if (minFont !== null && hasText && parseFloat(style.fontSize) < minFont)
        found.push(`text of ${style.fontSize} in ${name}`);
    }
    return found;
  }, minFontPx);
  expect(problems, what).toEqual([]);
}

/** Photographs the room screen at 1366x768 and 1920x1080, checking each size, and runs axe. */
async function screenAtBothSizes(name: string): Promise<void> {
  await screenPage.setViewportSize({ width: 1366, height: 768 });
  await shot(screenPage, `screen-${name}-1366x768`);
  await expectScreenFits(`the ${name} screen at 1366x768`, 24);
  await screenPage.setViewportSize({ width: 1920, height: 1080 });
  await shot(screenPage, `screen-${name}-1920x1080`);
  await expectScreenFits(`the ${name} screen at 1920x1080`, 24);
  await expectAccessible(screenPage, `the ${name} room screen`);
  await screenPage.setViewportSize({ width: 1366, height: 768 });
}

describe('scales and a ranking from the laptop, three phones and the room screen', () => {
  it('opens the console, the room screen and three phones on a new session', async () => {
    const response = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Service basics (e2e)',
        agenda: [
          { kind: 'scale', title: CHECK.title, config: CHECK.config },
          { kind: 'ranking', title: SINS.title, config: SINS.config },
        ],
      }),
    });
    expect(response.status).toBe(201);
    const session = (await response.json()) as CreatedSession;

    consolePage = watchErrors(await laptop.newPage(), 'console');
    await consolePage.goto(
      `${server.url}/console/${session.sessionId}#key=${session.facilitatorToken}`,
    );
    await consolePage.getByTestId('join-code').waitFor();
    screenPage = watchErrors(await laptop.newPage(), 'screen');
    await screenPage.goto(`${server.url}/screen/${session.sessionId}#key=${session.screenKey}`);
    await waitForText(screenPage.getByTestId('join-code'), session.code);

    for (const name of NAMES) {
      const page = watchErrors(await newPhone(browser), name);
      phones.push(page);
      await page.goto(`${server.url}/join/${session.code}`);
      await page.getByLabel('Your name, as the room will see it').fill(name);
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await page.getByText('Waiting for the facilitator to start').waitFor();
    }
    await consolePage.getByRole('button', { name: 'Start session' }).click();
    for (const page of phones)
      await page.getByRole('heading', { name: CHECK.config.question }).waitFor();
  });

  it('rates the statements on the phones while the console shows live figures', async () => {
    // Ana 4s, Ben 2s, Cleo 5 on the first three statements; Cleo skips the fourth.
    const ratings = [4, 2, 5];
    for (const [i, page] of phones.entries()) {
      for (const statement of CHECK.config.statements.slice(0, 3)) {
        const group = page.getByRole('radiogroup', { name: statement });
        const value = String(ratings[i]);
        await group.getByRole('radio', { name: new RegExp(`^${value}\\b`) }).tap();
        await expect
          .poll(() =>
            group
              .getByRole('radio', { name: new RegExp(`^${value}\\b`) })
              .getAttribute('aria-checked'),
          )
          .toBe('true');
      }
    }
    const cleo = phones[2] as Page;
    await cleo.getByRole('button', { name: 'Skip / don’t know' }).nth(3).tap();
    await cleo.getByRole('button', { name: '✓ Skipped: don’t know' }).waitFor();
    await waitForText(cleo.getByRole('status'), '4 of 6 answered');

    await waitForText(consolePage.getByText(/3 of 3 answered/), '3 of 3');
    await consolePage.getByText('3 ratings · mean 3.7 · median 4').first().waitFor();
    await shot(phones[0] as Page, 'phone-scale');
    await shot(consolePage, 'laptop-scale-live');
    await expectAccessible(phones[0] as Page, 'a phone rating statements');
    await expectAccessible(consolePage, 'the console during the scale');
    // Not revealed: the screen lists the statements only.
    await waitForText(screenPage.locator('.screen__round'), '3 of 3 answered');
    expect(await screenPage.getByText(/^Mean/).count()).toBe(0);
  });

  it('reveals the distributions on the room screen, page by page', async () => {
    await consolePage.getByRole('button', { name: 'Reveal results' }).click();
    await screenPage.getByRole('listitem', { name: statement(0) }).waitFor();
    await waitForText(screenPage.getByRole('listitem', { name: statement(0) }), 'Mean 3.7');
    await screenAtBothSizes('scale-page1');
    await consolePage.getByRole('button', { name: 'Next page' }).click();
    await screenPage.getByRole('listitem', { name: statement(4) }).waitFor();
    await screenAtBothSizes('scale-page2');
    await (phones[1] as Page).getByText('Room: mean 3.7 from 3 ratings · you: 2').first().waitFor();
  });

  it('orders the seven sins on the phones with buttons, keys and a drag', async () => {
    await consolePage.getByRole('button', { name: 'Next round →' }).click();
    for (const page of phones)
      await page.getByRole('heading', { name: SINS.config.question }).waitFor();
    const [ana, ben, cleo] = phones as [Page, Page, Page];

    // Ana: Runaround to the top with the up button (six taps), then submits.
    for (let i = 0; i < 6; i++) await ana.getByRole('button', { name: 'Move Runaround up' }).tap();
    await waitForText(ana.locator('[aria-live]'), 'Runaround, now 1 of 7');
    await ana.getByRole('button', { name: 'Submit my ranking' }).tap();
    await ana.getByRole('button', { name: 'Ranking saved' }).waitFor();

    // Ben: Rule book to the top from the keyboard (Home on its handle).
    await ben.getByRole('button', { name: /^Rule book, place 6 of 7/ }).focus();
    await ben.keyboard.press('Home');
    await ben.getByRole('button', { name: /^Rule book, place 1 of 7/ }).waitFor();
    await ben.getByRole('button', { name: 'Submit my ranking' }).tap();
    await ben.getByRole('button', { name: 'Ranking saved' }).waitFor();

    // Cleo: drags Runaround's handle onto the first row with the pointer.
    const handle = cleo.getByRole('button', { name: /^Runaround, place 7 of 7/ });
    const first = cleo.getByRole('button', { name: /^Apathy, place 1 of 7/ });
    await handle.scrollIntoViewIfNeeded();
    const from = await handle.boundingBox();
    const to = await first.boundingBox();
    if (!from || !to) throw new Error('no handle to drag');
    await cleo.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await cleo.mouse.down();
    await cleo.mouse.move(to.x + to.width / 2, to.y + 4, { steps: 12 });
    await cleo.mouse.up();
    await cleo.getByRole('button', { name: /^Runaround, place 1 of 7/ }).waitFor();
    await shot(cleo, 'phone-ranking');
    await expectAccessible(cleo, 'a phone ranking');
    await cleo.getByRole('button', { name: 'Submit my ranking' }).tap();
    await cleo.getByRole('button', { name: 'Ranking saved' }).waitFor();

    await waitForText(consolePage.getByText(/3 of 3 ranked/), '3 of 3');
    // Apathy second on every phone: 5 x 3 = 15 points. Runaround 6 + 0 + 6 = 12 and twice
    // first, ahead of Brush-off's 12 with none; Rule book 6 with one first place ahead of
    // Condescension's 6.
    const cells = async (item: string) =>
      (
        await consolePage
          .getByRole('row')
          .filter({ hasText: item })
          .locator('td, th')
          .allTextContents()
      )
        .slice(0, 4)
        .join(' | ');
    await expect.poll(() => cells('Apathy')).toBe('1 | Apathy | 15 | 0× · 2');
    expect(await cells('Runaround')).toBe('2 | Runaround | 12 | 2× · 1–7');
    expect(await cells('Brush-off')).toBe('3 | Brush-off | 12 | 0× · 3');
    expect(await cells('Rule book')).toBe('5 | Rule book | 6 | 1× · 1–7');
    await shot(consolePage, 'laptop-ranking-live');
    await expectAccessible(consolePage, 'the console during the ranking');
  });

  it('reveals the ranking on the room screen and the phones', async () => {
    await consolePage.getByRole('button', { name: 'Reveal results' }).click();
    const list = screenPage.getByRole('list', { name: 'The room’s ranking' });
    await waitForText(list, 'Runaround');
    await screenAtBothSizes('ranking');
    await (phones[0] as Page).getByText(/2\. Runaround: 12 points \(you: 1\)/).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
