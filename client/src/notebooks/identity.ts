import { LIMITS } from '@playfield/shared/limits';
import { PRESENCE_COLOR_COUNT, type PresenceColor } from '@playfield/shared/protocol/presence';

/**
 * How this person appears to the others in a notebook: a display name and a colour (a
 * number N of the palette `--presence-N` in tokens.css), kept in this browser so they are
 * asked for once. Storage may be unavailable (private mode): then they last as long as the
 * page.
 */

export const DEFAULT_FACILITATOR_NAME = 'Facilitator';
/** Same bound as a participant's name in a session. */
export const MAX_NAME_LENGTH = LIMITS.nameLength;

export interface Identity {
  name: string;
  color: PresenceColor;
}

/** How a presence colour is drawn: its design token. */
export function presenceColorVar(color: PresenceColor): string {
  return `var(--presence-${color})`;
}

export type NotebookRole = 'facilitator' | 'link';

const NAME_KEYS: Record<NotebookRole, string> = {
  facilitator: 'playfield.notebook.facilitatorName',
  link: 'playfield.notebook.name',
};
const COLOR_KEY = 'playfield.notebook.color';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Kept for this page only.
  }
}

/** The name saved for this role, or null when a link holder has not given one yet. */
export function getSavedName(role: NotebookRole): string | null {
  const saved = read(NAME_KEYS[role])?.trim().slice(0, MAX_NAME_LENGTH);
  if (saved) return saved;
  return role === 'facilitator' ? DEFAULT_FACILITATOR_NAME : null;
}

export function saveName(role: NotebookRole, name: string): void {
  write(NAME_KEYS[role], name);
}

/** Why a display name cannot be used, or null when it can. */
export function nameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return 'Enter a name, so the others know who is writing.';
  if (trimmed.length > MAX_NAME_LENGTH) return `At most ${MAX_NAME_LENGTH} characters.`;
  return null;
}

/**
 * The palette number of a stored colour: a number as stored now, or the hex an earlier
 * version stored, found among the palette's tokens as this page draws them. Null for
 * anything else.
 */
function storedColor(saved: string | null): PresenceColor | null {
  if (!saved) return null;
  const index = Number(saved);
  if (/^[0-9]+$/.test(saved) && index >= 1 && index <= PRESENCE_COLOR_COUNT) return index;
  if (!/^#[0-9a-f]{6}$/i.test(saved)) return null;
  const tokens = getComputedStyle(document.documentElement);
  for (let n = 1; n <= PRESENCE_COLOR_COUNT; n++)
    if (tokens.getPropertyValue(`--presence-${n}`).trim().toLowerCase() === saved.toLowerCase())
      return n;
  return null;
}

/** This browser's presence colour, picked at random the first time. */
export function getPresenceColor(): PresenceColor {
  const saved = read(COLOR_KEY);
  const known = storedColor(saved);
  if (known !== null) {
    if (saved !== String(known)) write(COLOR_KEY, String(known));
    return known;
  }
  const [random = 0] = crypto.getRandomValues(new Uint32Array(1));
  const color = 1 + (random % PRESENCE_COLOR_COUNT);
  write(COLOR_KEY, String(color));
  return color;
}
