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
import { guard, reportFault } from '../faults/faults.ts';
import type { DocumentHub } from '../docs/documentHub.ts';
import type { PlanService } from '../docs/planService.ts';
import { hashToken, newToken } from '../security/tokens.ts';
import type { LiveSession } from '../sessions/liveSession.ts';
import type { SessionManager } from '../sessions/sessionManager.ts';
import { RehearsalRunner, type RunnerDeps } from './runner.ts';

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
 * The rehearsals running in this process: one runner per live rehearsal in memory. A
 * rehearsal's runner starts when its session is loaded (after creation, and after a
 * restart when anyone opens it again) and stops when it ends or leaves memory.
 */
export class RehearsalService {
  private readonly runners = new Map<string, RehearsalRunner>();
  private isClosed = false;
  /** Told of every simulated action acknowledged (the rehearsal bench times them). */
  observe: RunnerDeps['observe'] = undefined;

  constructor(
    private readonly manager: SessionManager,
    private readonly hub: DocumentHub,
    private readonly plans: PlanService,
    private readonly now: () => number = Date.now,
  ) {
    manager.onLoaded = (session) => this.loaded(session);
  }

  /** The runner of a session, for tests and the bench. */
  runnerOf(sessionId: string): RehearsalRunner | undefined {
    return this.runners.get(sessionId);
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

  private loaded(session: LiveSession): void {
    if (this.isClosed || !session.state.rehearsal || session.state.phase === 'ended') return;
    this.runners.get(session.id)?.stop();
    const runner = new RehearsalRunner(session, {
      hub: this.hub,
      plans: this.plans,
      now: this.now,
      isCurrent: (s) => this.manager.peek(s.id) === s,
      observe: (sample) => this.observe?.(sample),
    });
    this.runners.set(session.id, runner);
    runner.start().catch((error: unknown) => {
      reportFault(`rehearsal ${session.id}: start`, error);
    });
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
    this.isClosed = true;
    for (const runner of this.runners.values()) guard('rehearsal: stop', () => runner.stop());
    this.runners.clear();
  }
}
