import * as Y from 'yjs';

/**
 * An id for a block people add. Random, so two people adding at once never collide; from
 * `getRandomValues`, which (unlike `randomUUID`) works on a plain-http LAN address too.
 */
export function newBlockId(type: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  const random = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${type}-${random}`;
}

/** The blocks of a notebook in order, each Y.Map once (a duplicated id keeps its first). */
export function blockMaps(blocks: Y.Array<unknown>): Y.Map<unknown>[] {
  const seen = new Set<string>();
  const maps: Y.Map<unknown>[] = [];
  for (const item of blocks) {
    if (!(item instanceof Y.Map)) continue;
    const id = (item as Y.Map<unknown>).get('id');
    if (typeof id !== 'string' || seen.has(id)) continue;
    seen.add(id);
    maps.push(item as Y.Map<unknown>);
  }
  return maps;
}
