import {
  fail,
  LIMITS,
  ok,
  REHEARSAL_LIMITS,
  REHEARSAL_PACES,
  type AppError,
  type CreateSessionBody,
  type CreatedSession,
  type TakenSeat,
  type Result,
  type SessionHeader,
} from '@playfield/shared';
import { hashToken, newToken } from '../security/tokens.ts';
import type { SessionManager } from '../sessions/sessionManager.ts';
import type { RehearsalRunner } from './runner.ts';
import type { AckSample, RehearsalRunners } from './runners.ts';

/** What a typed code answers for a rehearsal that the facilitator has not opened. */
/** How a rehearsal's title begins. */
export const REHEARSAL_LABEL = 'Rehearsal: ';

export const REHEARSAL_CLOSED: AppError = {
  code: 'FORBIDDEN',
  message:
    'This is a rehearsal: it cannot be joined with its code. Ask the facilitator for the link or QR code.',
};

/** "Rehearsal: …", within the title's limit; a title already so labelled is kept. */
export function rehearsalTitle(title: string): string {
  if (title.startsWith(REHEARSAL_LABEL)) return title;
  return `${REHEARSAL_LABEL}${title}`.slice(0, LIMITS.titleLength);
}

/**
 * Rehearsals: create one, refuse a typed code it is closed to, hand a simulated seat to the
 * facilitator. Their simulated rooms are run by the {@link RehearsalRunners}, which the
 * session manager tells of every session it loads (both built before this).
 */
export class RehearsalService {
  constructor(
    private readonly manager: SessionManager,
    private readonly runners: RehearsalRunners,
  ) {}

  /** The runner of a session, for tests and the bench. */
  runnerOf(sessionId: string): RehearsalRunner | undefined {
    return this.runners.runnerOf(sessionId);
  }

  /** Tells `listener` of every simulated action acknowledged (the bench times them). */
  observeAcks(listener: (sample: AckSample) => void): () => void {
    return this.runners.observeAcks(listener);
  }

  /** Creates a rehearsal and starts its simulated room at once. */
  async create(body: CreateSessionBody): Promise<Result<CreatedSession>> {
    const created = await this.manager.create({
      ...body,
      // The title carries the label, so the notebook, exports and lists all say so.
      title: rehearsalTitle(body.title),
      rehearsal: body.rehearsal ?? {
        seats: REHEARSAL_LIMITS.defaultSeats,
        actionsPerMinute: REHEARSAL_PACES.normal,
      },
    });
    if (created.ok) await this.manager.get(created.data.sessionId);
    return created;
  }

  /**
   * A typed code found a session: refused when it is a rehearsal the facilitator has not
   * opened to codes. Links and QR codes carry the session's id and never come here.
   */
  async checkTypedCode(found: SessionHeader): Promise<Result<SessionHeader>> {
    const session = await this.manager.get(found.id);
    const rehearsal = session?.state.rehearsal;
    if (rehearsal && !rehearsal.isOpenToCode) return { ok: false, error: REHEARSAL_CLOSED };
    return ok(found);
  }

  /**
   * Hands a simulated seat to the facilitator: the simulation leaves it, and a new resume
   * token (stored, as a hash, with the logged event) opens it on a phone.
   */
  async takeSeat(sessionId: string, participantId: string): Promise<Result<TakenSeat>> {
    const session = await this.manager.get(sessionId);
    if (!session) return fail('NOT_FOUND', 'No such rehearsal');
    const resumeToken = newToken();
    const taken = await session.execute(
      { type: 'rehearsal.takeSeat', participantId },
      { role: 'facilitator' },
      { participantToken: { tokenHash: hashToken(resumeToken), participantId } },
    );
    if (!taken.ok) return taken;
    const seat = session.state.participants[participantId];
    return ok({
      sessionId,
      participantId,
      name: seat?.name ?? '',
      resumeToken,
      code: session.state.code,
    });
  }

  close(): void {
    this.runners.close();
  }
}
