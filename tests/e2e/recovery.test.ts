/**
 * A hard crash mid-round: the server process is SIGKILLed while phones hold acknowledged
 * answers, then a new process starts on the same port and data directory. Nobody touches
 * the pages: they must notice, say so, and come back on their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  ensureClientBuilt,
  freePort,
  launchBrowser,
  newLaptop,
  newPhone,
  newTempDir,
  removeDir,
  screenshotter,
  startChildServer,
  waitForText,
  type ChildServer,
} from './harness.ts';

const QUESTION = 'How do customers reach us first?';
/** Reconnection backs off to at most 3 s; a restarted server must be picked up well within this. */
const RECOVERY_MS = 10_000;

let dataDir: string;
let port: number;
let server: ChildServer | null = null;
let browser: Browser;
const shot = screenshotter('recovery');

beforeAll(async () => {
  ensureClientBuilt();
  dataDir = newTempDir();
  port = await freePort();
  server = await startChildServer(dataDir, port);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.kill();
  if (dataDir) removeDir(dataDir);
});

async function createSession(url: string) {
  const response = await fetch(`${url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Crash drill',
      agenda: [
        {
          kind: 'poll',
          title: 'First contact',
          config: {
            question: QUESTION,
            options: ['Phone', 'Email', 'Chat'],
            isMultipleChoice: false,
            isAnonymous: false,
          },
        },
      ],
    }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { sessionId: string; code: string; facilitatorToken: string };
}

async function joinAndAnswer(phone: Page, url: string, code: string, name: string, option: string) {
  await phone.goto(`${url}/join/${code}`);
  await phone.getByLabel('Your name, as the room will see it').fill(name);
  await phone.getByRole('button', { name: 'Join', exact: true }).click();
  await phone.getByText('Waiting for the facilitator to start').waitFor();
  return async () => {
    await phone.getByRole('radio', { name: option }).click();
    await waitForText(phone.getByRole('status'), 'Answer saved');
  };
}

describe('recovery after the server is killed mid-round', () => {
  it('reconnects phones and the console on their own, answers and roster intact', async () => {
    const url = server?.url ?? '';
    const session = await createSession(url);
    const laptop = await newLaptop(browser);
    const consolePage = await laptop.newPage();
    await consolePage.goto(`${url}/console/${session.sessionId}#key=${session.facilitatorToken}`);
    await consolePage.getByTestId('join-code').waitFor();

    const ana = await newPhone(browser);
    const ben = await newPhone(browser);
    const anaAnswers = await joinAndAnswer(ana, url, session.code, 'Ana', 'Email');
    const benAnswers = await joinAndAnswer(ben, url, session.code, 'Ben', 'Chat');
    await consolePage.getByRole('button', { name: 'Start session' }).click();
    for (const phone of [ana, ben]) await phone.getByRole('heading', { name: QUESTION }).waitFor();
    await anaAnswers();
    await benAnswers();
    const liveCount = consolePage.getByText(/of 2 answered/);
    await waitForText(liveCount, /^2 of 2 answered/);
    const people = consolePage.getByRole('region', { name: /People/ });
    await waitForText(people.getByRole('heading'), '2 online of 2');
    await shot(ana, 'phone-before-crash');

    await server?.kill();
    server = null;
    const banner = (page: Page) => page.getByText('Connection lost: reconnecting…');
    for (const page of [ana, ben, consolePage]) await banner(page).waitFor();
    await shot(ana, 'phone-server-down');
    await shot(consolePage, 'laptop-server-down');

    server = await startChildServer(dataDir, port);
    const waitOptions = { timeout: RECOVERY_MS };
    for (const page of [ana, ben, consolePage])
      await banner(page).waitFor({ state: 'hidden', ...waitOptions });
    await ana.getByRole('radio', { name: 'Email', checked: true }).waitFor(waitOptions);
    await ben.getByRole('radio', { name: 'Chat', checked: true }).waitFor(waitOptions);
    for (const phone of [ana, ben]) await waitForText(phone.getByRole('status'), 'Answer saved');
    await liveCount.filter({ hasText: /^2 of 2 answered/ }).waitFor(waitOptions);
    await people.getByRole('heading').filter({ hasText: '2 online of 2' }).waitFor(waitOptions);
    expect((await people.getByTestId('roster-name').allTextContents()).sort()).toEqual([
      'Ana',
      'Ben',
    ]);
    const chart = consolePage.getByRole('list', { name: 'Live answers' });
    await waitForText(chart.getByRole('listitem').filter({ hasText: 'Email' }), /1 \(50%\)/);
    await waitForText(chart.getByRole('listitem').filter({ hasText: 'Chat' }), /1 \(50%\)/);
    await shot(ana, 'phone-recovered');
    await shot(consolePage, 'laptop-recovered');

    // The recovered round is live, not a frozen snapshot: a new answer still counts.
    await ben.getByRole('radio', { name: 'Email' }).click();
    await ben.getByRole('radio', { name: 'Email', checked: true }).waitFor();
    await waitForText(chart.getByRole('listitem').filter({ hasText: 'Email' }), /2 \(100%\)/);
  });
});
