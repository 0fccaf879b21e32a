/** A search snippet cut into plain and matching parts, to mark the matches. */
export function splitMatches(text: string, query: string): { text: string; isMatch: boolean }[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [{ text, isMatch: false }];
  const parts: { text: string; isMatch: boolean }[] = [];
  const haystack = text.toLowerCase();
  let from = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, from)) {
    if (at > from) parts.push({ text: text.slice(from, at), isMatch: false });
    parts.push({ text: text.slice(at, at + needle.length), isMatch: true });
    from = at + needle.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), isMatch: false });
  return parts;
}

/** Newest first: the day people ran it, as the list reads. */
export function newestFirst<T extends { createdAt: number }>(items: T[]): T[] {
  return [...items].sort((a, b) => b.createdAt - a.createdAt);
}

/**
 * Reads a chosen archive file and says plainly what is wrong with it, before the server
 * does: not JSON, not a Playfield notebook, or too large for the server to take.
 */
export function archiveProblem(text: string, maxBytes: number): string | null {
  if (new Blob([text]).size > maxBytes)
    return 'This file is too large to be a Playfield notebook archive.';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'This file is not JSON: choose the .json archive a Playfield notebook was exported as.';
  }
  const format =
    typeof parsed === 'object' && parsed !== null ? (parsed as { format?: unknown }).format : null;
  if (format !== 'playfield-notebook')
    return 'This JSON file is not a Playfield notebook archive (export one with “JSON archive”).';
  return null;
}
