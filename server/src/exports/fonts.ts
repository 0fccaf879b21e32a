import fs from 'node:fs';

/**
 * Fonts for the PDF export and the characters each can draw.
 *
 * pdfkit's built-in Helvetica only encodes WinAnsi (Latin-1 and a few typographic marks), so a
 * name like "Łukasz" or "Дарья" would come out as wrong glyphs. DejaVu Sans (Debian's
 * fonts-dejavu-core, installed by .ci/run) covers Latin, Greek and Cyrillic; it is embedded
 * (pdfkit subsets it, so a PDF carries only the glyphs it uses). Whatever the chosen font still
 * lacks (most emoji) is replaced before layout, so the PDF never shows empty boxes and the
 * measured widths match what is drawn.
 */

/** Where Debian and Ubuntu install DejaVu Sans. */
export const DEJAVU_SANS = {
  regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
} as const;

/** The fonts a PDF is set in: embedded TrueType files, or pdfkit's built-in Helvetica. */
export interface PdfFonts {
  /** A font file's bytes, or the name of a pdfkit standard font. */
  regular: Buffer | 'Helvetica';
  bold: Buffer | 'Helvetica-Bold';
  /** True when both the regular and the bold font can draw this code point. */
  covers: (codePoint: number) => boolean;
}

/** The characters pdfkit's standard fonts can encode: WinAnsi, as pdfkit maps it. */
const WIN_ANSI_EXTRA = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018,
  0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a,
  0x20ac, 0x2122,
]);

/** Whether pdfkit's Helvetica can draw a code point. */
export function winAnsiCovers(codePoint: number): boolean {
  return (
    codePoint === 0x0a ||
    (codePoint >= 0x20 && codePoint <= 0x7e) ||
    (codePoint >= 0xa0 && codePoint <= 0xff) ||
    WIN_ANSI_EXTRA.has(codePoint)
  );
}

const BUILT_IN: PdfFonts = {
  regular: 'Helvetica',
  bold: 'Helvetica-Bold',
  covers: winAnsiCovers,
};

let systemFonts: PdfFonts | null | undefined;

/**
 * The fonts to use: DejaVu Sans when installed, else Helvetica. Read and indexed once per
 * process, since every export needs them and the files do not change while the server runs.
 */
export function pdfFonts(preferBuiltIn = false): PdfFonts {
  if (preferBuiltIn) return BUILT_IN;
  if (systemFonts === undefined) systemFonts = loadTrueType(DEJAVU_SANS);
  return systemFonts ?? BUILT_IN;
}

function loadTrueType(paths: { regular: string; bold: string }): PdfFonts | null {
  try {
    const regular = fs.readFileSync(paths.regular);
    const bold = fs.readFileSync(paths.bold);
    const regularCovers = cmapCoverage(regular);
    const boldCovers = cmapCoverage(bold);
    return {
      regular,
      bold,
      covers: (codePoint) =>
        codePoint === 0x0a || (regularCovers(codePoint) && boldCovers(codePoint)),
    };
  } catch {
    // Absent or unreadable (a machine without fonts-dejavu-core): Helvetica still works.
    return null;
  }
}

/**
 * Which code points a TrueType/OpenType font maps to a real glyph, from its `cmap` table
 * (formats 4 and 12, which every Unicode font has). Returns a lookup over merged ranges.
 * Throws on a file that is not a font, which the caller treats as "no font".
 */
export function cmapCoverage(font: Uint8Array): (codePoint: number) => boolean {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const numTables = view.getUint16(4);
  let cmap = -1;
  for (let i = 0; i < numTables; i++) {
    const record = 12 + i * 16;
    const tag = String.fromCharCode(...font.subarray(record, record + 4));
    if (tag === 'cmap') cmap = view.getUint32(record + 8);
  }
  if (cmap < 0) throw new Error('The font has no cmap table');

  // Prefer the full-Unicode subtable (3,10 or 0,4+: format 12) over the BMP one (3,1: format 4).
  let best = -1;
  let bestRank = 0;
  const count = view.getUint16(cmap + 2);
  for (let i = 0; i < count; i++) {
    const platform = view.getUint16(cmap + 4 + i * 8);
    const encoding = view.getUint16(cmap + 6 + i * 8);
    const offset = cmap + view.getUint32(cmap + 8 + i * 8);
    const format = view.getUint16(offset);
    const rank =
      format === 12 && (platform === 3 || platform === 0)
        ? 2
        : format === 4 && ((platform === 3 && encoding === 1) || platform === 0)
          ? 1
          : 0;
    if (rank > bestRank) [best, bestRank] = [offset, rank];
  }
  if (best < 0) throw new Error('The font has no Unicode cmap subtable');

  const ranges: [number, number][] = [];
  if (bestRank === 2) {
    const groups = view.getUint32(best + 12);
    for (let g = 0; g < groups; g++) {
      const at = best + 16 + g * 12;
      const start = view.getUint32(at);
      const end = view.getUint32(at + 4);
      // A group starting at glyph 0 maps its first code point to .notdef.
      const from = view.getUint32(at + 8) === 0 ? start + 1 : start;
      if (from <= end) ranges.push([from, end]);
    }
  } else {
    const segCount = view.getUint16(best + 6) / 2;
    const ends = best + 14;
    const starts = ends + segCount * 2 + 2;
    const deltas = starts + segCount * 2;
    const rangeOffsets = deltas + segCount * 2;
    for (let s = 0; s < segCount; s++) {
      const end = view.getUint16(ends + s * 2);
      const start = view.getUint16(starts + s * 2);
      const delta = view.getUint16(deltas + s * 2);
      const rangeOffset = view.getUint16(rangeOffsets + s * 2);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let glyph: number;
        if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
        else {
          const at = rangeOffsets + s * 2 + rangeOffset + (c - start) * 2;
          glyph = view.getUint16(at);
          if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
        }
        if (glyph === 0) continue;
        const last = ranges.at(-1);
        if (last && last[1] === c - 1) last[1] = c;
        else ranges.push([c, c]);
      }
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);

  return (codePoint) => {
    let low = 0;
    let high = ranges.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const range = ranges[mid] as [number, number];
      if (codePoint < range[0]) high = mid - 1;
      else if (codePoint > range[1]) low = mid + 1;
      else return true;
    }
    return false;
  };
}

/** Invisible joiners and selectors: dropped, since they only steer how an emoji is drawn. */
const IGNORABLE = /[\u200b-\u200f\u2060\p{Variation_Selector}\u{e0000}-\u{e007f}]/gu;

/** Near equivalents for letters that do not decompose into a base letter and an accent. */
const FALLBACKS: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  Ø: 'O',
  ø: 'o',
  Æ: 'AE',
  æ: 'ae',
  Œ: 'OE',
  œ: 'oe',
  ß: 'ss',
  Þ: 'Th',
  þ: 'th',
  ð: 'd',
  '‘': "'",
  '’': "'",
  '‚': ',',
  '“': '"',
  '”': '"',
  '„': '"',
  '–': '-',
  '—': '-',
  '−': '-',
  '…': '...',
  '•': '*',
  '€': 'EUR',
  '\u00a0': ' ',
  '\u202f': ' ',
};

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Text the font can draw: line breaks normalised to `\n`, tabs to spaces, other control
 * characters removed, and each character (grapheme) the font lacks replaced by its
 * unaccented letter, a near equivalent, or one replacement mark (U+FFFD, or "?" when the
 * font lacks that too). One mark per grapheme, so a family emoji is one mark, not five.
 */
export function fitTextToFont(text: string, covers: (codePoint: number) => boolean): string {
  const clean = text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '    ')
    .replace(/[^\P{Cc}\n]|[\u2028\u2029]/gu, ' ');
  const isCovered = (s: string) => [...s].every((c) => covers(c.codePointAt(0) ?? 0));
  // Fast path: nearly all text is plain Latin the font has.
  if (isCovered(clean)) return clean;
  const mark = covers(0xfffd) ? '\ufffd' : '?';
  let out = '';
  for (const { segment } of segmenter.segment(clean)) {
    const visible = segment.replace(IGNORABLE, '');
    if (visible === '' || isCovered(visible)) {
      out += visible;
      continue;
    }
    const unaccented = visible.normalize('NFD').replace(/\p{M}/gu, '');
    if (unaccented !== '' && isCovered(unaccented)) {
      out += unaccented;
      continue;
    }
    const near = [...unaccented].map((c) => FALLBACKS[c] ?? c).join('');
    out += isCovered(near) ? near : mark;
  }
  return out;
}
