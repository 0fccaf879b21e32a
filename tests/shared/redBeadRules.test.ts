/**
 * The Red Bead Experiment as an exercise: config bounds, roles, the day's flow of dips and
 * inspections, management's interventions and the system changes that really work,
 * predictions, statistics, views, replay determinism and demo automation.
 *
 * This file covers config bounds, roles and the day's flow of dips and inspections; the other redBead*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { getExercise } from '@playfield/shared';
import { redBead, type RedBeadState } from '@playfield/shared/exercises/redBead/index';
import { type RedBeadConfig } from '@playfield/shared/exercises/redBead/model';
import { roleOf } from '@playfield/shared/exercises/redBead/reduce';
import {
  type Action,
  FAC,
  as,
  CHIEF,
  RECORDER,
  OBSERVER,
  GONE,
  ROSTER,
  ctx,
  config,
  init,
  step,
  act,
  refused,
  runDay,
  staffed,
  paddleAt,
} from './redBeadFixtures.ts';

describe('config schema', () => {
  it('accepts the defaults when nothing is changed', () => {
    expect(redBead.configSchema.safeParse(redBead.defaultConfig()).success).toBe(true);
    expect(getExercise('redBead')?.parseConfig(redBead.defaultConfig()).ok).toBe(true);
  });

  it.each<[string, Partial<RedBeadConfig>, RegExp]>([
    ['0 beads', { beads: 0 }, /bucket needs at least 1 bead/i],
    ['a red share above 100 %', { redSharePercent: 101 }, /share of red beads .*0 and 100 %/i],
    [
      'a paddle larger than the bucket',
      { beads: 50, paddleHoles: 60 },
      /paddle has 60 holes but the bucket only 50 beads/,
    ],
    ['0 workers', { workers: 0 }, /at least 1 willing worker/i],
  ])('refuses %s with a readable message', (_, overrides, message) => {
    const parsed = redBead.configSchema.safeParse(config(overrides));
    expect(parsed.success).toBe(false);
    const messages = parsed.error?.issues.map((i) => i.message) ?? [];
    expect(messages.join(' | ')).toMatch(message);
    // Readable: no zod jargon a facilitator would have to translate.
    for (const m of messages) expect(m).not.toMatch(/too (small|big)|expected number|>=|<=/i);
    const viaRegistry = getExercise('redBead')?.parseConfig(config(overrides));
    expect(viaRegistry?.ok).toBe(false);
    if (viaRegistry && !viaRegistry.ok) {
      expect(viaRegistry.error.code).toBe('BAD_REQUEST');
      expect(viaRegistry.error.message).toMatch(message);
    }
  });

  it.each<[string, Partial<RedBeadConfig>]>([
    ['a negative red share', { redSharePercent: -1 }],
    ['more than 12 workers', { workers: 13 }],
    ['0 days', { days: 0 }],
    ['a blank seed', { seed: '   ' }],
  ])('refuses %s', (_, overrides) => {
    expect(redBead.configSchema.safeParse(config(overrides)).success).toBe(false);
  });

  it('accepts a paddle exactly as large as the bucket and 0 % or 100 % red', () => {
    for (const overrides of [
      { beads: 50, paddleHoles: 50 },
      { redSharePercent: 0 },
      { redSharePercent: 100 },
    ]) {
      expect(redBead.configSchema.safeParse(config(overrides)).success).toBe(true);
    }
  });
});

describe('roles', () => {
  it('moves a participant to their new role when they are re-assigned', () => {
    const who = 'p-ana';
    const moves: [Action, string][] = [
      [{ type: 'assign', role: 'worker', slot: 0, participantId: who }, 'worker'],
      [{ type: 'assign', role: 'inspector', slot: 1, participantId: who }, 'inspector'],
      [{ type: 'assign', role: 'chief', slot: 0, participantId: who }, 'chief'],
      [{ type: 'assign', role: 'recorder', slot: 0, participantId: who }, 'recorder'],
      [{ type: 'assign', role: 'worker', slot: 3, participantId: who }, 'worker'],
    ];
    let s = init();
    for (const [action, role] of moves) {
      s = step(s, FAC, action);
      expect(roleOf(s, who)).toBe(role);
      const seats = [
        ...s.workers.map((w) => w.participantId),
        ...s.inspectors,
        s.chiefInspector,
        s.recorder,
      ];
      expect(seats.filter((id) => id === who)).toHaveLength(1);
    }
    expect(s.workers.map((w) => w.participantId)).toEqual([null, null, null, who, null, null]);
  });

  it('frees a seat when it is assigned to nobody', () => {
    const s = act(init(), [
      [FAC, { type: 'assign', role: 'inspector', slot: 0, participantId: 'p-gus' }],
      [FAC, { type: 'assign', role: 'inspector', slot: 0, participantId: null }],
    ]);
    expect(s.inspectors).toEqual([null, null]);
    expect(roleOf(s, 'p-gus')).toBe('observer');
  });

  it.each<[string, Action, string]>([
    [
      'an unknown participant',
      { type: 'assign', role: 'worker', slot: 0, participantId: 'p-nobody' },
      'NOT_FOUND',
    ],
    [
      'a third inspector',
      { type: 'assign', role: 'inspector', slot: 2, participantId: 'p-gus' },
      'INVALID_ACTION',
    ],
    [
      'a worker slot beyond the line',
      { type: 'assign', role: 'worker', slot: 6, participantId: 'p-gus' },
      'INVALID_ACTION',
    ],
  ])('refuses to assign %s', (_, action, code) => {
    expect(refused(init(), FAC, action).code).toBe(code);
  });

  it('fills only empty roles from present, unassigned participants when volunteers are picked', () => {
    const s0 = act(init(), [
      [FAC, { type: 'assign', role: 'recorder', slot: 0, participantId: RECORDER }],
      [FAC, { type: 'assign', role: 'worker', slot: 2, participantId: 'p-cai' }],
    ]);
    const s = step(s0, FAC, { type: 'pickVolunteers' });
    const picked = [
      ...s.workers.map((w) => w.participantId),
      ...s.inspectors,
      s.chiefInspector,
    ].filter((id): id is string => id !== null);
    expect(s.recorder).toBe(RECORDER);
    expect(s.workers[2]?.participantId).toBe('p-cai');
    expect(picked).toHaveLength(9);
    expect(new Set(picked).size).toBe(9);
    expect(picked).not.toContain(GONE);
    expect(picked).not.toContain(RECORDER);
    for (const id of picked) expect(ROSTER[id]).toBeDefined();
    // Twelve people are present: the recorder and nine picks leave two observers.
    const observers = Object.keys(ROSTER).filter(
      (id) => id !== GONE && roleOf(s, id) === 'observer',
    );
    expect(observers).toHaveLength(2);
  });

  it('picks the same volunteers when the seed is the same and others when it differs', () => {
    const pick = (seed: string) => step(init({ seed }), FAC, { type: 'pickVolunteers' });
    const seats = (s: RedBeadState) => [
      ...s.workers.map((w) => w.participantId),
      ...s.inspectors,
      s.chiefInspector,
      s.recorder,
    ];
    expect(seats(pick('alpha'))).toEqual(seats(pick('alpha')));
    expect(seats(pick('alpha'))).not.toEqual(seats(pick('beta')));
  });

  it('leaves roles empty when there are not enough people to pick', () => {
    const roster = { 'p-ana': { id: 'p-ana', name: 'Ana', hasLeft: false } };
    const s = step(init(), FAC, { type: 'pickVolunteers' }, ctx(roster));
    expect(s.workers.map((w) => w.participantId)).toEqual(['p-ana', null, null, null, null, null]);
    expect([s.inspectors, s.chiefInspector, s.recorder]).toEqual([[null, null], null, null]);
    // A second pick with nobody left to take changes no seat.
    const again = step(s, FAC, { type: 'pickVolunteers' }, ctx(roster));
    expect(again.workers).toEqual(s.workers);
  });

  it('reports each role and observer for everyone else when roleOf is asked', () => {
    const s = staffed({ inspectors: 2, hasChief: true, hasRecorder: true });
    expect(
      ['p-ana', 'p-gus', 'p-hal', CHIEF, RECORDER, OBSERVER].map((id) => roleOf(s, id)),
    ).toEqual(['worker', 'inspector', 'inspector', 'chief', 'recorder', 'observer']);
    const fired = {
      ...s,
      workers: s.workers.map((w, i) => (i === 0 ? { ...w, status: 'fired' as const } : w)),
    };
    expect(roleOf(fired, 'p-ana')).toBe('observer');
  });
});

describe('the day', () => {
  it.each<[string, (s: RedBeadState) => RedBeadState, string[]]>([
    ['everyone works', (s) => s, ['A', 'B', 'C', 'D', 'E', 'F']],
    [
      'B is fired and E works a double shift',
      (s) => ({
        ...s,
        workers: s.workers.map((w) =>
          w.id === 'B'
            ? { ...w, status: 'fired' as const }
            : w.id === 'E'
              ? { ...w, hasDoubleShift: true }
              : w,
        ),
      }),
      ['A', 'C', 'D', 'E', 'E', 'F'],
    ],
    [
      'A is on probation',
      (s) => ({
        ...s,
        workers: s.workers.map((w) => (w.id === 'A' ? { ...w, status: 'probation' as const } : w)),
      }),
      ['A', 'B', 'C', 'D', 'E', 'F'],
    ],
  ])('gives each worker their turns when %s', (_, change, turns) => {
    const s = step(change(init()), FAC, { type: 'startDay' });
    expect(s).toMatchObject({ stage: 'working', day: 1, turns, turnIndex: 0 });
  });

  it('refuses to start a day when every worker has been fired', () => {
    const s = init();
    const allFired = { ...s, workers: s.workers.map((w) => ({ ...w, status: 'fired' as const })) };
    expect(refused(allFired, FAC, { type: 'startDay' }).message).toMatch(/fired/);
  });

  it('records the paddle at once when there are no inspectors', () => {
    const s = act(staffed(), [
      [FAC, { type: 'startDay' }],
      [as('p-ana'), { type: 'dip' }],
    ]);
    const paddle = paddleAt(s.config, 0);
    expect(s.pending).toBeNull();
    expect(s.turnIndex).toBe(1);
    expect(s.draws).toEqual([
      { index: 0, day: 1, workerId: 'A', participantId: 'p-ana', red: paddle.red, sampleSize: 50 },
    ]);
    expect(s.lastDraw).toMatchObject({ index: 0, workerId: 'A', beads: paddle.beads });
    expect(redBead.participantOwnView(s, 'p-ben', ctx())).toMatchObject({ workerId: 'B' });
  });

  it('lets only the current worker dip, once per turn, when inspectors are counting', () => {
    const s = act(staffed({ inspectors: 2, hasChief: true }), [[FAC, { type: 'startDay' }]]);
    expect(refused(s, as('p-ben'), { type: 'dip' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(refused(s, as(OBSERVER), { type: 'dip' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(refused(s, as('p-gus'), { type: 'dip' })).toMatchObject({ code: 'FORBIDDEN' });
    const dipped = step(s, as('p-ana'), { type: 'dip' });
    expect(dipped.pending).toMatchObject({ index: 0, workerId: 'A', confirmedBy: [] });
    expect(refused(dipped, as('p-ana'), { type: 'dip' })).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Wait for the inspectors',
    });
    expect(refused(dipped, FAC, { type: 'dip' }).message).toMatch(/still counting/);
    expect(dipped.dipCount).toBe(1);
  });

  it('refuses a dip when no day is running', () => {
    expect(refused(staffed(), as('p-ana'), { type: 'dip' }).code).toBe('FORBIDDEN');
    expect(refused(staffed(), FAC, { type: 'dip' }).code).toBe('CONFLICT');
  });

  it('lets the facilitator dip for a simulated worker', () => {
    const s = act(init(), [
      [FAC, { type: 'startDay' }],
      [FAC, { type: 'dip' }],
    ]);
    expect(s.draws.map((d) => d.workerId)).toEqual(['A']);
  });

  it('records the paddle only after both inspectors and then the chief confirm it', () => {
    const s = act(staffed({ inspectors: 2, hasChief: true }), [
      [FAC, { type: 'startDay' }],
      [as('p-ana'), { type: 'dip' }],
    ]);
    expect(refused(s, as(CHIEF), { type: 'confirm', drawIndex: 0 }).message).toMatch(
      /both inspectors/,
    );
    expect(refused(s, as('p-gus'), { type: 'confirm', drawIndex: 1 }).code).toBe('CONFLICT');
    expect(refused(s, as(OBSERVER), { type: 'confirm', drawIndex: 0 }).code).toBe('FORBIDDEN');
    expect(refused(s, as('p-ana'), { type: 'confirm', drawIndex: 0 }).code).toBe('FORBIDDEN');
    expect(refused(s, FAC, { type: 'confirm', drawIndex: 0 }).code).toBe('FORBIDDEN');

    const one = step(s, as('p-gus'), { type: 'confirm', drawIndex: 0 });
    expect(one.pending?.confirmedBy).toEqual(['p-gus']);
    expect(redBead.participantOwnView(one, 'p-gus', ctx()).hasConfirmed).toBe(true);
    expect(redBead.participantOwnView(one, 'p-hal', ctx()).hasConfirmed).toBe(false);
    expect(refused(one, as('p-gus'), { type: 'confirm', drawIndex: 0 }).code).toBe('CONFLICT');
    expect(refused(one, as(CHIEF), { type: 'confirm', drawIndex: 0 }).code).toBe('CONFLICT');

    const both = step(one, as('p-hal'), { type: 'confirm', drawIndex: 0 });
    expect(both.pending?.confirmedBy).toEqual(['p-gus', 'p-hal']);
    expect(both.draws).toEqual([]);

    const announced = step(both, as(CHIEF), { type: 'confirm', drawIndex: 0 });
    expect(announced.pending).toBeNull();
    expect(announced.draws.map((d) => [d.index, d.workerId])).toEqual([[0, 'A']]);
    expect(announced.turnIndex).toBe(1);
    // The recorded paddle is stale now: nobody can confirm it again.
    expect(refused(announced, as('p-gus'), { type: 'confirm', drawIndex: 0 }).code).toBe(
      'CONFLICT',
    );
  });

  it('records the paddle when both inspectors agree and there is no chief', () => {
    const s = act(staffed({ inspectors: 2 }), [
      [FAC, { type: 'startDay' }],
      [as('p-ana'), { type: 'dip' }],
      [as('p-hal'), { type: 'confirm', drawIndex: 0 }],
    ]);
    expect(s.draws).toHaveLength(0);
    const recorded = step(s, as('p-gus'), { type: 'confirm', drawIndex: 0 });
    expect(recorded.draws).toHaveLength(1);
    expect(recorded.pending).toBeNull();
  });

  it('lets the chief alone announce the count when there are no inspectors', () => {
    const s = act(staffed({ hasChief: true }), [
      [FAC, { type: 'startDay' }],
      [as('p-ana'), { type: 'dip' }],
    ]);
    expect(s.pending).not.toBeNull();
    expect(step(s, as(CHIEF), { type: 'confirm', drawIndex: 0 }).draws).toHaveLength(1);
  });

  it('skips inspection when the facilitator records the paddle', () => {
    const s = act(staffed({ inspectors: 2, hasChief: true }), [
      [FAC, { type: 'startDay' }],
      [as('p-ana'), { type: 'dip' }],
      [FAC, { type: 'record' }],
    ]);
    expect(s.draws).toHaveLength(1);
    expect(s.pending).toBeNull();
    expect(refused(s, FAC, { type: 'record' }).code).toBe('CONFLICT');
  });

  it('ends the day after the last turn and finishes the experiment after the last day', () => {
    let s = runDay(init({ days: 2, workers: 3 }));
    expect(s).toMatchObject({ stage: 'dayEnded', day: 1, turnIndex: 3 });
    expect(s.draws.map((d) => [d.index, d.day, d.workerId])).toEqual([
      [0, 1, 'A'],
      [1, 1, 'B'],
      [2, 1, 'C'],
    ]);
    s = runDay(s);
    expect(s).toMatchObject({ stage: 'finished', day: 2 });
    expect(s.draws).toHaveLength(6);
    expect(refused(s, FAC, { type: 'startDay' }).message).toMatch(/over/);
    expect(refused(s, FAC, { type: 'finish' }).code).toBe('CONFLICT');
  });

  it('refuses to start a day while one is running', () => {
    const s = step(init(), FAC, { type: 'startDay' });
    expect(refused(s, FAC, { type: 'startDay' }).message).toMatch(/already running/);
  });

  it('discards the paddle waiting for inspection when the facilitator finishes', () => {
    const s = act(staffed({ inspectors: 1 }), [
      [FAC, { type: 'startDay' }],
      [as('p-ana'), { type: 'dip' }],
      [FAC, { type: 'finish' }],
    ]);
    expect(s).toMatchObject({ stage: 'finished', pending: null, dipCount: 1, draws: [] });
  });

  it('refuses management actions from participants', () => {
    const actions: Action[] = [
      { type: 'startDay' },
      { type: 'record' },
      { type: 'quota', max: 3 },
      { type: 'fireWorst', count: 1 },
      { type: 'newSupplier', redSharePercent: 0 },
      { type: 'finish' },
    ];
    for (const action of actions) {
      expect(refused(init(), as(CHIEF), action).code).toBe('FORBIDDEN');
    }
  });
});
