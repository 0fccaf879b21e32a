import type { Router } from 'express';
import { z } from 'zod';
import { parse, send } from '../http/respond.ts';
import { EVERY_MEMBER, member, OWNER_ONLY, type WorkspaceContext } from './access.ts';
import { RETENTION_DAYS, RetentionStore } from './retention.ts';

/** Off (null), or a whole number of days from 1 to 3650. */
export const retentionBodySchema = z.object({
  days: z
    .number({ error: 'Days are a number, or null for off' })
    .int('Days are a whole number')
    .min(RETENTION_DAYS.min, `Keep raw answers at least ${RETENTION_DAYS.min} day`)
    .max(RETENTION_DAYS.max, `Keep raw answers at most ${RETENTION_DAYS.max} days`)
    .nullable(),
});

/**
 * The workspace's retention setting: every member may read it (the library says what it
 * means), only an owner may change it. The job that applies it is in retention.ts.
 */
export function retentionRoutes(router: Router, context: WorkspaceContext): void {
  const store = new RetentionStore(context.repository);

  router.get('/workspaces/:wid/retention', async (req, res) => {
    const m = await member(context, req, res, EVERY_MEMBER);
    if (!m) return;
    res.json({ days: await store.days(m.workspaceId) });
  });

  router.put('/workspaces/:wid/retention', async (req, res) => {
    const m = await member(context, req, res, OWNER_ONLY);
    if (!m) return;
    const body = parse(retentionBodySchema, req.body);
    if (!body.ok) return send(res, body);
    await store.setDays(m.workspaceId, body.data.days);
    res.json({ days: body.data.days });
  });
}
