/**
 * The canvas in a real browser: entries posted and edited on three phones, a duplicate merged
 * on the console, the room screen filled in live without names.
 * See exercisesFlows.ts for what every flow checks.
 */
import { describe, expect, it } from 'vitest';
import { canvasPresets } from '@playfield/shared/exercises/canvas/presets';
import { FLOW_TIMEOUT_MS, useFlowRoom, type Name } from './exercisesFlows.ts';
import { waitForText } from './harness.ts';

const {
  openPlannedRoom,
  phone,
  phones,
  expectNoPageErrors,
  screenAtBothSizes,
  look,
  lockAndReveal,
} = useFlowRoom('canvas');

describe('a canvas from the laptop, three phones and the room screen', () => {
  it(
    'canvas: entries posted and edited on the phones, merged on the console, on the screen',
    async () => {
      const CANVAS = canvasPresets.momentsOfTruth;
      const { console: consolePage, screen } = await openPlannedRoom('Moments of truth (e2e)', {
        kind: 'canvas',
        title: CANVAS.title,
        config: CANVAS.config,
      });
      for (const page of phones())
        await page.getByRole('button', { name: 'Add to “Before they buy”' }).waitFor();

      /** Adds an entry to a box with its impression, and waits for it in the phone's list. */
      const post = async (name: Name, box: string, text: string, impression: string) => {
        const page = phone(name);
        await page.getByRole('button', { name: `Add to “${box}”` }).tap();
        await page.getByLabel(`Your entry for “${box}”`).fill(text);
        await page.getByRole('radio', { name: impression, exact: true }).tap();
        await page.getByRole('button', { name: 'Post', exact: true }).tap();
        await page
          .getByRole('list', { name: `Your entries in ${box}` })
          .getByText(text)
          .waitFor();
      };
      await post('Ana', 'Before they buy', 'The website’s first page', '4');
      await post('Ben', 'Before they buy', 'Our home page', '2');
      await post('Ben', 'Buying', 'The invoice is hard to read', '1, Poor');
      await post('Cleo', 'When something goes wrong', 'Nobody calls back', '1, Poor');
      // Cleo says more about hers.
      const cleo = phone('Cleo');
      await cleo.getByRole('button', { name: 'Edit “Nobody calls back”' }).tap();
      await cleo
        .getByLabel('Your entry for “When something goes wrong”')
        .fill('Nobody calls back after a complaint');
      await cleo.getByRole('button', { name: 'Save changes' }).tap();
      await cleo.getByText('Nobody calls back after a complaint', { exact: true }).waitFor();
      await waitForText(cleo.getByText(/You have \d of 12 entries/), 'You have 1 of 12 entries');
      await look(cleo, 'canvas-phone-posted');

      // Not anonymous: the console names each author; the facilitator merges a duplicate.
      await waitForText(
        consolePage.getByText(/entries from/).first(),
        '4 entries from 3 of 3 people',
      );
      const before = consolePage.getByRole('list', { name: 'Entries in Before they buy' });
      await waitForText(before, 'The website’s first page — Ana');
      await waitForText(before, 'Our home page — Ben');
      const moderate = consolePage.getByLabel('Moderate “Our home page”');
      const duplicate = before.getByRole('listitem').filter({ has: moderate });
      await moderate.click();
      await duplicate
        .getByLabel('Merge as a duplicate into')
        .selectOption({ label: 'The website’s first page' });
      await duplicate.getByRole('button', { name: 'Merge “Our home page”' }).click();
      await consolePage
        .getByRole('list', { name: 'Merged into “The website’s first page”' })
        .waitFor();
      await waitForText(
        consolePage.getByRole('region', { name: 'Before they buy' }),
        'average impression it leaves 3.0 of 5',
      );
      await look(consolePage, 'canvas-console-live');

      // The room screen fills in live, without names.
      await waitForText(screen.getByRole('main'), '4 entries from 3 people');
      const screenBox = screen.getByRole('region', { name: 'Before they buy' });
      await waitForText(screenBox, 'The website’s first page ×2');
      await waitForText(screenBox, 'impression it leaves 3.0 of 5');
      expect(await screen.getByText(/Ana|Ben|Cleo/).count()).toBe(0);
      await screenAtBothSizes('canvas-live');

      await lockAndReveal();
      const ana = phone('Ana');
      await ana.getByRole('heading', { name: 'What the room wrote' }).waitFor();
      await waitForText(
        ana.getByRole('list', { name: 'What the room wrote in Before they buy' }),
        'The website’s first page ×2 (yours)',
      );
      await waitForText(
        ana.getByRole('list', { name: 'What the room wrote in When something goes wrong' }),
        'Nobody calls back after a complaint',
      );
      await ana.getByText('The canvas is locked.').waitFor();
      await look(ana, 'canvas-phone-revealed');
      expectNoPageErrors();
    },
    FLOW_TIMEOUT_MS,
  );
});
