/**
 * The dot vote in a real browser: choices and examples on three phones, the shortfall named,
 * examples moderated on the console and shown on the room screen.
 * See exercisesFlows.ts for what every flow checks.
 */
import { describe, expect, it } from 'vitest';
import { bar, FLOW_TIMEOUT_MS, useFlowRoom, type Name } from './exercisesFlows.ts';
import { waitForText } from './harness.ts';

const { openPlannedRoom, phone, phones, expectNoPageErrors, screenAtBothSizes, look } =
  useFlowRoom('dotvote');

describe('a dot vote from the laptop, three phones and the room screen', () => {
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
});
