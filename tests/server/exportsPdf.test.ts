import fs from 'node:fs';
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import type { ExportDocument } from '../../server/src/exports/document.ts';
import { DEJAVU_SANS } from '../../server/src/exports/fonts.ts';
import { renderPdf } from '../../server/src/exports/pdf.ts';
import { planDocument } from '../../server/src/exports/plan.ts';
import { FIVE_ACTION_PLAN, notebookSample } from './fixtures/exportSamples.ts';

/** The text of each page, whitespace collapsed: wrapping turns spaces into line breaks. */
async function pagesOf(pdf: Buffer): Promise<string[]> {
  const { text } = await extractText(new Uint8Array(pdf));
  return text.map((page) => page.replace(/\s+/g, ' '));
}

const context = {
  workshopTitle: 'Customer service as a system',
  date: '2025-03-07',
  participantName: 'Zoë Łukasz-Дарья',
};

// .ci/run installs fonts-dejavu-core; without it the PDF falls back to Helvetica (tested below).
const hasDejaVu = fs.existsSync(DEJAVU_SANS.regular) && fs.existsSync(DEJAVU_SANS.bold);

describe('renderPdf', () => {
  it.runIf(hasDejaVu)(
    'shows the plan title, names in Latin and Cyrillic and every filled field on 1-2 pages',
    async () => {
      const pdf = await renderPdf(planDocument(FIVE_ACTION_PLAN, context));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const pages = await pagesOf(pdf);
      expect(pages.length).toBeGreaterThanOrEqual(1);
      expect(pages.length).toBeLessThanOrEqual(2);
      const text = pages.join(' ');
      expect(text).toContain('Action plan: Zoë Łukasz-Дарья');
      expect(text).toContain('Customer service as a system · 2025-03-07');
      for (const action of FIVE_ACTION_PLAN.actions) {
        expect(text).toContain(action.text);
        for (const field of ['firstStep', 'involve', 'measure'] as const) {
          expect(text).toContain(action[field]);
        }
        if (action.due) expect(text).toContain(action.due);
        if (action.roundTitle) expect(text).toContain(action.roundTitle);
      }
      expect(text).toContain('2025-03-14 (Friday)');
      expect(text).toContain('José says the data is already in the phone system.');
      // The emoji DejaVu lacks becomes one replacement mark; the words around it stay.
      expect(text).toContain('They missed the session \ufffd and deserve the same story');
      expect(text).toContain(`Page 1 of ${pages.length}`);
    },
  );

  it('labels fields and leaves out the empty ones', async () => {
    const pages = await pagesOf(await renderPdf(planDocument(FIVE_ACTION_PLAN, context)));
    const third = pages.join(' ').split('3. Try a callback option')[1]?.split('4. Share')[0];
    expect(third).toBeDefined();
    expect(third).toContain('First step');
    expect(third).toContain('How I will know it worked');
    expect(third).not.toContain('Why it matters');
    expect(third).not.toContain('Due');
    expect(third).not.toContain('From the round');
  });

  it('repeats the header row on every page a long table spans', async () => {
    const rows = 150;
    const pages = await pagesOf(await renderPdf(notebookSample(rows)));
    expect(pages.length).toBeGreaterThanOrEqual(4);
    const withRows = pages.filter((page) => /Łukasz \d+|José \d+/.test(page));
    expect(withRows.length).toBeGreaterThanOrEqual(3);
    for (const page of withRows) expect(page).toContain('Worker Day 1 Day 2 Day 3 Total');
    const all = pages.join(' ');
    for (let i = 5; i < rows; i++)
      expect(all).toMatch(new RegExp(` ${i} \\d+ \\d+ \\d+ ${24 + i} `));
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`));
  });

  it.runIf(hasDejaVu)('writes chart labels, values, limits and markers as text', async () => {
    const text = (await pagesOf(await renderPdf(notebookSample(3)))).join(' ');
    for (const expected of [
      'Being understood',
      '-2.4',
      '1.25',
      'points on a 1–7 scale',
      'UCL 10.4',
      'CL 4.25',
      'LCL 0',
      'New supplier: 10% red',
      'Bonus for the best worker',
      'Points 1–12: centre 10.6, limits 1.6 to 19.6',
      'Signal at point 9 (rule 1)',
      'Send the notebook to everyone — Zoë',
      '<script>alert(1)</script>',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('replaces what Helvetica cannot draw when told to use the built-in font', async () => {
    const pdf = await renderPdf(planDocument(FIVE_ACTION_PLAN, context), { useBuiltInFont: true });
    const text = (await pagesOf(pdf)).join(' ');
    expect(text).toContain('Action plan: Zoë Lukasz-?????');
    expect(text).toContain('José says');
    expect(text).toContain('They missed the session ? and deserve');
    expect(text).not.toMatch(/[Łł\u0400-\u04ff]/);
  });

  it('renders empty and hostile content without throwing', async () => {
    const doc: ExportDocument = {
      title: '',
      sections: [
        { heading: '', blocks: [] },
        {
          heading: 'Edge cases \u0000\u0007 \ud800',
          blocks: [
            { type: 'paragraph', text: '' },
            { type: 'paragraph', text: 'x'.repeat(5000) },
            { type: 'table', columns: [], rows: [['ignored']] },
            { type: 'table', columns: ['Only'], rows: [[], ['a', 'extra'], ['y '.repeat(4000)]] },
            { type: 'bars', labels: [], values: [], unit: '' },
            { type: 'bars', labels: ['a'], values: [Number.NaN], unit: '' },
            { type: 'bars', labels: ['zero', 'also zero'], values: [0, 0], unit: 'x' },
            { type: 'list', title: '', items: [] },
            { type: 'checklist', items: [{ text: '', isDone: true, owner: '' }] },
            { type: 'fields', rows: [{ label: '', value: '' }] },
            {
              type: 'controlChart',
              chart: {
                title: 'Empty',
                kind: 'p',
                unit: '',
                points: [],
                segments: [],
                cumulative: [],
                expected: null,
                signals: [],
                markers: [],
              },
            },
            {
              type: 'controlChart',
              chart: {
                title: 'Flat',
                kind: 'p',
                unit: 'share',
                points: [{ value: 0.5, label: 'one', isBeyondLimits: false }],
                segments: [{ start: 0, end: 1, center: 0.5, lower: 0.5, upper: 0.5 }],
                cumulative: [0.5],
                expected: null,
                signals: [],
                markers: [{ beforePoint: 7, label: 'out of range', isSystemChange: true }],
              },
            },
          ],
        },
      ],
    };
    const pages = await pagesOf(await renderPdf(doc));
    expect(pages.length).toBeLessThanOrEqual(8);
    expect(pages.join(' ')).toContain('No points yet.');
  });

  it('produces an A4 page', async () => {
    const pdf = (await renderPdf({ title: 'A4', sections: [] })).toString('latin1');
    expect(pdf).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
  });
});
