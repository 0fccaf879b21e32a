/**
 * Every exercise's room screen, in every phase, fits the window: one session holds a round of
 * every kind (the built-in workshops' longest presets, defaults for the rest), twelve seats
 * with long names act through real sockets as the exercises' simulated participants, and the
 * facilitator steps each round through its phases (brainstorm collect to results, the
 * playing field's place, test and map, the quiz's questions, the Red Bead's days, the Fine
 * Line's run). At each step the room screen, open in Chromium at 1366x768 and at 1920x1080
 * (one page each, following the session), is measured with `measureFit()`: nothing outside
 * the window, nothing cut off, no text under 24 px at 1366x768; and photographed under
 * test-artifacts/e2e/screen-fit/. The console, open beside them on a 1366x768 laptop with
 * the agenda open, is checked at each step too (nothing scrolls sideways, the primary actions
 * in view) and photographed under console-fit/. The pages wait for the view's sequence
 * number, never a time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  BUILT_IN_WORKSHOPS,
  createRandom,
  EXERCISE_KINDS,
  getExercise,
  type CreatedSession,
  type FacilitatorView,
  type RoundInput,
} from '@playfield/shared';
import { facilitateNext, type FacilitatorStyle } from '@playfield/shared/exercises/facilitators';
import { simulateNext } from '@playfield/shared/exercises/simulators';
import { loadConfig, startPlayfield, type Playfield } from '@playfield/server';
import {
  ARTIFACTS_DIR,
  CLIENT_DIR,
  ensureClientBuilt,
  expectAccessible,
  launchBrowser,
  measureFit,
  newTempDir,
  removeDir,
} from './harness.ts';
import {
  connectTo,
  createSessionAt,
  emitRaw,
  facilitatorOf,
  joinAt,
  nextView,
  participantOf,
} from '../server/harness.ts';

const DIR = path.join(ARTIFACTS_DIR, 'screen-fit');
/** The console beside the room screen, on the facilitator's 1366x768 laptop. */
const CONSOLE_DIR = path.join(ARTIFACTS_DIR, 'console-fit');
const LAPTOP = { width: 1366, height: 768 } as const;
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
/** Twelve people, several with the long names real rooms have. */
const NAMES = [
  'Alexandra Montgomery-Whitfield',
  'Ben',
  'Cleopatra Ng',
  'Dmitri Alexandrovich',
  'Eve',
  'Francesca de la Cruz',
  'Gus',
  'Hiroshi Takahashi',
  'Ines Oyelaran-Baptiste',
  'Jo',
  'Kwame Mensah',
  'Lorelei Vandenberghe',
];

/**
 * The rounds: one of each kind from the built-in workshops (their presets are the longest
 * texts: the listening sources, the playing field's cards, the expected-vs-actual measures),
 * then a default round of every other kind.
 */
function agenda(): RoundInput[] {
  const rounds: RoundInput[] = [];
  for (const workshop of BUILT_IN_WORKSHOPS) {
    for (const round of workshop.agenda) {
      if (round.kind === 'content' || rounds.some((r) => r.kind === round.kind)) continue;
      rounds.push(structuredClone(round));
    }
  }
  for (const kind of EXERCISE_KINDS) {
    if (rounds.some((r) => r.kind === kind)) continue;
    const exercise = getExercise(kind);
    if (exercise)
      rounds.push({ kind, title: exercise.label, config: exercise.defaultConfig() } as RoundInput);
  }
  // SCREEN_FIT_KINDS=poll,quiz runs only those kinds, for working on one screen.
  const only = process.env.SCREEN_FIT_KINDS?.split(',');
  // The Fine Line runs fast here: the run is measured, not watched.
  return rounds
    .filter((r) => !only || only.includes(r.kind))
    .map((r) =>
      r.kind === 'fineLine' ? { ...r, config: { ...r.config, durationMinutes: 20 } } : r,
    );
}

/** Cluster names as facilitators write them: long, and with a word that must not break. */
const CLUSTER_NAMES = [
  'Refund approvals take too long',
  'Separate systems for every channel',
  'Policies nobody can explain',
  'Handovers between departments',
  'Targets that reward short calls',
];

type RoundView = NonNullable<FacilitatorView['round']>;
const fields = (round: RoundView) => round.view as unknown as Record<string, unknown>;

/** The facilitator: long cluster names, a slogan for the Red Bead's debrief, a fast Fine Line. */
const STYLE: FacilitatorStyle = {
  fineLineSpeed: 600,
  clusterNames: CLUSTER_NAMES,
  slogan: 'Quality is job one: do it right the first time, every time!',
};

/** What a round's screen is showing, for the screenshot's name: its phase or stage. */
function phaseOf(round: RoundView): string {
  const view = fields(round);
  const phase = view.phase ?? view.stage ?? view.status;
  return typeof phase === 'string' ? phase : 'open';
}

let server: { url: string };
let browser: Browser;
const pages: Page[] = [];
let consolePage: Page | undefined;
/** The session's join code, which an ended session's console no longer shows. */
let joinCode = '';
const pageErrors: string[] = [];
const failures: string[] = [];
let shots = 0;

/*
 * The server serves its own copy of the built client: other test files in the same tree may
 * rebuild dist/client while this one runs, and a screen's lazy chunk must not vanish under it.
 */
let playfield: Playfield | undefined;
let clientCopy = '';
let dataDir = '';
beforeAll(async () => {
  ensureClientBuilt();
  clientCopy = newTempDir('playfield-screen-fit-client-');
  fs.cpSync(CLIENT_DIR, clientCopy, { recursive: true });
  dataDir = newTempDir();
  playfield = await startPlayfield({
    ...loadConfig({}),
    port: 0,
    host: '127.0.0.1',
    dataDir,
    clientDir: clientCopy,
    isQuiet: true,
    allowedOrigins: [],
  });
  server = { url: `http://127.0.0.1:${playfield.port}` };
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await playfield?.close();
  if (dataDir) removeDir(dataDir);
  if (clientCopy) removeDir(clientCopy);
});

/** Waits until both screen pages show the view logged at `seq` or later, then measures both. */
async function measureScreens(name: string, seq: number): Promise<void> {
  shots += 1;
  const number = String(shots).padStart(3, '0');
  await Promise.all([
    ...pages.map((page, i) => measureScreen(page, SIZES[i] ?? SIZES[0], name, number, seq)),
    consolePage && measureConsole(consolePage, name, number, seq),
  ]);
}

/**
 * The console at 1366x768 with the agenda open, at the same step as the room screen: nothing
 * scrolls sideways or runs past the window's right edge, and the primary actions (start,
 * back, next, lock, reveal, end) are in view without scrolling.
 */
async function measureConsole(page: Page, name: string, number: string, seq: number) {
  await page.waitForFunction(
    (wanted) => Number(document.querySelector('[data-seq]')?.getAttribute('data-seq')) >= wanted,
    seq,
  );
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  const problems = await page.evaluate(
    ({ code, isEnded }) => {
      const found: string[] = [];
      const describe = (el: Element) =>
        `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
      const hidden: Element[] = [];
      for (const el of document.body.querySelectorAll('*')) {
        if (hidden.some((box) => box.contains(el))) continue;
        const style = getComputedStyle(el);
        if (style.clip !== 'auto' && style.position === 'absolute') {
          hidden.push(el);
          continue;
        }
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0) continue;
        if (rect.right > innerWidth + 1) found.push(`${describe(el)} past the right edge`);
        if (
          (style.overflowX === 'auto' || style.overflowX === 'scroll') &&
          el.scrollWidth > el.clientWidth + 1
        ) {
          // Name what is too wide: the first thing inside that reaches past the box's edge.
          const edge = rect.left + el.clientWidth;
          const wide = [...el.querySelectorAll('*')].find(
            (inner) => inner.getBoundingClientRect().right > edge + 1,
          );
          found.push(`${describe(el)} scrolls sideways${wide ? ` (${describe(wide)})` : ''}`);
        }
      }
      const scrolling = document.scrollingElement;
      if (scrolling && scrolling.scrollWidth > innerWidth + 1)
        found.push('the page scrolls sideways');
      // An ended session's console no longer offers a way in: no join code, link or QR (#17.10).
      if (isEnded && document.body.innerText.includes(code))
        found.push('the join code is still shown');
      const flow = document.querySelector('[role="group"][aria-label="Run the session"]');
      for (const button of flow?.querySelectorAll('button') ?? []) {
        const rect = button.getBoundingClientRect();
        if (rect.top < 0 || rect.bottom > innerHeight + 1 || rect.right > innerWidth + 1)
          found.push(`"${button.textContent}" out of view (y=${Math.round(rect.bottom)})`);
      }
      return found;
    },
    { code: joinCode, isEnded: name === 'ended' },
  );
  if (problems.length) failures.push(`console ${name} at 1366x768: ${problems.join('; ')}`);
  await page.screenshot({
    path: path.join(CONSOLE_DIR, `${number}-${name}.png`),
    animations: 'disabled',
  });
}

async function measureScreen(
  page: Page,
  size: (typeof SIZES)[number],
  name: string,
  number: string,
  seq: number,
): Promise<void> {
  {
    await page.waitForFunction(
      (wanted) => Number(document.querySelector('[data-seq]')?.getAttribute('data-seq')) >= wanted,
      seq,
    );
    // Fitted type settles after layout: two frames.
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    const measured = await measureFit(page, { root: '.screen', truncated: true });
    if (process.env.SCREEN_FIT_DEBUG)
      console.info(
        name,
        await page.evaluate(() => {
          const main = document.querySelector('main');
          return `${main?.scrollHeight} ${main?.clientHeight} ${document.documentElement.style.fontSize}`;
        }),
      );
    const label = `${name} at ${size.width}x${size.height}`;
    if (measured.outside.length) failures.push(`${label}: outside ${measured.outside.join('; ')}`);
    if (measured.clipped.length) failures.push(`${label}: cut off ${measured.clipped.join('; ')}`);
    // The room discusses a playing-field card's situation: it is never cut with "…" (#17.3).
    if (name === 'lobby') {
      // The lobby fills the screen at every size: the QR code and the names grow (#17.2).
      const bottom = await page.evaluate(() =>
        Math.max(
          ...[...document.querySelectorAll('.screen *')].map(
            (el) => el.getBoundingClientRect().bottom,
          ),
        ),
      );
      if (bottom < 0.75 * size.height)
        failures.push(
          `${label}: the lobby ends at y=${Math.round(bottom)}, not filling the screen`,
        );
    }
    const truncated = measured.truncated ?? [];
    if (name.includes('-playingField-') && truncated.length)
      failures.push(`${label}: ends in … ${truncated.join('; ')}`);
    if (size.width === 1366 && measured.small.length)
      failures.push(`${label}: small ${measured.small.slice(0, 6).join('; ')}`);
    await page.screenshot({
      path: path.join(DIR, `${number}-${name}-${size.width}.png`),
      animations: 'disabled',
    });
  }
}

describe('the room screen fits the window', () => {
  it('for every exercise in every phase, with twelve people and long texts', async () => {
    for (const dir of [DIR, CONSOLE_DIR]) {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
    }
    const rounds = agenda();
    const session: CreatedSession = await createSessionAt(server.url, {
      title: 'The Service Pro: customer service that people remember, for the whole team',
      agenda: rounds,
    });
    joinCode = session.code;
    const facilitator = await connectTo(server.url, facilitatorOf(session));
    const control = async (command: unknown): Promise<number> => {
      const result = (await emitRaw(facilitator, 'session.control', command)) as {
        ok: boolean;
        data?: { seq: number };
      };
      expect(result, JSON.stringify(command)).toMatchObject({ ok: true });
      return result.data?.seq ?? 0;
    };
    const seats = [];
    for (const name of NAMES) seats.push(await joinAt(server.url, session.code, name));
    const phones = await Promise.all(
      seats.map((seat) => connectTo(server.url, participantOf(seat))),
    );
    const ids = seats.map((seat) => seat.participantId);

    for (const size of SIZES) {
      const context = await browser.newContext({ viewport: size });
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(`${size.width}: ${error.message}`));
      // A screen that fails to draw is caught by its error boundary, which logs it.
      page.on('console', (message) => {
        if (message.type() === 'error') pageErrors.push(`${size.width}: ${message.text()}`);
      });
      await page.goto(`${server.url}/screen/${session.sessionId}#key=${session.screenKey}`);
      pages.push(page);
    }
    {
      const context = await browser.newContext({ viewport: LAPTOP });
      consolePage = await context.newPage();
      consolePage.on('pageerror', (error) => pageErrors.push(`console: ${error.message}`));
      await consolePage.goto(
        `${server.url}/console/${session.sessionId}#key=${session.facilitatorToken}`,
      );
    }
    const joined = await nextView(
      facilitator,
      'view.facilitator',
      (m) => m.view.roster.filter((p) => p.isOnline).length === NAMES.length,
    );
    await measureScreens('lobby', joined.seq);
    for (const page of pages) await expectAccessible(page, 'the lobby');

    let seq = await control({ type: 'session.start' });
    let started = Date.now();
    const random = createRandom('screen-fit');
    const lastActed = new Map<string, number>();
    const roundsSeen = new Set<string>();
    for (const [index] of rounds.entries()) {
      if (index > 0) seq = await control({ type: 'round.next' });
      const { view } = await nextView(
        facilitator,
        'view.facilitator',
        (m) => m.seq >= seq && m.view.round?.index === index,
      );
      // A round opens for answers as the facilitator would open it (some open by themselves).
      const opened = (await emitRaw(facilitator, 'session.control', { type: 'round.open' })) as {
        ok: boolean;
        data?: { seq: number };
      };
      if (opened.ok && opened.data) seq = opened.data.seq;
      const round = view.round as RoundView;
      const name = `${String(index + 1).padStart(2, '0')}-${round.kind}`;
      const taken = new Set<string>();
      /**
       * Every phone holds the views of the state at `seq` or later: once the console has the
       * view at `seq`, a sync from each phone has the server send it its current views (its
       * own included, which a flush skips while it is blank) before answering.
       */
      const settled = async (): Promise<void> => {
        await nextView(facilitator, 'view.facilitator', (m) => m.seq >= seq);
        await Promise.all(phones.map((p) => emitRaw(p, 'session.sync', { lastSeq: 0 })));
      };
      /** The room acts until nobody has anything left to do. */
      const roomActs = async (): Promise<void> => {
        // Eight turns each are plenty of notes, votes and entries to fill a screen; a turn
        // costs a view flush, so the room stops there.
        for (let pass = 0; pass < 8; pass++) {
          const decisions = await Promise.all(
            phones.map(async (phone, i) => {
              const pub = (
                await nextView(phone, 'view.public', (m) => m.view.round?.id === round.id)
              ).view.round;
              const own = (await nextView(phone, 'view.own')).view.round;
              if (!pub || !own || own.id !== round.id) return null;
              const id = ids[i] ?? '';
              const last = lastActed.get(id);
              const action = simulateNext({
                kind: pub.kind,
                view: pub.view,
                own: own.view,
                controls: { isOpen: pub.isOpen, isRevealed: pub.isRevealed },
                participantId: id,
                now: Date.now(),
                sinceLastActionMs: last === undefined ? null : Date.now() - last,
                random,
              });
              // The Red Bead's inspectors are skipped: the facilitator records each paddle.
              if (action === null || (action as { type: string }).type === 'confirm') return null;
              return { phone, id, action };
            }),
          );
          const acting = decisions.filter((d) => d !== null);
          if (acting.length === 0) return;
          const results = (await Promise.all(
            acting.map((d) =>
              emitRaw(d.phone, 'round.act', { roundId: round.id, action: d.action }),
            ),
          )) as { ok: boolean; data?: { seq: number } }[];
          let newest = 0;
          for (const [i, result] of results.entries()) {
            if (!result.ok) continue;
            newest = Math.max(newest, result.data?.seq ?? 0);
            lastActed.set(acting[i]?.id ?? '', Date.now());
          }
          if (newest === 0) return;
          seq = newest;
          await settled();
        }
      };
      /** Photographs the screen once per phase (the first time it shows it). */
      const shoot = async (current: RoundView, suffix = ''): Promise<void> => {
        const key = `${name}-${phaseOf(current)}${suffix}`;
        if (taken.has(key)) return;
        taken.add(key);
        await measureScreens(key, seq);
      };

      await settled();
      await roomActs();
      for (let step = 0; step < 400; step++) {
        const current = (await nextView(facilitator, 'view.facilitator', (m) => m.seq >= seq)).view
          .round as RoundView;
        await shoot(current);
        const action = facilitateNext(current, STYLE);
        if (
          current.kind === 'brainstorm' &&
          fields(current).phase === 'cluster' &&
          (action as { type?: string } | null)?.type === 'phase' &&
          !current.isRevealed
        ) {
          // The board goes up on the screen once the notes are grouped.
          seq = await control({ type: 'round.reveal' });
          await settled();
          await shoot(current, '-board');
        }
        if (action === null) break;
        const result = (await emitRaw(facilitator, 'round.act', { roundId: round.id, action })) as {
          ok: boolean;
          data?: { seq: number };
        };
        // A preset may skip a phase (a brainstorm without a vote): the round is done then.
        if (!result.ok) break;
        seq = result.data?.seq ?? seq;
        if (round.kind === 'fineLine' && (action as { type: string }).type === 'speed') {
          // The server's clock runs the store to closing time.
          const done = await nextView(
            facilitator,
            'view.facilitator',
            (m) => fields(m.view.round as RoundView).status === 'finished',
          );
          seq = done.seq;
        }
        await settled();
        await roomActs();
      }
      const revealed = await emitRaw(facilitator, 'session.control', { type: 'round.reveal' });
      const data = (revealed as { ok: boolean; data?: { seq: number } }).data;
      if (data) {
        seq = data.seq;
        const after = await nextView(facilitator, 'view.facilitator', (m) => m.seq >= seq);
        await shoot(after.view.round as RoundView, '-revealed');
      }
      console.info(`${name}: ${Date.now() - started} ms`);
      started = Date.now();
      if (!roundsSeen.has(round.kind)) {
        roundsSeen.add(round.kind);
        await expectAccessible(pages[0] as Page, `the ${round.kind} screen`);
      }
    }
    seq = await control({ type: 'session.end' });
    await measureScreens('ended', seq);

    for (const phone of phones) phone.disconnect();
    facilitator.disconnect();
    expect({ failures, pageErrors }).toEqual({ failures: [], pageErrors: [] });
  }, 600_000);
});
