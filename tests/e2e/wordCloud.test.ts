/**
 * The word cloud in a real browser: the facilitator plans a word cloud (swear words held)
 * and a live text wall, opens the room screen; three phones send words, one a swear word
 * that waits in the console's queue and never reaches the screen; the facilitator merges
 * "CS" into "customer service", hides the swear word and reveals: the room screen draws the
 * cloud with d3-cloud, every word inside the screen and none overlapping, at 1366x768 and
 * 1920x1080. Then the text wall fills live and shrinks to fit. Screenshots and axe on each
 * screen; every step waits for what people would see.
 */
import path from 'node:path';
import { build } from 'esbuild';
import type * as CloudLayout from '../../client/src/exercises/wordCloud/cloudLayout.ts';
import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  ROOT,
  expectAccessible,
  newPhone,
  screenshotOnFailure,
  screenshotter,
  useBrowserRun,
  waitForText,
  type E2EServer,
} from './harness.ts';

const QUESTION = 'One word for how our customers feel today';
const WALL = 'What gets in the way of great service?';
const NAMES = ['Ana', 'Ben', 'Cleo'] as const;

let server: E2EServer;
let browser: Browser;
let laptop: BrowserContext;
let consolePage: Page;
let screenPage: Page;
const phones = new Map<string, Page>();
let code = '';
const pageErrors: string[] = [];
const shot = screenshotter('wordCloud');

const phone = (name: string): Page => {
  const page = phones.get(name);
  if (!page) throw new Error(`No phone for ${name}`);
  return page;
};

function watchErrors(page: Page, who: string): Page {
  page.on('pageerror', (error) => pageErrors.push(`${who}: ${error.message}`));
  return page;
}

async function send(name: string, label: 'Your word' | 'Your answer', text: string) {
  const page = phone(name);
  await page.getByLabel(label).fill(text);
  await page.getByRole('button', { name: /^Send/ }).tap();
  await page.getByRole('button', { name: `Withdraw “${text}”` }).waitFor();
}

/** Each phone sends its own entries in order; the three phones type at the same time. */
async function sendAll(label: 'Your word' | 'Your answer', entries: [string, string][]) {
  await Promise.all(
    NAMES.map(async (name) => {
      for (const [who, text] of entries) if (who === name) await send(name, label, text);
    }),
  );
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The glyph boxes of the cloud's words, as the browser drew them. */
async function wordBoxes(page: Page): Promise<{ text: string; box: Box; size: number }[]> {
  return page.locator('[data-testid="word-cloud"] text').evaluateAll((nodes) =>
    nodes.map((node) => {
      const rect = node.getBoundingClientRect();
      return {
        text: node.textContent ?? '',
        box: { x: rect.x, y: rect.y, width: rect.width, height: rect.height },
        size: parseFloat(getComputedStyle(node).fontSize),
      };
    }),
  );
}

/** Every word inside the viewport, at least 24 px, and no two words' ink overlapping. */
async function expectCloudFits(page: Page, what: string): Promise<string[]> {
  const viewport = page.viewportSize() ?? { width: 0, height: 0 };
  return expectWordsFit(await wordBoxes(page), viewport, what);
}

function expectWordsFit(
  words: { text: string; box: Box; size: number }[],
  viewport: { width: number; height: number },
  what: string,
): string[] {
  expect(words.length, what).toBeGreaterThan(0);
  for (const { text, box, size } of words) {
    expect(size, `${text} is readable (${what})`).toBeGreaterThanOrEqual(24);
    expect(box.x, `${text} left (${what})`).toBeGreaterThanOrEqual(0);
    expect(box.y, `${text} top (${what})`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${text} right (${what})`).toBeLessThanOrEqual(viewport.width);
    expect(box.y + box.height, `${text} bottom (${what})`).toBeLessThanOrEqual(viewport.height);
  }
  // A text box includes the font's ascent and descent; the ink is its middle part. Boxes
  // shrunk to that core must not meet (d3-cloud itself checks every glyph pixel).
  const core = ({ x, y, width, height }: Box): Box => ({
    x,
    y: y + height * 0.22,
    width,
    height: height * 0.56,
  });
  for (const [i, a] of words.entries()) {
    for (const b of words.slice(i + 1)) {
      const p = core(a.box);
      const q = core(b.box);
      const overlaps =
        p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;
      expect(overlaps, `${a.text} and ${b.text} overlap (${what})`).toBe(false);
    }
  }
  return words.map((w) => w.text);
}

/** Fails when `locator` reaches past the bottom or right of the room screen. */
async function expectOnScreen(locator: Locator, what: string): Promise<void> {
  const box = await locator.boundingBox();
  const viewport = screenPage.viewportSize() ?? { width: 0, height: 0 };
  expect(box, what).not.toBeNull();
  expect(Math.ceil((box?.y ?? 0) + (box?.height ?? 0)), what).toBeLessThanOrEqual(viewport.height);
  expect(Math.ceil((box?.x ?? 0) + (box?.width ?? 0)), what).toBeLessThanOrEqual(viewport.width);
}

useBrowserRun((run) => ({ server, browser, laptop } = run));

screenshotOnFailure(shot, () => [
  ['console', consolePage],
  ['screen', screenPage],
  ...[...phones].map(([who, page]): [string, Page] => [who, page]),
]);

describe('a word cloud from the laptop, three phones and the room screen', () => {
  it('plans a word cloud and a live text wall and opens the room screen', async () => {
    consolePage = watchErrors(await laptop.newPage(), 'console');
    await consolePage.goto(`${server.url}/new`);
    await consolePage.getByRole('heading', { name: 'Plan your session' }).waitFor();
    await consolePage.getByLabel('Session title').fill('Service day (e2e)');
    const first = consolePage.getByRole('listitem').filter({ hasText: 'Round 1' });
    await first.getByLabel('Exercise').selectOption({ label: 'Word cloud / open text' });
    await first.getByLabel('Round title').fill('How customers feel');
    expect(await first.getByLabel('Question').inputValue()).toBe(QUESTION);
    await first.getByLabel('Swear words').selectOption('hold');

    await consolePage.getByRole('button', { name: 'Add a round' }).click();
    const second = consolePage.getByRole('listitem').filter({ hasText: 'Round 2' });
    await second.getByLabel('Exercise').selectOption({ label: 'Word cloud / open text' });
    await second.getByLabel('Round title').fill('In the way');
    await second.getByLabel('Question').fill(WALL);
    await second.getByLabel('Mode').selectOption('text');
    await second.getByLabel(/Characters per entry/).fill('160');
    await second.getByLabel(/Show entries on the room screen/).check();
    await shot(consolePage, 'laptop-plan');

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
  });

  it('seats three phones and starts on the word cloud', async () => {
    for (const name of NAMES) {
      const page = watchErrors(await newPhone(browser), name);
      phones.set(name, page);
      await page.goto(`${server.url}/join/${code}`);
      await page.getByLabel('Your name, as the room will see it').fill(name);
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await page.getByText('Waiting for the facilitator to start').waitFor();
    }
    await consolePage.getByRole('button', { name: 'Start session' }).click();
    await consolePage.getByRole('heading', { name: 'How customers feel' }).waitFor();
    for (const page of phones.values())
      await page.getByRole('heading', { name: QUESTION }).waitFor();
    await screenPage.getByRole('heading', { name: QUESTION }).waitFor();
  });

  it('takes words from the phones and holds the swear word for the facilitator', async () => {
    const entries: [string, string][] = [
      ['Ana', 'Frustrated'],
      ['Ben', 'frustrated!'],
      ['Cleo', 'Frustrated'],
      ['Ana', 'CS'],
      ['Ben', 'customer service'],
      ['Cleo', 'Customer service'],
      ['Ana', 'Hopeful'],
      ['Ben', 'shit'],
      ['Cleo', 'Waiting'],
    ];
    await sendAll('Your word', entries);
    const ben = phone('Ben');
    await ben.getByText('You have sent all your entries.').waitFor();
    await waitForText(
      ben.getByRole('listitem').filter({ hasText: 'shit' }),
      'Waiting for the facilitator',
    );

    await waitForText(consolePage.getByRole('status'), '9 entries from 3 of 3');
    const queue = consolePage.getByRole('list', { name: 'Entries waiting for approval' });
    await waitForText(queue, 'shit');
    // Anonymous: no name beside any entry on the console.
    for (const name of NAMES) {
      expect(
        await consolePage
          .getByRole('list', { name: 'All entries, newest first' })
          .getByText(name)
          .count(),
      ).toBe(0);
    }
    // Before the reveal the room sees a count, no words.
    await waitForText(screenPage.getByText(/entries from/), '9 entries from 3 of 3 people');
    expect(await screenPage.getByText('Frustrated').count()).toBe(0);
    await shot(ben, 'phone-held');
    await shot(consolePage, 'laptop-queue');
    await shot(screenPage, 'screen-before-reveal');
    await expectAccessible(consolePage, 'the console with the queue');
    await expectAccessible(screenPage, 'the room screen before the reveal');
  });

  it('merges two words, hides the swear word and reveals the cloud', async () => {
    await consolePage.getByLabel('Merge', { exact: true }).selectOption('cs');
    await consolePage.getByLabel('into', { exact: true }).selectOption('customer service');
    await consolePage.getByRole('button', { name: 'Merge', exact: true }).click();
    await consolePage
      .getByRole('button', { name: 'Undo merging “CS” into “Customer service”' })
      .waitFor();
    const queue = consolePage.getByRole('list', { name: 'Entries waiting for approval' });
    await queue.getByRole('button', { name: 'Hide “shit”' }).click();
    await consolePage.getByText('Nothing waiting.').waitFor();
    await waitForText(
      phone('Ben').getByRole('listitem').filter({ hasText: 'shit' }),
      'Not shown to the room',
    );

    await consolePage.getByRole('button', { name: 'Reveal results' }).click();
    await screenPage.getByTestId('word-cloud').waitFor();
    const words = await expectCloudFits(screenPage, '1366x768');
    expect(words.sort()).toEqual(['Customer service', 'Frustrated', 'Hopeful', 'Waiting']);
    expect(await screenPage.getByText('shit').count()).toBe(0);
    await shot(screenPage, 'screen-cloud-1366x768');
    await expectAccessible(screenPage, 'the room screen with the cloud at 1366x768');

    await screenPage.setViewportSize({ width: 1920, height: 1080 });
    await screenPage.waitForFunction(() => {
      const svg = document.querySelector('[data-testid="word-cloud"]');
      return svg !== null && svg.getBoundingClientRect().width > 1500;
    });
    await expectCloudFits(screenPage, '1920x1080');
    await shot(screenPage, 'screen-cloud-1920x1080');
    await screenPage.setViewportSize({ width: 1366, height: 768 });

    const top = phone('Cleo').getByRole('list', { name: 'Top words' });
    await waitForText(top, 'Customer service');
    expect(await phone('Ana').getByText('shit').count()).toBe(0);
    await shot(phone('Cleo'), 'phone-results');
    // The narrowest phones: one column, nothing wider than the screen.
    await phone('Cleo').setViewportSize({ width: 320, height: 640 });
    expect(
      await phone('Cleo').evaluate(() => document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(320);
    await shot(phone('Cleo'), 'phone-results-320');
    await phone('Cleo').setViewportSize({ width: 390, height: 844 });
    await shot(consolePage, 'laptop-revealed');
    await expectAccessible(phone('Cleo'), 'a phone with the top words');
    await expectAccessible(consolePage, 'the console after the reveal');
  });

  it('lays out sixty words of mixed counts in the screen’s space, none overlapping', async () => {
    // The layout module as the Screen chunk has it, run in this Chromium on a bare page.
    const bundled = await build({
      entryPoints: [path.join(ROOT, 'client/src/exercises/wordCloud/cloudLayout.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'cloudLayout',
      platform: 'browser',
      logLevel: 'silent',
    });
    const page = await laptop.newPage();
    await page.setContent('<!doctype html><html><body style="margin:0"></body></html>');
    await page.addScriptTag({ content: bundled.outputFiles[0]?.text ?? '' });
    const labels = (
      'Frustrated,Customer service,Waiting,On hold forever,Hopeful,Confused,Ignored,Valued,' +
      'Rushed,Patient,Angry,Loyal,Tired,Curious,Let down,Surprised,Relieved,Annoyed,Happy,' +
      'Stuck,Passed around,Heard,Unheard,Grateful,Worried,Lost,Welcome,Impatient,Trusting,' +
      'Sceptical,Disappointed,Pleased,Neglected,Cared for,Overwhelmed,Calm,Anxious,Delighted,' +
      'Puzzled,Respected,Misled,Safe,Bored,Excited,Doubtful,Confident,Shortchanged,Listened to,' +
      'Cheated,Appreciated,Irritated,Satisfied,Lukewarm,Hurried,Forgotten,Optimistic,Indifferent,' +
      'Exhausted,Reassured,Fed up'
    ).split(',');
    const counts = [14, 11, 9, 7, 6, 6, 5, 5, 4, 4, 4, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2];
    const words = labels.map((label, i) => ({
      key: label.toLowerCase(),
      label,
      count: counts[i] ?? 1,
    }));
    expect(words).toHaveLength(60);
    // The cloud's box on the room screen at 1366x768 and at 1920x1080.
    for (const [width, height] of [
      [1229, 430],
      [1728, 690],
    ] as const) {
      const drawn = await page.evaluate(
        ({ words, width, height }) => {
          const started = performance.now();
          const { layoutCloud, CLOUD_FONT } = (
            window as unknown as {
              cloudLayout: typeof CloudLayout;
            }
          ).cloudLayout;
          const { placed, left, attempts } = layoutCloud(words, width, height);
          const ms = performance.now() - started;
          document.body.innerHTML = '';
          const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
          svg.setAttribute('viewBox', `${-width / 2} ${-height / 2} ${width} ${height}`);
          svg.setAttribute('width', String(width));
          svg.setAttribute('height', String(height));
          for (const w of placed) {
            const text = document.createElementNS('http://www.w3.org/2000/svg', 'text');
            text.setAttribute('text-anchor', 'middle');
            text.setAttribute('transform', `translate(${w.x},${w.y})`);
            text.setAttribute(
              'style',
              `font-size:${w.size}px;font-family:${CLOUD_FONT};font-weight:700`,
            );
            text.textContent = w.text;
            svg.append(text);
          }
          document.body.append(svg);
          const boxes = [...svg.querySelectorAll('text')].map((node) => {
            const rect = node.getBoundingClientRect();
            return {
              text: node.textContent ?? '',
              box: { x: rect.x, y: rect.y, width: rect.width, height: rect.height },
              size: parseFloat(node.style.fontSize),
            };
          });
          return { boxes, left, ms, attempts };
        },
        { words, width, height },
      );
      console.log(
        `cloud ${width}x${height}: ${drawn.boxes.length} of 60 words placed, ${drawn.left} counted as more, ${drawn.attempts} runs, ${Math.round(drawn.ms)} ms`,
      );
      expect(drawn.boxes.length + drawn.left).toBe(60);
      // The most counted words are always on the cloud; few are left to the "more" line.
      expect(drawn.boxes.map((b) => b.text)).toEqual(expect.arrayContaining(labels.slice(0, 10)));
      expect(drawn.left).toBeLessThanOrEqual(30);
      expectWordsFit(drawn.boxes, { width, height }, `sixty words in ${width}x${height}`);
      await page.setViewportSize({ width, height });
      await shot(page, `cloud-sixty-words-${width}x${height}`);
    }
    await page.close();
  });

  it('fills the live text wall, which shrinks to fit the screen', async () => {
    await consolePage.getByRole('button', { name: /Next round/ }).click();
    await consolePage.getByRole('heading', { name: 'In the way', exact: true }).waitFor();
    for (const page of phones.values()) await page.getByRole('heading', { name: WALL }).waitFor();
    const answers: [string, string][] = [
      ['Ana', 'Every refund needs a supervisor, and there is never one around on a Saturday'],
      ['Ben', 'Three different systems that do not talk to each other'],
      ['Cleo', 'Policies written for the exception, not for the ninety-nine normal customers'],
      ['Ana', 'We are measured on call length, not on whether the problem was solved'],
      ['Ben', 'Nobody tells us when a product changes until the customer does'],
      ['Cleo', 'Too many handovers between teams'],
      ['Ana', 'Scripts that make us sound like robots'],
      ['Ben', 'Waiting for IT to fix the same bug for months'],
      ['Cleo', 'Fear of getting it wrong, so we escalate everything'],
    ];
    await sendAll('Your answer', answers);
    const wall = screenPage.getByRole('list', { name: 'Answers' });
    await waitForText(wall, 'Fear of getting it wrong');
    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      await screenPage.setViewportSize({ width, height });
      const cards = wall.getByRole('listitem').filter({ visible: true });
      await expect.poll(() => cards.count()).toBeGreaterThan(0);
      for (const card of await cards.all())
        await expectOnScreen(card, `a card at ${width}x${height}`);
      const fontSize = await wall.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(fontSize).toBeGreaterThanOrEqual(24);
      await shot(screenPage, `screen-wall-${width}x${height}`);
      if (width === 1366) await expectAccessible(screenPage, 'the text wall');
    }
    await shot(phone('Ana'), 'phone-wall');
    await shot(consolePage, 'laptop-wall');
    expect(pageErrors).toEqual([]);
  });
});
