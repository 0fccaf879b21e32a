import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { docIdOf, getExercise, type SessionEvent, type SessionState } from '@playfield/shared';
import { readNotebook } from '@playfield/shared/notebooks/notebook';
import { DocumentHub } from '../../server/src/docs/documentHub.ts';
import { NotebookWriter } from '../../server/src/docs/notebookWriter.ts';
import { Repository } from '../../server/src/store/repository.ts';
import {
  answer,
  FACILITATOR,
  participant,
  pollRound,
  recordedSession,
  type RecordedSession,
  T0,
  type Step,
} from '../shared/sessionHarness.ts';
import { STORAGE_BACKENDS, type OpenedStorage } from './databases.ts';

/**
 * The notebook is a projection of the session log: it is handed each batch of committed
 * events with the state they left and rewrites only the rounds those events touched. The
 * cost is counted in calls of the exercise's `summary`, which is what grows with a room.
 */
describe.each(STORAGE_BACKENDS)('notebook projection on $name', (backend) => {
  let env: OpenedStorage;
  let repository: Repository;
  let hub: DocumentHub;
  let writer: NotebookWriter;
  const relayed: string[] = [];

  beforeAll(async () => {
    env = await backend.open();
    repository = await Repository.open(env);
    hub = new DocumentHub(repository, {
      update: (docId) => relayed.push(docId),
      awareness: () => undefined,
    });
    // No debounce: `flush` writes what is waiting, the test decides when.
    writer = new NotebookWriter(hub, () => T0 + 60_000, 0);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  afterAll(async () => {
    writer.close();
    await hub.close();
    await repository.close();
    await env.cleanup();
  });

  const eventsOf = (step: Step): SessionEvent[] => step.envelopes.map((e) => e.event);

  /** The session's row, which its notebook's row points at. */
  async function stored(id: string, session: RecordedSession): Promise<() => SessionState> {
    const state = session.state;
    await repository.createSession(
      {
        id,
        code: id.toUpperCase().padEnd(6, 'X'),
        title: state.title,
        facilitator_token_hash: `f-${id}`,
        screen_key_hash: `s-${id}`,
        phase: 'live',
        created_at: T0,
        ended_at: null,
        participant_count: 1,
        round_count: state.agenda.length,
        last_seq: 1,
      },
      {
        seq: 1,
        at: T0,
        event: {
          type: 'session.created',
          sessionId: id,
          code: id,
          title: state.title,
          seed: 's',
          agenda: [],
        },
      },
    );
    return () => ({ ...session.state, id });
  }

  it('rewrites only the rounds a batch of events touched, never every round', async () => {
    const summary = vi.spyOn(getExercise('poll')!, 'summary');
    const session = recordedSession(
      [pollRound('r1'), pollRound('r2'), pollRound('r3'), pollRound('r4')],
      ['Ana'],
    );
    session.must({ type: 'round.next' }, FACILITATOR);
    session.must({ type: 'round.next' }, FACILITATOR);
    const stateOf = await stored('proj1', session);
    const docId = docIdOf({ kind: 'notebook', sessionId: 'proj1' });

    // Opening the notebook writes every round the room has been on (the repair path).
    await writer.sync(stateOf());
    expect(summary).toHaveBeenCalledTimes(3);
    expect(
      (await hub.read(docId, readNotebook)).blocks.filter((b) => b.roundId).map((b) => b.roundId),
    ).toEqual(['r1', 'r2', 'r3']);

    // An answer is not a trigger: nothing is summarised, nothing written.
    summary.mockClear();
    relayed.length = 0;
    const answered = session.must(answer('r3', [1]), participant(session.ids[0]!));
    writer.committed(stateOf(), eventsOf(answered));
    await writer.flush();
    expect(summary).not.toHaveBeenCalled();
    expect(relayed).toEqual([]);

    // Locking the running round summarises that round alone, with the answer in it.
    const locked = session.must({ type: 'round.lock', roundId: 'r3' }, FACILITATOR);
    writer.committed(stateOf(), eventsOf(locked));
    await writer.flush();
    expect(summary).toHaveBeenCalledTimes(1);
    const r3 = (await hub.read(docId, readNotebook)).blocks.find((b) => b.roundId === 'r3');
    expect(JSON.stringify(r3?.summary)).toContain('"1"');

    // Moving on touches the round left (its minutes stop) and the round entered: two.
    summary.mockClear();
    const moved = session.must({ type: 'round.next' }, FACILITATOR);
    writer.committed(stateOf(), eventsOf(moved));
    await writer.flush();
    expect(summary).toHaveBeenCalledTimes(2);
    expect(
      (await hub.read(docId, readNotebook)).blocks.filter((b) => b.roundId).map((b) => b.roundId),
    ).toEqual(['r1', 'r2', 'r3', 'r4']);
  });

  it('folds a burst of batches into one write of the union of what they touched', async () => {
    const summary = vi.spyOn(getExercise('poll')!, 'summary');
    const session = recordedSession([pollRound('r1'), pollRound('r2'), pollRound('r3')], ['Ben']);
    const stateOf = await stored('proj2', session);
    await writer.sync(stateOf());
    summary.mockClear();
    relayed.length = 0;
    session.must(answer('r1', [2]), participant(session.ids[0]!));
    for (const command of [
      { type: 'round.lock', roundId: 'r1' },
      { type: 'round.reveal', roundId: 'r1' },
    ] as const) {
      const step = session.must(command, FACILITATOR);
      writer.committed(stateOf(), eventsOf(step));
    }
    await writer.flush();
    // One round touched twice: summarised once, written once.
    expect(summary).toHaveBeenCalledTimes(1);
    expect(relayed).toHaveLength(1);
  });
});
