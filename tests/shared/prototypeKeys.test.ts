/**
 * Ids named after `Object.prototype`'s properties (`__proto__`, `constructor`, `toString`…)
 * in every id position of every control command and every exercise action: each is refused
 * by its schema (BAD_REQUEST), nothing is stored, and `Object.prototype` stays as it was.
 * Commands go through what the server does with them: the payload's schema, then `decide`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  controlCommandSchema,
  credentialSchema,
  EXERCISE_KINDS,
  EXERCISES,
  facilitatorSessionsBodySchema,
  getExercise,
  idSchema,
  planAnswerPayloadSchema,
  RESERVED_KEYS,
  roundActPayloadSchema,
  type AppError,
  type CommandActor,
  type ExerciseKind,
  type RoundSpec,
  type SessionState,
} from '@playfield/shared';
import { FACILITATOR, exerciseContext, liveSession, participant, run } from './sessionHarness.ts';

const PROTOTYPE_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'prototype',
  'valueOf',
] as const;

// What Object.prototype holds before any test runs, property by property.
const prototypeBefore = Object.getOwnPropertyDescriptors(Object.prototype);

function expectPrototypeUntouched(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(
    Object.keys(prototypeBefore).sort(),
  );
  const now = Object.getOwnPropertyDescriptors(Object.prototype);
  for (const [name, before] of Object.entries(prototypeBefore)) {
    // The value, getter and setter of each property are the very same ones as before.
    for (const part of ['value', 'get', 'set']) {
      expect(Reflect.get(now[name] ?? {}, part), `${name}.${part}`).toBe(Reflect.get(before, part));
    }
  }
}

afterAll(expectPrototypeUntouched);

/** A copy of `value` with `path` set to `replacement`. */
function setAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  copy[head] = setAt(copy[head], rest, replacement);
  return copy;
}

/**
 * Sends a payload as the server does: parse it with its schema (a refusal there is
 * BAD_REQUEST), then decide. Returns the refusal and the state after.
 */
function send(
  state: SessionState,
  schema: z.ZodType<unknown>,
  payload: unknown,
  actor: CommandActor,
): { error: AppError | null; state: SessionState; stored: number } {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    return {
      error: { code: 'BAD_REQUEST', message: parsed.error.message },
      state,
      stored: 0,
    };
  }
  const step = run(state, parsed.data as Parameters<typeof run>[1], actor);
  return {
    error: step.result.ok ? null : step.result.error,
    state: step.state,
    stored: step.envelopes.length,
  };
}

function expectRefusedAtSchema(
  state: SessionState,
  schema: z.ZodType<unknown>,
  payload: unknown,
  actor: CommandActor,
): void {
  const before = JSON.stringify(state);
  const outcome = send(state, schema, payload, actor);
  expect(outcome.error?.code, JSON.stringify(payload)).toBe('BAD_REQUEST');
  expect(outcome.stored).toBe(0);
  expect(JSON.stringify(outcome.state)).toBe(before);
  expectPrototypeUntouched();
}

/** A round of `kind` with its default settings. */
function defaultRound(kind: ExerciseKind, id = 'r1'): RoundSpec {
  const exercise = getExercise(kind);
  if (!exercise) throw new Error(kind);
  return { id, kind, title: `A ${kind} round`, config: exercise.defaultConfig() } as RoundSpec;
}

describe('idSchema and RESERVED_KEYS', () => {
  it('refuses every reserved name and still takes ordinary ids', () => {
    for (const name of RESERVED_KEYS) expect(idSchema.safeParse(name).success, name).toBe(false);
    for (const name of PROTOTYPE_NAMES) expect(RESERVED_KEYS.has(name), name).toBe(true);
    for (const id of ['r1', 'id12', 'Proto', 'toStringy', '_proto_'])
      expect(idSchema.safeParse(id).success, id).toBe(true);
  });

  it('refuses reserved names in the session ids of credentials and session lists', () => {
    for (const name of PROTOTYPE_NAMES) {
      const token = 'a'.repeat(20);
      expect(
        credentialSchema.safeParse({ role: 'facilitator', sessionId: name, token }).success,
      ).toBe(false);
      expect(
        credentialSchema.safeParse({ role: 'screen', sessionId: name, key: token }).success,
      ).toBe(false);
      expect(
        facilitatorSessionsBodySchema.safeParse({ sessions: [{ sessionId: name, token }] }).success,
      ).toBe(false);
      expect(planAnswerPayloadSchema.safeParse({ roundId: name, text: 'Call Ana' }).success).toBe(
        false,
      );
    }
  });
});

/** Every control command that names a round or a seat, with the position of each id in it. */
const CONTROL_COMMANDS: readonly {
  command: Record<string, unknown>;
  ids: (string | number)[][];
}[] = [
  { command: { type: 'round.goto', roundId: 'r2' }, ids: [['roundId']] },
  { command: { type: 'round.open', roundId: 'r1' }, ids: [['roundId']] },
  { command: { type: 'round.lock', roundId: 'r1' }, ids: [['roundId']] },
  { command: { type: 'round.reveal', roundId: 'r1' }, ids: [['roundId']] },
  { command: { type: 'round.hide', roundId: 'r1' }, ids: [['roundId']] },
  { command: { type: 'prompt.send', roundId: 'r1' }, ids: [['roundId']] },
  { command: { type: 'agenda.update', roundId: 'r2', title: 'Renamed' }, ids: [['roundId']] },
  { command: { type: 'agenda.remove', roundId: 'r2' }, ids: [['roundId']] },
  { command: { type: 'agenda.move', roundId: 'r2', toIndex: 0 }, ids: [['roundId']] },
  {
    command: { type: 'participants.remove', participantIds: ['id2'] },
    ids: [['participantIds', 0]],
  },
  // Exercise settings carry ids of their own: the playing field's card ids.
  {
    command: { type: 'agenda.add', round: defaultRound('playingField') },
    ids: [['round', 'config', 'cards', 0, 'id']],
  },
  {
    command: { type: 'agenda.update', roundId: 'r3', config: defaultRound('playingField').config },
    ids: [['config', 'cards', 1, 'id']],
  },
];

describe('control commands', () => {
  const agenda = [
    defaultRound('poll', 'r1'),
    defaultRound('poll', 'r2'),
    defaultRound('playingField', 'r3'),
  ];
  const { state } = liveSession(['Ana', 'Ben'], agenda);

  it('accepts each command with ordinary ids, so a refusal below is the id’s doing', () => {
    for (const { command } of CONTROL_COMMANDS) {
      const outcome = send(state, controlCommandSchema, command, FACILITATOR);
      expect(outcome.error, JSON.stringify(command)).toBeNull();
    }
  });

  it('lists every command whose schema takes a round or seat id', () => {
    const listed = new Set(CONTROL_COMMANDS.map((c) => c.command.type));
    for (const option of controlCommandSchema.options) {
      const { shape } = option;
      const type = shape.type.value;
      if ('roundId' in shape || 'participantIds' in shape)
        expect(listed.has(type), type).toBe(true);
    }
  });

  for (const { command, ids } of CONTROL_COMMANDS) {
    for (const path of ids) {
      it(`refuses reserved names as ${String(command.type)} ${path.join('.')}`, () => {
        for (const name of PROTOTYPE_NAMES) {
          const payload = setAt(command, path, name);
          // Straight after the schema, and past it into decide for the settings' ids.
          const isSettings = path[0] === 'round' || path[0] === 'config';
          if (!isSettings) expectRefusedAtSchema(state, controlCommandSchema, payload, FACILITATOR);
          else {
            expect(controlCommandSchema.safeParse(payload).success).toBe(true);
            const before = JSON.stringify(state);
            const outcome = send(state, controlCommandSchema, payload, FACILITATOR);
            expect(outcome.error?.code, name).toBe('BAD_REQUEST');
            expect(JSON.stringify(outcome.state)).toBe(before);
            expectPrototypeUntouched();
          }
        }
      });
    }
  }
});

/**
 * Every action of every exercise, well-formed, with the positions of the ids it carries.
 * `byFacilitator` marks the facilitator's actions. The ids here need not exist: the test
 * only checks that a reserved name never gets past the schema.
 */
interface ActionCase {
  action: Record<string, unknown>;
  byFacilitator: boolean;
  ids: (string | number)[][];
}
const p = (action: Record<string, unknown>, ids: (string | number)[][] = []): ActionCase => ({
  action,
  byFacilitator: false,
  ids,
});
const f = (action: Record<string, unknown>, ids: (string | number)[][] = []): ActionCase => ({
  action,
  byFacilitator: true,
  ids,
});

const ACTIONS: Record<ExerciseKind, ActionCase[]> = {
  poll: [p({ type: 'answer', choices: [0] }), p({ type: 'clear' }), f({ type: 'reset' })],
  promises: [p({ type: 'predict', scenario: 'over', outcome: 'grows' }), f({ type: 'reset' })],
  content: [],
  redBead: [
    f({ type: 'assign', role: 'worker', slot: 0, participantId: 'id2' }, [['participantId']]),
    f({ type: 'pickVolunteers' }),
    f({ type: 'openPredictions' }),
    f({ type: 'startDay' }),
    f({ type: 'dip' }),
    f({ type: 'record' }),
    f({ type: 'quota', max: 3 }),
    f({ type: 'slogan', text: 'Do it right' }),
    f({ type: 'reward', kind: 'praise', workerId: 'A' }, [['workerId']]),
    f({ type: 'fireWorst', count: 1 }),
    f({ type: 'closePlant' }),
    f({ type: 'newSupplier', redSharePercent: 10 }),
    f({ type: 'newPaddle', paddleHoles: 40 }),
    f({ type: 'chart', kind: 'p' }),
    f({ type: 'demo', isOn: false, intervalMs: 1000 }),
    f({ type: 'finish' }),
    p({ type: 'dip' }),
    p({ type: 'confirm', drawIndex: 0 }),
    p({ type: 'predict', day: 1, bestWorkerId: 'A', trend: 'same' }, [['bestWorkerId']]),
  ],
  fineLine: [
    f({ type: 'start' }),
    f({ type: 'pause' }),
    f({ type: 'resume' }),
    f({ type: 'speed', speed: 60 }),
    f({ type: 'tick', toClock: 1 }),
    f({ type: 'policy', policy: EXERCISES.fineLine.defaultConfig().policy }),
    f({ type: 'replay', label: 'Again', policy: EXERCISES.fineLine.defaultConfig().policy }),
    f({ type: 'manager', participantId: 'id2', isManager: true }, [['participantId']]),
    f({ type: 'finish' }),
    p({ type: 'mood', value: 3 }),
    p({ type: 'policy', policy: EXERCISES.fineLine.defaultConfig().policy }),
  ],
  playingField: [
    p({ type: 'place', cardId: 'c1', zone: 'spot' }, [['cardId']]),
    p({ type: 'unplace', cardId: 'c1' }, [['cardId']]),
    p({ type: 'test.answer', cardId: 'c1', question: 'canLearn', answer: true }, [['cardId']]),
    f({ type: 'phase', phase: 'test' }),
    f({ type: 'test.open', cardId: 'c1' }, [['cardId']]),
    f({ type: 'test.close' }),
    f({ type: 'map.set', cardId: 'c1', zone: 'spot', guideline: '' }, [['cardId']]),
    f({ type: 'map.clear', cardId: 'c1' }, [['cardId']]),
    f({ type: 'map.acceptMajority' }),
  ],
  sort: [
    p({ type: 'place', item: 0, category: 0 }),
    f({ type: 'reset' }),
    f({ type: 'focus', item: null }),
  ],
  dotVote: [
    p({ type: 'vote', choices: [{ option: 0, dots: 1, example: null }] }),
    p({ type: 'clear' }),
    f({ type: 'reset' }),
    f({ type: 'hideExample', exampleId: 'ex_abcdefghij', isHidden: true }, [['exampleId']]),
    f({ type: 'focus', option: null }),
  ],
  gapRating: [
    p({ type: 'rate', measure: 0, side: 'actual', value: 3 }),
    p({ type: 'unrate', measure: 0, side: 'actual' }),
    f({ type: 'reset' }),
  ],
  canvas: [
    p({ type: 'post', box: 0, text: 'A note', rating: null, tags: [] }),
    p({ type: 'edit', entryId: 'e1', text: 'A note', rating: null, tags: [] }, [['entryId']]),
    p({ type: 'remove', entryId: 'e1' }, [['entryId']]),
    f({ type: 'hide', entryId: 'e1', isHidden: true }, [['entryId']]),
    f({ type: 'merge', entryId: 'e1', intoId: 'e2' }, [['entryId'], ['intoId']]),
    f({ type: 'split', entryId: 'e1' }, [['entryId']]),
    f({ type: 'move', entryId: 'e1', box: 1 }, [['entryId']]),
    f({ type: 'reset' }),
  ],
  rolePlay: [
    p({ type: 'score', step: 'Communicate', value: 3 }),
    p({ type: 'comment', text: 'Well listened' }),
    f({ type: 'form' }),
    f({ type: 'rotate' }),
    f({ type: 'placeNewcomers' }),
  ],
  brainstorm: [
    p({ type: 'addNote', text: 'An idea', tag: null }),
    p({ type: 'editNote', noteId: 'n1', text: 'An idea', tag: null }, [['noteId']]),
    p({ type: 'deleteNote', noteId: 'n1' }, [['noteId']]),
    p({ type: 'vote', itemId: 'n1', dots: 1 }, [['itemId']]),
    p({ type: 'clearVotes' }),
    f({ type: 'phase', phase: 'cluster' }),
    f({ type: 'createCluster', name: 'Group', noteIds: ['n1'] }, [['noteIds', 0]]),
    f({ type: 'renameCluster', clusterId: 'c1', name: 'Group' }, [['clusterId']]),
    f({ type: 'deleteCluster', clusterId: 'c1' }, [['clusterId']]),
    f({ type: 'moveNote', noteId: 'n1', clusterId: 'c1' }, [['noteId'], ['clusterId']]),
    f({ type: 'hideNote', noteId: 'n1', isHidden: true }, [['noteId']]),
    f({ type: 'mergeNote', noteId: 'n1', intoNoteId: 'n2' }, [['noteId'], ['intoNoteId']]),
    f({ type: 'splitNote', noteId: 'n1' }, [['noteId']]),
  ],
  scale: [
    p({ type: 'rate', statement: 0, value: 3 }),
    f({ type: 'reset' }),
    f({ type: 'page', page: 0 }),
    f({ type: 'baseline', roundId: 'r1', title: 'Before', statements: [] }, [['roundId']]),
    f({ type: 'clearBaseline' }),
  ],
  ranking: [p({ type: 'submit', order: [0, 1, 2] }), p({ type: 'withdraw' }), f({ type: 'reset' })],
  wordCloud: [
    p({ type: 'submit', text: 'Hopeful' }),
    p({ type: 'withdraw', entryId: 'w_abcdefghij' }, [['entryId']]),
    f({ type: 'approve', entryId: 'w_abcdefghij' }, [['entryId']]),
    f({ type: 'hide', entryId: 'w_abcdefghij' }, [['entryId']]),
    f({ type: 'restore', entryId: 'w_abcdefghij' }, [['entryId']]),
    f({ type: 'approveAll' }),
    f({ type: 'merge', from: 'cs', into: 'customer service' }, [['from'], ['into']]),
    f({ type: 'unmerge', key: 'cs' }, [['key']]),
  ],
  quiz: [
    p({ type: 'answer', question: 0, choices: [0] }),
    f({ type: 'show', question: 0 }),
    f({ type: 'lock', question: 0 }),
    f({ type: 'reveal', question: 0 }),
    f({ type: 'leaderboard', question: 0 }),
    f({ type: 'finish' }),
  ],
  actionPlan: [p({ type: 'finish', isFinished: true })],
};

/** The action types a schema accepts (its union's literals), sorted. */
function actionTypes(schema: z.ZodType<unknown>): string[] {
  const def = schema as unknown as {
    options?: { shape: { type: { value: string } } }[];
    shape?: { type: { value: string } };
  };
  if (def.options) return def.options.map((o) => o.shape.type.value).sort();
  if (def.shape) return [def.shape.type.value];
  return [];
}

describe.each(EXERCISE_KINDS)('%s actions', (kind) => {
  const exercise = EXERCISES[kind];
  const { state, ids } = liveSession(['Ana', 'Ben'], [defaultRound(kind)]);
  const actorOf = (c: ActionCase) =>
    c.byFacilitator ? FACILITATOR : participant(ids[0] ?? 'missing');
  const cases = ACTIONS[kind];

  it('lists every action type of the exercise', () => {
    const listed = (byFacilitator: boolean) =>
      cases
        .filter((c) => c.byFacilitator === byFacilitator)
        .map((c) => String(c.action.type))
        .sort();
    expect(listed(false)).toEqual(actionTypes(exercise.participantActionSchema));
    expect(listed(true)).toEqual(actionTypes(exercise.facilitatorActionSchema));
  });

  for (const c of cases) {
    const role = c.byFacilitator ? 'facilitator' : 'participant';
    it(`refuses reserved names in ${role} ${String(c.action.type)}`, () => {
      // Well-formed as listed, so any refusal below comes from the reserved name.
      expect(getExercise(kind)?.parseAction(role, c.action).ok).toBe(true);
      for (const name of PROTOTYPE_NAMES) {
        // The round the action is for.
        expectRefusedAtSchema(
          state,
          roundActPayloadSchema.transform((payload) => ({ type: 'round.act', ...payload })),
          { roundId: name, action: c.action },
          actorOf(c),
        );
        // Each id inside the action.
        for (const path of c.ids) {
          expectRefusedAtSchema(
            state,
            roundActPayloadSchema.transform((payload) => ({ type: 'round.act', ...payload })),
            { roundId: 'r1', action: setAt(c.action, path, name) },
            actorOf(c),
          );
        }
      }
    });
  }

  it('reads a stored state by own keys only: a reserved id sees a blank own view', () => {
    const module = getExercise(kind);
    if (!module) throw new Error(kind);
    const ctx = exerciseContext([{ id: 'id2', name: 'Ana' }]);
    // Snapshots are JSON: what they give back is plain objects with a prototype.
    const stored = JSON.parse(
      JSON.stringify(module.init(module.defaultConfig(), 'seed')),
    ) as unknown;
    const blank = JSON.stringify(module.participantOwnView(stored, 'nobody', ctx));
    for (const name of PROTOTYPE_NAMES) {
      expect(JSON.stringify(module.participantOwnView(stored, name, ctx)), name).toBe(blank);
    }
    expectPrototypeUntouched();
  });
});
