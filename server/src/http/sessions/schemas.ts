import { z } from 'zod';

// The bodies are the protocol's, shared with the client that sends them.
export {
  createSessionBodySchema,
  facilitatorSessionsBodySchema,
  joinBodySchema,
} from '@playfield/shared';

/**
 * `/join/:code?s=<session id>`: the code as typed and the id the QR code carries, each cut
 * to its longest; anything else (a repeated `s`) is no id. Checked against the store, never
 * trusted.
 */
export const joinLookupSchema = z.object({
  code: z.string().transform((code) => code.slice(0, 20)),
  s: z
    .string()
    .transform((id) => id.slice(0, 64))
    .optional()
    .catch(undefined),
});
