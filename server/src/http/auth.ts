import type { Request } from 'express';
import { idSchema, type AppError } from '@playfield/shared';
import type { SessionManager } from '../sessions/sessionManager.ts';
import { bearer } from './respond.ts';

/** A seat proven by its resume token: its session, ids and name. */
export type ProvenSeat = NonNullable<Awaited<ReturnType<RequestAuth['seatOf']>>>;

export const unauthorized: AppError = {
  code: 'UNAUTHORIZED',
  message: 'Open this from your own link',
};

/**
 * Who a request speaks for, from its bearer token and its `:id` parameter (parsed by its
 * schema, never trusted as is). Shared by the routers of every domain.
 */
export class RequestAuth {
  constructor(private readonly manager: SessionManager) {}

  /** The session row of `:id` when the bearer is its facilitator. */
  async facilitatorOf(req: Request) {
    const id = idSchema.safeParse(req.params.id);
    const token = bearer(req);
    return id.success && token ? this.manager.authorizeFacilitator(id.data, token) : null;
  }

  /** The seat of the bearer's resume token, with its session; none once its holder left. */
  async seatOf(req: Request) {
    const token = bearer(req);
    const seat =
      token && idSchema.safeParse(token).success
        ? await this.manager.authorizeParticipant(token)
        : null;
    const session = seat?.ok ? await this.manager.get(seat.data.sessionId) : null;
    return seat?.ok && session
      ? {
          session,
          seat: { sessionId: seat.data.sessionId, participantId: seat.data.participantId },
          name: seat.data.name,
        }
      : null;
  }
}
