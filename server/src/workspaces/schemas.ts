import { z } from 'zod';
import { cleanText, idSchema, keySchema, titleSchema } from '@playfield/shared';
import { WORKSPACE_ROLES } from './migration.ts';

/** What the workspaces' routes accept: every body and query, with readable refusals. */
export const workspaceNameSchema = cleanText(80, { what: 'A workspace name' });

export const roleSchema = z.enum(WORKSPACE_ROLES, {
  error: 'A role is owner, facilitator, producer or viewer',
});

/** An invitation's secret, as it travels in the link's fragment. */
export const invitationTokenSchema = keySchema(
  /^[A-Za-z0-9_-]{16,128}$/,
  'This invitation link is not valid',
);

export const createWorkspaceBodySchema = z.object({ name: workspaceNameSchema });
export const inviteBodySchema = z.object({ role: roleSchema });
export const tokenBodySchema = z.object({ token: invitationTokenSchema });
export const roleBodySchema = z.object({ role: roleSchema });

export const moveInBodySchema = z.object({
  sessionIds: z
    .array(idSchema)
    .min(1, 'Choose at least one session')
    .max(200, 'At most 200 sessions at a time'),
});

export const saveTemplateBodySchema = z.object({
  sessionId: idSchema,
  title: titleSchema.optional(),
});

export const startBodySchema = z.object({ title: titleSchema.optional() });

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'A date is written YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'Not a real date');

/** The library's search and filters, from the query string. */
export const libraryQuerySchema = z.object({
  q: z.string().max(200, 'A search has at most 200 characters').optional(),
  workshop: z.string().max(200, 'A workshop name has at most 200 characters').optional(),
  from: day.optional(),
  to: day.optional(),
  /** Rehearsals stay out of the list unless asked for. */
  rehearsals: z.enum(['1'], { message: 'rehearsals is 1 or absent' }).optional(),
});

export { idSchema };
