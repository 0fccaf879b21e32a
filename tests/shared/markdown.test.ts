/**
 * The safe Markdown subset: every construct it keeps (headings, paragraphs, bullet and
 * numbered lists, bold, italic, quotes with attribution, links as text), and hostile input
 * (raw HTML, script and data URLs, deep nesting, huge inputs) becoming plain text within
 * the tree's bounds. The source schema keeps line breaks and drops invisible characters.
 */
import { describe, expect, it } from 'vitest';
import {
  docText,
  inlineText,
  markdownText,
  MD_LIMITS,
  parseMarkdown,
  type MdBlock,
  type MdDoc,
  type MdInline,
} from '@playfield/shared/markdown/index';

const text = (v: string): MdInline => ({ t: 'text', v });
const p = (...c: MdInline[]): MdBlock => ({ t: 'p', c });

/** Every node of a tree, depth first, with its depth of lists and quotes. */
function* walk(blocks: readonly MdBlock[], depth = 0): Generator<[MdBlock, number]> {
  for (const block of blocks) {
    yield [block, depth];
    if (block.t === 'quote') yield* walk(block.c, depth + 1);
    if (block.t === 'ul' || block.t === 'ol')
      for (const item of block.items) yield* walk(item, depth + 1);
  }
}
const maxDepth = (doc: MdDoc) => Math.max(0, ...[...walk(doc.blocks)].map(([, d]) => d));
/** Every string in a tree (text and web addresses), to search for anything unsafe. */
const strings = (doc: MdDoc): string[] => JSON.stringify(doc).match(/"(?:v|url)":"[^"]*"/g) ?? [];

describe('the Markdown subset', () => {
  it('keeps headings (deeper ones as level 3), paragraphs, bold and italic', () => {
    expect(
      parseMarkdown('# Service\n\n## The leader\n\n#### Small\n\nWe **listen**, *then* act.')
        .blocks,
    ).toEqual([
      { t: 'h', level: 1, c: [text('Service')] },
      { t: 'h', level: 2, c: [text('The leader')] },
      { t: 'h', level: 3, c: [text('Small')] },
      p(
        text('We '),
        { t: 'strong', c: [text('listen')] },
        text(', '),
        { t: 'em', c: [text('then')] },
        text(' act.'),
      ),
    ]);
  });

  it('keeps bullet and numbered lists, nested, with their start number', () => {
    const doc = parseMarkdown('- Listen\n- Act\n  1. Today\n  2. Tomorrow\n\n3. Third\n4. Fourth');
    expect(doc.blocks).toEqual([
      {
        t: 'ul',
        items: [
          [p(text('Listen'))],
          [
            p(text('Act')),
            { t: 'ol', start: 1, items: [[p(text('Today'))], [p(text('Tomorrow'))]] },
          ],
        ],
      },
      { t: 'ol', start: 3, items: [[p(text('Third'))], [p(text('Fourth'))]] },
    ]);
  });

  it('reads a quote’s last dashed line as its attribution', () => {
    for (const dash of ['—', '–', '--', '~']) {
      expect(
        parseMarkdown(`> Sixty million moments of truth.\n>\n> ${dash} Jan *Carlzon*, SAS`).blocks,
      ).toEqual([
        {
          t: 'quote',
          c: [p(text('Sixty million moments of truth.'))],
          by: [text('Jan '), { t: 'em', c: [text('Carlzon')] }, text(', SAS')],
        },
      ]);
    }
    expect(parseMarkdown('> No one said this').blocks).toEqual([
      { t: 'quote', c: [p(text('No one said this'))] },
    ]);
  });

  it('shows links as their words, with the address only for http(s)', () => {
    const [block] = parseMarkdown(
      'See [the study](https://example.org/csi), <https://example.org/>, [run](javascript:alert(1)), [d](data:text/html;base64,PHNjcmlwdD4=) and [v](vbscript:x).',
    ).blocks;
    expect(block).toEqual(
      p(
        text('See '),
        { t: 'link', c: [text('the study')], url: 'https://example.org/csi' },
        text(', '),
        { t: 'link', c: [text('https://example.org/')] },
        text(', '),
        { t: 'link', c: [text('run')] },
        text(', '),
        { t: 'link', c: [text('d')] },
        text(' and '),
        { t: 'link', c: [text('v')] },
        text('.'),
      ),
    );
  });

  it('turns raw HTML, code, images and tables into text, and drops rules', () => {
    const doc = parseMarkdown(
      [
        '<script>alert("x")</script>',
        '',
        'Hi <img src=x onerror=alert(1)> &amp; &lt;b&gt; &#60;i&#62;',
        '',
        '```html\n<iframe src="//evil"></iframe>\n```',
        '',
        '![a chart of churn](https://evil.example/x.png)',
        '',
        '---',
        '',
        '| Who | What |\n|---|---|\n| Ana | Listens |',
      ].join('\n'),
    );
    expect(doc.blocks).toEqual([
      p(text('<script>alert("x")</script>')),
      p(text('Hi <img src=x onerror=alert(1)> & <b> <i>')),
      p(text('<iframe src="//evil"></iframe>')),
      p(text('a chart of churn')),
      p(text('Who · What')),
      p(text('Ana · Listens')),
    ]);
    // Only these node kinds ever exist.
    const kinds = new Set(JSON.stringify(doc).match(/"t":"[a-z]+"/g));
    expect([...kinds].every((k) => /"(h|p|ul|ol|quote|text|strong|em|link)"/.test(k))).toBe(true);
  });

  it('flattens deep nesting and stays within its bounds on hostile input', () => {
    const hostile = [
      '>'.repeat(4000),
      '> '.repeat(1999) + 'deep',
      '- '.repeat(1999) + 'deep',
      '1. '.repeat(1300) + 'deep',
      '> - '.repeat(900) + 'deep',
      Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n'),
      '*'.repeat(4000),
      '**a '.repeat(1000),
      '*a'.repeat(2000),
      '['.repeat(2000) + ']'.repeat(2000),
      '<'.repeat(4000),
      '- x\n'.repeat(1000),
    ];
    for (const source of hostile) {
      const started = performance.now();
      const doc = parseMarkdown(source);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(maxDepth(doc)).toBeLessThanOrEqual(MD_LIMITS.depth);
      expect([...walk(doc.blocks)].length).toBeLessThanOrEqual(MD_LIMITS.nodes);
      for (const [block] of walk(doc.blocks))
        if (block.t === 'ul' || block.t === 'ol')
          expect(block.items.length).toBeLessThanOrEqual(MD_LIMITS.listItems);
    }
    // Deep content is kept as text, not lost.
    expect(docText(parseMarkdown('> '.repeat(50) + 'deep'))).toContain('deep');
    expect(docText(parseMarkdown('- '.repeat(50) + 'deep'))).toContain('deep');
  });

  it('never lets an unsafe address through', () => {
    const doc = parseMarkdown(
      '[a](javascript:alert(1)) [b](JaVaScRiPt:x) [c]( javascript:x ) [d](//evil.example) [e](/relative) <javascript:alert(1)>',
    );
    for (const s of strings(doc)) {
      if (s.startsWith('"url"')) expect(s).toMatch(/^"url":"https?:\/\//);
    }
    expect(JSON.stringify(doc)).not.toMatch(/"url":"javascript/i);
  });

  it('gives the words of a tree for summaries', () => {
    const doc = parseMarkdown('# Title\n\n- one\n- **two**\n\n> Said\n>\n> — Someone');
    expect(inlineText([{ t: 'strong', c: [text('a'), { t: 'em', c: [text('b')] }] }])).toBe('ab');
    expect(docText(doc)).toBe('Title\n• one\n• two\n> Said\n> — Someone');
  });
});

describe('Markdown source text', () => {
  const schema = markdownText(100, 'The text');
  it('keeps line breaks, drops invisible characters and trailing blanks', () => {
    expect(schema.parse('  - a\u200B\r\n- b\u202E  \r\n\r\n\r\n\r\nEnd\u0007 ')).toBe(
      '- a\n- b\n\nEnd',
    );
  });
  it('bounds the length with a readable message', () => {
    const result = schema.safeParse('x'.repeat(101));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('The text has at most 100 characters');
    expect(schema.safeParse(42).error?.issues[0]?.message).toBe('The text must be text');
  });
});
