import {
  docIdOf,
  ok,
  type Accepted,
  type CommandActor,
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
   * Stores an answer (or a skip, when `text` is null) as one command through the session's
   * queue: the session's rules (shared `decide`: a seat still in, a round on the agenda that
   * has been played) accept or refuse it, and the plan's new action is stored in the same
   * transaction as the count. Acknowledged means both are stored; refused means neither.
   */
  async answer(
    session: LiveSession,
    participantId: string,
    { roundId, text }: PlanAnswerPayload,
  ): Promise<Result<Accepted>> {
    const actor: CommandActor = { role: 'participant', participantId };
    const command = { type: 'prompt.respond', roundId } as const;
    if (text === null) {
      const counted = await session.execute(command, actor);
      return counted.ok ? ok({ seq: counted.data.seq }) : counted;
    }
    // The title as the plan shows it; an unknown round is refused by the command below.
    const roundTitle = session.state.agenda.find((r) => r.id === roundId)?.title ?? '';
    const counted = await this.hub.changeWith(
      docIdOf({ kind: 'plan', sessionId: session.id, participantId }),
      (doc) => addPlanAction(doc, { id: newId(), text, roundId, roundTitle }),
      (write) => session.execute(command, actor, write ? { documents: [write] } : {}),
    );
    return counted.ok ? ok({ seq: counted.data.seq }) : counted;
  }
}
