/**
 * The console's one-key shortcuts, shared by the console and the presenter view. A
 * presenter clicker sends PageDown/PageUp (some send the arrow keys or Space), so those
 * move through the agenda. No shortcut fires while the facilitator types in a field.
 */

/** What a shortcut does. */
export type ShortcutAction =
  | 'next'
  | 'back'
  | 'reveal'
  | 'lock'
  | 'timer'
  | 'countdown'
  | 'extend1'
  | 'extend5'
  | 'blank'
  | 'freeze'
  | 'help';

/** The shortcuts as the `?` overlay lists them, in that order. */
export const SHORTCUTS: readonly {
  keys: readonly string[];
  action: ShortcutAction;
  label: string;
}[] = [
  { keys: ['PageDown', '→', 'Space', 'N'], action: 'next', label: 'Next round' },
  { keys: ['PageUp', '←', 'P'], action: 'back', label: 'Previous round' },
  { keys: ['R'], action: 'reveal', label: 'Reveal or hide the results' },
  { keys: ['L'], action: 'lock', label: 'Lock or reopen answers' },
  { keys: ['T'], action: 'timer', label: 'Timer: start for the round, pause, resume' },
  { keys: ['C'], action: 'countdown', label: "Show or hide the round's countdown on the screen" },
  { keys: ['1'], action: 'extend1', label: 'One more minute for this round' },
  { keys: ['5'], action: 'extend5', label: 'Five more minutes for this round' },
  { keys: ['B'], action: 'blank', label: 'Blank the room screen (shows the join code), or back' },
  { keys: ['F'], action: 'freeze', label: 'Freeze the room screen, or back to live' },
  { keys: ['?'], action: 'help', label: 'Show or hide this list' },
];

const BY_KEY: Readonly<Record<string, ShortcutAction>> = {
  PageDown: 'next',
  ArrowRight: 'next',
  ' ': 'next',
  n: 'next',
  PageUp: 'back',
  ArrowLeft: 'back',
  p: 'back',
  r: 'reveal',
  l: 'lock',
  t: 'timer',
  c: 'countdown',
  '1': 'extend1',
  '5': 'extend5',
  b: 'blank',
  f: 'freeze',
  '?': 'help',
};

/** The part of a keyboard event the shortcuts read. */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  repeat: boolean;
  target: EventTarget | null;
}

/**
 * Is the key going to a place where it means text or its own thing: a text field, a
 * select, an editable region, or (for Space and Enter) a focused button or link?
 */
export function isOwnKeyTarget(target: EventTarget | null, key: string): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  // A checked box or a radio keeps the clicker working (it sends no letters), except
  // Space, which ticks it.
  const isToggle = element.matches('input[type="checkbox"], input[type="radio"]');
  if (
    !isToggle &&
    element.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')
  )
    return true;
  if (element.isContentEditable) return true;
  if (key === ' ' || key === 'Enter') {
    return isToggle || !!element.closest('button, a[href], summary, [role="button"], [role="tab"]');
  }
  return false;
}

/** The shortcut a key press means, or null (typing, a held key, a browser shortcut). */
export function shortcutFor(event: KeyLike): ShortcutAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return null;
  if (isOwnKeyTarget(event.target, event.key)) return null;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  return Object.hasOwn(BY_KEY, key) ? (BY_KEY[key] ?? null) : null;
}
