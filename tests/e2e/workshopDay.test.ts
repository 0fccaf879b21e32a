/**
 * A whole workshop day rehearsed alone: the facilitator starts a rehearsal of The Service Pro
 * with 12 simulated participants, opens the presenter view and the room screen in a second
 * window, and walks through every round with the keyboard only (what a presenter clicker
 * sends). Every content slide is looked at on the room screen at 1366x768 and 1920x1080 and
 * on a 390x844 phone that took part too. Waits on what people see, never on fixed times.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BUILT_IN_WORKSHOPS, type ExerciseConfig } from '@playfield/shared';
import {
  ensureClientBuilt,
  expectAccessible,
  launchBrowser,
  measureFit,
  newLaptop,
  newPhone,
  screenshotOnFailure,
  screenshotter,
  startServer,
  type E2EServer,
} from './harness.ts';

const WORKSHOP = BUILT_IN_WORKSHOPS.find((w) => w.id === 'service-pro');
if (!WORKSHOP) throw new Error('The Service Pro is not a built-in workshop');
const AGENDA = WORKSHOP.agenda;
const SEATS = 12;

let server: E2EServer;
let browser: Browser;
let laptop: BrowserContext;
let presenter: Page;
let screen: Page;
let phone: Page;
let sessionId = '';
let token = '';
const pageErrors: string[] = [];
const shot = screenshotter('day');

function watchErrors(page: Page, who: string): Page {
  page.on('pageerror', (error) => pageErrors.push(`${who}: ${error.message}`));
  return page;
}

beforeAll(async () => {
  ensureClientBuilt();
  server = await startServer();
  browser = await launchBrowser();
  laptop = await newLaptop(browser);
});

screenshotOnFailure(shot, () => [
  ['presenter', presenter],
  ['screen', screen],
  ['phone', phone],
]);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The presenter's "Round n of N" line, once it shows round `index`. */
async function onRound(index: number): Promise<void> {
  await presenter
    .locator('p.eyebrow')
    .filter({ hasText: `Round ${index + 1} of ${AGENDA.length}` })
    .first()
    .waitFor();
  await presenter.getByRole('heading', { level: 1, name: AGENDA[index]?.title ?? '' }).waitFor();
}

/** Lines of text on the room screen that the join code's corner box covers. */
function underTheCorner(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const corner = document.querySelector('aside[aria-label="How to join"]');
    const main = document.querySelector('main');
    if (!corner || !main) return [];
    const box = corner.getBoundingClientRect();
    const covered: string[] = [];
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!(node.textContent ?? '').trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const hits = [...range.getClientRects()].some(
        (r) =>
          r.width > 0 &&
          r.left < box.right - 1 &&
          r.right > box.left + 1 &&
          r.top < box.bottom - 1 &&
          r.bottom > box.top + 1,
      );
      if (hits) covered.push((node.textContent ?? '').trim().slice(0, 40));
    }
    return covered;
  });
}

/**
 * Fails with what does not fit when the room screen overflows, cuts something off, shows
 * text under 24 px (the header and join code shrunk to make room for a slide were, once) or
 * hides text under the join code's corner, once its layout has settled (a slide shrinks to
 * fit again when the Q&A strip appears).
 */
async function expectScreenFits(label: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const fit = await measureFit(screen, { root: 'body', smallTextWithin: '.screen' });
        const covered = await underTheCorner(screen);
        return { label, outside: fit.outside, clipped: fit.clipped, small: fit.small, covered };
      },
      // Generous: on a loaded machine the screen's resize and shrink take a few frames.
      { timeout: 15_000 },
    )
    .toEqual({ label, outside: [], clipped: [], small: [], covered: [] });
}

describe('rehearsing The Service Pro alone, from the presenter view', () => {
  it('starts a rehearsal with 12 simulated participants and the room screen in a second window', async () => {
    presenter = watchErrors(await laptop.newPage(), 'presenter');
    await presenter.goto(`${server.url}/new`);
    await presenter.getByRole('button', { name: `Use “${WORKSHOP.title}”` }).click();
    const rehearse = presenter.getByRole('group', { name: 'Rehearse alone first' });
    await rehearse.getByRole('spinbutton', { name: 'Simulated participants' }).fill(String(SEATS));
    await rehearse.getByRole('combobox').selectOption({ label: 'Fast: run through' });
    await rehearse.getByRole('button', { name: 'Rehearse', exact: true }).click();
    await presenter.waitForURL(/\/console\/[A-Za-z0-9_-]+#key=/);
    const url = new URL(presenter.url());
    sessionId = url.pathname.split('/')[2] ?? '';
    token = new URLSearchParams(url.hash.slice(1)).get('key') ?? '';
    expect(token).not.toBe('');

    await presenter.getByRole('button', { name: 'Presenter view' }).click();
    await presenter.waitForURL(/\/console\/[A-Za-z0-9_-]+\/present#key=/);
    await presenter.getByText(`${SEATS} people have joined`).waitFor();

    const opened = laptop.waitForEvent('page');
    await presenter.getByRole('button', { name: 'Open room screen window' }).click();
    screen = watchErrors(await opened, 'screen');
    await screen.setViewportSize({ width: 1366, height: 768 });
    await screen.getByText('Join on your phone at').waitFor();
    await screen
      .getByText(/rehearsal/i)
      .first()
      .waitFor();

    await expectAccessible(presenter, 'the presenter view in the lobby');
    await expectAccessible(screen, 'the room screen in the lobby');
    await shot(presenter, 'presenter-lobby-1366');
  });

  it('lets the facilitator take part on a phone through the session’s link', async () => {
    const code = (
      await presenter.locator('p.eyebrow').filter({ hasText: 'join code' }).first().textContent()
    )?.match(/join code ([A-Z0-9]{6})/)?.[1];
    expect(code).toBeTruthy();
    phone = watchErrors(await newPhone(browser), 'phone');
    await phone.goto(`${server.url}/join/${code ?? ''}?s=${sessionId}`);
    await phone.getByLabel('Your name, as the room will see it').fill('Dana (facilitator)');
    await phone.getByRole('button', { name: 'Join', exact: true }).click();
    await phone.getByText('Waiting for the facilitator to start').waitFor();
  });

  it('runs every round with the keyboard, with each slide readable on the screen and the phone', async () => {
    // The page, not a button, holds the focus: keys go where a clicker's would.
    await presenter.locator('body').click({ position: { x: 5, y: 700 } });
    await presenter.keyboard.press('?');
    await presenter.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await shot(presenter, 'presenter-shortcuts');
    await presenter.keyboard.press('Escape');
    await presenter
      .getByRole('dialog', { name: 'Keyboard shortcuts' })
      .waitFor({ state: 'hidden' });

    let slide = 0;
    for (const [index, round] of AGENDA.entries()) {
      await presenter.keyboard.press(index % 2 === 0 ? 'PageDown' : 'ArrowRight');
      await onRound(index);
      if (round.kind !== 'content') continue;
      slide += 1;
      // An agenda round's config follows its kind (RoundInput does not tie the two for TS).
      const { heading } = round.config as ExerciseConfig<'content'>;
      const name = `slide-${String(slide).padStart(2, '0')}`;
      // The slide itself: the round's title is a hidden heading too, often the same words.
      await screen
        .locator('section[data-layout]')
        .getByRole('heading', { name: heading })
        .first()
        .waitFor();
      for (const [width, height] of [
        [1366, 768],
        [1920, 1080],
      ] as const) {
        await screen.setViewportSize({ width, height });
        await expectScreenFits(`${round.title} at ${width}x${height}`);
        await shot(screen, `${name}-screen-${width}`);
      }
      await phone.getByText(heading).first().waitFor();
      await shot(phone, `${name}-phone-390`);
      if (slide === 1) {
        await expectAccessible(screen, 'a content slide on the room screen');
        await expectAccessible(presenter, 'the presenter view on a slide');
        await shot(presenter, 'presenter-slide-1366');
      }
    }
    expect(slide).toBe(AGENDA.filter((r) => r.kind === 'content').length);
  }, 300_000); // 27 rounds and 18 slides at two sizes: 91 s at load 12, 42 s idle.

  it('blanks and freezes the room screen from the keyboard', async () => {
    const blank = screen.getByTestId('blank-screen');
    await presenter.keyboard.press('b');
    await blank.waitFor();
    await expectScreenFits('the blank screen');
    await shot(screen, 'screen-blank');
    await presenter.keyboard.press('b');
    await blank.waitFor({ state: 'hidden' });
    await presenter.keyboard.press('f');
    await presenter
      .getByRole('group', { name: 'Room screen' })
      .getByText(/frozen/i)
      .waitFor();
    await presenter.keyboard.press('f');
    await presenter
      .getByRole('group', { name: 'Room screen' })
      .getByText(/frozen/i)
      .waitFor({ state: 'hidden' });
  });

  it('keeps every round’s results, with the simulated room’s answers, and raised no page error', async () => {
    const response = await fetch(`${server.url}/api/sessions/${sessionId}/results`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const results = (await response.json()) as {
      rounds: { title: string; summary: { headline: string } }[];
    };
    expect(results.rounds.map((r) => r.title)).toEqual(AGENDA.map((r) => r.title));
    expect(pageErrors).toEqual([]);
  });
});
