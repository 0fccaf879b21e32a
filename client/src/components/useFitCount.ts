import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';

/**
 * How many of a list's items fit in the list's box, for a room screen that never scrolls
 * and never cuts an item in half: all `total` at first, then, measured before paint, only
 * those whose bottom lies inside the list's box (the rest are counted, "+ 3 more").
 * Measured afresh when the items change (`key`) and when `boxRef` is resized (the window,
 * the type size): the box's size must not depend on the items (a grid cell, a flex item of
 * fixed share), and the list should clip its paint (`contain: paint`) so an item on its way
 * out never makes the whole screen shrink its type for a frame.
 */
export function useFitCount(
  listRef: RefObject<HTMLElement | null>,
  boxRef: RefObject<HTMLElement | null>,
  total: number,
  key: unknown,
): number {
  // `pass` counts the measurements started afresh (a new size), so each one runs.
  const [fit, setFit] = useState({ key, total, count: total, pass: 0 });
  let current = fit;
  if (fit.key !== key || fit.total !== total) {
    // New items: show them all and measure again (state derived while rendering).
    current = { key, total, count: total, pass: fit.pass };
    setFit(current);
  }
  const shown = Math.min(current.count, total);

  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list || shown === 0) return;
    const bottom = list.getBoundingClientRect().bottom + 0.5;
    const items = [...list.children];
    const fitting = items.findIndex((item) => item.getBoundingClientRect().bottom > bottom);
    if (fitting >= 0 && fitting < shown) setFit((f) => ({ ...f, count: fitting }));
    // Each fewer item can make room for a "+ 3 more" line below: measured again then.
  }, [listRef, shown, key, total, current.pass]);

  useEffect(() => {
    const box = boxRef.current;
    if (!box || typeof ResizeObserver === 'undefined') return;
    let last = '';
    const observer = new ResizeObserver(([entry]) => {
      const size = entry ? `${entry.contentRect.width}x${entry.contentRect.height}` : '';
      if (size === last) return;
      const isFirst = last === '';
      last = size;
      // A new size: every item gets its chance again, then the fitting trims.
      if (!isFirst) setFit((f) => ({ ...f, count: f.total, pass: f.pass + 1 }));
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, [boxRef]);

  return shown;
}
