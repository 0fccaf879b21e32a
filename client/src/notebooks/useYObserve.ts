import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/**
 * Re-renders when a Yjs type's own content changes (not what is nested inside it): the
 * list of blocks re-renders when a block is added or removed, not on every keystroke in a
 * note, which the note's own text area follows. Returns a version counter.
 */
export function useYObserve<E>(type: Y.AbstractType<E> | null): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!type) return;
    const bump = () => setVersion((v) => v + 1);
    type.observe(bump);
    return () => type.unobserve(bump);
  }, [type]);
  return version;
}
