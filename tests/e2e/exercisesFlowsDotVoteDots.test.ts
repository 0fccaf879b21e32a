/**
 * The dot vote in "dots" mode in a real browser: three phones spread their dots with the
 * steppers ("+" stops at the cap on one option and when no dot is left), the console counts
 * dots live, and the room screen ranks the options by dots after the reveal.
 * See exercisesFlows.ts for what every flow checks.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bar, FLOW_TIMEOUT_MS, useFlowRoom, type Name } from './exercisesFlows.ts';
import { waitForText } from './harness.ts';

const { openPlannedRoom, phone, phones, expectNoPageErrors, screenAtBothSizes, look } =
  useFlowRoom('dotvote-dots');

const OPTIONS = ['Complaints', 'Survey cards', 'Focus groups', 'One-on-ones'];
const QUESTION = 'Where should the team listen to customers more?';
const DOTS = 5;
const MAX_PER_OPTION = 3;

/** A "+" button; with `disabled`, only once it is (or is not) disabled. */
const put = (page: Page, option: string, disabled?: boolean) =>
  page.getByRole('button', {
    name: `Put a dot on ${option}`,
    exact: true,
    ...(disabled === undefined ? {} : { disabled }),
  });
const takeOff = (page: Page, option: string) =>
  page.getByRole('button', { name: `Take a dot off ${option}`, exact: true });
/** The phone's "N dots left of 5." line, once it says `left`. */
const dotsLeft = (page: Page, left: string) =>
  page.getByText(`${left} left of ${DOTS}.`, { exact: true }).waitFor();

describe('a dot vote spreading dots from the laptop, three phones and the room screen', () => {
  it(
    'dot vote with dots: steppers stop at the cap and the total, live dots, ranked by dots',
    async () => {
      const { console: consolePage, screen } = await openPlannedRoom('Listening dots (e2e)', {
        kind: 'dotVote',
        title: 'Where to listen',
        config: {
          question: QUESTION,
          options: OPTIONS.map((label) => ({ label, description: '' })),
          rule: { mode: 'dots', dots: DOTS, maxPerOption: MAX_PER_OPTION },
          exampleMode: 'off',
          isAnonymous: false,
          showShortfallNames: false,
        },
      });
      for (const page of phones()) await page.getByRole('heading', { name: QUESTION }).waitFor();
      await waitForText(screen.getByRole('main'), 'Spread 5 dots; at most 3 on one option.');
      await phone('Ana').getByText('Spread 5 dots; at most 3 on one option.').waitFor();

      /** Taps "+" on each option as often as `dots` says, then saves. */
      const spread = async (name: Name, dots: Record<string, number>) => {
        const page = phone(name);
        for (const [option, n] of Object.entries(dots))
          for (let i = 0; i < n; i++) await put(page, option).tap();
        const spent = Object.values(dots).reduce((a, b) => a + b, 0);
        await dotsLeft(page, DOTS - spent === 1 ? '1 dot' : `${DOTS - spent} dots`);
        await page.getByRole('button', { name: 'Save my vote' }).tap();
        await waitForText(page.getByRole('status'), 'Vote saved.');
      };

      // Ana: three on Complaints, where "+" stops at the cap though she has dots left.
      const ana = phone('Ana');
      await dotsLeft(ana, '5 dots');
      expect(await takeOff(ana, 'Complaints').isDisabled()).toBe(true);
      for (let i = 0; i < 3; i++) await put(ana, 'Complaints').tap();
      await dotsLeft(ana, '2 dots');
      await put(ana, 'Complaints', true).waitFor();
      await waitForText(ana.getByRole('group', { name: QUESTION }), '3 dots');
      // Two on Survey cards spend the last dots: every "+" stops, every "−" with a dot works.
      await put(ana, 'Survey cards').tap();
      await put(ana, 'Survey cards').tap();
      await dotsLeft(ana, '0 dots');
      for (const option of OPTIONS) await put(ana, option, true).waitFor();
      expect(await takeOff(ana, 'Survey cards').isEnabled()).toBe(true);
      expect(await takeOff(ana, 'One-on-ones').isDisabled()).toBe(true);
      // One off Survey cards gives a dot back, and "+" works again where the cap allows.
      await takeOff(ana, 'Survey cards').tap();
      await dotsLeft(ana, '1 dot');
      await put(ana, 'Focus groups', false).waitFor();
      await put(ana, 'Complaints', true).waitFor();
      await put(ana, 'Survey cards').tap();
      await dotsLeft(ana, '0 dots');
      await look(ana, 'dotvote-dots-phone-mid-vote');
      await ana.getByRole('button', { name: 'Save my vote' }).tap();
      await waitForText(ana.getByRole('status'), 'Vote saved.');

      // The console counts Ana's dots as soon as she saves.
      const live = consolePage.getByRole('list', { name: 'Live dots' });
      await waitForText(bar(live, 'Complaints'), '3 (60%)');
      expect(await bar(live, 'Survey cards').textContent()).toBe('Survey cards (1 person)2 (40%)');
      await consolePage.getByText('1 of 3 voted').waitFor();

      await spread('Ben', { Complaints: 2, 'Focus groups': 3 });
      // Cleo spends three of her five: dots left over are allowed.
      await spread('Cleo', { Complaints: 1, 'Survey cards': 1, 'Focus groups': 1 });

      // Thirteen dots: Complaints 6 from three people, Focus groups 4, Survey cards 3.
      await waitForText(bar(live, 'Complaints'), '6 (46%)');
      expect(await live.getByRole('listitem').allTextContents()).toEqual([
        'Complaints (3 people)6 (46%)',
        'Focus groups (2 people)4 (31%)',
        'Survey cards (2 people)3 (23%)',
        'One-on-ones (0 people)0 (0%)',
      ]);
      await consolePage.getByText('3 of 3 voted').waitFor();
      await look(consolePage, 'dotvote-dots-console-live');
      await waitForText(screen.getByRole('main'), '3 of 3 voted');
      await screenAtBothSizes('dotvote-dots-voting');

      // Locked: the phones' steppers stop.
      await consolePage.getByRole('button', { name: 'Lock answers' }).click();
      await consolePage.getByRole('button', { name: 'Reopen answers' }).waitFor();
      const cleo = phone('Cleo');
      await waitForText(cleo.getByRole('status'), 'Voting is closed.');
      for (const option of OPTIONS) await put(cleo, option, true).waitFor();
      expect(await takeOff(cleo, 'Complaints').isDisabled()).toBe(true);

      await consolePage.getByRole('button', { name: 'Reveal results' }).click();
      await consolePage.getByRole('button', { name: 'Hide results' }).waitFor();
      const results = screen.getByRole('list', { name: 'Results' });
      await waitForText(bar(results, '1. Complaints'), '6 (46%)');
      expect(await results.getByRole('listitem').allTextContents()).toEqual([
        '1. Complaints6 (46%)',
        '2. Focus groups4 (31%)',
        '3. Survey cards3 (23%)',
        '4. One-on-ones0 (0%)',
      ]);
      // Spreading dots has no minimum, so nobody falls short.
      expect(await screen.getByText(/chose fewer than/).count()).toBe(0);
      await screenAtBothSizes('dotvote-dots-revealed');

      // Each phone shows the ranking with its own options marked.
      const anaResults = ana.getByRole('list', { name: 'Results' });
      await waitForText(anaResults, 'Complaints (your answer)');
      expect(await anaResults.getByRole('listitem').allTextContents()).toEqual([
        'Complaints (your answer)6 (46%)',
        'Focus groups4 (31%)',
        'Survey cards (your answer)3 (23%)',
        'One-on-ones0 (0%)',
      ]);
      await ana.getByText('3 people voted.').waitFor();
      await look(ana, 'dotvote-dots-phone-revealed');
      expectNoPageErrors();
    },
    FLOW_TIMEOUT_MS,
  );
});
