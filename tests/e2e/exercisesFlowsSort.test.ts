/**
 * The sort in a real browser: planned in the agenda editor, sorted on three phones (by touch
 * and from the keyboard), scored after the reveal, the most divisive statement on the screen.
 * See exercisesFlows.ts for what every flow checks.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { FLOW_TIMEOUT_MS, rowCells, useFlowRoom, type Name } from './exercisesFlows.ts';
import { waitForText } from './harness.ts';

const {
  url,
  newConsole,
  openRoom,
  current,
  phone,
  phones,
  expectNoPageErrors,
  screenAtBothSizes,
  look,
  lockAndReveal,
} = useFlowRoom('sort');

describe('a sort from the laptop, three phones and the room screen', () => {
  it(
    'sort: planned in the agenda editor, sorted on the phones, scored after the reveal',
    async () => {
      const errors: string[] = [];
      const consolePage = await newConsole(errors);
      await consolePage.goto(`${url()}/new`);
      await consolePage.getByRole('heading', { name: 'Plan your session' }).waitFor();
      await consolePage.getByLabel('Session title').fill('Sorting (e2e)');
      const round = consolePage.getByRole('listitem').filter({ hasText: 'Round 1' });
      await round.getByLabel('Exercise').selectOption({ label: 'Sort' });
      await round.getByLabel('Round title').fill('Product or service?');
      await consolePage.getByRole('button', { name: 'Create session' }).click();
      await consolePage.waitForURL(/\/console\/[A-Za-z0-9_-]+#key=/);
      await openRoom(consolePage, errors);

      // The default sort: four statements, the expected answers product, service, product, service.
      const PRODUCT = 'Product performance';
      const SERVICE = 'Service performance';
      const STATEMENTS = [
        'Tangible, stackable, weighable',
        'Produced with the customer present',
        'Can follow a standard template',
        'The receiver’s quality standards prevail',
      ];
      for (const page of phones())
        await page
          .getByRole('heading', { name: 'Product performance or service performance?' })
          .waitFor();

      /** Sorts the statement on show into `category` and waits for the phone to move on. */
      const sortInto = async (page: Page, at: number, category: string) => {
        const statement = STATEMENTS[at] ?? '';
        const group = page.getByRole('radiogroup', { name: statement });
        await group.getByRole('radio', { name: category }).tap();
        await page.getByText(`${at + 1} of 4 sorted`).waitFor();
      };
      // Ana sorts all four as expected.
      const ana = phone('Ana');
      for (const [at, category] of [PRODUCT, SERVICE, PRODUCT, SERVICE].entries())
        await sortInto(ana, at, category);
      await waitForText(ana.getByRole('status'), 'All 4 sorted');
      expect(await ana.getByRole('listitem').allTextContents()).toEqual([
        `${STATEMENTS[0]}${PRODUCT}Change`,
        `${STATEMENTS[1]}${SERVICE}Change`,
        `${STATEMENTS[2]}${PRODUCT}Change`,
        `${STATEMENTS[3]}${SERVICE}Change`,
      ]);
      // Ben puts everything under product, then changes his mind on the second statement.
      const ben = phone('Ben');
      for (const at of [0, 1, 2, 3]) await sortInto(ben, at, PRODUCT);
      await ben.getByRole('button', { name: `Change “${STATEMENTS[1]}”` }).tap();
      await ben.getByText('Statement 2 of 4').waitFor();
      const second = ben.getByRole('radiogroup', { name: STATEMENTS[1] ?? '' });
      expect(await second.getByRole('radio', { name: PRODUCT }).getAttribute('aria-checked')).toBe(
        'true',
      );
      await second.getByRole('radio', { name: SERVICE }).tap();
      await ben.getByRole('heading', { name: 'Your answers' }).waitFor();
      await waitForText(ben.getByRole('listitem').nth(1), SERVICE);
      // Cleo sorts from the keyboard: a category focused, then Enter.
      const cleo = phone('Cleo');
      for (const [at, category] of [SERVICE, SERVICE, PRODUCT, PRODUCT].entries()) {
        const radio = cleo
          .getByRole('radiogroup', { name: STATEMENTS[at] ?? '' })
          .getByRole('radio', { name: category });
        await radio.focus();
        await cleo.keyboard.press('Enter');
        await cleo.getByText(`${at + 1} of 4 sorted`).waitFor();
      }
      await look(cleo, 'sort-phone-all-sorted');

      // Ana 4 of 4 as expected, Ben 3, Cleo 2: 9 of 12 answers, 75%.
      await waitForText(consolePage.getByText(/3 of 3 sorting/), '3 finished');
      await consolePage.getByText('75%').first().waitFor();
      const table = consolePage.getByRole('table', { name: 'Live spread per statement' });
      expect(await rowCells(table, STATEMENTS[0] ?? '')).toEqual(['2 ✓ (expected)', '1', '67%']);
      expect(await rowCells(table, STATEMENTS[1] ?? '')).toEqual(['0', '3 ✓ (expected)', '100%']);
      expect(await rowCells(table, STATEMENTS[3] ?? '')).toEqual(['2', '1 ✓ (expected)', '33%']);
      await look(consolePage, 'sort-console-live');
      // Private until the reveal: the screen counts, the phones show no score.
      expect(await ana.getByText(/You sorted/).count()).toBe(0);
      await waitForText(current().screen.getByRole('main'), '3 of 3 sorting · 3 sorted all 4');
      await screenAtBothSizes('sort-sorting');

      await lockAndReveal();
      await waitForText(current().screen.getByRole('main'), '75% of answers as expected');
      const divided = current()
        .screen.getByRole('list')
        .filter({ hasText: STATEMENTS[3] ?? '' });
      await waitForText(divided, `2 ${PRODUCT} · 1 ✓ ${SERVICE}`);
      await screenAtBothSizes('sort-revealed');
      const scores: [Name, number][] = [
        ['Ana', 4],
        ['Ben', 3],
        ['Cleo', 2],
      ];
      for (const [name, correct] of scores)
        await waitForText(
          phone(name).getByRole('paragraph'),
          `You sorted ${correct} of 4 as expected.`,
        );
      await ben.getByText('33% of the room sorted it as expected. You did not.').waitFor();
      await look(ben, 'sort-phone-revealed');

      // The facilitator puts the most divisive statement on the screen.
      await consolePage
        .getByRole('button', { name: `Show “${STATEMENTS[3]}” on the screen` })
        .click();
      await current().screen.getByText('Statement 4 of 4').waitFor();
      await waitForText(current().screen.getByRole('main'), '33% sorted it as expected');
      await screenAtBothSizes('sort-statement');
      expectNoPageErrors();
    },
    FLOW_TIMEOUT_MS,
  );
});
