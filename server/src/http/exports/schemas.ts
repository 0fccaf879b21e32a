import { z } from 'zod';
import { idSchema } from '@playfield/shared';

/** `/sessions/:id/rounds/:roundId/export/:format`: a round's id as the agenda holds it. */
export const roundExportParamsSchema = z.object({ roundId: idSchema, format: z.string() });

/** `/notebooks/:id/export/:format`: the archive (json), or a document (md, pdf). */
export const notebookExportParamsSchema = z.object({ format: z.string() });
