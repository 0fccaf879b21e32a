import {
  docIdOf,
  fail,
  ok,
  type Accepted,
  type PlanAnswerPayload,
  type Result,
} from '@playfield/shared';
import { addPlanAction } from '@playfield/shared/plans/plan';
import { newId } from '../security/tokens.ts';
import type { LiveSession } from '../sessions/liveSession.ts';
import type { DocumentHub } from './documentHub.ts';

/**
 * Personal action plans on the server's side: a participant's answer to a round's prompt
 * becomes an action in their plan (a Yjs document), and the session counts who answered.
 */
export class PlanService {
  constructor(private readonly hub: DocumentHub) {}

  /**
   * Stores an answer (or a skip, when `text` is null). The plan is written first, so an
   * acknowledged answer is in the plan even if counting it fails afterwards.
   */
  async answer(
    session: LiveSession,
    participantId: string,
    { roundId, text }: PlanAnswerPayload,
  ): Promise<Result<Accepted>> {
    const round = session.state.agenda.find((r) => r.id === roundId);
    if (!round) return fail('NOT_FOUND', 'That round is not on the agenda');
    // Checked before the plan is written, so a refused answer leaves nothing behind.
    if (!session.state.rounds[roundId]?.hasStarted)
      return fail('CONFLICT', 'That round has not been played yet');
    const seat = session.state.participants[participantId];
    if (!seat || seat.hasLeft) return fail('FORBIDDEN', 'You are not in this session');
    if (text !== null) {
      const written = await this.hub.change(
        docIdOf({ kind: 'plan', sessionId: session.id, participantId }),
        (doc) => {
          addPlanAction(doc, { id: newId(), text, roundId, roundTitle: round.title });
        },
      );
      if (!written.ok) return written;
    }
    const counted = await session.execute(
      { type: 'prompt.respond', roundId },
      { role: 'participant', participantId },
    );
    return counted.ok ? ok({ seq: counted.data.seq }) : counted;
  }
}
