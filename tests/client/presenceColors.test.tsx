/** Presence colours: a palette of tokens readable on white, and this browser's pick kept. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PRESENCE_COLOR_COUNT } from '@playfield/shared/protocol/presence';
import { getPresenceColor } from '../../client/src/notebooks/identity.ts';

// Vitest runs from the repository's root (vite.config.ts `root`).
const TOKENS = readFileSync(resolve('client/src/tokens.css'), 'utf8');
const KEY = 'playfield.notebook.color';

/** The palette as tokens.css names it: `--presence-N: #rrggbb;`, by N. */
function palette(): Map<number, string> {
  const found = new Map<number, string>();
  for (const [, n, hex] of TOKENS.matchAll(/--presence-(\d+):\s*(#[0-9a-f]{6});/gi))
    found.set(Number(n), hex ?? '');
  return found;
}

/** WCAG contrast of a colour against white. */
function contrastOnWhite(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return 1.05 / (luminance + 0.05);
}

describe('the presence palette', () => {
  it(`names ${PRESENCE_COLOR_COUNT} tokens, each readable as text on white (4.5:1 or more)`, () => {
    const colours = palette();
    expect([...colours.keys()].sort((a, b) => a - b)).toEqual(
      Array.from({ length: PRESENCE_COLOR_COUNT }, (_, i) => i + 1),
    );
    for (const [n, hex] of colours) {
      expect({ n, contrast: contrastOnWhite(hex) >= 4.5 }).toEqual({ n, contrast: true });
    }
    expect(new Set(colours.values()).size).toBe(PRESENCE_COLOR_COUNT);
  });
});

describe("this browser's presence colour", () => {
  let style: HTMLStyleElement | null = null;
  afterEach(() => style?.remove());

  /** The page's tokens, as main.tsx loads them. */
  function loadTokens() {
    style = document.createElement('style');
    style.textContent = TOKENS;
    document.head.append(style);
  }

  it('is picked once from the palette and kept as its number', () => {
    const first = getPresenceColor();
    expect(first).toBeGreaterThanOrEqual(1);
    expect(first).toBeLessThanOrEqual(PRESENCE_COLOR_COUNT);
    expect(localStorage.getItem(KEY)).toBe(String(first));
    expect(getPresenceColor()).toBe(first);
  });

  it('keeps a number stored before', () => {
    localStorage.setItem(KEY, '5');
    expect(getPresenceColor()).toBe(5);
  });

  it('reads the colour an earlier version stored as a hex, and stores its number', () => {
    loadTokens();
    const [n, hex] = [...palette()][2] ?? [0, ''];
    localStorage.setItem(KEY, hex.toUpperCase());
    expect(getPresenceColor()).toBe(n);
    expect(localStorage.getItem(KEY)).toBe(String(n));
  });

  it.each(['#123456', 'red', '0', '9', '2.5', 'var(--presence-2)'])(
    'picks a palette colour again for a stored %j',
    (stored) => {
      loadTokens();
      localStorage.setItem(KEY, stored);
      const color = getPresenceColor();
      expect(Number.isInteger(color) && color >= 1 && color <= PRESENCE_COLOR_COUNT).toBe(true);
      expect(localStorage.getItem(KEY)).toBe(String(color));
    },
  );
});
