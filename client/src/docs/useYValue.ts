import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

/** What `useYValue` needs of a Yjs type (Y.Map, Y.Array, Y.Text…). */
interface YType {
  observe(listener: () => void): void;
  observeDeep(listener: () => void): void;
}

/** What can be followed: a Yjs type or a whole document. */
export type YSource = YType | Y.Doc;

/** How far a change counts: the type's own entries, or anything nested inside it too. */
export type YDepth = 'own' | 'deep';

/** One observer per source and depth, shared by every component that follows it. */
interface Watch {
  version: number;
  listeners: Set<() => void>;
}

const watches: Record<YDepth, WeakMap<YSource, Watch>> = {
  own: new WeakMap(),
  deep: new WeakMap(),
};

function isDoc(source: YSource): source is Y.Doc {
  return 'clientID' in source;
}

/**
 * The watch of `source`: its version moves on every change and its listeners hear it. The
 * observer is registered once and lives as long as the source (it is held only by it), so a
 * component that mounts after a change still sees a new version.
 */
function watchOf(source: YSource, depth: YDepth): Watch {
  const known = watches[depth].get(source);
  if (known) return known;
  const watch: Watch = { version: 0, listeners: new Set() };
  const bump = () => {
    watch.version += 1;
    for (const listener of [...watch.listeners]) listener();
  };
  if (isDoc(source)) source.on('update', bump);
  else if (depth === 'deep') source.observeDeep(bump);
  else source.observe(bump);
  watches[depth].set(source, watch);
  return watch;
}

interface Store<R> {
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => R;
}

const NO_SUBSCRIPTION = () => () => undefined;

function storeOf<S extends YSource, R>(
  source: S | null,
  read: (source: S) => R,
  depth: YDepth,
): Store<R | null> {
  if (!source) return { subscribe: NO_SUBSCRIPTION, getSnapshot: () => null };
  const watch = watchOf(source, depth);
  let readAt = -1;
  let value: R | null = null;
  return {
    subscribe: (listener) => {
      watch.listeners.add(listener);
      return () => watch.listeners.delete(listener);
    },
    // Read again only when the source has changed since: same value, same identity.
    getSnapshot: () => {
      if (readAt !== watch.version) {
        value = read(source);
        readAt = watch.version;
      }
      return value;
    },
  };
}

/**
 * What `read` makes of a Yjs type (or document), re-read when it changes and only then: the
 * result keeps its identity between changes, so it can be a dependency or a memo's input.
 * `read` must be stable (a module-level function): a new one re-reads.
 */
export function useYValue<S extends YSource, R>(
  source: S,
  read: (source: S) => R,
  depth?: YDepth,
): R;
export function useYValue<S extends YSource, R>(
  source: S | null,
  read: (source: S) => R,
  depth?: YDepth,
): R | null;
export function useYValue<S extends YSource, R>(
  source: S | null,
  read: (source: S) => R,
  depth: YDepth = 'own',
): R | null {
  const store = useMemo(() => storeOf(source, read, depth), [source, read, depth]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
