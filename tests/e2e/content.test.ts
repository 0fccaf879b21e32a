/**
 * Content slides in a real browser. The facilitator uploads an image from the agenda
 * editor (a PNG is taken, an SVG refused with its message) and sees the live preview; a
 * day of slides, one of each layout with realistic long text, then runs with the room
 * screen and three 390x844 phones. Every slide on the room screen at 1366x768 and at
 * 1920x1080: nothing outside the window, nothing cut off, no text under 24 px (the type
 * grows with the screen); the break counts down the session's timer and says when the room
 * is back; phones show the compact slide, or "Look at the screen". Screenshots and axe.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CreateSessionBody, CreatedSession } from '@playfield/shared';
import type { ContentConfigInput } from '@playfield/shared/exercises/content/schema';
import {
  connectTo,
  createSessionAt,
  emitRaw,
  facilitatorOf,
  nextView,
  type TestSocket,
} from '../server/harness.ts';
import {
  ARTIFACTS_DIR,
  expectAccessible,
  measureFit,
  newPhone,
  screenshotOnFailure,
  screenshotter,
  useBrowserRun,
  type E2EServer,
} from './harness.ts';

let server: E2EServer;
let browser: Browser;
let laptop: BrowserContext;
let editorPage: Page | undefined;
let screenPage: Page | undefined;
const phones: Page[] = [];
const pageErrors: string[] = [];
const shot = screenshotter('content');

useBrowserRun((run) => ({ server, browser, laptop } = run));
screenshotOnFailure(shot, () => [
  ['editor', editorPage],
  ['screen', screenPage],
  ['phone', phones[0]],
]);

function watch(page: Page, who: string): Page {
  page.on('pageerror', (error) => pageErrors.push(`${who}: ${error.message}`));
  return page;
}

let imageId = '';

/** The day's slides: every layout, with the long texts a real deck has. */
function slides(): { title: string; config: ContentConfigInput; expect: string }[] {
  return [
    {
      title: 'Welcome',
      expect: 'The Service Pro',
      config: {
        layout: 'title',
        heading: 'The Service Pro',
        body: 'Define reality, align the system, define the playing field — and leave with *your own* plan for Monday morning',
      },
    },
    {
      title: 'The enemies of business success',
      expect: 'The enemies of business success',
      config: {
        layout: 'bullets',
        heading: 'The enemies of business success',
        body: [
          '- **Complacency**: we did well last year, so we will do well next year without changing anything',
          '- **Arrogance**: we know what customers want better than they do, so we stop asking them',
          '- **Not listening**: complaints are handled as a nuisance instead of read as free advice',
          '- **Rigid rules** that stop front-line people from fixing the problem in front of them',
          '- **Silos**: every department optimises its own numbers and the customer falls between them',
          '- **Fear**: people hide mistakes rather than learn from them together',
          '- **Short-term thinking**: this quarter’s cost cut becomes next year’s lost customers',
        ].join('\n'),
      },
    },
    {
      title: 'Moments of truth',
      expect: 'moment of truth',
      config: {
        layout: 'quote',
        heading: 'Moments of truth',
        body: 'Last year, each of our ten million customers came in contact with approximately five SAS employees, and this contact lasted an average of fifteen seconds each time. Thus SAS is “created” in the minds of our customers fifty million times a year, fifteen seconds at a time. These fifty million **moment of truth** are the moments that ultimately determine whether SAS will succeed or fail as a company.',
        attribution: 'Jan Carlzon, Moments of Truth (1987)',
        phoneMode: 'lookAtScreen',
      },
    },
    {
      title: 'Complaints',
      expect: '1 in 26',
      config: {
        layout: 'bigNumber',
        heading: 'Unhappy customers who tell you',
        bigNumber: '1 in 26',
        caption:
          'For every customer who complains, twenty-five others simply leave and tell their friends',
        body: 'Every complaint is a gift: it is the one customer in twenty-six who gives you a second chance.',
      },
    },
    {
      title: 'The playing field',
      expect: 'The playing field',
      config: {
        layout: 'image',
        heading: 'The playing field',
        imageId,
        imageAlt: 'A playing field with its boundary lines marked in white',
        caption:
          'Inside the lines, every employee decides; the lines themselves are the leader’s job',
      },
    },
    {
      title: 'Need to know, right to know',
      expect: 'From need-to-know to right-to-know',
      config: {
        layout: 'twoColumns',
        heading: 'From need-to-know to right-to-know',
        body: 'What changes when information belongs to everyone who serves the customer:',
        left: '### Need to know\n\n- Managers decide who is told what\n- Rules without reasons\n- “That is not my department”\n- Customers wait while someone asks a supervisor',
        right:
          '### Right to know\n\n- Everyone sees the numbers that matter\n- Reasons behind every rule\n- “Let me find out for you”\n- The first person the customer meets can decide',
      },
    },
    {
      title: 'Break',
      expect: 'Coffee break',
      config: {
        layout: 'break',
        heading: 'Coffee break',
        body: 'Coffee and tea are in the hall. Please be back on time: we start with the Red Bead Experiment.',
      },
    },
  ];
}

/**
 * Nothing outside the window, cut off or under 24 px at 768 high (scaled with the height).
 * The slide fits its type over a few frames after a resize, so this waits for it to settle.
 */
async function expectScreenFits(page: Page, what: string): Promise<void> {
  const height = page.viewportSize()?.height ?? 768;
  await expect
    .poll(
      () =>
        measureFit(page, {
          root: '.screen',
          smallTextWithin: '[data-layout]',
          minFontPx: Math.floor((24 / 768) * height),
        }),
      { message: what, timeout: 15_000 },
    )
    .toEqual({ outside: [], clipped: [], small: [] });
}

describe('content slides from the editor to the room screen and the phones', () => {
  it('uploads an image from the agenda editor, refuses an SVG, and previews the slide', async () => {
    const dir = path.join(ARTIFACTS_DIR, 'content-files');
    fs.mkdirSync(dir, { recursive: true });
    const png = path.join(dir, 'field.png');
    // A green field with white lines, 1600x900.
    const lines = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900"><rect width="1600" height="900" fill="#2e7d32"/><rect x="80" y="60" width="1440" height="780" fill="none" stroke="#fff" stroke-width="14"/><line x1="800" y1="60" x2="800" y2="840" stroke="#fff" stroke-width="14"/><circle cx="800" cy="450" r="120" fill="none" stroke="#fff" stroke-width="14"/></svg>',
    );
    await sharp(lines).png().toFile(png);
    const svg = path.join(dir, 'sneaky.png');
    fs.writeFileSync(svg, lines);

    editorPage = watch(await laptop.newPage(), 'editor');
    await editorPage.goto(`${server.url}/new`);
    await editorPage.getByRole('heading', { name: 'Plan your session' }).waitFor();
    const first = editorPage.getByRole('listitem').filter({ hasText: 'Round 1' });
    await first.getByLabel('Exercise').selectOption({ label: 'Content slide' });
    await first.getByLabel('Layout').selectOption({ label: 'Image' });
    await first.getByLabel('Slide heading').fill('The playing field');

    await first.getByLabel(/Upload an image/).setInputFiles(svg);
    await first.getByRole('alert').filter({ hasText: 'SVG images are not accepted' }).waitFor();

    await first.getByLabel(/Upload an image/).setInputFiles(png);
    await first.getByLabel(/Replace the image/).waitFor();
    await first.getByLabel(/Describe the image/).fill('A playing field');
    const preview = first.getByRole('region', { name: 'Preview' });
    const img = preview.getByRole('img', { name: 'A playing field' });
    await img.waitFor();
    await expect
      .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
      .toBe(1600);
    imageId = ((await img.getAttribute('src')) ?? '').replace('/api/images/', '');
    expect(imageId).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await first.getByLabel('Layout').selectOption({ label: 'Bullets' });
    await first
      .getByLabel(/^Text \(Markdown/)
      .fill('- **Listen**\n- Act <script>alert(1)</script>');
    await preview.getByText('<script>alert(1)</script>', { exact: false }).waitFor();
    expect(await preview.locator('strong').textContent()).toBe('Listen');
    await shot(editorPage, 'editor-preview');
    await expectAccessible(editorPage, 'the agenda editor with a content slide');
  });

  let facilitator: TestSocket;
  let control: (command: unknown) => Promise<number>;

  it('starts a day of slides with the room screen and three phones', async () => {
    const agenda: CreateSessionBody['agenda'] = slides().map((s) => ({
      kind: 'content',
      title: s.title,
      config: s.config,
    }));
    const session: CreatedSession = await createSessionAt(server.url, {
      title: 'The Service Pro',
      agenda,
    });
    facilitator = await connectTo(server.url, facilitatorOf(session));
    control = async (command: unknown): Promise<number> => {
      const result = (await emitRaw(facilitator, 'session.control', command)) as {
        ok: boolean;
        data?: { seq: number };
      };
      expect(result, JSON.stringify(command)).toMatchObject({ ok: true });
      return result.data?.seq ?? 0;
    };
    screenPage = watch(await laptop.newPage(), 'screen');
    await screenPage.goto(`${server.url}/screen/${session.sessionId}#key=${session.screenKey}`);
    await screenPage.getByText(session.code, { exact: true }).first().waitFor();
    for (const name of ['Ana', 'Ben', 'Cleo']) {
      const page = watch(await newPhone(browser), name);
      phones.push(page);
      await page.goto(`${server.url}/join/${session.code}`);
      await page.getByLabel('Your name, as the room will see it').fill(name);
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await page.getByText('Waiting for the facilitator to start').waitFor();
    }
  });

  const LAYOUTS = ['title', 'bullets', 'quote', 'bigNumber', 'image', 'twoColumns', 'break'];
  for (const [index, layout] of LAYOUTS.entries()) {
    it(`shows the ${layout} slide large on the room screen and compact on the phones`, async () => {
      const slide = slides()[index];
      if (!slide || !screenPage) throw new Error('The day did not start');
      expect(slide.config.layout).toBe(layout);
      const room = screenPage;
      const [ana] = phones as [Page];
      let seq = await control({ type: index === 0 ? 'session.start' : 'round.next' });
      if (layout === 'break') seq = await control({ type: 'timer.start', seconds: 600 });
      await nextView(facilitator, 'view.facilitator', (m) => m.seq >= seq);
      const name = `${index + 1}-${layout}`;
      const section = room.locator(`[data-layout="${layout}"]`);
      await section.getByText(slide.expect, { exact: false }).first().waitFor();
      if (layout === 'image')
        await expect
          .poll(() =>
            section
              .getByRole('img')
              .evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth),
          )
          .toBe(1600);
      if (layout === 'break') {
        await section
          .getByRole('timer')
          .filter({ hasText: /^(10:00|9:\d\d)$/ })
          .waitFor();
        await section.getByText(/^Back at \d\d:\d\d$/).waitFor();
        // The break's countdown is shown once: the screen's header does not repeat it.
        expect(await room.getByText(/^(10:00|9:\d\d)$/).count()).toBe(1);
        expect(await room.getByRole('timer').count()).toBe(1);
      }
      for (const size of [
        { width: 1366, height: 768 },
        { width: 1920, height: 1080 },
      ]) {
        await room.setViewportSize(size);
        await expectScreenFits(room, `${name} at ${size.width}x${size.height}`);
        await shot(room, `screen-${name}-${size.width}x${size.height}`);
      }
      await room.setViewportSize({ width: 1366, height: 768 });
      await expectAccessible(room, `the room screen with the ${layout} slide`);

      if (slide.config.phoneMode === 'lookAtScreen')
        await ana.getByText('Look at the screen').waitFor();
      else
        await ana.getByRole('article').getByText(slide.expect, { exact: false }).first().waitFor();
      const phoneWidth = await ana.evaluate(() => document.documentElement.scrollWidth);
      expect(phoneWidth, `${name} on a phone`).toBeLessThanOrEqual(390);
      await shot(ana, `phone-${name}`);
      if (layout === 'bullets' || layout === 'image' || layout === 'quote')
        await expectAccessible(ana, `a phone with the ${layout} slide`);
      expect(pageErrors).toEqual([]);
    });
  }
});
