/**
 * Expected vs actual in a real browser: two ratings per measure on three phones (one by
 * keyboard), the figures on the console, the gap on the room screen.
 * See exercisesFlows.ts for what every flow checks.
 */
import { describe, expect, it } from 'vitest';
import { bar, FLOW_TIMEOUT_MS, rowCells, useFlowRoom, type Name } from './exercisesFlows.ts';
import { waitForText } from './harness.ts';

const { openPlannedRoom, phone, phones, expectNoPageErrors, screenAtBothSizes, look } =
  useFlowRoom('gap');

describe('expected vs actual from the laptop, three phones and the room screen', () => {
  it(
    'expected vs actual: two ratings per measure on the phones, the gap on the screen',
    async () => {
      const MEASURES = ['Speed', 'Friendliness of our service staff', 'Price'];
      const { console: consolePage, screen } = await openPlannedRoom('Service gaps (e2e)', {
        kind: 'gapRating',
        title: 'Expected vs actual',
        config: {
          question: 'How good do our customers expect our service to be, and how good is it?',
          measures: MEASURES,
          scale: { min: 1, max: 5, lowLabel: 'Very poor', highLabel: 'Excellent' },
        },
      });
      for (const page of phones()) await page.getByRole('heading', { name: 'Speed' }).waitFor();
      await waitForText(screen.getByRole('main'), '0 of 3 rating');

      /** Expected then actual per measure, moving on with "Next measure"; Cleo by keyboard. */
      const rate = async (name: Name, ratings: [number, number][]) => {
        const page = phone(name);
        for (const [i, pair] of ratings.entries()) {
          const measure = MEASURES[i] ?? '';
          await page.getByRole('heading', { name: measure, exact: true }).waitFor();
          for (const [side, value] of [
            ['Expected', pair[0]],
            ['Actual', pair[1]],
          ] as const) {
            const radio = page
              .getByRole('radiogroup', { name: `${side} service: ${measure}` })
              .getByRole('radio', { name: new RegExp(`^${value}\\b`) });
            if (name === 'Cleo') {
              await radio.focus();
              await page.keyboard.press('Space');
            } else {
              await radio.tap();
            }
            await expect.poll(() => radio.getAttribute('aria-checked')).toBe('true');
          }
          if (i < ratings.length - 1)
            await page.getByRole('button', { name: 'Next measure →' }).tap();
        }
        await waitForText(page.getByRole('status'), 'All rated.');
      };
      // Speed falls short for everyone (gaps −2, −2, −1); the others are met or beaten.
      await rate('Ana', [
        [5, 3],
        [4, 4],
        [3, 4],
      ]);
      await rate('Ben', [
        [4, 2],
        [4, 5],
        [3, 3],
      ]);
      await rate('Cleo', [
        [5, 4],
        [3, 4],
        [2, 3],
      ]);
      await look(phone('Cleo'), 'gap-phone-rated');

      await waitForText(
        consolePage.getByText(/3 of 3 started/),
        '3 rated every measure · 18 of 18',
      );
      await consolePage.getByText('Figures per measure').click();
      const figures = consolePage.getByRole('table');
      const speed = await rowCells(figures, 'Speed');
      expect([...speed.slice(0, 3), ...speed.slice(4)]).toEqual([
        '4.7',
        '3.0',
        '−1.67',
        '−2 to −1',
        '3',
      ]);
      const price = await rowCells(figures, 'Price');
      expect([...price.slice(0, 3), ...price.slice(4)]).toEqual([
        '2.7',
        '3.3',
        '+0.67',
        '0 to +1',
        '3',
      ]);
      await look(consolePage, 'gap-console-live');
      await waitForText(screen.getByRole('main'), '3 of 3 rating · 3 finished');
      await screenAtBothSizes('gap-rating');

      await consolePage.getByRole('button', { name: 'Lock answers' }).click();
      await waitForText(phone('Ben').getByRole('status'), 'Ratings are locked.');
      await consolePage.getByRole('button', { name: 'Reveal results' }).click();
      await waitForText(
        screen.getByRole('main'),
        '1 of 3 measures fall short of expectations · 3 rated',
      );
      const chart = screen.getByRole('list', { name: 'Gap per measure' });
      await waitForText(bar(chart, 'Speed'), '✗ Short');
      expect(await bar(chart, 'Speed').textContent()).toContain('−1.67');
      expect(await bar(chart, 'Price').textContent()).toContain('✓ Satisfied');
      await screenAtBothSizes('gap-revealed');
      const ana = phone('Ana');
      await waitForText(
        bar(ana.getByRole('list', { name: 'The gap per measure' }), 'Speed'),
        'yours −2',
      );
      await look(ana, 'gap-phone-revealed');
      expectNoPageErrors();
    },
    FLOW_TIMEOUT_MS,
  );
});
