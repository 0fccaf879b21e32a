/**
 * End-to-end harness: the built client served by the real server, driven by the system's
 * Chromium through playwright-core. Tests wait on what the page shows (Playwright's
 * auto-waiting locators), never on fixed sleeps.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { loadConfig, startPlayfield, type Playfield } from '@playfield/server';
import { childServerArgs } from '../server/childServers.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLIENT_DIR = path.join(ROOT, 'dist/client');
export const ARTIFACTS_DIR = path.join(ROOT, 'test-artifacts/e2e');

/**
 * How long one wait for something on a page may take before the test fails: generous, since
 * `npm test` runs the browser suite beside the unit tests on two cores (a passing wait
 * returns as soon as its condition holds).
 */
export const UI_TIMEOUT_MS = 30_000;

/** The newest modification time of any file under `dir` (0 when it does not exist). */
function newestMtime(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * `npm test` builds the client before Vitest runs; a bare `vitest --project e2e` may not
 * have, or may find a build older than the sources, so build it here rather than test a
 * page the server cannot serve or one that is out of date.
 */
export function ensureClientBuilt(): void {
  const built = path.join(CLIENT_DIR, 'index.html');
  if (fs.existsSync(built)) {
    const sources = ['client', 'shared/src'].map((dir) => newestMtime(path.join(ROOT, dir)));
    if (Math.max(...sources) <= fs.statSync(built).mtimeMs) return;
  }
  // Vitest sets NODE_ENV=test, which would make Vite build React's development bundle:
  // test what people get, the production build.
  execFileSync('npx', ['vite', 'build'], {
    cwd: ROOT,
    stdio: 'pipe',
    timeout: 110_000,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  // The server sends the pre-compressed copies `npm run build` writes beside each file.
  execFileSync(process.execPath, ['scripts/compressClient.mjs'], { cwd: ROOT, stdio: 'pipe' });
}

/** A fresh, empty data directory; remove it with {@link removeDir}. */
export function newTempDir(prefix = 'playfield-e2e-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The real server in this process, serving the built client on a free port. */
export interface E2EServer {
  url: string;
  playfield: Playfield;
  close(): Promise<void>;
}

export async function startServer(): Promise<E2EServer> {
  const dataDir = newTempDir();
  const playfield = await startPlayfield({
    ...loadConfig({}),
    port: 0,
    host: '127.0.0.1',
    dataDir,
    clientDir: CLIENT_DIR,
    isQuiet: true,
    allowedOrigins: [],
  });
  return {
    // 127.0.0.1, not the server's "localhost" URL, which may resolve to ::1 first.
    url: `http://127.0.0.1:${playfield.port}`,
    playfield,
    async close() {
      await playfield.close();
      removeDir(dataDir);
    },
  };
}

/** A port that was free a moment ago: for a child server that must come back on it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The server as its own process, so a test can SIGKILL it like a pulled plug. */
export interface ChildServer {
  url: string;
  /** SIGKILL: no shutdown hook runs. Resolves once the process is gone. */
  kill(): Promise<void>;
}

export async function startChildServer(dataDir: string, port: number): Promise<ChildServer> {
  // The built server bundle when it is up to date (npm test builds it), else the sources.
  const child: ChildProcess = spawn(process.execPath, childServerArgs(), {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CLIENT_DIR,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  // Keep draining both pipes for the child's whole life so it never blocks on a full one.
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const listening = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Playfield is running at')) resolve();
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`Server exited (${code ?? signal}) before listening:\n${output}`)),
    );
  });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`Server did not start in 60 s:\n${output}`)), 60_000).unref(),
  );
  try {
    await Promise.race([listening, timeout]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * The features Playwright 1.65 turns off (its `chromiumSwitches.ts`): Chromium reads only the
 * last `--disable-features`, so ours must repeat them.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
];

/**
 * Headless Chromium 156 still builds each window's address-bar popups as web pages: two
 * extra renderers per page opened (chrome://omnibox-popup.top-chrome/ and its AI-mode twin),
 * which no test can see. Off, three pages cost a third of the renderer CPU.
 */
const UNSEEN_BROWSER_UI = ['WebUIOmniboxPopup', 'WebUIOmniboxFullPopup', 'WebUIOmniboxAimPopup'];

/** Debian's Chromium with the flags a closed, root-run, headless machine needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...UNSEEN_BROWSER_UI].join(',')}`,
    ],
  });
}

function withDefaults(context: BrowserContext): BrowserContext {
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  return context;
}

/** A participant's phone: its own context, so its own storage and seat. */
export async function newPhone(browser: Browser): Promise<Page> {
  const context = withDefaults(
    await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    }),
  );
  return context.newPage();
}

/** The facilitator's laptop: the console and the room screen share its storage. */
export async function newLaptop(browser: Browser): Promise<BrowserContext> {
  return withDefaults(await browser.newContext({ viewport: { width: 1366, height: 768 } }));
}

/** What a browser test file runs against: its own server, Chromium, and a laptop context. */
export interface BrowserRun {
  server: E2EServer;
  browser: Browser;
  laptop: BrowserContext;
}

/**
 * The lane's Chromium: the e2e project runs a lane's files one after another in one process
 * (vite.config.ts, isolate: false), so they share one browser, each file in contexts of its
 * own, instead of starting Chromium per file. A browser that died is started again. It ends
 * with the process (Chromium quits when Playwright's pipe closes).
 */
let laneBrowser: Promise<Browser> | undefined;

async function sharedBrowser(): Promise<Browser> {
  const current = await laneBrowser?.catch(() => undefined);
  if (current?.isConnected()) return current;
  laneBrowser = launchBrowser();
  return laneBrowser;
}

/**
 * Starts a fresh server before the file's tests, with the lane's Chromium (see sharedBrowser),
 * and after them closes every context the file opened and the server, even when starting
 * failed half-way. Call it at the top level of a test file; `onReady` hands the pieces to the
 * file's own variables.
 */
export function useBrowserRun(onReady: (run: BrowserRun) => void): void {
  let server: E2EServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    ensureClientBuilt();
    server = await startServer();
    browser = await sharedBrowser();
    onReady({ server, browser, laptop: await newLaptop(browser) });
  });
  afterAll(async () => {
    for (const context of browser?.contexts() ?? []) await context.close();
    await server?.close();
  });
}

/** Saves a screenshot under test-artifacts/e2e (git-ignored), numbered in test order. */
export function screenshotter(prefix: string): (page: Page, name: string) => Promise<void> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  let count = 0;
  return async (page, name) => {
    count += 1;
    const file = `${prefix}-${String(count).padStart(2, '0')}-${name}.png`;
    // Finite animations (beads dropping in, bars growing) are shown at their end.
    await page.screenshot({
      path: path.join(ARTIFACTS_DIR, file),
      fullPage: true,
      animations: 'disabled',
    });
  };
}

/**
 * When a step fails, saves a picture of every page still open, to see what people saw.
 * Call it at the top level of a test file.
 */
export function screenshotOnFailure(
  shot: (page: Page, name: string) => Promise<void>,
  openPages: () => [string, Page | undefined][],
): void {
  beforeEach(({ onTestFailed }) => {
    onTestFailed(async () => {
      for (const [who, page] of openPages()) {
        if (page && !page.isClosed()) await shot(page, `FAILED-${who}`).catch(() => undefined);
      }
    });
  });
}

/**
 * Runs axe on the page as it is now and fails on serious or critical violations, listing
 * each rule with the elements it flagged so the failure says what to fix.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  if (process.env.E2E_AXE_VERBOSE) {
    // Moderate and minor findings do not fail the run; list them on request.
    for (const v of results.violations.filter((v) => !serious.includes(v)))
      console.info(`axe on ${label}: [${v.impact}] ${v.id} (${v.nodes.length} elements)`);
  }
  if (serious.length === 0) return;
  const report = serious
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    - ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, ' ')}`)
        .join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join('\n');
  throw new Error(`Accessibility violations on ${label}:\n${report}`);
}

/** Waits until `locator` shows text matching `text` (Playwright polls; no fixed sleeps). */
export async function waitForText(locator: Locator, text: RegExp | string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor();
}

/** What does not fit on a room screen: see {@link measureFit}. */
export interface FitReport {
  /** Elements past the window's right or bottom edge (and "the page scrolls"). */
  outside: string[];
  /** Boxes that hide overflow and hold more than they show. */
  clipped: string[];
  /** Text smaller than `minFontPx`, where it is held to it. */
  small: string[];
  /**
   * Text cut to one line ending in "…" because it does not fit: fine for a long name, not for
   * what the room is discussing (a playing-field card's situation). Only with `truncated`.
   */
  truncated?: string[];
}

/**
 * Measures how a room screen fits its window: every element under `root` inside the
 * viewport, nothing cut off by a box that hides overflow, no page scroll, and visible text
 * no smaller than `minFontPx` (only under `smallTextWithin` when given; SVG text as drawn,
 * its font size times the drawing's scale). Screen-reader-only text (1x1 px, clipped on
 * purpose) is passed over.
 */
export function measureFit(
  page: Page,
  options: { root: string; smallTextWithin?: string; minFontPx?: number; truncated?: boolean },
): Promise<FitReport> {
  return page.evaluate(
    ({ root: rootSelector, smallTextWithin, minFontPx, withTruncated }) => {
      const outside: string[] = [];
      const clipped: string[] = [];
      const small: string[] = [];
      const truncated: string[] = [];
      const root = document.querySelector(rootSelector);
      if (!root) return { outside: [`nothing matches ${rootSelector}`], clipped, small };
      const describe = (el: Element) =>
        `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
      // Screen-reader-only boxes, whose children are passed over with them (a long hidden
      // list's items lie outside its 1x1 px box, and outside the window).
      const hidden: Element[] = [];
      for (const el of [root, ...root.querySelectorAll('*')]) {
        if (hidden.some((box) => box.contains(el))) continue;
        const style = getComputedStyle(el);
        if (style.clip !== 'auto' && style.position === 'absolute') {
          hidden.push(el);
          continue;
        }
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0) continue;
        if (rect.bottom > innerHeight + 1 || rect.right > innerWidth + 1)
          outside.push(describe(el));
        if (
          (style.overflowY === 'hidden' || style.overflow === 'hidden') &&
          el.scrollHeight > el.clientHeight + 2
        )
          clipped.push(describe(el));
        if (style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1)
          truncated.push(describe(el));
        // A drawing clips what lies outside its box (a label past the viewBox's edge).
        const drawing = el instanceof SVGTextElement ? el.ownerSVGElement : null;
        if (drawing && getComputedStyle(drawing).overflow !== 'visible') {
          const box = drawing.getBoundingClientRect();
          if (
            rect.left < box.left - 1 ||
            rect.right > box.right + 1 ||
            rect.top < box.top - 1 ||
            rect.bottom > box.bottom + 1
          )
            clipped.push(`${describe(el)} past its drawing's edge`);
        }
        const hasText = [...el.childNodes].some(
          (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '',
        );
        const isHeld = !smallTextWithin || el.closest(smallTextWithin) !== null;
        if (hasText && isHeld) {
          // SVG text is drawn at its font size times the drawing's scale (a chart in an
          // 800-unit viewBox drawn 600 px wide shows 24-unit text at 18 px): measure that.
          const matrix = el instanceof SVGGraphicsElement ? el.getScreenCTM() : null;
          const scale = matrix ? Math.hypot(matrix.c, matrix.d) : 1;
          const drawn = parseFloat(style.fontSize) * scale;
          if (drawn < minFontPx - 0.5)
            small.push(
              `${describe(el)} ${matrix ? `${drawn.toFixed(1)}px drawn (${style.fontSize} in the SVG)` : style.fontSize}`,
            );
        }
      }
      const scrolling = document.scrollingElement;
      if (scrolling && scrolling.scrollHeight > innerHeight + 1) outside.push('the page scrolls');
      return { outside, clipped, small, ...(withTruncated ? { truncated } : {}) };
    },
    {
      root: options.root,
      smallTextWithin: options.smallTextWithin ?? null,
      minFontPx: options.minFontPx ?? 24,
      withTruncated: options.truncated ?? false,
    },
  );
}
