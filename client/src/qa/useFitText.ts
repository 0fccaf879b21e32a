import { useLayoutEffect, useState, type RefObject } from 'react';

/** The smallest type on the room screen: 24 px at 768 px high, scaled with the window. */
export function minScreenFontPx(): number {
  return Math.max(16, (24 / 768) * window.innerHeight);
}

/**
 * Shrinks the type of `ref`'s box until its content fits without scrolling, from `maxVh`
 * (a share of the window's height) down to the screen's smallest readable size. If it
 * still does not fit there, it shows fewer items (`count` drops) rather than cut anything
 * off. Measured in the browser; in a test DOM nothing overflows, so everything shows.
 */
export function useFitText(
  ref: RefObject<HTMLElement | null>,
  itemCount: number,
  maxVh: number,
  key: string,
): number {
  const [height, setHeight] = useState(() => window.innerHeight);
  // How many fit, for one content and window: new content or a new window starts from all.
  const [fitted, setFitted] = useState<{ key: string; count: number } | null>(null);
  const fullKey = `${key}|${height}|${itemCount}`;
  const count = fitted?.key === fullKey ? fitted.count : itemCount;

  useLayoutEffect(() => {
    const onResize = () => setHeight(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    const min = minScreenFontPx();
    const overflows = () =>
      box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1;
    let font = Math.max(min, (maxVh / 100) * height);
    box.style.fontSize = `${font}px`;
    while (overflows() && font > min) {
      font = Math.max(min, font * 0.92);
      box.style.fontSize = `${font}px`;
    }
    // Measured layout is outside React: one fewer item, measured again on the next render.
    if (overflows() && count > 1) setFitted({ key: fullKey, count: count - 1 });
  }, [ref, count, maxVh, fullKey, height]);

  return Math.min(count, itemCount);
}
