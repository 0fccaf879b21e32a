import { useState } from 'react';
import { isRehearsalTitle } from './link.ts';

/**
 * Rehearsals stay out of the real results lists unless asked for: this hook keeps the
 * choice and filters a list by it; the toggle is its labelled checkbox.
 */
export function useShowRehearsals<T extends { title: string }>(
  items: readonly T[] | null,
): { shown: T[] | null; hidden: number; isShowing: boolean; setShowing: (on: boolean) => void } {
  const [isShowing, setShowing] = useState(false);
  if (!items) return { shown: null, hidden: 0, isShowing, setShowing };
  const shown = isShowing ? [...items] : items.filter((item) => !isRehearsalTitle(item.title));
  return { shown, hidden: items.length - shown.length, isShowing, setShowing };
}

export function ShowRehearsalsToggle({
  isShowing,
  hidden,
  onChange,
}: {
  isShowing: boolean;
  hidden: number;
  onChange: (on: boolean) => void;
}) {
  return (
    <label className="check muted">
      <input type="checkbox" checked={isShowing} onChange={(e) => onChange(e.target.checked)} />{' '}
      Show rehearsals{!isShowing && hidden > 0 ? ` (${hidden} hidden)` : ''}
    </label>
  );
}
