import { z } from 'zod';
import { LIMITS } from '../limits.ts';

/**
 * A presence: who holds a collaborative document open, as its awareness state says (the
 * Yjs awareness protocol relays it between browsers through the server). It carries a
 * palette index, never a colour: each browser draws index N as `var(--presence-N)` from its
 * own design tokens, so no colour travels and none can be injected.
 */

/** How many presence colours the palette has (`--presence-1` .. `--presence-8`). */
export const PRESENCE_COLOR_COUNT = 8;

/** A presence colour: an index into the palette, 1 to {@link PRESENCE_COLOR_COUNT}. */
export const presenceColorSchema = z
  .number({ message: 'A presence colour is a palette number' })
  .int('A presence colour is a whole number')
  .min(1, 'A presence colour is at least 1')
  .max(PRESENCE_COLOR_COUNT, `A presence colour is at most ${PRESENCE_COLOR_COUNT}`);

export type PresenceColor = z.infer<typeof presenceColorSchema>;

/** The block a presence says it is in (a notebook block's id). */
export const presenceBlockIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,80}$/, 'A block id is letters, digits, - or _, at most 80');

/**
 * Another browser's presence, as this browser reads it. Nothing in it is trusted: a state
 * without a usable name fails (the peer is skipped); a colour outside the palette (an old
 * client's hex, a string, 9) falls back to the first; a block that is not an id is none.
 */
export const peerStateSchema = z.object({
  name: z
    .string({ message: 'A presence needs a name' })
    .transform((name) => name.trim().slice(0, LIMITS.nameLength))
    .pipe(z.string().min(1, 'A presence needs a name')),
  color: presenceColorSchema.catch(1),
  blockId: presenceBlockIdSchema.nullable().catch(null),
});

export type PeerState = z.infer<typeof peerStateSchema>;
