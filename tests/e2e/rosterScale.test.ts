/**
 * The console with 5,000 people: a session filled to its seat limit in its stored log (not
 * through 5,000 sockets on a two-core machine), loaded by the runtime as after a restart,
 * then opened in Chromium at 1366x768. The roster holds only the rows in view,
 * a person is found by name, and a removal and a late join reach the page as patches.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { LIMITS, type EventEnvelope } from '@playfield/shared';
import { count } from '@playfield/shared/plural';
import {
  expectAccessible,
  screenshotOnFailure,
  screenshotter,
  useBrowserRun,
  waitForText,
  type BrowserRun,
} from './harness.ts';

const TITLE = 'All hands (5,000 people)';
const SEATS = LIMITS.participantsPerSession - 1;

let run: BrowserRun;
let consolePage: Page | undefined;
const shot = screenshotter('roster-scale');
const pageErrors: string[] = [];

useBrowserRun((ready) => (run = ready));
screenshotOnFailure(shot, () => [['console', consolePage]]);

/**
 * Creates the session and seats `SEATS` people in its stored log (5,000 join events in one
 * write, as a restart would find them), then loads it: the runtime replays the log.
 */
async function fullSession() {
  const { manager } = run.server.playfield;
  const created = await manager.create({
    title: TITLE,
    agenda: [
      {
        kind: 'poll',
        title: 'Channels',
        config: {
          question: 'Which channel do customers prefer?',
          options: ['Phone', 'Chat', 'Email'],
          isMultipleChoice: false,
          isAnonymous: false,
        },
      },
    ],
  });
  if (!created.ok) throw new Error(created.error.message);
  const joins: EventEnvelope[] = Array.from({ length: SEATS }, (_, i) => ({
    seq: i + 2,
    at: Date.now(),
    event: {
      type: 'participant.joined',
      participantId: `seat${String(i).padStart(8, '0')}`,
      name: `Person ${i + 1}`,
    },
  }));
  await manager.repository.append(created.data.sessionId, joins, {
    title: TITLE,
    phase: 'lobby',
    ended_at: null,
    participant_count: SEATS,
    round_count: 1,
    last_seq: SEATS + 1,
  });
  const live = await manager.get(created.data.sessionId);
  if (!live) throw new Error('the session did not load');
  expect(live.state.seq).toBe(SEATS + 1);
  return { ...created.data, live };
}

describe('the console with 5,000 people', () => {
  it('loads, draws only the rows in view, finds a person and shows changes as they come', async () => {
    const session = await fullSession();
    consolePage = await run.laptop.newPage();
    consolePage.on('pageerror', (error) => pageErrors.push(error.message));
    await consolePage.goto(
      `${run.server.url}/console/${session.sessionId}#key=${session.facilitatorToken}`,
    );
    const heading = consolePage.getByRole('heading', { name: /^People/ });
    await waitForText(heading, `(0 online of ${count(SEATS)})`);

    const list = consolePage.getByRole('list', { name: 'People in the session' });
    const rows = list.getByRole('listitem');
    await rows.first().waitFor();
    const drawn = await rows.count();
    console.info(`console roster at ${SEATS} people: ${drawn} rows in the page`);
    expect(drawn).toBeGreaterThan(5);
    expect(drawn).toBeLessThan(100);
    await expect(rows.first().getAttribute('aria-setsize')).resolves.toBe(String(SEATS));
    await rows.first().scrollIntoViewIfNeeded();
    await shot(consolePage, 'console-5000');

    // Scrolled to the end, the last people are drawn and the first ones are gone.
    await consolePage.getByTestId('roster-scroll').evaluate((box) => {
      box.scrollTop = box.scrollHeight;
    });
    await list.getByText(`Person ${SEATS}`, { exact: true }).waitFor();
    await expect(list.getByText('Person 1', { exact: true }).count()).resolves.toBe(0);

    // A name finds anyone; selecting them and removing them comes back as a patch.
    await consolePage.getByRole('searchbox', { name: 'Find a person' }).fill('Person 4321');
    await waitForText(consolePage.getByText(/of [\d,]+ match/), `1 of ${count(SEATS)} match`);
    await consolePage.getByRole('checkbox', { name: 'Select Person 4321', exact: true }).click();
    await consolePage.getByRole('button', { name: 'Remove selected (1)' }).click();
    await consolePage.getByRole('button', { name: 'Remove 1 person' }).click();
    await waitForText(heading, `(0 online of ${count(SEATS - 1)})`);
    await waitForText(consolePage.getByText(/seat removed/), '1 seat removed');
    await shot(consolePage, 'console-5000-after-removal');

    // A late join reaches the open console as a patch too.
    await session.live.execute(
      { type: 'participant.join', name: 'Late Comer' },
      { role: 'system' },
    );
    await waitForText(heading, `(0 online of ${count(SEATS)})`);
    await consolePage.getByRole('searchbox', { name: 'Find a person' }).fill('Late');
    await list.getByText('Late Comer', { exact: true }).waitFor();

    await expectAccessible(consolePage, 'the console with 5,000 people');
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
