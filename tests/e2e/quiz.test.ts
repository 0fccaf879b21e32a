/**
 * The quiz in a real browser: the facilitator plans a two-question quiz on the laptop (the
 * first with one right answer, the second with two and a 10 s limit) and opens the room
 * screen; three phones (390x844) join and answer; the first question is stopped from the
 * console, the second locks on its own at the deadline; each reveal shows the phones their
 * own result and place, the screen the distribution, the right answers and the leaderboard
 * with rank changes, and the end the podium. The room screen is photographed at 1366x768 and
 * 1920x1080 at each stage and measured: nothing below or beside the viewport, nothing cut
 * off inside it, no text under 24 px at 1366x768. axe runs on every screen.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  connectTo,
  emitAck,
  joinAt,
  nextView,
  participantOf,
  type TestSocket,
} from '../server/harness.ts';
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

const TITLE = 'Service quiz (e2e)';
const NAMES = ['Ana', 'Ben', 'Cleo'] as const;
/**
 * Seven more seats over plain sockets, so the leaderboard and the podium are full (top 10)
 * when the screen is measured: the longest the room screen ever has to hold. Their first
 * answers: three right (A), two B, two C.
 */
const BOTS = [
  ['Dev', 0],
  ['Eli', 0],
  ['Fay', 0],
  ['Gus', 1],
  ['Hal', 1],
  ['Ida', 2],
  ['Jo', 2],
] as const;
const bots: TestSocket[] = [];
afterAll(() => {
  for (const socket of bots) socket.disconnect();
});
const Q1 = 'Total Customer Service is…';
const Q2 = 'Which of these are sins of service? Choose all that apply.';

let server: E2EServer;
let browser: Browser;
let laptop: BrowserContext;
let consolePage: Page;
let screenPage: Page;
const phones = new Map<string, Page>();
let code = '';
const pageErrors: string[] = [];
const shot = screenshotter('quiz');

const phone = (name: string): Page => {
  const page = phones.get(name);
  if (!page) throw new Error(`No phone for ${name}`);
  return page;
};

function watchErrors(page: Page, who: string): Page {
  page.on('pageerror', (error) => pageErrors.push(`${who}: ${error.message}`));
  return page;
}

/** Photographs the room screen at 1366x768 and 1920x1080, measuring it at both. */
async function shootScreen(name: string): Promise<void> {
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    await screenPage.setViewportSize(size);
    const measured = await measureFit(screenPage, { root: '[data-quiz-screen]' });
    expect(measured.outside, `${name} at ${size.width}: outside the screen`).toEqual([]);
    expect(measured.clipped, `${name} at ${size.width}: cut off`).toEqual([]);
    if (size.width === 1366) expect(measured.small, `${name}: text under 24 px`).toEqual([]);
    await shot(screenPage, `screen-${name}-${size.width}x${size.height}`);
  }
  await screenPage.setViewportSize({ width: 1366, height: 768 });
}

/** The room screen's quiz area. */
const quizScreen = () => screenPage.locator('[data-quiz-screen]');

useBrowserRun((run) => ({ server, browser, laptop } = run));

screenshotOnFailure(shot, () => [
  ['console', consolePage],
  ['screen', screenPage],
  ...[...phones].map(([who, page]): [string, Page] => [who, page]),
]);

describe('a quiz from the laptop, three phones and the room screen', () => {
  it('plans a two-question quiz and opens the console and the room screen', async () => {
    consolePage = watchErrors(await laptop.newPage(), 'console');
    await consolePage.goto(`${server.url}/new`);
    await consolePage.getByRole('heading', { name: 'Plan your session' }).waitFor();
    await consolePage.getByLabel('Session title').fill(TITLE);
    const round = consolePage.getByRole('listitem').filter({ hasText: 'Round 1' });
    await round.getByLabel('Exercise').selectOption({ label: 'Quiz with a leaderboard' });
    await round.getByLabel('Question 1 text').waitFor();
    expect(await round.getByLabel('Question 1 text').inputValue()).toBe(Q1);
    // The first question gets the longest time (the facilitator stops it); the second 20 s,
    // long enough for three phones to answer on a loaded machine.
    await round.getByLabel('Seconds to answer').first().fill('120');
    await round.getByRole('button', { name: 'Add a question' }).click();
    await round.getByLabel('Question 2 text').fill(Q2);
    await round.getByLabel('Option A of question 2', { exact: true }).fill('Apathy');
    await round.getByLabel('Option B of question 2', { exact: true }).fill('Late delivery');
    await round.getByRole('button', { name: 'Add an option' }).nth(1).click();
    await round.getByLabel('Option C of question 2', { exact: true }).fill('Runaround');
    await round.getByLabel('Option C of question 2 is right').check();
    await round.getByLabel('Seconds to answer').nth(1).fill('20');
    await round.getByLabel('Seconds to answer').nth(1).blur();
    await round
      .getByRole('combobox', { name: /^Leaderboard shows/ })
      .selectOption({ label: 'Top 10' });
    // Points without the speed bonus, so who moves up on the leaderboard does not depend on
    // how fast a loaded machine lets each phone tap (scoring.ts's unit tests cover the bonus).
    await round.getByRole('checkbox', { name: /^Speed bonus/ }).uncheck();
    await shot(consolePage, 'laptop-plan');
    await expectAccessible(consolePage, 'the plan with a quiz');

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

  it('seats three phones and starts the session on the quiz', async () => {
    for (const name of NAMES) {
      const page = watchErrors(await newPhone(browser), name);
      phones.set(name, page);
      await page.goto(`${server.url}/join/${code}`);
      await page.getByLabel('Your name, as the room will see it').fill(name);
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await page.getByText('Waiting for the facilitator to start').waitFor();
    }
    for (const [name] of BOTS) {
      const seat = await joinAt(server.url, code, name);
      bots.push(await connectTo(server.url, participantOf(seat)));
    }
    await consolePage.getByRole('button', { name: 'Start session' }).click();
    await consolePage.getByRole('button', { name: 'Show question 1' }).waitFor();
    for (const page of phones.values())
      await page.getByRole('heading', { name: 'Get ready!' }).waitFor();
    await waitForText(quizScreen(), 'A quiz of 2 questions');
    await shootScreen('ready');
    await expectAccessible(screenPage, 'the screen before the quiz');
  });

  it('shows question 1 with a countdown; the phones answer with one tap each', async () => {
    await consolePage.getByRole('button', { name: 'Show question 1' }).click();
    await screenPage.getByRole('heading', { name: Q1 }).waitFor();
    await screenPage.getByRole('timer', { name: 'Seconds left' }).waitFor();
    const ana = phone('Ana');
    await ana.getByRole('heading', { name: Q1 }).waitFor();
    await shot(ana, 'phone-question');
    await expectAccessible(ana, 'a phone with a question');
    await shootScreen('question');
    await expectAccessible(screenPage, 'the screen with a question');

    for (const [i, bot] of bots.entries()) {
      const { view } = await nextView(bot, 'view.public', (m) => m.view.round?.kind === 'quiz');
      const action = { type: 'answer', question: 0, choices: [BOTS[i]?.[1] ?? 0] } as const;
      const result = await emitAck(bot, 'round.act', { roundId: view.round?.id ?? '', action });
      expect(result.ok).toBe(true);
    }
    await ana.getByRole('button', { name: /Actual service minus expected service/ }).tap();
    await phone('Ben')
      .getByRole('button', { name: /Actual service minus expected service/ })
      .tap();
    await phone('Cleo')
      .getByRole('button', { name: /Price minus cost/ })
      .tap();
    for (const page of phones.values())
      await page.getByText('Answer sent. Wait for the reveal…').waitFor();
    await waitForText(quizScreen(), '10 of 10 answered');
    await shot(ana, 'phone-answered');
    await shot(consolePage, 'laptop-question');
    await expectAccessible(consolePage, 'the console with a question');
  });

  it('stops, reveals and ranks question 1; each phone sees only its own result', async () => {
    await consolePage.getByRole('button', { name: 'Stop answers now' }).click();
    await waitForText(quizScreen(), 'Time’s up! 10 answered');
    await shootScreen('locked');
    await consolePage.getByRole('button', { name: 'Reveal the answer' }).click();
    await waitForText(quizScreen(), '5 of 10 right (50%)');
    await shootScreen('revealed');
    await expectAccessible(screenPage, 'the screen after the reveal');

    const ana = phone('Ana');
    await ana.getByText(/^Right! \+\d+/).waitFor();
    await waitForText(ana.getByText(/You have/), /(1st|2nd|3rd|4th|5th) of 10/);
    const cleo = phone('Cleo');
    await cleo.getByText('Not this time: +0').waitFor();
    // Five have 0 points and share 6th place.
    await waitForText(cleo.getByText(/You have/), 'You have 0 points: 6th of 10.');
    // Cleo's phone shows her answer and the right one, and nothing of Ana's or Ben's.
    expect(await cleo.getByText('Ana').count()).toBe(0);
    await shot(ana, 'phone-right');
    await shot(cleo, 'phone-wrong');
    await expectAccessible(cleo, 'a phone after the reveal');

    await consolePage.getByRole('button', { name: 'Show the leaderboard' }).click();
    await screenPage.getByRole('heading', { name: 'Leaderboard after question 1' }).waitFor();
    const rows = screenPage.getByRole('list', { name: 'Leaderboard' }).getByRole('listitem');
    expect(await rows.count()).toBe(10);
    await waitForText(rows.nth(5), 'Cleo');
    await shootScreen('leaderboard');
    await expectAccessible(screenPage, 'the leaderboard');
    await shot(consolePage, 'laptop-leaderboard');
  });

  it('locks question 2 at its deadline on its own, then shows the podium', async () => {
    await consolePage.getByRole('button', { name: 'Show question 2' }).click();
    const ana = phone('Ana');
    await ana.getByRole('heading', { name: Q2 }).waitFor();
    // Two right answers: choose them both, then send.
    for (const name of ['Ana', 'Cleo']) {
      const page = phone(name);
      await page.getByRole('button', { name: /Apathy/ }).tap();
      await page.getByRole('button', { name: /Runaround/ }).tap();
      await page.getByRole('button', { name: 'Send 2 answers' }).tap();
    }
    await phone('Ben')
      .getByRole('button', { name: /Apathy/ })
      .tap();
    await phone('Ben').getByRole('button', { name: 'Send 1 answer' }).tap();
    // Nobody presses "Stop": the server locks at the 20 s deadline.
    await quizScreen().filter({ hasText: 'Time’s up! 3 answered' }).waitFor({ timeout: 60_000 });
    await consolePage.getByRole('button', { name: 'Reveal the answer' }).click();
    await waitForText(quizScreen(), '2 of 3 right (67%)');
    await shootScreen('revealed-multi');
    await phone('Ben').getByText('Not this time: +0').waitFor();
    await shot(phone('Ben'), 'phone-multi-wrong');

    // Cleo was right, Ben was not: the leaderboard shows who moved, in symbols and words.
    await consolePage.getByRole('button', { name: 'Show the leaderboard' }).click();
    await screenPage.getByRole('heading', { name: 'Leaderboard after question 2' }).waitFor();
    await waitForText(
      screenPage.getByRole('list', { name: 'Leaderboard' }).getByRole('listitem'),
      /Cleo.*up \d/,
    );
    await shootScreen('leaderboard-changes');

    await consolePage.getByRole('button', { name: 'Final leaderboard and podium' }).click();
    await screenPage.getByRole('heading', { name: 'Final leaderboard' }).waitFor();
    const podium = screenPage.getByRole('list', { name: 'Podium' }).getByRole('listitem');
    expect(await podium.count()).toBe(3);
    await shootScreen('final');
    await expectAccessible(screenPage, 'the podium');
    for (const page of phones.values())
      await page.getByText(/You finished \d+(st|nd|rd|th) of 10/).waitFor();
    await shot(ana, 'phone-final');
    await expectAccessible(ana, 'a phone at the end');
    await shot(consolePage, 'laptop-final');
    await expectAccessible(consolePage, 'the console at the end');
    expect(pageErrors).toEqual([]);
  });
});
