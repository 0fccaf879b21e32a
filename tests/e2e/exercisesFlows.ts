/**
 * What the five exercise flows (exercisesFlows*.test.ts: sort, dot vote, expected vs actual,
 * canvas, role-play) share. In each, the facilitator opens a session with that round (the
 * sort through the agenda editor, the others from a plan sent as the console sends it), opens
 * the room screen, and three 390x844 phones join and take part as people would: tapping,
 * typing, with the keyboard where it helps. Each page is checked for what its person sees,
 * photographed (phones at 390x844, the console at 1366x768, the room screen at 1366x768 and
 * 1920x1080, where nothing may reach past the edges or be cut off), and run through axe.
 * Every step waits for what people see, never for a time. One file per flow, so `npm test`'s
 * lanes can share them out.
 */
import { beforeEach, expect } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { CreatedSession, RoundInput } from '@playfield/shared';
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

export const NAMES = ['Ana', 'Ben', 'Cleo'] as const;
export type Name = (typeof NAMES)[number];
/**
 * One flow is one story, about 10 s of work on an idle two-core machine; while the suite
 * shares the machine with builds and other browsers it can take ten times that.
 */
export const FLOW_TIMEOUT_MS = 240_000;
/** A page's first paint after a cold load (a phone's new context has nothing cached). */
const FIRST_PAINT_MS = 60_000;

/** The pages of the flow running: the laptop's console and room screen, and three phones. */
export interface Room {
  console: Page;
  screen: Page;
  phones: Map<Name, Page>;
  errors: string[];
}

/** The cells of the table row whose header is `header`, as text. */
export async function rowCells(table: Locator, header: string): Promise<string[]> {
  const row = table
    .getByRole('row')
    .filter({ has: table.page().getByRole('rowheader', { name: header, exact: true }) });
  return (await row.getByRole('cell').allTextContents()).map((t) => t.trim());
}

/** The written value of a bar in a bar chart, by the start of its label. */
export function bar(chart: Locator, label: string): Locator {
  return chart.getByRole('listitem').filter({ hasText: label });
}

/** Two frames: the room screen's fitted type settles after layout. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

function watchErrors(page: Page, who: string, errors: string[]): Page {
  page.on('pageerror', (error) => errors.push(`${who}: ${error.message}`));
  return page;
}

/** What a flow file works with: see {@link useFlowRoom}. */
export interface FlowRoom {
  /** The server's address. */
  url: () => string;
  /** A fresh console page on the laptop, its errors collected into `errors`. */
  newConsole: (errors: string[]) => Promise<Page>;
  /** Opens the room screen from the console's link, and seats three phones. */
  openRoom: (consolePage: Page, errors: string[]) => Promise<Room>;
  /** A session holding `round`, created as the console's plan page creates one, opened. */
  openPlannedRoom: (title: string, round: RoundInput) => Promise<Room>;
  current: () => Room;
  phone: (name: Name) => Page;
  /** The three phones, in the order of {@link NAMES}. */
  phones: () => Page[];
  /** No page of the flow threw. */
  expectNoPageErrors: () => void;
  /**
   * Photographs the room screen at 1366x768 and 1920x1080 and measures each: nothing past the
   * window's edges, nothing cut off, no text under 24 px; then axe.
   */
  screenAtBothSizes: (name: string) => Promise<void>;
  /** Photographs a page and runs axe on it. */
  look: (page: Page, name: string) => Promise<void>;
  /** The room's "Lock answers" then "Reveal results", waiting for each to take. */
  lockAndReveal: () => Promise<void>;
}

/**
 * Starts the server and Chromium for a flow file (see useBrowserRun), photographs every page
 * of a failed step, and closes a finished flow's pages before the next test. Call it at the
 * top level of the file; screenshots are named `exercises-<prefix>-NN-...`.
 */
export function useFlowRoom(prefix: string): FlowRoom {
  let server: E2EServer | undefined;
  let browser: Browser | undefined;
  let laptop: BrowserContext | undefined;
  let room: Room | undefined;
  const shot = screenshotter(`exercises-${prefix}`);

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

  const started = () => {
    if (!server || !browser || !laptop) throw new Error('The browser run has not started');
    return { server, browser, laptop };
  };
  const current = (): Room => {
    if (!room) throw new Error('No room open');
    return room;
  };
  const phone = (name: Name): Page => {
    const page = room?.phones.get(name);
    if (!page) throw new Error(`No phone for ${name}`);
    return page;
  };
  const newConsole = async (errors: string[]) =>
    watchErrors(await started().laptop.newPage(), 'console', errors);

  const openRoom = async (consolePage: Page, errors: string[]): Promise<Room> => {
    const { server, browser, laptop } = started();
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
  };

  return {
    url: () => started().server.url,
    newConsole,
    openRoom,
    async openPlannedRoom(title, round) {
      const { server } = started();
      const response = await fetch(`${server.url}/api/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title, agenda: [round] }),
      });
      expect(response.status).toBe(201);
      const session = (await response.json()) as CreatedSession;
      const errors: string[] = [];
      const consolePage = await newConsole(errors);
      await consolePage.goto(
        `${server.url}/console/${session.sessionId}#key=${session.facilitatorToken}`,
      );
      return openRoom(consolePage, errors);
    },
    current,
    phone,
    phones: () => NAMES.map(phone),
    expectNoPageErrors() {
      expect(current().errors).toEqual([]);
    },
    async screenAtBothSizes(name) {
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
    },
    async look(page, name) {
      await shot(page, name);
      await expectAccessible(page, name);
    },
    async lockAndReveal() {
      const { console: consolePage } = current();
      await consolePage.getByRole('button', { name: 'Lock answers' }).click();
      await consolePage.getByRole('button', { name: 'Reopen answers' }).waitFor();
      await consolePage.getByRole('button', { name: 'Reveal results' }).click();
      await consolePage.getByRole('button', { name: 'Hide results' }).waitFor();
    },
  };
}
