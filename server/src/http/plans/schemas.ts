import { z } from 'zod';
import { idSchema } from '@playfield/shared';

/** `/plan/export/:format`: a calendar, or a document (`sendDocument` checks which). */
export const ownPlanExportSchema = z.object({ format: z.string() });

/** `/sessions/:id/plans/:participantId/export/:format`: the seat's id is parsed, never split. */
export const sharedPlanExportSchema = z.object({ participantId: idSchema, format: z.string() });
