import { useEffect, useRef } from 'react';
import { shortcutFor, type ShortcutAction } from './shortcuts.ts';

/**
 * Calls `onShortcut` for the console's one-key shortcuts pressed anywhere on the page
 * (never while typing in a field). The latest handler is used, without re-listening.
 */
export function useShortcuts(onShortcut: (action: ShortcutAction) => void, isEnabled = true) {
  const handler = useRef(onShortcut);
  useEffect(() => {
    handler.current = onShortcut;
  });
  useEffect(() => {
    if (!isEnabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const action = shortcutFor(event);
      if (!action) return;
      // Space and PageDown would also scroll the page.
      event.preventDefault();
      handler.current(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [isEnabled]);
}
