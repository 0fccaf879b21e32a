import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docIdOf, replay, type SessionState } from '@playfield/shared';
import { parsePlan } from '@playfield/shared/plans/plan';
import { DocumentHub } from '../../server/src/docs/documentHub.ts';
import { PlanService } from '../../server/src/docs/planService.ts';
import { LiveSession, type ViewSink } from '../../server/src/sessions/liveSession.ts';
import { Repository } from '../../server/src/store/repository.ts';
import type { Database } from '../../server/src/store/schema.ts';
import { pollRound, recordedSession, T0 } from '../shared/sessionHarness.ts';
import { STORAGE_BACKENDS, type OpenedStorage } from './databases.ts';

/**
 * A prompt answer is one command through the session's queue: the session's rules decide
 * it, and the plan's new action is stored in the same transaction as the answer's count.
 * Whichever of the two writes fails (a crash, a full disk, a clash), neither is left:
 * the answer is refused, never acknowledged, and a retry stores it once.
 */
const nowhere: ViewSink = {
  hasAudience: () => false,
  facilitator: () => undefined,
  screen: () => undefined,
  participants: () => undefined,
  own: () => undefined,
  disconnect: () => undefined,
};

describe.each(STORAGE_BACKENDS)('a prompt answer on $name', (backend) => {
  let env: OpenedStorage;
  let repository: Repository;
  let db: Kysely<Database>;
  let hub: DocumentHub;
  const plans = () => new PlanService(hub);
  const recorded = recordedSession([pollRound('r1'), pollRound('r2')], ['Ana', 'Ben', 'Cy']);
  const sessionId = recorded.state.id;
  const [ana, ben, cy] = recorded.ids as [string, string, string];
  const planOf = (participantId: string) => docIdOf({ kind: 'plan', sessionId, participantId });

  /** The session as storage holds it, live again (what a restart would rebuild). */
  async function reloaded(): Promise<LiveSession> {
    const events = await repository.loadEvents(sessionId);
    return new LiveSession(replay(events), repository, nowhere, () => T0 + 60_000);
  }

  const responses = async () =>
    (await repository.loadEvents(sessionId)).filter((e) => e.event.type === 'prompt.responded')
      .length;
  const storedUpdates = async (participantId: string) =>
    (await repository.loadDocumentUpdates(planOf(participantId))).length;
  /** The plan's actions as a fresh load from storage reads them. */
  async function storedActions(participantId: string): Promise<string[]> {
    await hub.drop(sessionId, planOf(participantId));
    return hub.read(planOf(participantId), (doc) =>
      (parsePlan(doc).data?.actions ?? []).map((a) => a.text),
    );
  }

  beforeAll(async () => {
    env = await backend.open();
    repository = await Repository.open(env);
    db = (repository as unknown as { db: Kysely<Database> }).db;
    hub = new DocumentHub(repository, { update: () => undefined, awareness: () => undefined });
    const [first, ...rest] = recorded.log as [(typeof recorded.log)[number]];
    await repository.createSession(
      {
        id: sessionId,
        code: 'PRMPT1',
        title: 'Prompt answers',
        facilitator_token_hash: 'f',
        screen_key_hash: 's',
        phase: 'live',
        created_at: T0,
        ended_at: null,
        participant_count: 3,
        round_count: 2,
        last_seq: 1,
      },
      first,
    );
    const state: SessionState = recorded.state;
    await repository.append(sessionId, rest, {
      title: state.title,
      phase: state.phase,
      ended_at: null,
      participant_count: 3,
      round_count: 2,
      last_seq: state.seq,
    });
  });

  afterAll(async () => {
    await hub.close();
    await repository.close();
    await env.cleanup();
  });

  it('stores the count and the plan action together, and refuses a round not yet played', async () => {
    const session = await reloaded();
    const answered = await plans().answer(session, ana, { roundId: 'r1', text: 'Call back' });
    expect(answered.ok).toBe(true);
    expect(await responses()).toBe(1);
    expect(await storedActions(ana)).toEqual(['Call back']);

    // The session's rule, decided in shared code: nothing is written for round 2.
    const early = await plans().answer(session, ana, { roundId: 'r2', text: 'Too soon' });
    expect(early.ok ? null : early.error.code).toBe('CONFLICT');
    expect(await responses()).toBe(1);
    expect(await storedActions(ana)).toEqual(['Call back']);
    await session.close();
  });

  it('keeps no count when the plan write fails inside the transaction', async () => {
    const session = await reloaded();
    // Ben's plan exists, and a stray row sits where his next update goes: the plan half of
    // the transaction fails after the events half went in.
    await hub.read(planOf(ben), () => null);
    await db
      .insertInto('documents')
      .values({
        id: planOf(ben),
        kind: 'plan',
        session_id: sessionId,
        participant_id: ben,
        created_at: T0,
        updated_at: T0,
        is_shared: 0,
        is_finished: 0,
        search_text: '',
        stored_bytes: 0,
        update_count: 0,
      })
      .execute();
    await db
      .insertInto('document_updates')
      .values({ doc_id: planOf(ben), seq: 1, data: '' })
      .execute();

    const answered = await plans().answer(session, ben, { roundId: 'r1', text: 'Smile' });
    expect(answered.ok ? null : answered.error.code).toBe('UNAVAILABLE');
    expect(await responses()).toBe(1);
    expect(await storedUpdates(ben)).toBe(1);
    await session.close();

    // Cleared, a retry on the rebuilt session stores it once.
    await db.deleteFrom('document_updates').where('doc_id', '=', planOf(ben)).execute();
    await hub.drop(sessionId, planOf(ben));
    const retried = await reloaded();
    expect((await plans().answer(retried, ben, { roundId: 'r1', text: 'Smile' })).ok).toBe(true);
    expect(await responses()).toBe(2);
    expect(await storedActions(ben)).toEqual(['Smile']);
    await retried.close();
  });

  it('keeps no plan action when the count fails inside the transaction', async () => {
    const session = await reloaded();
    // A stray event where the answer's count goes: the events half fails.
    await db
      .insertInto('events')
      .values({
        session_id: sessionId,
        seq: session.state.seq + 1,
        at: T0,
        type: 'session.locked',
        payload: JSON.stringify({ type: 'session.locked' }),
      })
      .execute();
    const answered = await plans().answer(session, cy, { roundId: 'r1', text: 'Listen first' });
    expect(answered.ok ? null : answered.error.code).toBe('UNAVAILABLE');
    expect(await storedUpdates(cy)).toBe(0);
    expect(await storedActions(cy)).toEqual([]);
    expect(await responses()).toBe(2);
    await session.close();
  });
});
