/**
 * Sort, dot vote, expected vs actual, canvas and role-play in a real browser: for each, the
 * facilitator opens a session with that round (the sort through the agenda editor, the others
 * from a plan sent as the console sends it), opens the room screen, and three 390x844 phones
 * join and take part as people would: tapping, typing, with the keyboard where it helps. The
 * facilitator locks, reveals and moderates; each page is checked for what its person sees
 * (counts, ranks, shares, names where the round is not anonymous), photographed (phones at
 * 390x844, the console at 1366x768, the room screen at 1366x768 and 1920x1080, where nothing
 * may reach past the edges or be cut off), and run through axe. Every step waits for what
 * people see, never for a time.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { CreatedSession, RoundInput } from '@playfield/shared';
import { UNANSWERED_COMPLAINT } from '@playfield/shared/exercises/rolePlay/presets';
import { canvasPresets } from '@playfield/shared/exercises/canvas/presets';
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

const NAMES = ['Ana', 'Ben', 'Cleo'] as const;
/**
 * One flow is one story, about 10 s of work on an idle two-core machine; while the suite
 * shares the machine with builds and other browsers it can take ten times that.
 */
const FLOW_TIMEOUT_MS = 240_000;
/** A page's first paint after a cold load (a phone's new context has nothing cached). */
const FIRST_PAINT_MS = 60_000;
type Name = (typeof NAMES)[number];

let server: E2EServer;
let browser: Browser;
let laptop: BrowserContext;
const shot = screenshotter('exercises');

/** The pages of the flow running: the laptop's console and room screen, and three phones. */
interface Room {
  console: Page;
  screen: Page;
  phones: Map<Name, Page>;
  errors: string[];
}
let room: Room | undefined;

useBrowserRun((run) => ({ server, browser, laptop } = run));
screenshotOnFailure(shot, () => [
  ['console', room?.console],
  ['screen', room?.screen],
  ...[...(room?.phones ?? [])].map(([who, page]): [string, Page] => [who, page]),
]);

// Each flow starts with nothing of the last one open: its phones' contexts and the laptop's
// pages close first (not after it, so a failed flow's pages are still there to photograph).
beforeEach(async () => {
  if (!room) return;
  const { console: consolePage, screen, phones } = room;
  room = undefined;
  for (const page of phones.values()) await page.context().close();
  await consolePage.close();
  await screen.close();
});

/** No page of the flow threw. */
function expectNoPageErrors(): void {
  expect(current().errors).toEqual([]);
}

function phone(name: Name): Page {
  const page = room?.phones.get(name);
  if (!page) throw new Error(`No phone for ${name}`);
  return page;
}

function current(): Room {
  if (!room) throw new Error('No room open');
  return room;
}

function watchErrors(page: Page, who: string, errors: string[]): Page {
  page.on('pageerror', (error) => errors.push(`${who}: ${error.message}`));
  return page;
}

/** Opens the console at `consoleUrl`, the room screen from its link, and seats three phones. */
async function openRoom(consolePage: Page, errors: string[]): Promise<Room> {
  const codeText = consolePage.getByTestId('join-code');
  await codeText.waitFor({ timeout: FIRST_PAINT_MS });
  const code = (await codeText.textContent())?.trim() ?? '';
  expect(code).toMatch(/^[A-Z0-9]{6}$/);
  const href = await consolePage
    .getByRole('link', { name: 'Open room screen' })
    .getAttribute('href');
  const screen = watchErrors(await laptop.newPage(), 'screen', errors);
  room = { console: consolePage, screen, phones: new Map(), errors };
  await screen.goto(`${server.url}${href}`);
  await screen
    .getByTestId('join-code')
    .filter({ hasText: code })
    .waitFor({ timeout: FIRST_PAINT_MS });
  for (const name of NAMES) {
    const page = watchErrors(await newPhone(browser), name, errors);
    room.phones.set(name, page);
    await page.goto(`${server.url}/join/${code}`);
    const nameField = page.getByLabel('Your name, as the room will see it');
    await nameField.waitFor({ timeout: FIRST_PAINT_MS });
    await nameField.fill(name);
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.getByText('Waiting for the facilitator to start').waitFor();
  }
  await waitForText(screen.getByRole('region', { name: 'Who has joined' }), '3 people here');
  await consolePage.getByRole('button', { name: 'Start session' }).click();
  return room;
}

/** A session holding `round`, created as the console's plan page creates one. */
async function openPlannedRoom(title: string, round: RoundInput): Promise<Room> {
  const response = await fetch(`${server.url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, agenda: [round] }),
  });
  expect(response.status).toBe(201);
  const session = (await response.json()) as CreatedSession;
  const errors: string[] = [];
  const consolePage = watchErrors(await laptop.newPage(), 'console', errors);
  await consolePage.goto(
    `${server.url}/console/${session.sessionId}#key=${session.facilitatorToken}`,
  );
  return openRoom(consolePage, errors);
}

/** Two frames: the room screen's fitted type settles after layout. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

/**
 * Photographs the room screen at 1366x768 and 1920x1080 and measures each: nothing past the
 * window's edges, nothing cut off, no text under 24 px; then axe.
 */
async function screenAtBothSizes(name: string): Promise<void> {
  const { screen } = current();
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    await screen.setViewportSize(size);
    await settled(screen);
    await shot(screen, `${name}-screen-${size.width}x${size.height}`);
    const fit = await measureFit(screen, { root: 'main' });
    expect(fit, `the ${name} room screen at ${size.width}x${size.height}`).toEqual({
      outside: [],
      clipped: [],
      small: [],
    });
  }
  await expectAccessible(screen, `the ${name} room screen`);
  await screen.setViewportSize({ width: 1366, height: 768 });
}

/** Photographs a page and runs axe on it. */
async function look(page: Page, name: string): Promise<void> {
  await shot(page, name);
  await expectAccessible(page, name);
}

/** The cells of the table row whose header is `header`, as text. */
async function rowCells(table: Locator, header: string): Promise<string[]> {
  const row = table
    .getByRole('row')
    .filter({ has: table.page().getByRole('rowheader', { name: header, exact: true }) });
  return (await row.getByRole('cell').allTextContents()).map((t) => t.trim());
}

/** The written value of a bar in a bar chart, by the start of its label. */
function bar(chart: Locator, label: string): Locator {
  return chart.getByRole('listitem').filter({ hasText: label });
}

/** The room's "Lock answers" then "Reveal results", waiting for each to take. */
async function lockAndReveal(): Promise<void> {
  const { console: consolePage } = current();
  await consolePage.getByRole('button', { name: 'Lock answers' }).click();
  await consolePage.getByRole('button', { name: 'Reopen answers' }).waitFor();
  await consolePage.getByRole('button', { name: 'Reveal results' }).click();
  await consolePage.getByRole('button', { name: 'Hide results' }).waitFor();
}

describe('five exercises from the laptop, three phones and the room screen', () => {
  it(
    'sort: planned in the agenda editor, sorted on the phones, scored after the reveal',
    async () => {
      const errors: string[] = [];
      const consolePage = watchErrors(await laptop.newPage(), 'console', errors);
      await consolePage.goto(`${server.url}/new`);
      await consolePage.getByRole('heading', { name: 'Plan your session' }).waitFor();
      await consolePage.getByLabel('Session title').fill('Sorting (e2e)');
      const round = consolePage.getByRole('listitem').filter({ hasText: 'Round 1' });
      await round.getByLabel('Exercise').selectOption({ label: 'Sort' });
      await round.getByLabel('Round title').fill('Product or service?');
      await consolePage.getByRole('button', { name: 'Create session' }).click();
      await consolePage.waitForURL(/\/console\/[A-Za-z0-9_-]+#key=/);
      await openRoom(consolePage, errors);

      // The default sort: four statements, the expected answers product, service, product, service.
      const PRODUCT = 'Product performance';
      const SERVICE = 'Service performance';
      const STATEMENTS = [
        'Tangible, stackable, weighable',
        'Produced with the customer present',
        'Can follow a standard template',
        'The receiver’s quality standards prevail',
      ];
      for (const page of phones())
        await page
          .getByRole('heading', { name: 'Product performance or service performance?' })
          .waitFor();

      /** Sorts the statement on show into `category` and waits for the phone to move on. */
      const sortInto = async (page: Page, at: number, category: string) => {
        const statement = STATEMENTS[at] ?? '';
        const group = page.getByRole('radiogroup', { name: statement });
        await group.getByRole('radio', { name: category }).tap();
        await page.getByText(`${at + 1} of 4 sorted`).waitFor();
      };
      // Ana sorts all four as expected.
      const ana = phone('Ana');
      for (const [at, category] of [PRODUCT, SERVICE, PRODUCT, SERVICE].entries())
        await sortInto(ana, at, category);
      await waitForText(ana.getByRole('status'), 'All 4 sorted');
      expect(await ana.getByRole('listitem').allTextContents()).toEqual([
        `${STATEMENTS[0]}${PRODUCT}Change`,
        `${STATEMENTS[1]}${SERVICE}Change`,
        `${STATEMENTS[2]}${PRODUCT}Change`,
        `${STATEMENTS[3]}${SERVICE}Change`,
      ]);
      // Ben puts everything under product, then changes his mind on the second statement.
      const ben = phone('Ben');
      for (const at of [0, 1, 2, 3]) await sortInto(ben, at, PRODUCT);
      await ben.getByRole('button', { name: `Change “${STATEMENTS[1]}”` }).tap();
      await ben.getByText('Statement 2 of 4').waitFor();
      const second = ben.getByRole('radiogroup', { name: STATEMENTS[1] ?? '' });
      expect(await second.getByRole('radio', { name: PRODUCT }).getAttribute('aria-checked')).toBe(
        'true',
      );
      await second.getByRole('radio', { name: SERVICE }).tap();
      await ben.getByRole('heading', { name: 'Your answers' }).waitFor();
      await waitForText(ben.getByRole('listitem').nth(1), SERVICE);
      // Cleo sorts from the keyboard: a category focused, then Enter.
      const cleo = phone('Cleo');
      for (const [at, category] of [SERVICE, SERVICE, PRODUCT, PRODUCT].entries()) {
        const radio = cleo
          .getByRole('radiogroup', { name: STATEMENTS[at] ?? '' })
          .getByRole('radio', { name: category });
        await radio.focus();
        await cleo.keyboard.press('Enter');
        await cleo.getByText(`${at + 1} of 4 sorted`).waitFor();
      }
      await look(cleo, 'sort-phone-all-sorted');

      // Ana 4 of 4 as expected, Ben 3, Cleo 2: 9 of 12 answers, 75%.
      await waitForText(consolePage.getByText(/3 of 3 sorting/), '3 finished');
      await consolePage.getByText('75%').first().waitFor();
      const table = consolePage.getByRole('table', { name: 'Live spread per statement' });
      expect(await rowCells(table, STATEMENTS[0] ?? '')).toEqual(['2 ✓ (expected)', '1', '67%']);
      expect(await rowCells(table, STATEMENTS[1] ?? '')).toEqual(['0', '3 ✓ (expected)', '100%']);
      expect(await rowCells(table, STATEMENTS[3] ?? '')).toEqual(['2', '1 ✓ (expected)', '33%']);
      await look(consolePage, 'sort-console-live');
      // Private until the reveal: the screen counts, the phones show no score.
      expect(await ana.getByText(/You sorted/).count()).toBe(0);
      await waitForText(current().screen.getByRole('main'), '3 of 3 sorting · 3 sorted all 4');
      await screenAtBothSizes('sort-sorting');

      await lockAndReveal();
      await waitForText(current().screen.getByRole('main'), '75% of answers as expected');
      const divided = current()
        .screen.getByRole('list')
        .filter({ hasText: STATEMENTS[3] ?? '' });
      await waitForText(divided, `2 ${PRODUCT} · 1 ✓ ${SERVICE}`);
      await screenAtBothSizes('sort-revealed');
      const scores: [Name, number][] = [
        ['Ana', 4],
        ['Ben', 3],
        ['Cleo', 2],
      ];
      for (const [name, correct] of scores)
        await waitForText(
          phone(name).getByRole('paragraph'),
          `You sorted ${correct} of 4 as expected.`,
        );
      await ben.getByText('33% of the room sorted it as expected. You did not.').waitFor();
      await look(ben, 'sort-phone-revealed');

      // The facilitator puts the most divisive statement on the screen.
      await consolePage
        .getByRole('button', { name: `Show “${STATEMENTS[3]}” on the screen` })
        .click();
      await current().screen.getByText('Statement 4 of 4').waitFor();
      await waitForText(current().screen.getByRole('main'), '33% sorted it as expected');
      await screenAtBothSizes('sort-statement');
      expectNoPageErrors();
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'dot vote: choices and examples on the phones, the shortfall named, examples moderated',
    async () => {
      const OPTIONS = ['Complaints', 'Survey cards', 'Focus groups', 'One-on-ones', 'Panel groups'];
      const QUESTION = 'Which sources of customer information does your team use continually?';
      const { console: consolePage, screen } = await openPlannedRoom('Listening (e2e)', {
        kind: 'dotVote',
        title: 'Listening sources',
        config: {
          question: QUESTION,
          options: OPTIONS.map((label) => ({ label, description: '' })),
          rule: { mode: 'choose', min: 2, max: 3 },
          exampleMode: 'optional',
          isAnonymous: false,
          showShortfallNames: true,
        },
      });
      for (const page of phones()) await page.getByRole('heading', { name: QUESTION }).waitFor();
      await waitForText(screen.getByRole('main'), 'Choose at least 2 (up to 3).');

      /** Ticks `choices` on a phone, with an example for the first when given, and saves. */
      const vote = async (name: Name, choices: string[], example?: string) => {
        const page = phone(name);
        for (const choice of choices)
          await page.getByRole('checkbox', { name: choice, exact: true }).tap();
        if (example) await page.getByLabel(`Example for ${choices[0]} (optional)`).fill(example);
        await page.getByRole('button', { name: /^Save/ }).tap();
        await waitForText(page.getByRole('status'), 'Vote saved.');
      };
      await vote(
        'Ana',
        ['Complaints', 'Survey cards', 'One-on-ones'],
        'We read every complaint on Mondays',
      );
      await vote('Ben', ['Complaints', 'Focus groups'], 'Only when someone shouts');
      // Cleo ticks one: the phone says she is short of the rule, and lets her save.
      const cleo = phone('Cleo');
      await cleo.getByRole('checkbox', { name: 'Complaints', exact: true }).tap();
      await cleo.getByText('The rule is at least 2: you have chosen 1.').waitFor();
      await cleo.getByRole('button', { name: 'Save my vote' }).tap();
      await waitForText(cleo.getByRole('status'), 'Vote saved.');
      await look(cleo, 'dotvote-phone-saved');

      // Six votes: Complaints 3 (50%), the three others 1 each; Cleo falls short, by name.
      const live = consolePage.getByRole('list', { name: 'Live votes' });
      await waitForText(bar(live, 'Complaints'), '3 (50%)');
      expect(await bar(live, 'Complaints').textContent()).toContain('Complaints (3 people)');
      expect(await bar(live, 'Survey cards').textContent()).toContain('1 (17%)');
      expect(await bar(live, 'Panel groups').textContent()).toContain('0 (0%)');
      await consolePage.getByText('3 of 3 voted').waitFor();
      await waitForText(
        consolePage.getByRole('paragraph').filter({ hasText: /^Who falls short/ }),
        '1 of 3 voters (33%) chose fewer than 2',
      );
      await consolePage
        .getByRole('paragraph')
        .filter({ hasText: /^Cleo$/ })
        .waitFor();
      // Examples without names; the facilitator hides Ben's.
      const examples = consolePage.getByRole('region', { name: 'Examples' });
      await examples.getByText('We read every complaint on Mondays').waitFor();
      await examples
        .getByRole('button', { name: 'Hide the example “Only when someone shouts”' })
        .click();
      await examples
        .getByRole('button', { name: 'Show the example “Only when someone shouts”' })
        .waitFor();
      expect(await examples.getByText(/Ana|Ben/).count()).toBe(0);
      await look(consolePage, 'dotvote-console-live');
      await waitForText(screen.getByRole('main'), '3 of 3 voted');
      await screenAtBothSizes('dotvote-voting');

      await consolePage.getByRole('button', { name: 'Lock answers' }).click();
      await waitForText(phone('Ana').getByRole('status'), 'Voting is closed.');
      await consolePage.getByRole('button', { name: 'Reveal results' }).click();
      const results = screen.getByRole('list', { name: 'Results' });
      await waitForText(bar(results, '1. Complaints'), '3 (50%)');
      // Equal counts share a rank.
      expect(await results.getByRole('listitem').allTextContents()).toEqual([
        '1. Complaints3 (50%)',
        '2. Survey cards1 (17%)',
        '2. Focus groups1 (17%)',
        '2. One-on-ones1 (17%)',
        '5. Panel groups0 (0%)',
      ]);
      await waitForText(screen.getByRole('main'), '1 of 3 (33%) chose fewer than 2: Cleo');
      await consolePage.getByRole('button', { name: 'Show on screen' }).click();
      const onScreen = screen.getByRole('region', { name: 'Examples: Complaints' });
      await onScreen.getByText('“We read every complaint on Mondays”').waitFor();
      expect(await onScreen.getByText('Only when someone shouts').count()).toBe(0);
      await screenAtBothSizes('dotvote-revealed');
      await waitForText(
        cleo.getByRole('paragraph'),
        '1 of 3 voters chose fewer than 2, you among them (1).',
      );
      await waitForText(
        phone('Ana').getByRole('paragraph'),
        '1 of 3 voters chose fewer than 2; you chose 3.',
      );
      await look(phone('Ana'), 'dotvote-phone-revealed');
      expectNoPageErrors();
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'expected vs actual: two ratings per measure on the phones, the gap on the screen',
    async () => {
      const MEASURES = ['Speed', 'Friendliness of our service staff', 'Price'];
      const { console: consolePage, screen } = await openPlannedRoom('Service gaps (e2e)', {
        kind: 'gapRating',
        title: 'Expected vs actual',
        config: {
          question: 'How good do our customers expect our service to be, and how good is it?',
          measures: MEASURES,
          scale: { min: 1, max: 5, lowLabel: 'Very poor', highLabel: 'Excellent' },
        },
      });
      for (const page of phones()) await page.getByRole('heading', { name: 'Speed' }).waitFor();
      await waitForText(screen.getByRole('main'), '0 of 3 rating');

      /** Expected then actual per measure, moving on with "Next measure"; Cleo by keyboard. */
      const rate = async (name: Name, ratings: [number, number][]) => {
        const page = phone(name);
        for (const [i, pair] of ratings.entries()) {
          const measure = MEASURES[i] ?? '';
          await page.getByRole('heading', { name: measure, exact: true }).waitFor();
          for (const [side, value] of [
            ['Expected', pair[0]],
            ['Actual', pair[1]],
          ] as const) {
            const radio = page
              .getByRole('radiogroup', { name: `${side} service: ${measure}` })
              .getByRole('radio', { name: new RegExp(`^${value}\\b`) });
            if (name === 'Cleo') {
              await radio.focus();
              await page.keyboard.press('Space');
            } else {
              await radio.tap();
            }
            await expect.poll(() => radio.getAttribute('aria-checked')).toBe('true');
          }
          if (i < ratings.length - 1)
            await page.getByRole('button', { name: 'Next measure →' }).tap();
        }
        await waitForText(page.getByRole('status'), 'All rated.');
      };
      // Speed falls short for everyone (gaps −2, −2, −1); the others are met or beaten.
      await rate('Ana', [
        [5, 3],
        [4, 4],
        [3, 4],
      ]);
      await rate('Ben', [
        [4, 2],
        [4, 5],
        [3, 3],
      ]);
      await rate('Cleo', [
        [5, 4],
        [3, 4],
        [2, 3],
      ]);
      await look(phone('Cleo'), 'gap-phone-rated');

      await waitForText(
        consolePage.getByText(/3 of 3 started/),
        '3 rated every measure · 18 of 18',
      );
      await consolePage.getByText('Figures per measure').click();
      const figures = consolePage.getByRole('table');
      const speed = await rowCells(figures, 'Speed');
      expect([...speed.slice(0, 3), ...speed.slice(4)]).toEqual([
        '4.7',
        '3.0',
        '−1.67',
        '−2 to −1',
        '3',
      ]);
      const price = await rowCells(figures, 'Price');
      expect([...price.slice(0, 3), ...price.slice(4)]).toEqual([
        '2.7',
        '3.3',
        '+0.67',
        '0 to +1',
        '3',
      ]);
      await look(consolePage, 'gap-console-live');
      await waitForText(screen.getByRole('main'), '3 of 3 rating · 3 finished');
      await screenAtBothSizes('gap-rating');

      await consolePage.getByRole('button', { name: 'Lock answers' }).click();
      await waitForText(phone('Ben').getByRole('status'), 'Ratings are locked.');
      await consolePage.getByRole('button', { name: 'Reveal results' }).click();
      await waitForText(
        screen.getByRole('main'),
        '1 of 3 measures fall short of expectations · 3 rated',
      );
      const chart = screen.getByRole('list', { name: 'Gap per measure' });
      await waitForText(bar(chart, 'Speed'), '✗ Short');
      expect(await bar(chart, 'Speed').textContent()).toContain('−1.67');
      expect(await bar(chart, 'Price').textContent()).toContain('✓ Satisfied');
      await screenAtBothSizes('gap-revealed');
      const ana = phone('Ana');
      await waitForText(
        bar(ana.getByRole('list', { name: 'The gap per measure' }), 'Speed'),
        'yours −2',
      );
      await look(ana, 'gap-phone-revealed');
      expectNoPageErrors();
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'canvas: entries posted and edited on the phones, merged on the console, on the screen',
    async () => {
      const CANVAS = canvasPresets.momentsOfTruth;
      const { console: consolePage, screen } = await openPlannedRoom('Moments of truth (e2e)', {
        kind: 'canvas',
        title: CANVAS.title,
        config: CANVAS.config,
      });
      for (const page of phones())
        await page.getByRole('button', { name: 'Add to “Before they buy”' }).waitFor();

      /** Adds an entry to a box with its impression, and waits for it in the phone's list. */
      const post = async (name: Name, box: string, text: string, impression: string) => {
        const page = phone(name);
        await page.getByRole('button', { name: `Add to “${box}”` }).tap();
        await page.getByLabel(`Your entry for “${box}”`).fill(text);
        await page.getByRole('radio', { name: impression, exact: true }).tap();
        await page.getByRole('button', { name: 'Post', exact: true }).tap();
        await page
          .getByRole('list', { name: `Your entries in ${box}` })
          .getByText(text)
          .waitFor();
      };
      await post('Ana', 'Before they buy', 'The website’s first page', '4');
      await post('Ben', 'Before they buy', 'Our home page', '2');
      await post('Ben', 'Buying', 'The invoice is hard to read', '1, Poor');
      await post('Cleo', 'When something goes wrong', 'Nobody calls back', '1, Poor');
      // Cleo says more about hers.
      const cleo = phone('Cleo');
      await cleo.getByRole('button', { name: 'Edit “Nobody calls back”' }).tap();
      await cleo
        .getByLabel('Your entry for “When something goes wrong”')
        .fill('Nobody calls back after a complaint');
      await cleo.getByRole('button', { name: 'Save changes' }).tap();
      await cleo.getByText('Nobody calls back after a complaint', { exact: true }).waitFor();
      await waitForText(cleo.getByText(/You have \d of 12 entries/), 'You have 1 of 12 entries');
      await look(cleo, 'canvas-phone-posted');

      // Not anonymous: the console names each author; the facilitator merges a duplicate.
      await waitForText(
        consolePage.getByText(/entries from/).first(),
        '4 entries from 3 of 3 people',
      );
      const before = consolePage.getByRole('list', { name: 'Entries in Before they buy' });
      await waitForText(before, 'The website’s first page — Ana');
      await waitForText(before, 'Our home page — Ben');
      const moderate = consolePage.getByLabel('Moderate “Our home page”');
      const duplicate = before.getByRole('listitem').filter({ has: moderate });
      await moderate.click();
      await duplicate
        .getByLabel('Merge as a duplicate into')
        .selectOption({ label: 'The website’s first page' });
      await duplicate.getByRole('button', { name: 'Merge “Our home page”' }).click();
      await consolePage
        .getByRole('list', { name: 'Merged into “The website’s first page”' })
        .waitFor();
      await waitForText(
        consolePage.getByRole('region', { name: 'Before they buy' }),
        'average impression it leaves 3.0 of 5',
      );
      await look(consolePage, 'canvas-console-live');

      // The room screen fills in live, without names.
      await waitForText(screen.getByRole('main'), '4 entries from 3 people');
      const screenBox = screen.getByRole('region', { name: 'Before they buy' });
      await waitForText(screenBox, 'The website’s first page ×2');
      await waitForText(screenBox, 'impression it leaves 3.0 of 5');
      expect(await screen.getByText(/Ana|Ben|Cleo/).count()).toBe(0);
      await screenAtBothSizes('canvas-live');

      await lockAndReveal();
      const ana = phone('Ana');
      await ana.getByRole('heading', { name: 'What the room wrote' }).waitFor();
      await waitForText(
        ana.getByRole('list', { name: 'What the room wrote in Before they buy' }),
        'The website’s first page ×2 (yours)',
      );
      await waitForText(
        ana.getByRole('list', { name: 'What the room wrote in When something goes wrong' }),
        'Nobody calls back after a complaint',
      );
      await ana.getByText('The canvas is locked.').waitFor();
      await look(ana, 'canvas-phone-revealed');
      expectNoPageErrors();
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'role-play: a trio formed, the observer scores, roles rotate, the room sees the means',
    async () => {
      const { console: consolePage, screen } = await openPlannedRoom('Hostile feedback (e2e)', {
        kind: 'rolePlay',
        title: 'Hostile feedback',
        config: UNANSWERED_COMPLAINT,
      });
      for (const page of phones())
        await waitForText(page.getByRole('status'), 'The facilitator is about to form the groups.');
      await waitForText(screen.getByRole('main'), 'Groups of three are about to be formed');
      await consolePage.getByRole('button', { name: 'Form groups' }).click();

      /** Who plays what, as each phone says it: the three parts, each named once. */
      const parts = async (): Promise<Record<string, Name>> => {
        const found: Record<string, Name> = {};
        for (const name of NAMES) {
          const card = phone(name).getByText(
            /^(Customer|Service provider|Observer \(you score\))$/,
          );
          await card.waitFor();
          found[(await card.textContent()) ?? ''] = name;
        }
        expect(Object.keys(found).sort()).toEqual([
          'Customer',
          'Observer (you score)',
          'Service provider',
        ]);
        return found;
      };
      const first = await parts();
      const observer = first['Observer (you score)'] as Name;
      // Everyone sees the other two by name, with their parts.
      for (const name of NAMES) {
        const group = phone(name).getByRole('list', { name: 'Your group' });
        for (const other of NAMES.filter((n) => n !== name)) await waitForText(group, `${other}:`);
      }
      const customerPage = phone(first.Customer as Name);
      await customerPage.getByRole('heading', { name: 'What you are upset about' }).waitFor();
      await phone(first['Service provider'] as Name)
        .getByRole('heading', { name: 'Your situation' })
        .waitFor();

      /** The scorer taps a score per step and saves a note. */
      const score = async (name: Name, values: number[], note: string) => {
        const page = phone(name);
        for (const [i, step] of UNANSWERED_COMPLAINT.steps.entries()) {
          const radio = page.getByRole('radio', { name: `${step.name}: ${values[i]} of 5` });
          await radio.tap();
          await expect.poll(() => radio.getAttribute('aria-checked')).toBe('true');
        }
        await page.getByLabel('A short note for your group (optional)').fill(note);
        await page.getByRole('button', { name: 'Save the note' }).tap();
        await waitForText(
          page.getByRole('status'),
          'Every step scored: your group can see the scores.',
        );
      };
      await score(observer, [4, 3, 5, 2], 'Good listening, slow to fix it');
      await look(phone(observer), 'roleplay-phone-scorer');
      // The customer sees the group's scores once complete.
      const scores = customerPage.getByRole('heading', { name: 'Your group’s scores' });
      await scores.waitFor();
      await customerPage.getByText('Good listening, slow to fix it').waitFor();
      await look(customerPage, 'roleplay-phone-customer');

      const groupScores = consolePage.getByRole('table', { name: /^Scores per group/ });
      await waitForText(groupScores, '✓ Scored');
      expect(await rowCells(groupScores, 'Group 1')).toEqual(['4', '3', '5', '2', '✓ Scored']);
      const groups = consolePage.getByRole('table', { name: 'Groups and parts' });
      expect(await rowCells(groups, 'Group 1')).toEqual([
        first.Customer,
        first['Service provider'],
        `${observer} (scores)`,
      ]);
      await look(consolePage, 'roleplay-console-scored');
      await waitForText(screen.getByRole('main'), '1 of 1 groups have scored');
      await screenAtBothSizes('roleplay-playing');

      // Next play: everyone moves one part on, so the provider now observes and scores.
      await consolePage.getByRole('button', { name: 'Rotate roles (next play)' }).click();
      await waitForText(consolePage.getByText(/^Play 2/), 'Play 2 · 1 group');
      const second = first['Service provider'] as Name;
      await phone(second).getByText('Observer (you score)', { exact: true }).waitFor();
      await phone(first.Customer as Name)
        .getByText('Service provider', { exact: true })
        .waitFor();
      await phone(observer).getByText('Customer', { exact: true }).waitFor();
      await score(second, [5, 4, 5, 3], 'Fixed it fast this time');

      // Two scorecards: Communicate 4.5, Empathise 3.5, Clarify 5, Correct 2.5 (the weakest).
      await lockAndReveal();
      await waitForText(
        screen.getByRole('main'),
        '2 groups scored · weakest step: Correct (2.5 of 5)',
      );
      const means = screen.getByRole('list', { name: 'Mean score per step' });
      await waitForText(bar(means, 'Communicate'), '4.5 of 5');
      await waitForText(bar(means, 'Clarify'), '2 scores: 2 gave 5');
      await screenAtBothSizes('roleplay-revealed');
      const viewer = phone(observer);
      await viewer.getByRole('heading', { name: 'How the room scored the steps' }).waitFor();
      await waitForText(
        bar(viewer.getByRole('list', { name: 'The room’s mean score per step' }), 'Empathise'),
        '3.5 of 5',
      );
      await look(viewer, 'roleplay-phone-revealed');
      expectNoPageErrors();
    },
    FLOW_TIMEOUT_MS,
  );
});

/** The three phones of the flow running, in the order of {@link NAMES}. */
function phones(): Page[] {
  return NAMES.map(phone);
}
