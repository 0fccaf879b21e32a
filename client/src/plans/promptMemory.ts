/**
 * Which rounds' action-plan prompts this phone has answered or skipped, so the card does
 * not come back after a reload. The server counts responses but does not tell phones whose
 * they are (the room's view is the same for every phone), hence this local note.
 */
const KEY = 'playfield.prompts';
/** Old entries go first once this many are kept. */
const MAX_ENTRIES = 200;

type Answer = 'answered' | 'skipped';

function readAll(): Record<string, Answer> {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? ((JSON.parse(raw) as Record<string, Answer> | null) ?? {}) : {};
  } catch {
    return {};
  }
}

const keyOf = (sessionId: string, roundId: string) => `${sessionId}/${roundId}`;

/** How this phone responded to a round's prompt, or null if it has not yet. */
export function promptResponse(sessionId: string, roundId: string): Answer | null {
  return readAll()[keyOf(sessionId, roundId)] ?? null;
}

export function rememberPromptResponse(sessionId: string, roundId: string, answer: Answer): void {
  const entries = Object.entries(readAll()).filter(([key]) => key !== keyOf(sessionId, roundId));
  entries.push([keyOf(sessionId, roundId), answer]);
  try {
    localStorage.setItem(KEY, JSON.stringify(Object.fromEntries(entries.slice(-MAX_ENTRIES))));
  } catch {
    // Private mode or full storage: the card may come back after a reload, nothing worse.
  }
}
