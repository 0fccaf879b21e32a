import { z } from 'zod';
import { idSchema } from '@playfield/shared';

// The bodies are the protocol's, shared with the client that sends them.
export {
  notebookSearchBodySchema,
  resolveLinkBodySchema,
  shareLinkBodySchema,
} from '@playfield/shared';

/** `/notebooks/:id/links/:linkId`: a link's id as the server drew it. */
export const linkParamsSchema = z.object({ linkId: idSchema });
