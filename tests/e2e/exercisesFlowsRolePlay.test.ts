/**
 * The role-play in a real browser: a trio formed, the observer scores, roles rotate, and the
 * room sees the mean score per step.
 * See exercisesFlows.ts for what every flow checks.
 */
import { describe, expect, it } from 'vitest';
import { UNANSWERED_COMPLAINT } from '@playfield/shared/exercises/rolePlay/presets';
import { bar, FLOW_TIMEOUT_MS, NAMES, rowCells, useFlowRoom, type Name } from './exercisesFlows.ts';
import { waitForText } from './harness.ts';

const {
  openPlannedRoom,
  phone,
  phones,
  expectNoPageErrors,
  screenAtBothSizes,
  look,
  lockAndReveal,
} = useFlowRoom('roleplay');

describe('a role-play from the laptop, three phones and the room screen', () => {
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
