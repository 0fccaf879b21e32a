import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

/** The room screen's design size: 16 px rem at 1366x768, scaled with the window. */
const DESIGN_WIDTH = 1366;
const DESIGN_HEIGHT = 768;
const DESIGN_REM_PX = 16;

/** The text sizes a facilitator can choose for a big or small room (1: as designed). */
export const TEXT_SCALES = [0.8, 0.9, 1, 1.15, 1.3, 1.5] as const;
const STORAGE_KEY = 'playfield.screen.textScale';

/** The stored text size, or 1 (as designed) when none is stored or storage is closed. */
export function readTextScale(): number {
  try {
    const stored = Number(localStorage.getItem(STORAGE_KEY));
    return (TEXT_SCALES as readonly number[]).includes(stored) ? stored : 1;
  } catch {
    return 1;
  }
}

/** The next larger (+1) or smaller (-1) text size, the same at either end. */
export function stepTextScale(scale: number, step: 1 | -1): number {
  const index = TEXT_SCALES.findIndex((s) => s >= scale);
  const next = Math.min(TEXT_SCALES.length - 1, Math.max(0, (index < 0 ? 2 : index) + step));
  return TEXT_SCALES[next] ?? 1;
}

/** The root font size for a window: rem grows and shrinks with the window's smaller side. */
export function baseRemPx(width: number, height: number): number {
  return Math.min(width / DESIGN_WIDTH, height / DESIGN_HEIGHT) * DESIGN_REM_PX;
}

/**
 * Scales the whole room screen with the window, through the root font size (every screen
 * size is in rem), then fits it: while the content of `ref` is taller or wider than its box,
 * the type shrinks (a binary search over measured layouts, down to `minFit` of the chosen
 * size); a sparse view (the lobby) may grow up to `maxFit`. Re-fits when the window
 * resizes, the content changes (a view, a lazy component arriving) or the text size does.
 * The facilitator's larger/smaller choice is kept in this browser.
 */
export function useScreenScale(
  ref: RefObject<HTMLElement | null>,
  key: unknown,
  { minFit = 0.62, maxFit = 1 }: { minFit?: number; maxFit?: number } = {},
): { textScale: number; changeTextScale: (step: 1 | -1) => void } {
  const [textScale, setTextScale] = useState(readTextScale);

  const changeTextScale = useCallback((step: 1 | -1) => {
    setTextScale((scale) => {
      const next = stepTextScale(scale, step);
      try {
        localStorage.setItem(STORAGE_KEY, String(next));
      } catch {
        // Private windows may refuse storage: the choice lasts until the page closes.
      }
      return next;
    });
  }, []);

  useLayoutEffect(() => {
    const root = document.documentElement;
    let frame = 0;
    const fit = () => {
      frame = 0;
      const box = ref.current;
      const base = baseRemPx(window.innerWidth, window.innerHeight) * textScale;
      const set = (factor: number) => {
        root.style.fontSize = `${(base * factor).toFixed(2)}px`;
      };
      if (!box) return set(1);
      // The boxes inside that cut off what they hold (a column, a table's frame): content
      // they hide does not make `box` scroll, yet the room cannot see it either.
      // Text for screen readers only (1 px, clipped on purpose) is passed over, and so is a
      // box that fits its own type to its size (a content slide, `data-fits-itself`): it
      // refits when its box changes, and shrinking the screen would not shrink its type.
      const clippers = [...box.querySelectorAll('*')].filter((el) => {
        if (el.closest('[data-fits-itself]')) return false;
        const { overflowX, overflowY } = getComputedStyle(el);
        const clips = overflowX !== 'visible' || overflowY !== 'visible';
        return clips && el.clientWidth > 1 && el.clientHeight > 1;
      });
      // Inside, only what is cut off below counts: a long name ending in "…" on one line
      // is cut on purpose, and shrinking the whole screen would not bring it back.
      const hidesBelow = (el: Element) => el.scrollHeight > el.clientHeight + 1;
      const fits = (factor: number) => {
        set(factor);
        const overflows = box.scrollHeight > box.clientHeight || box.scrollWidth > box.clientWidth;
        return !overflows && !clippers.some(hidesBelow);
      };
      if (fits(maxFit)) return;
      if (!fits(minFit)) return;
      let lo = minFit;
      let hi = maxFit;
      for (let i = 0; i < 8 && hi - lo > 0.01; i++) {
        const mid = (lo + hi) / 2;
        if (fits(mid)) lo = mid;
        else hi = mid;
      }
      // A hair smaller than the boundary, so sub-pixel rounding never tips it over.
      set(lo * 0.99);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(fit);
    };
    fit();
    window.addEventListener('resize', schedule);
    const observer = new MutationObserver(schedule);
    if (ref.current)
      observer.observe(ref.current, { childList: true, subtree: true, characterData: true });
    return () => {
      if (frame) cancelAnimationFrame(frame);
      window.removeEventListener('resize', schedule);
      observer.disconnect();
      root.style.fontSize = '';
    };
  }, [ref, key, textScale, minFit, maxFit]);

  return { textScale, changeTextScale };
}
