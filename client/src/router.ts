import { useSyncExternalStore } from 'react';

/** A matched route: its name and path parameters. */
export type Route =
  | { name: 'home' }
  | { name: 'join'; code: string }
  | { name: 'new' }
  | { name: 'console'; sessionId: string }
  /** The console's presenter view of a session (one laptop, keyboard first). */
  | { name: 'present'; sessionId: string }
  | { name: 'screen'; sessionId: string }
  | { name: 'sessions' }
  | { name: 'notebook'; sessionId: string }
  | { name: 'notebooks' }
  | { name: 'plan' }
  /** Facilitator accounts: sign in, sign up, reset, the account (client/src/accounts). */
  | { name: 'account' }
  /** Workspaces: yours, one by id, and accepting an invitation (client/src/workspaces). */
  | { name: 'workspaces'; workspaceId: string | null }
  | { name: 'invite' }
  | { name: 'notFound' };

const PATTERNS: [RegExp, (m: RegExpMatchArray) => Route][] = [
  [/^\/$/, () => ({ name: 'home' })],
  [/^\/join\/([^/]+)\/?$/, (m) => ({ name: 'join', code: decodeURIComponent(m[1] ?? '') })],
  [/^\/new\/?$/, () => ({ name: 'new' })],
  [/^\/console\/([A-Za-z0-9_-]+)\/?$/, (m) => ({ name: 'console', sessionId: m[1] ?? '' })],
  [
    /^\/console\/([A-Za-z0-9_-]+)\/present\/?$/,
    (m) => ({ name: 'present', sessionId: m[1] ?? '' }),
  ],
  [/^\/screen\/([A-Za-z0-9_-]+)\/?$/, (m) => ({ name: 'screen', sessionId: m[1] ?? '' })],
  [/^\/sessions\/?$/, () => ({ name: 'sessions' })],
  [/^\/notebook\/([A-Za-z0-9_-]+)\/?$/, (m) => ({ name: 'notebook', sessionId: m[1] ?? '' })],
  [/^\/notebooks\/?$/, () => ({ name: 'notebooks' })],
  [/^\/plan\/?$/, () => ({ name: 'plan' })],
  [/^\/account(\/(signup|reset))?\/?$/, () => ({ name: 'account' })],
  [
    /^\/workspaces(?:\/([A-Za-z0-9_-]+))?\/?$/,
    (m) => ({ name: 'workspaces', workspaceId: m[1] ?? null }),
  ],
  [/^\/invite\/?$/, () => ({ name: 'invite' })],
];

/** Matches a pathname to a route. */
export function matchRoute(pathname: string): Route {
  for (const [pattern, build] of PATTERNS) {
    const match = pathname.match(pattern);
    if (match) return build(match);
  }
  return { name: 'notFound' };
}

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

/** Goes to a path inside the app without reloading. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  listeners.forEach((l) => l());
  window.scrollTo(0, 0);
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The current location's path, re-rendering on navigation. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => location.pathname);
}

/** A secret carried in the URL fragment (`#key=…`): never sent to the server in requests or logs. */
export function readHashKey(): string | null {
  const params = new URLSearchParams(location.hash.slice(1));
  return params.get('key');
}
