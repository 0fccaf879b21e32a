import { describe, expect, it } from 'vitest';
import {
  ERROR_CODES,
  createRandom,
  replay,
  type CommandActor,
  type EventEnvelope,
  type Random,
  type SessionCommand,
  type SessionState,
} from '@playfield/shared';
import type { PollState } from '@playfield/shared/exercises/poll/index';
import {
  FACILITATOR,
  SYSTEM,
  createSession,
  participant,
  pollConfig,
  pollRound,
  run,
} from './sessionHarness.ts';

const STEPS = 400;
/** Set FUZZ_SEED to replay one failing run. */
const SEEDS = process.env.FUZZ_SEED
  ? [process.env.FUZZ_SEED]
  : Array.from({ length: 12 }, (_, i) => `fuzz-${i}`);

const NAMES = ['Sam', 'sam', 'SAM', 'Ana', 'Ben', 'Zoë', 'zoë', 'Sam 2'];

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[random.int(items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function roundIds(state: SessionState): string[] {
  return [...state.agenda.map((r) => r.id), 'missing-round'];
}

/** A random command and actor, valid or not, drawn from the seeded generator. */
function randomCommand(
  random: Random,
  state: SessionState,
  step: number,
): { command: SessionCommand; actor: CommandActor } {
  const seats = Object.keys(state.participants);
  const anyParticipant = participant(
    seats.length && random.next() < 0.9 ? pick(random, seats) : 'stranger',
  );
  const roundId = () => pick(random, roundIds(state));
  const choices = () => Array.from({ length: 1 + random.int(3) }, () => random.int(4));
  const gens: [number, () => { command: SessionCommand; actor: CommandActor }][] = [
    [
      6,
      () => ({ command: { type: 'participant.join', name: pick(random, NAMES) }, actor: SYSTEM }),
    ],
    [1, () => ({ command: { type: 'participant.leave' }, actor: anyParticipant })],
    [
      14,
      () => ({
        command: {
          type: 'round.act',
          roundId: random.next() < 0.8 && state.currentRoundId ? state.currentRoundId : roundId(),
          action: random.next() < 0.85 ? { type: 'answer', choices: choices() } : { type: 'clear' },
        },
        actor: anyParticipant,
      }),
    ],
    [
      1,
      () => ({
        command: { type: 'round.act', roundId: roundId(), action: { type: 'reset' } },
        actor: FACILITATOR,
      }),
    ],
    [2, () => ({ command: { type: 'session.start' }, actor: FACILITATOR })],
    // Ending is final, so it only comes late in a run.
    [step > STEPS * 0.9 ? 1 : 0, () => ({ command: { type: 'session.end' }, actor: FACILITATOR })],
    [3, () => ({ command: { type: 'round.next' }, actor: FACILITATOR })],
    [3, () => ({ command: { type: 'round.back' }, actor: FACILITATOR })],
    [2, () => ({ command: { type: 'round.goto', roundId: roundId() }, actor: FACILITATOR })],
    [
      4,
      () => ({
        command: {
          type: pick(random, ['round.open', 'round.lock', 'round.reveal', 'round.hide'] as const),
          ...(random.next() < 0.5 ? { roundId: roundId() } : {}),
        },
        actor: FACILITATOR,
      }),
    ],
    [
      2,
      () => ({
        command: { type: 'timer.start', seconds: 1 + random.int(600) },
        actor: FACILITATOR,
      }),
    ],
    [
      3,
      () => ({
        command: { type: pick(random, ['timer.pause', 'timer.resume', 'timer.clear'] as const) },
        actor: FACILITATOR,
      }),
    ],
    [
      2,
      () => ({
        command: {
          type: 'agenda.add',
          round: {
            kind: random.next() < 0.9 ? 'poll' : 'bingo',
            title: `Added ${step}`,
            config:
              random.next() < 0.8
                ? pollConfig({ isMultipleChoice: random.next() < 0.5 })
                : { nope: 1 },
          },
          ...(random.next() < 0.5 ? { index: random.int(8) } : {}),
        },
        actor: FACILITATOR,
      }),
    ],
    [
      2,
      () => ({
        command:
          random.next() < 0.5
            ? { type: 'agenda.update', roundId: roundId(), title: `Renamed ${step}` }
            : {
                type: 'agenda.update',
                roundId: roundId(),
                config: pollConfig({ options: ['A', 'B'] }),
              },
        actor: FACILITATOR,
      }),
    ],
    [2, () => ({ command: { type: 'agenda.remove', roundId: roundId() }, actor: FACILITATOR })],
    [
      2,
      () => ({
        command: { type: 'agenda.move', roundId: roundId(), toIndex: random.int(8) },
        actor: FACILITATOR,
      }),
    ],
    // Facilitator commands from someone else must always be refused.
    [
      2,
      () => ({
        command: { type: 'round.next' },
        actor: random.next() < 0.5 ? anyParticipant : SYSTEM,
      }),
    ],
  ];
  const total = gens.reduce((sum, [weight]) => sum + weight, 0);
  let roll = random.next() * total;
  for (const [weight, gen] of gens) {
    roll -= weight;
    if (roll < 0) return gen();
  }
  return { command: { type: 'round.next' }, actor: FACILITATOR };
}

function checkInvariants(state: SessionState): void {
  const agendaIds = state.agenda.map((r) => r.id);
  if (state.currentRoundId !== null) expect(agendaIds).toContain(state.currentRoundId);
  expect(new Set(agendaIds).size).toBe(agendaIds.length);
  expect(Object.keys(state.rounds).sort()).toEqual([...agendaIds].sort());

  const seated = Object.values(state.participants).filter((p) => !p.hasLeft);
  const names = seated.map((p) => p.name.toLocaleLowerCase());
  expect(new Set(names).size, `names ${names.join(', ')}`).toBe(names.length);

  for (const round of state.agenda) {
    const pollState = state.rounds[round.id]?.state as PollState;
    for (const [id, choices] of Object.entries(pollState.answers)) {
      expect(state.participants).toHaveProperty(id);
      expect(choices.length).toBeGreaterThan(0);
      for (const c of choices) expect(c).toBeLessThan(pollState.config.options.length);
      if (!pollState.config.isMultipleChoice) expect(choices).toHaveLength(1);
    }
  }
  if (state.phase === 'lobby') expect(state.currentRoundId).toBeNull();
  if (state.timer) expect(state.timer.remainingMs).toBeGreaterThanOrEqual(0);
}

function fuzz(seed: string): { accepted: number; refused: number } {
  const random = createRandom(seed);
  const created = createSession([
    pollRound('r1'),
    pollRound('r2', { isMultipleChoice: true }),
    pollRound('r3'),
  ]);
  let { state } = created;
  const log: EventEnvelope[] = [...created.log];
  let accepted = 0;
  let refused = 0;
  for (let step = 0; step < STEPS; step++) {
    const { command, actor } = randomCommand(random, state, step);
    const at = state.createdAt + (step + 1) * 1000 + random.int(1000);
    try {
      const before = state;
      const result = run(before, command, actor, at);
      if (result.result.ok) {
        accepted++;
        expect(before.phase).not.toBe('ended');
        expect(result.state.seq).toBe(before.seq + result.result.data.length);
        log.push(...result.envelopes);
      } else {
        refused++;
        expect(ERROR_CODES).toContain(result.result.error.code);
        expect(result.result.error.message.length).toBeGreaterThan(0);
        expect(result.state).toBe(before);
        if (actor.role !== 'facilitator' && command.type === 'round.next') {
          expect(result.result.error.code).toBe('FORBIDDEN');
        }
      }
      state = result.state;
      checkInvariants(state);
    } catch (error) {
      throw new Error(
        `Fuzz failed with seed "${seed}" at step ${step} on ${JSON.stringify({ command, actor })} (rerun with FUZZ_SEED=${seed})`,
        { cause: error },
      );
    }
  }
  try {
    expect(replay(log)).toEqual(state);
    const cut = 1 + random.int(log.length - 1);
    const snapshot = JSON.parse(JSON.stringify(replay(log.slice(0, cut)))) as SessionState;
    expect(replay(log.slice(cut), snapshot), `snapshot at seq ${cut}`).toEqual(state);
    expect(replay(JSON.parse(JSON.stringify(log)) as EventEnvelope[])).toEqual(state);
  } catch (error) {
    throw new Error(`Fuzz replay failed with seed "${seed}" (rerun with FUZZ_SEED=${seed})`, {
      cause: error,
    });
  }
  return { accepted, refused };
}

describe('session fuzz', () => {
  it.each(SEEDS)('keeps the invariants and replays exactly when driven by seed %s', (seed) => {
    const { accepted, refused } = fuzz(seed);
    // The run must exercise both paths, or the generator has drifted.
    expect(accepted, `seed ${seed}`).toBeGreaterThan(STEPS / 5);
    expect(refused, `seed ${seed}`).toBeGreaterThan(STEPS / 20);
  });
});
