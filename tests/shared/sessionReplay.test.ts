/** The session state machine (decide, apply, replay, execute): decide and apply purity, replay and execute. */
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  createSessionState,
  decide,
  execute,
  replay,
  type CommandActor,
  type EventEnvelope,
  type SessionCommand,
  type SessionState,
} from '@playfield/shared';
import {
  FACILITATOR,
  SYSTEM,
  T0,
  answer,
  createSession,
  createdEnvelope,
  liveSession,
  mustRun,
  participant,
  pollConfig,
  pollRound,
  run,
} from './sessionHarness.ts';
import { answers } from './sessionFixtures.ts';

describe('decide and apply purity', () => {
  it('does not mutate the state when deciding and applying', () => {
    const { state, ids } = liveSession();
    const frozen = structuredClone(state);
    mustRun(state, answer('r1', [1]), participant(ids[0] ?? ''));
    mustRun(
      state,
      { type: 'agenda.add', round: { kind: 'poll', title: 'X', config: pollConfig() } },
      FACILITATOR,
    );
    mustRun(state, { type: 'agenda.remove', roundId: 'r2' }, FACILITATOR);
    mustRun(state, { type: 'timer.start', seconds: 5 }, FACILITATOR);
    expect(state).toEqual(frozen);
  });

  it('sets seq from the envelope when applying', () => {
    const { state } = createSession();
    const next = applyEvent(state, { seq: 41, at: T0, event: { type: 'session.started' } });
    expect(next.seq).toBe(41);
  });

  it('returns the same events when deciding twice on the same state', () => {
    const { state } = createSession();
    const meta = { at: T0, newId: () => 'fixed' };
    const command: SessionCommand = { type: 'participant.join', name: 'Ana' };
    expect(decide(state, command, SYSTEM, meta)).toEqual(decide(state, command, SYSTEM, meta));
  });

  it('builds the same state from createSessionState as from replay', () => {
    const envelope = createdEnvelope([pollRound('r1')]);
    expect(replay([envelope])).toEqual(
      createSessionState(envelope as EventEnvelope & { event: { type: 'session.created' } }),
    );
  });
});

/** A scripted session touching every kind of event, returning the whole log. */
function scriptedLog(): { log: EventEnvelope[]; state: SessionState } {
  const created = createSession([
    pollRound('r1'),
    pollRound('r2', { isMultipleChoice: true }),
    pollRound('r3'),
  ]);
  let { state } = created;
  const log = [...created.log];
  const step = (command: SessionCommand, actor: Parameters<typeof run>[2], at?: number) => {
    const s = run(state, command, actor, at);
    if (!s.result.ok) throw new Error(`${command.type}: ${s.result.error.message}`);
    log.push(...s.envelopes);
    state = s.state;
    return s;
  };
  const idOf = (s: ReturnType<typeof step>) =>
    s.envelopes[0]?.event.type === 'participant.joined' ? s.envelopes[0].event.participantId : '';
  const ana = idOf(step({ type: 'participant.join', name: 'Ana' }, SYSTEM));
  const ben = idOf(step({ type: 'participant.join', name: 'Ben' }, SYSTEM));
  step({ type: 'session.start' }, FACILITATOR);
  step(answer('r1', [0]), participant(ana));
  step(answer('r1', [2]), participant(ben));
  step({ type: 'timer.start', seconds: 120 }, FACILITATOR);
  step({ type: 'timer.pause' }, FACILITATOR);
  step({ type: 'round.lock' }, FACILITATOR);
  step({ type: 'round.reveal' }, FACILITATOR);
  step({ type: 'round.next' }, FACILITATOR);
  step({ type: 'timer.start', seconds: 60 }, FACILITATOR);
  step(answer('r2', [0, 1]), participant(ben));
  step({ type: 'participant.leave' }, participant(ben));
  step(
    { type: 'agenda.add', round: { kind: 'poll', title: 'Extra', config: pollConfig() }, index: 1 },
    FACILITATOR,
  );
  step({ type: 'agenda.move', roundId: 'r3', toIndex: 0 }, FACILITATOR);
  step(
    { type: 'agenda.update', roundId: 'r3', config: pollConfig({ options: ['Y', 'N'] }) },
    FACILITATOR,
  );
  step({ type: 'agenda.update', roundId: 'r1', title: 'First, renamed' }, FACILITATOR);
  step({ type: 'agenda.update', roundId: 'r2', title: 'Second, renamed' }, FACILITATOR);
  step({ type: 'round.hide', roundId: 'r1' }, FACILITATOR);
  step({ type: 'timer.clear' }, FACILITATOR);
  step({ type: 'agenda.remove', roundId: 'r3' }, FACILITATOR);
  step(answer('r2', [1]), participant(ana));
  step({ type: 'session.end' }, FACILITATOR);
  return { log, state };
}

describe('replay', () => {
  it('rebuilds the live state when folding the whole log', () => {
    const { log, state } = scriptedLog();
    expect(replay(log)).toEqual(state);
  });

  it('gives deep-equal states when folding the same log twice', () => {
    const { log } = scriptedLog();
    expect(replay(log)).toEqual(replay(log));
  });

  it('keeps answers of renamed rounds when the rename is in the log', () => {
    const { state } = scriptedLog();
    expect(state.agenda.find((r) => r.id === 'r1')?.title).toBe('First, renamed');
    expect(Object.keys(answers(state, 'r1'))).toHaveLength(2);
    expect(Object.keys(answers(state, 'r2'))).toHaveLength(2);
  });

  it('numbers the log without gaps', () => {
    const { log, state } = scriptedLog();
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(state.seq).toBe(log.length);
  });

  it.each([3, 5, 8, 12, 15, 18, 20, 22, 24])(
    'equals the full replay when resuming from a JSON snapshot at seq %i plus the tail',
    (cut) => {
      const { log } = scriptedLog();
      const snapshot = JSON.parse(JSON.stringify(replay(log.slice(0, cut)))) as SessionState;
      expect(replay(log.slice(cut), snapshot)).toEqual(replay(log));
    },
  );

  it('equals the in-memory replay when the log itself went through JSON', () => {
    const { log } = scriptedLog();
    const stored = JSON.parse(JSON.stringify(log)) as EventEnvelope[];
    expect(replay(stored)).toEqual(replay(log));
  });
});

describe('replay of a title-only edit (regression)', () => {
  it('keeps the answers when the rename is read back from a stored log', () => {
    const log: EventEnvelope[] = [createdEnvelope([pollRound('r1'), pollRound('r2')])];
    let state = replay(log);
    const record = (command: SessionCommand, actor: Parameters<typeof run>[2]) => {
      const step = run(state, command, actor);
      if (!step.result.ok) throw new Error(step.result.error.message);
      log.push(...step.envelopes);
      state = step.state;
      return step;
    };
    const joined = record({ type: 'participant.join', name: 'Ana' }, SYSTEM).envelopes[0]?.event;
    const ana = joined?.type === 'participant.joined' ? joined.participantId : '';
    record({ type: 'session.start' }, FACILITATOR);
    record(answer('r1', [2]), participant(ana));
    record({ type: 'agenda.update', roundId: 'r1', title: 'Renamed' }, FACILITATOR);
    expect(answers(state, 'r1')).toEqual({ [ana]: [2] });

    // The server reads its log back from storage as JSON: configs are copies, not the
    // same objects, and a rename must still not look like a new config.
    const stored = JSON.parse(JSON.stringify(log)) as EventEnvelope[];
    expect(answers(replay(stored), 'r1')).toEqual({ [ana]: [2] });
    expect(replay(stored)).toEqual(state);
  });
});

describe('execute', () => {
  const meta = (at: number) => ({ at, newId: () => 'p-new' });

  it('gives the same state as deciding and applying, for every kind of command', () => {
    const { state: start, ids } = liveSession(['Ana', 'Ben']);
    const roundId = start.currentRoundId ?? '';
    const steps: [SessionCommand, CommandActor][] = [
      [{ type: 'participant.join', name: 'Cy' }, SYSTEM],
      [{ type: 'timer.start', seconds: 60 }, FACILITATOR],
      [answer(roundId, [1]), participant(ids[0] ?? '')],
      [answer(roundId, [2]), participant(ids[1] ?? '')],
      [{ type: 'round.reveal' }, FACILITATOR],
      [{ type: 'round.next' }, FACILITATOR],
    ];
    let live = start;
    let replayed = start;
    for (const [i, [command, actor]] of steps.entries()) {
      const executed = execute(live, command, actor, meta(T0 + 10_000 + i));
      if (!executed.ok) throw new Error(executed.error.message);
      expect(executed.data.envelopes.map((e) => e.seq)).toEqual(
        executed.data.envelopes.map((_, j) => live.seq + j + 1),
      );
      replayed = executed.data.envelopes.reduce(applyEvent, replayed);
      live = executed.data.state;
      expect(live).toEqual(replayed);
    }
  });

  it('refuses what decide refuses, with the same error', () => {
    const { state } = liveSession();
    const command: SessionCommand = { type: 'session.end' };
    const viaExecute = execute(state, command, participant('nobody'), meta(T0));
    expect(viaExecute).toEqual(decide(state, command, participant('nobody'), meta(T0)));
    expect(viaExecute.ok).toBe(false);
  });
});
