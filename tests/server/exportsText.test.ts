import fs from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { RoundSummary } from '@playfield/shared';
import { csvField, summaryToCsv, toCsv } from '../../server/src/exports/csv.ts';
import {
  cmapCoverage,
  DEJAVU_SANS,
  fitTextToFont,
  winAnsiCovers,
} from '../../server/src/exports/fonts.ts';
import { escapeMarkdown, renderMarkdown } from '../../server/src/exports/markdown.ts';
import { planDocument } from '../../server/src/exports/plan.ts';
import { safeFileName, uniqueFileNames, zipFiles } from '../../server/src/exports/zip.ts';
import { FIVE_ACTION_PLAN, notebookSample, SAMPLE_CHART } from './fixtures/exportSamples.ts';

const context = { workshopTitle: 'Spring workshop', date: '2025-03-07', participantName: 'Zoë' };

describe('renderMarkdown', () => {
  it('renders the title, sections, lists, task lists, fields and tables', () => {
    const md = renderMarkdown(notebookSample(5));
    expect(md.startsWith('# Customer service as a system — Zoë’s notebook\n\n')).toBe(true);
    expect(md).toContain('_Spring workshop · 2025-03-07 · code K7Q2_');
    expect(md).toContain('## Agenda\n\n- Poll: what do customers want?\n- Red Bead\n');
    expect(md).toContain('- [x] Send the notebook to everyone (Zoë)');
    expect(md).toContain('- [ ] Book the follow-up session (Łukasz)');
    expect(md).toContain('- [ ] Ask Дарья for the queue data\n');
    expect(md).toContain(
      '| Worker | Day 1 | Day 2 | Day 3 | Total |\n| --- | --- | --- | --- | --- |',
    );
    expect(md).toContain('| Дарья | 11 | 10 | 9 | 27 |');
    expect(md).toContain('- **Notes:** We agreed to stop the monthly ranking.\\\n  \\<script\\>');
  });

  it('draws bars as a table with text bars, negative values marked', () => {
    const md = renderMarkdown(notebookSample(1));
    expect(md).toContain('| Item | Value (answers) | Bar |');
    expect(md).toContain(`| Speed | 14 | ${'█'.repeat(20)} |`);
    expect(md).toContain(`| Friendliness | 4 | ${'█'.repeat(6)} |`);
    expect(md).toContain(`| Waiting time | -2.4 | −${'█'.repeat(20)} |`);
    expect(md).toContain('| Łukasz’s idea | 0 |  |');
  });

  it('lists a control chart’s points with their limits, markers and signals', () => {
    const md = renderMarkdown({
      title: 'Chart',
      sections: [{ heading: 'Red Bead', blocks: [{ type: 'controlChart', chart: SAMPLE_CHART }] }],
    });
    expect(md).toContain(
      '| # | Point | Value (red beads) | Lower limit | Centre | Upper limit | Notes |',
    );
    expect(md).toContain('| 1 | Day 1, Zoë | 9 | 1.6 | 10.6 | 19.6 |  |');
    expect(md).toContain('| 6 | Day 2, Zoë | 7 | 1.6 | 10.6 | 19.6 | before this point: Bonus');
    expect(md).toContain('| 9 | Day 2, Дарья | 21 | 1.6 | 10.6 | 19.6 | beyond the limits |');
    expect(md).toContain('| 13 | Day 3, José | 4 | 0 | 4.25 | 10.4 | before this point: New');
    expect(md).toContain('- Expected from the system: 4.5');
    expect(md).toContain('- Signal at point 9 (rule 1): One point beyond the control limits');
  });

  it('escapes user text so a note cannot become HTML, a link, an image or a block', () => {
    const hostile = [
      '<script>alert(1)</script> [click](javascript:alert(1)) ![x](http://t/x.png)',
      '# not a heading',
      '> not a quote',
      '1. not a list',
      '- not an item',
      '    not code',
      '**not bold** _not em_ `not code` ~~not struck~~ &lt; \\ | $x$',
    ].join('\n');
    const md = renderMarkdown({
      title: 'Notes',
      sections: [{ heading: 'Notes # 1', blocks: [{ type: 'paragraph', text: hostile }] }],
    });
    expect(md).toContain('## Notes \\# 1\n');
    expect(md).toContain(
      '\\<script\\>alert(1)\\</script\\> \\[click\\](javascript:alert(1)) !\\[x\\](http://t/x.png)\\\n',
    );
    expect(md).toContain('\\\n\\# not a heading\\\n\\> not a quote\\\n1\\. not a list\\\n');
    expect(md).toContain('\\- not an item\\\nnot code\\\n');
    expect(md).toContain(
      '\\*\\*not bold\\*\\* \\_not em\\_ \\`not code\\` \\~\\~not struck\\~\\~ \\&lt; \\\\ \\| \\$x\\$',
    );
    // No unescaped angle bracket or link opener is left anywhere.
    expect(md).not.toMatch(/(^|[^\\])[<[]/m);
  });

  it('escapes pipes and turns line breaks into <br> inside table cells', () => {
    const md = renderMarkdown({
      title: 'T',
      sections: [
        {
          heading: 'Table',
          blocks: [
            { type: 'table', columns: ['A|B', 'Note'], rows: [['x | y', 'one\ntwo\r\nthree']] },
          ],
        },
      ],
    });
    expect(md).toContain('| A\\|B | Note |\n| --- | --- |\n| x \\| y | one<br>two<br>three |\n');
  });

  it('renders a plan with each action as a section and its fields', () => {
    const md = renderMarkdown(planDocument(FIVE_ACTION_PLAN, context));
    expect(md).toContain('# Action plan: Zoë\n\n_Spring workshop · 2025-03-07 · Zoë_');
    expect(md).toContain('## 2. Ask Дарья to map where callers wait longest');
    expect(md).toContain('- **Due:** 2025-03-21 (Friday)');
    expect(md).toContain('- **From the round:** The Fine Line');
    expect(md).toContain('## 3. Try a callback option on Friday afternoons\n\n- **First step:**');
  });
});

describe('escapeMarkdown', () => {
  it('leaves plain sentences readable', () => {
    expect(escapeMarkdown('Zoë’s plan: call José at 9.30, then lunch.')).toBe(
      'Zoë’s plan: call José at 9.30, then lunch.',
    );
  });
});

describe('CSV', () => {
  it('quotes per RFC 4180, ends lines with CRLF and starts with a UTF-8 BOM', () => {
    const csv = toCsv(['Name', 'Note'], [['Zoë', 'He said "hi", then left\nfor good']]);
    expect(csv).toBe('\uFEFFName,Note\r\nZoë,"He said ""hi"", then left\nfor good"\r\n');
  });

  it('defuses cells a spreadsheet would run as formulas, but not plain numbers', () => {
    expect(csvField('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    expect(csvField('+1 555 0100')).toBe("'+1 555 0100");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('\rx')).toBe('"\'\rx"');
    expect(csvField('-2.4')).toBe('-2.4');
    expect(csvField('+3')).toBe('+3');
    expect(csvField('a=b')).toBe('a=b');
  });

  it('turns a round summary into sections: headline, tables, bars, lists, chart', () => {
    const summary: RoundSummary = {
      headline: 'Gap rating, 12 answers',
      blocks: [
        { type: 'text', text: 'Waiting time is the biggest gap' },
        { type: 'table', columns: ['Who', 'Score'], rows: [['Zoë', '5']] },
        { type: 'bars', labels: ['Waiting, time', 'Tone'], values: [-2.4, 0.8], unit: 'points' },
        { type: 'list', title: 'Ideas', items: ['=cmd|calc'] },
        { type: 'controlChart', chart: SAMPLE_CHART },
      ],
    };
    const lines = summaryToCsv(summary).replace('\uFEFF', '').split('\r\n');
    expect(lines.slice(0, 14)).toEqual([
      '"Gap rating, 12 answers"',
      'Waiting time is the biggest gap',
      '',
      'Who,Score',
      'Zoë,5',
      '',
      'Item,Value (points)',
      '"Waiting, time",-2.4',
      'Tone,0.8',
      '',
      'Ideas',
      "'=cmd|calc",
      '',
      'Red beads per paddle (np chart)',
    ]);
    expect(lines[14]).toBe('#,Point,Value,Lower limit,Centre,Upper limit,Beyond the limits');
    expect(lines).toContain('9,"Day 2, Дарья",21,1.6,10.6,19.6,yes');
    expect(lines).toContain('13,"Day 3, José",4,0,4.25,10.4,');
    expect(lines.at(-1)).toBe('');
  });
});

describe('file names and ZIP', () => {
  it('makes a safe file name from any text', () => {
    expect(safeFileName('Action plan: Zoë / Łukasz')).toBe('Action plan - Zoë - Łukasz');
    expect(safeFileName('Round 1/2?')).toBe('Round 1-2');
    expect(safeFileName('../../etc/passwd')).toBe('etc-passwd');
    expect(safeFileName('Дарья')).toBe('Дарья');
    expect(safeFileName('  ..hidden. ')).toBe('hidden');
    expect(safeFileName('con')).toBe('_con');
    expect(safeFileName('a\u0000b\u202ec')).toBe('abc');
    expect(safeFileName('???')).toBe('export');
    expect(safeFileName('')).toBe('export');
    expect([...safeFileName('🎉'.repeat(100))]).toHaveLength(60);
  });

  it('numbers repeated names like a file manager, ignoring case', () => {
    expect(uniqueFileNames(['Sam.pdf', 'Sam.pdf', 'sam.PDF', 'Sam (2).pdf', 'notes'])).toEqual([
      'Sam.pdf',
      'Sam (2).pdf',
      'sam (3).pdf',
      'Sam (2) (2).pdf',
      'notes',
    ]);
  });

  it('zips files flat under safe, unique names that unzip to the same bytes', () => {
    const files = ['Sam.pdf', 'Sam.pdf', '../../evil.sh', 'a/b\\c.pdf', 'Дарья.pdf', '', 'CON.pdf'];
    const zip = zipFiles(files.map((name, i) => ({ name, data: new Uint8Array([i, 1, 2, 3]) })));
    const entries = unzipSync(zip);
    expect(Object.keys(entries)).toEqual([
      'Sam.pdf',
      'Sam (2).pdf',
      'evil.sh',
      'a-b-c.pdf',
      'Дарья.pdf',
      'file',
      '_CON.pdf',
    ]);
    expect([...(entries['Дарья.pdf'] ?? [])]).toEqual([4, 1, 2, 3]);
    expect([...(entries['Sam (2).pdf'] ?? [])]).toEqual([1, 1, 2, 3]);
  });
});

describe('fitting text to a font', () => {
  const ascii = (codePoint: number) =>
    codePoint === 0x0a || (codePoint >= 0x20 && codePoint < 0x7f);

  it('drops accents, maps letters without a decomposition and marks the rest once each', () => {
    expect(fitTextToFont('Zoë Łukasz Straße 👨‍👩‍👧 ❤️ x', ascii)).toBe('Zoe Lukasz Strasse ? ? x');
  });

  it('keeps what the font has and cleans control characters', () => {
    expect(fitTextToFont('Zoë\r\nДарья\tok\u0007', winAnsiCovers)).toBe('Zoë\n?????    ok ');
  });

  it.runIf(fs.existsSync(DEJAVU_SANS.regular))('reads DejaVu Sans’s character map', () => {
    const covers = cmapCoverage(fs.readFileSync(DEJAVU_SANS.regular));
    for (const char of 'AzëŁД€✓\ufffd') expect(covers(char.codePointAt(0) ?? 0)).toBe(true);
    expect(covers(0x1f389)).toBe(false);
    expect(covers(0x4e00)).toBe(false);
  });
});
