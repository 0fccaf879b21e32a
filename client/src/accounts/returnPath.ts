/**
 * Where to go back to after signing in (an invitation opened while signed out): a path on
 * this site only, never another site. It travels in the address's fragment
 * (`/account#next=…`), so an invitation's secret inside it never reaches a server.
 */

const BASE = 'https://playfield.invalid';

/**
 * `raw` as a path on this origin, or null: it must start with one `/` (not `//` or `/\`,
 * which browsers read as another host), hold no control characters or backslashes, stay
 * on this origin once resolved, and be at most 2,000 characters.
 */
export function safeReturnPath(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 2_000) return null;
  if (!raw.startsWith('/') || raw.startsWith('//')) return null;
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\\\u0000-\u001f\u007f]/.test(raw)) return null;
  try {
    const url = new URL(raw, BASE);
    if (url.origin !== BASE) return null;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}

/** The return path in the current address (`#next=…`), if it is a safe one. */
export function readReturnPath(): string | null {
  return safeReturnPath(new URLSearchParams(location.hash.slice(1)).get('next'));
}

/** `path` carrying a return path in its fragment (none when `next` is not safe). */
export function withReturnPath(path: string, next: string | null): string {
  const safe = safeReturnPath(next);
  return safe ? `${path}#next=${encodeURIComponent(safe)}` : path;
}
