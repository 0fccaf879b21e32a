import { useLayoutEffect, useState, type RefObject } from 'react';

/** The room screen's smallest type: 24 px at 768 px high, scaled with the window's height. */
export function minSlideFontPx(height: number): number {
  return Math.max(16, (24 / 768) * height);
}

/**
 * Sets the font size of `ref`'s box, as large as fits without scrolling: from `maxVh` of
 * the window's height down to the screen's smallest readable size (a binary search over
 * measured layouts). Text that still does not fit goes smaller, to three quarters of that
 * at the very least, rather than be cut off. Re-measures when `key` changes, the window
 * or the box itself resizes or an image inside loads. Returns whether the smallest
 * readable size was enough.
 */
export function useFitFont(
  ref: RefObject<HTMLElement | null>,
  maxVh: number,
  key: unknown,
): boolean {
  const [size, setSize] = useState(() => ({ w: window.innerWidth, h: window.innerHeight }));
  const [loads, setLoads] = useState(0);
  const [isReadable, setReadable] = useState(true);

  useLayoutEffect(() => {
    const onResize = () => setSize({ w: window.innerWidth, h: window.innerHeight });
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    const onLoad = () => setLoads((n) => n + 1);
    box.addEventListener('load', onLoad, true);
    // The box itself changes size without the window (a Q&A strip under the slide, the
    // screen's header scaled): fit again then. Its size never follows its type, so no loop.
    let width = box.clientWidth;
    let height = box.clientHeight;
    const observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => {
            if (box.clientWidth === width && box.clientHeight === height) return;
            width = box.clientWidth;
            height = box.clientHeight;
            setLoads((n) => n + 1);
          });
    observer?.observe(box);
    return () => {
      box.removeEventListener('load', onLoad, true);
      observer?.disconnect();
    };
  }, [ref]);

  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    const fits = (px: number) => {
      box.style.fontSize = `${px}px`;
      return box.scrollHeight <= box.clientHeight + 1 && box.scrollWidth <= box.clientWidth + 1;
    };
    const min = minSlideFontPx(size.h);
    const max = Math.max(min, (maxVh / 100) * size.h);
    if (fits(max)) return setReadable(true);
    const floor = min * 0.75;
    let lo = fits(min) ? min : floor;
    setReadable(lo === min);
    if (lo === floor && !fits(floor)) return;
    let hi = lo === min ? max : min;
    for (let i = 0; i < 10 && hi - lo > 0.5; i++) {
      const mid = (lo + hi) / 2;
      if (fits(mid)) lo = mid;
      else hi = mid;
    }
    fits(lo);
  }, [ref, maxVh, key, size, loads]);

  return isReadable;
}
