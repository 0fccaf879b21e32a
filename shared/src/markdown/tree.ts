/**
 * Playfield's own small Markdown tree: what a content slide's text becomes once parsed
 * (see `parse.ts`). Only these constructs exist; anything else a parser finds (raw HTML,
 * code, tables, images, rules) is turned into text or dropped. Views carry this tree and
 * clients render it as React elements, never as HTML. Types only: the phone imports this
 * file without the parser.
 */

/** Inline content: text, bold, italic, or a link's words (shown as text, never clickable). */
export type MdInline =
  | { t: 'text'; v: string }
  | { t: 'strong'; c: MdInline[] }
  | { t: 'em'; c: MdInline[] }
  /** A link's words, and its web address when it is http(s) and differs from them. */
  | { t: 'link'; c: MdInline[]; url?: string };

/** A block: heading (levels 1 to 3), paragraph, bullet or numbered list, or quote. */
export type MdBlock =
  | { t: 'h'; level: 1 | 2 | 3; c: MdInline[] }
  | { t: 'p'; c: MdInline[] }
  /** A bullet list; each item is its blocks (a paragraph, maybe a nested list). */
  | { t: 'ul'; items: MdBlock[][] }
  /** A numbered list starting at `start`. */
  | { t: 'ol'; start: number; items: MdBlock[][] }
  /** A quote and, when its last line starts with a dash ("— Jan Carlzon"), who said it. */
  | { t: 'quote'; c: MdBlock[]; by?: MdInline[] };

/** A parsed Markdown text: its blocks in order. */
export interface MdDoc {
  blocks: MdBlock[];
}

/** Bounds of a parsed tree: beyond them, content is flattened to text or cut. */
export const MD_LIMITS = {
  /** Lists and quotes nested deeper than this are flattened into their parent's text. */
  depth: 4,
  /** Nodes in one tree at most; the rest of the text is dropped. */
  nodes: 2000,
  /** Items of one list at most. */
  listItems: 50,
} as const;

/** The words of inline content, without any formatting (for alt text, summaries, tests). */
export function inlineText(nodes: readonly MdInline[]): string {
  let out = '';
  for (const node of nodes) out += node.t === 'text' ? node.v : inlineText(node.c);
  return out;
}

/** The words of a whole tree, one line per block (for summaries and plain-text exports). */
export function docText(doc: MdDoc): string {
  const lines: string[] = [];
  const walk = (blocks: readonly MdBlock[], prefix: string) => {
    for (const block of blocks) {
      if (block.t === 'h' || block.t === 'p') lines.push(prefix + inlineText(block.c));
      else if (block.t === 'quote') {
        walk(block.c, `${prefix}> `);
        if (block.by) lines.push(`${prefix}> — ${inlineText(block.by)}`);
      } else
        block.items.forEach((item, i) =>
          walk(item, `${prefix}${block.t === 'ol' ? `${block.start + i}. ` : '• '}`),
        );
    }
  };
  walk(doc.blocks, '');
  return lines.join('\n');
}
