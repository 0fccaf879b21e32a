/**
 * The brainstorm as an exercise: config bounds, notes from phones, the facilitator's board
 * (clusters, hiding, merging), dot voting with its limits, the ranking and summary worked
 * out by hand, the privacy of every view, refusals that change nothing, and replay.
 *
 * This file covers replay; the other brainstorm*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import {
  createRandom,
  replay,
  participantPublicView as sessionPublicView,
  type Actor,
  type CommandActor,
  type EventEnvelope,
  type RoundSpec,
  type SessionCommand,
  type SessionState,
} from '@playfield/shared';
import { brainstorm, type BrainstormState } from '@playfield/shared/exercises/brainstorm/index';
import {
  buildBoard,
  resolvedVotes,
  tallyVotes,
} from '@playfield/shared/exercises/brainstorm/board';
import { FACILITATOR as SESSION_FACILITATOR, createSession, run } from './sessionHarness.ts';
import {
  type Action,
  FAC,
  as,
  ANA,
  BEN,
  CAI,
  DEE,
  ctx,
  config,
  step,
  note,
  phase,
  vote,
} from './brainstormFixtures.ts';

describe('replay', () => {
  const ROUND = 'bs';
  const spec: RoundSpec = {
    id: ROUND,
    kind: 'brainstorm',
    title: 'Worst nightmare',
    config: config(),
  };

  interface Live {
    state: SessionState;
    log: EventEnvelope[];
  }

  function must(live: Live, command: SessionCommand, actor: CommandActor): Live {
    const stepped = run(live.state, command, actor);
    if (!stepped.result.ok) {
      throw new Error(`${JSON.stringify(command)} was refused: ${stepped.result.error.message}`);
    }
    return { state: stepped.state, log: [...live.log, ...stepped.envelopes] };
  }
  const roundAct = (action: unknown): SessionCommand => ({
    type: 'round.act',
    roundId: ROUND,
    action,
  });
  const roundState = (s: SessionState) => s.rounds[ROUND]?.state as BrainstormState;

  it('folds the stored log back into the same state, also from a snapshot half way', () => {
    let live: Live = createSession([spec]);
    const ids: string[] = [];
    for (const name of ['Ana', 'Ben', 'Cai', 'Dee']) {
      const before = live.log.length;
      live = must(live, { type: 'participant.join', name }, { role: 'system' });
      const event = live.log[before]?.event;
      if (event?.type !== 'participant.joined') throw new Error(`${name} did not join`);
      ids.push(event.participantId);
    }
    const by = (i: number, action: unknown) => {
      live = must(live, roundAct(action), { role: 'participant', participantId: ids[i] ?? '' });
    };
    const fac = (action: unknown) => {
      live = must(live, roundAct(action), SESSION_FACILITATOR);
    };
    live = must(live, { type: 'session.start' }, SESSION_FACILITATOR);
    by(0, { type: 'addNote', text: 'Same-day delivery everywhere', tag: null });
    by(1, { type: 'addNote', text: '  Next-hour delivery\u200B in cities ', tag: null });
    by(2, { type: 'addNote', text: 'Free returns forever', tag: null });
    by(3, { type: 'addNote', text: 'A named account manager', tag: null });
    by(3, { type: 'editNote', noteId: 'n4', text: 'A named account manager for all', tag: null });
    by(0, { type: 'addNote', text: 'Price match', tag: null });
    by(0, { type: 'deleteNote', noteId: 'n5' });
    fac({ type: 'phase', phase: 'cluster' });
    fac({ type: 'createCluster', name: 'Speed', noteIds: ['n1'] });
    fac({ type: 'mergeNote', noteId: 'n2', intoNoteId: 'n1' });
    fac({ type: 'createCluster', name: 'Care' });
    fac({ type: 'moveNote', noteId: 'n4', clusterId: 'c2' });
    fac({ type: 'renameCluster', clusterId: 'c2', name: 'Customer care' });
    live = must(live, { type: 'round.reveal' }, SESSION_FACILITATOR);
    fac({ type: 'phase', phase: 'vote' });
    by(0, { type: 'vote', itemId: 'c1', dots: 2 });
    by(1, { type: 'vote', itemId: 'n3', dots: 2 });
    by(1, { type: 'vote', itemId: 'c2', dots: 1 });
    by(2, { type: 'vote', itemId: 'c1', dots: 1 });
    by(2, { type: 'clearVotes' });
    by(3, { type: 'vote', itemId: 'c2', dots: 2 });
    fac({ type: 'phase', phase: 'results' });

    const final = roundState(live.state);
    expect(final.notes[1]?.text).toBe('Next-hour delivery in cities');
    expect(tallyVotes(final).ranking.map((r) => [r.label, r.dots])).toEqual([
      ['Customer care', 3],
      ['Speed', 2],
      ['Free returns forever', 2],
    ]);
    const replayed = replay(live.log);
    expect(replayed).toEqual(live.state);
    const half = Math.floor(live.log.length / 2);
    expect(replay(live.log.slice(half), replay(live.log.slice(0, half)))).toEqual(live.state);
    expect(sessionPublicView(replayed, 0)).toEqual(sessionPublicView(live.state, 0));
  });

  /** Set BRAINSTORM_FUZZ_SEED to replay one failing run. */
  const SEEDS = process.env.BRAINSTORM_FUZZ_SEED
    ? [process.env.BRAINSTORM_FUZZ_SEED]
    : ['bs-1', 'bs-2', 'bs-3'];

  it.each(SEEDS)(
    'keeps its limits and replays exactly when driven at random by seed %s',
    (seed) => {
      const random = createRandom(seed);
      const pick = <T>(xs: readonly T[]): T => xs[random.int(xs.length)] as T;
      const people = [ANA, BEN, CAI, DEE];
      const cfg = config({ maxNotesPerPerson: 4, tags: ['Better', 'Faster'] });
      let s = brainstorm.init(cfg, seed);
      const accepted: [Actor, Action][] = [];
      for (let i = 0; i < 400; i++) {
        const noteId = `n${1 + random.int(s.nextNote + 1)}`;
        const clusterId = `c${1 + random.int(s.nextCluster + 1)}`;
        const candidates: [Actor, Action][] = [
          [as(pick(people)), note(`Idea ${i}`, pick(['Better', 'Faster', null]))],
          [as(pick(people)), { type: 'editNote', noteId, text: `Edit ${i}`, tag: 'Better' }],
          [as(pick(people)), { type: 'deleteNote', noteId }],
          [as(pick(people)), vote(pick([noteId, clusterId]), random.int(4))],
          [as(pick(people)), { type: 'clearVotes' }],
          [FAC, phase(pick(['collect', 'cluster', 'vote', 'results'] as const))],
          [FAC, { type: 'createCluster', name: `Theme ${random.int(8)}`, noteIds: [noteId] }],
          [FAC, { type: 'moveNote', noteId, clusterId: pick([clusterId, null]) }],
          [FAC, { type: 'hideNote', noteId, isHidden: random.next() < 0.7 }],
          [FAC, { type: 'mergeNote', noteId, intoNoteId: `n${1 + random.int(s.nextNote)}` }],
          [FAC, { type: 'splitNote', noteId }],
          [FAC, { type: 'deleteCluster', clusterId }],
        ];
        const [actor, action] = pick(candidates);
        const c = ctx({ isOpen: random.next() < 0.9 });
        const before = JSON.stringify(s);
        const result = brainstorm.reduce(s, action, actor, c);
        if (!result.ok) {
          expect(JSON.stringify(s), `seed ${seed}: a refusal changed the state`).toBe(before);
          continue;
        }
        s = result.data;
        accepted.push([actor, action]);
        // Invariants: merges one level deep, clusters exist, dots within the limits.
        const byId = new Map(s.notes.map((n) => [n.id, n]));
        for (const n of s.notes) {
          if (n.mergedInto !== null) {
            expect(byId.get(n.mergedInto)?.mergedInto, `seed ${seed}`).toBeNull();
            expect(n.clusterId, `seed ${seed}`).toBeNull();
          }
          if (n.clusterId !== null) {
            expect(
              s.clusters.some((cl) => cl.id === n.clusterId),
              `seed ${seed}`,
            ).toBe(true);
          }
        }
        const board = buildBoard(s);
        for (const person of people) {
          const mine = resolvedVotes(s, board, person);
          expect(
            Object.values(mine).every((d) => d <= cfg.maxDotsPerItem),
            `seed ${seed}`,
          ).toBe(true);
          expect(
            Object.values(mine).reduce((a, b) => a + b, 0),
            `seed ${seed}`,
          ).toBeLessThanOrEqual(cfg.dotsPerPerson);
        }
      }
      expect(accepted.length, `seed ${seed}`).toBeGreaterThan(40);
      const replayed = accepted.reduce(
        (state, [actor, action]) => step(state, actor, action),
        brainstorm.init(cfg, seed),
      );
      expect(JSON.stringify(replayed), `seed ${seed}: replay differed`).toBe(JSON.stringify(s));
    },
  );
});
