import { Lexer, type Token, type Tokens } from 'marked';
import { MD_LIMITS, type MdBlock, type MdDoc, type MdInline } from './tree.ts';

/*
 * Markdown → Playfield's tree (tree.ts), with `marked`'s lexer doing the parsing (its
 * token stream, never its HTML renderer). Every token kind the tree does not have becomes
 * text or goes: raw HTML is kept as the characters typed, code as its text, images as their
 * description, links as their words (plus the web address when it is http(s)), tables as
 * one paragraph per row, rules and link definitions are dropped. Nesting deeper than
 * `MD_LIMITS.depth` is flattened into text, trees stop growing at `MD_LIMITS.nodes`, and
 * a lexer failure yields the whole text as paragraphs. Pure and deterministic.
 */

/** Named entities `marked` leaves in text, and numeric ones, turned back into characters. */
const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00A0',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    const code =
      name[0] !== '#'
        ? undefined
        : name[1] === 'x' || name[1] === 'X'
          ? parseInt(name.slice(2), 16)
          : parseInt(name.slice(1), 10);
    if (code !== undefined) {
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : '\uFFFD';
    }
    return Object.hasOwn(ENTITIES, name.toLowerCase()) ? ENTITIES[name.toLowerCase()]! : whole;
  });
}

/** How far a conversion may still grow. */
interface Budget {
  nodes: number;
}

function spend(budget: Budget): boolean {
  if (budget.nodes <= 0) return false;
  budget.nodes--;
  return true;
}

/** Adds text to inline content, merging with text just before it. */
function pushText(out: MdInline[], v: string, budget: Budget): void {
  if (!v) return;
  const last = out[out.length - 1];
  if (last?.t === 'text') last.v += v;
  else if (spend(budget)) out.push({ t: 'text', v });
}

function webAddress(href: string): string | undefined {
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function inlines(tokens: readonly Token[] | undefined, budget: Budget, depth = 0): MdInline[] {
  const out: MdInline[] = [];
  for (const token of tokens ?? []) inline(token, out, budget, depth);
  return out;
}

function inline(token: Token, out: MdInline[], budget: Budget, depth: number): void {
  switch (token.type) {
    case 'strong':
    case 'em': {
      const t = token as Tokens.Strong | Tokens.Em;
      if (depth >= MD_LIMITS.depth) {
        for (const child of t.tokens) inline(child, out, budget, depth);
        return;
      }
      if (!spend(budget)) return;
      const c = inlines(t.tokens, budget, depth + 1);
      if (c.length) out.push({ t: token.type, c });
      return;
    }
    case 'link': {
      const t = token as Tokens.Link;
      if (!spend(budget)) return;
      const c = inlines(t.tokens, budget, depth + 1);
      const url = webAddress(t.href);
      const node: MdInline = { t: 'link', c: c.length ? c : [{ t: 'text', v: t.href }] };
      if (url && url !== t.text && url !== `${t.text}/`) node.url = url;
      out.push(node);
      return;
    }
    case 'image':
      pushText(out, decodeEntities((token as Tokens.Image).text), budget);
      return;
    case 'br':
      pushText(out, ' ', budget);
      return;
    case 'del': {
      for (const child of (token as Tokens.Del).tokens) inline(child, out, budget, depth);
      return;
    }
    case 'text': {
      const t = token as Tokens.Text;
      if (t.tokens?.length) for (const child of t.tokens) inline(child, out, budget, depth);
      else pushText(out, decodeEntities(t.text).replace(/\n/g, ' '), budget);
      return;
    }
    case 'escape':
    case 'codespan':
      pushText(out, decodeEntities((token as Tokens.Escape | Tokens.Codespan).text), budget);
      return;
    default:
      // Raw HTML and anything unknown: the characters as typed, shown as text.
      pushText(out, token.raw.replace(/\n/g, ' '), budget);
  }
}

function isBlank(c: readonly MdInline[]): boolean {
  return c.every((n) => n.t === 'text' && !n.v.trim());
}

function trimInlines(c: MdInline[]): MdInline[] {
  const first = c[0];
  if (first?.t === 'text') first.v = first.v.trimStart();
  const last = c[c.length - 1];
  if (last?.t === 'text') last.v = last.v.trimEnd();
  return c.filter((n) => n.t !== 'text' || n.v);
}

/** A paragraph of plain text (for flattened or unknown blocks). */
function textParagraph(text: string, out: MdBlock[], budget: Budget): void {
  const v = text.replace(/\s+/g, ' ').trim();
  if (v && spend(budget) && spend(budget)) out.push({ t: 'p', c: [{ t: 'text', v }] });
}

/** A dash that opens a quote's attribution: "— Jan Carlzon", "-- Earl Shorris", "~ Anon". */
const ATTRIBUTION = /^\s*(?:—|–|--|~)\s*/;

function splitAttribution(c: MdBlock[]): MdInline[] | undefined {
  const last = c[c.length - 1];
  if (last?.t !== 'p') return undefined;
  const first = last.c[0];
  if (first?.t !== 'text' || !ATTRIBUTION.test(first.v)) return undefined;
  const by = trimInlines([{ t: 'text', v: first.v.replace(ATTRIBUTION, '') }, ...last.c.slice(1)]);
  if (!by.length) return undefined;
  c.pop();
  return by;
}

function blocks(tokens: readonly Token[], budget: Budget, depth: number): MdBlock[] {
  const out: MdBlock[] = [];
  for (const token of tokens) {
    if (budget.nodes <= 0) break;
    block(token, out, budget, depth);
  }
  return out;
}

function block(token: Token, out: MdBlock[], budget: Budget, depth: number): void {
  switch (token.type) {
    case 'space':
    case 'hr':
    case 'def':
      return;
    case 'heading': {
      const t = token as Tokens.Heading;
      if (!spend(budget)) return;
      const c = trimInlines(inlines(t.tokens, budget));
      if (!isBlank(c))
        out.push({ t: 'h', level: Math.min(3, Math.max(1, t.depth)) as 1 | 2 | 3, c });
      return;
    }
    case 'paragraph':
    case 'text': {
      const t = token as Tokens.Paragraph | Tokens.Text;
      if (!spend(budget)) return;
      const c = trimInlines(
        t.tokens ? inlines(t.tokens, budget) : [{ t: 'text', v: decodeEntities(t.text) }],
      );
      if (!isBlank(c)) out.push({ t: 'p', c });
      return;
    }
    case 'blockquote': {
      const t = token as Tokens.Blockquote;
      if (depth >= MD_LIMITS.depth) return textParagraph(t.text, out, budget);
      if (!spend(budget)) return;
      const c = blocks(t.tokens, budget, depth + 1);
      const by = splitAttribution(c);
      if (c.length || by) out.push(by ? { t: 'quote', c, by } : { t: 'quote', c });
      return;
    }
    case 'list': {
      const t = token as Tokens.List;
      if (depth >= MD_LIMITS.depth) {
        for (const item of t.items) textParagraph(item.text, out, budget);
        return;
      }
      if (!spend(budget)) return;
      const items: MdBlock[][] = [];
      for (const item of t.items.slice(0, MD_LIMITS.listItems)) {
        if (budget.nodes <= 0) break;
        items.push(blocks(item.tokens, budget, depth + 1));
      }
      out.push(
        t.ordered
          ? {
              t: 'ol',
              start: typeof t.start === 'number' ? Math.max(0, Math.min(t.start, 9999)) : 1,
              items,
            }
          : { t: 'ul', items },
      );
      return;
    }
    case 'code':
      return textParagraph((token as Tokens.Code).text, out, budget);
    case 'table': {
      const t = token as Tokens.Table;
      const rows = [t.header, ...t.rows].map((row) => row.map((cell) => cell.text).join(' · '));
      for (const row of rows) textParagraph(decodeEntities(row), out, budget);
      return;
    }
    default:
      // Raw HTML blocks and anything unknown: the characters as typed, as a paragraph.
      return textParagraph(token.raw, out, budget);
  }
}

/** Six or more quote or list markers opening one line ("> > - > 1. …"). */
const CONTAINER_RUN = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))){6,}/gm;

/**
 * Parses Markdown source (already length-limited by its schema) into Playfield's tree.
 * Never throws: on any failure of the lexer the text comes back as plain paragraphs.
 */
export function parseMarkdown(source: string): MdDoc {
  const budget: Budget = { nodes: MD_LIMITS.nodes };
  // Deep nesting is flattened here already: no line opens more than a few quotes or
  // indents, so the lexer's recursion stays shallow whatever is typed.
  const tamed = source.replace(CONTAINER_RUN, '> ');
  try {
    const tokens = new Lexer({ gfm: true, breaks: false }).lex(tamed);
    return { blocks: blocks(tokens, budget, 0) };
  } catch {
    const out: MdBlock[] = [];
    for (const para of source.split(/\n{2,}/)) textParagraph(para, out, budget);
    return { blocks: out };
  }
}
