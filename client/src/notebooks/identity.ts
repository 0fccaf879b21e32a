/**
 * How this person appears to the others in a notebook: a display name and a colour, kept
 * in this browser so they are asked for once. Storage may be unavailable (private mode):
 * then the name lasts as long as the page.
 */

/** Presence colours: each reads as text on white (contrast 4.5:1 or more). */
export const PRESENCE_COLORS = [
  '#0b6bcb',
  '#1d7a46',
  '#a35200',
  '#8e24aa',
  '#b42318',
  '#00796b',
  '#5d4037',
  '#c2185b',
] as const;

export const DEFAULT_FACILITATOR_NAME = 'Facilitator';
/** Same bound as a participant's name in a session. */
export const MAX_NAME_LENGTH = 40;

export interface Identity {
  name: string;
  color: string;
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

/** This browser's presence colour, picked at random the first time. */
export function getPresenceColor(): string {
  const saved = read(COLOR_KEY);
  if (saved && (PRESENCE_COLORS as readonly string[]).includes(saved)) return saved;
  const [random = 0] = crypto.getRandomValues(new Uint32Array(1));
  const color = PRESENCE_COLORS[random % PRESENCE_COLORS.length] ?? PRESENCE_COLORS[0];
  write(COLOR_KEY, color);
  return color;
}
