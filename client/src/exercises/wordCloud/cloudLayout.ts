import cloud from 'd3-cloud';
import type { CloudWord } from '@playfield/shared/exercises/wordCloud/index';

/** A word placed on the cloud, its centre relative to the cloud's centre. */
export interface PlacedWord {
  key: string;
  text: string;
  count: number;
  size: number;
  x: number;
  y: number;
  /** Rank order, for the colour tone. */
  rank: number;
}

/** The font the canvas measures with: the SVG must draw with the same one. */
export const CLOUD_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
/** The smallest type on the room screen: 24 px, readable from the back at 1366x768. */
export const MIN_FONT_PX = 24;

/** How far a word's box reaches past its ink, above and below, in its font size. */
const EM_OVERHANG_Y = 0.27;
/** The same beside the ink (side bearings), left and right. */
const EM_OVERHANG_X = 0.04;

/** A small seeded generator (mulberry32), so the same words always land in the same places. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface LayoutWord {
  key: string;
  text: string;
  count: number;
  size: number;
  rank: number;
  x?: number;
  y?: number;
}

/** One run of d3-cloud; with an infinite time interval it finishes before `start` returns. */
function place(words: LayoutWord[], width: number, height: number): LayoutWord[] {
  let placed: LayoutWord[] = [];
  // d3-cloud places ink, but a drawn word's box is its font's ascent and descent: about a
  // quarter of its size past the ink above and below. The words are placed in a box that
  // much smaller (still centred), so no word's box reaches past the cloud's edge.
  const biggest = Math.max(0, ...words.map((w) => w.size));
  cloud<LayoutWord>()
    .size([
      Math.max(1, Math.floor(width - EM_OVERHANG_X * 2 * biggest)),
      Math.max(1, Math.floor(height - EM_OVERHANG_Y * 2 * biggest)),
    ])
    .words(words.map((w) => ({ ...w })))
    // Room between words grows with their size, so big words do not touch from afar.
    .padding((w) => Math.round(4 + w.size * 0.08))
    .rotate(0)
    .font(CLOUD_FONT)
    .fontWeight(700)
    .fontSize((w) => w.size)
    .text((w) => w.text)
    .spiral('archimedean')
    .random(seeded(20250601))
    .timeInterval(Infinity)
    .on('end', (result) => {
      placed = result;
    })
    .start();
  return placed;
}

/**
 * Lays out the words in `width` x `height` without overlaps (d3-cloud checks every glyph's
 * pixels), size by count. If not every word fits, all sizes shrink and it tries again; once
 * the biggest word is down to 2.5 times the smallest readable size, the least counted words
 * are left out instead (the caller counts them on the "more" line).
 * Deterministic: seeded randomness, no rotation, words in the order given.
 */
export function layoutCloud(words: readonly CloudWord[], width: number, height: number) {
  if (words.length === 0 || width < 50 || height < 50)
    return { placed: [], left: words.length, attempts: 0 };
  const counts = words.map((w) => w.count);
  const max = Math.max(...counts);
  const min = Math.min(...counts);
  const longest = Math.max(...words.map((w) => Array.from(w.label).length));
  // The biggest word fits the width and takes at most a third of the height.
  let top = Math.min(height / 3, (width * 0.9) / Math.max(4, longest * 0.62), 200);
  // The most counted word stays at least 2.5 times the smallest, so size still shows the
  // count; past that, the least counted words make way instead.
  const lowestTop = Math.min(top, MIN_FONT_PX * 2.5);
  let take = words.length;
  const sizeAll = (n: number): LayoutWord[] => {
    const bottom = Math.max(MIN_FONT_PX, top / 3.2);
    return words.slice(0, n).map((w, rank) => ({
      key: w.key,
      text: w.label,
      count: w.count,
      rank,
      size: Math.round(
        max === min ? top : bottom + (top - bottom) * Math.sqrt((w.count - min) / (max - min)),
      ),
    }));
  };
  // Start near a size, and a number of words, whose ink could just cover 80% of the box (an
  // optimistic bound: the retries below only ever take away), so the retries are few: each
  // failed run is the slow part.
  const inked = (n: number) =>
    sizeAll(n).reduce((sum, w) => sum + Array.from(w.text).length * 0.55 * w.size * w.size, 0);
  const room = width * height * 0.8;
  const all = inked(take);
  if (all > room) top = Math.max(lowestTop, top * Math.sqrt(room / all));
  while (take > 1 && inked(take) > room) take--;
  for (let attempt = 0; attempt < 16; attempt++) {
    const sized = sizeAll(take);
    const placed = place(sized, width, height);
    if (placed.length === sized.length) {
      return {
        placed: placed.map((w): PlacedWord => ({
          key: w.key,
          text: w.text,
          count: w.count,
          size: w.size,
          rank: w.rank,
          x: w.x ?? 0,
          y: w.y ?? 0,
        })),
        left: words.length - take,
        attempts: attempt + 1,
      };
    }
    if (top > lowestTop) top = Math.max(lowestTop, top * 0.85);
    else take = Math.max(1, Math.min(take - 1, placed.length));
  }
  return { placed: [], left: words.length, attempts: 16 };
}
