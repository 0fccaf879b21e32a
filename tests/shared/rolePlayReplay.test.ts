/**
 * The role-play as an exercise: config bounds and presets, the group-forming rule for
 * every head count, roles and their rotation, newcomers, who may score, the room's step
 * statistics against hand-worked values, what each audience may see, the summary, and a
 * replay of a whole session's log.
 *
 * This file covers a replay of a whole session's log; the other rolePlay*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import {
  participantPublicView as sessionPublicView,
  replay,
  type CommandActor,
  type EventEnvelope,
  type RoundSpec,
  type SessionCommand,
  type SessionState,
} from '@playfield/shared';
import { type RolePlayState } from '@playfield/shared/exercises/rolePlay/index';
import { FACILITATOR as SESSION_FACILITATOR, createSession, run } from './sessionHarness.ts';
import { config, scorerOf, score } from './rolePlayFixtures.ts';

describe('role-play replay', () => {
  const ROUND = 'rp';
  const spec: RoundSpec = {
    id: ROUND,
    kind: 'rolePlay',
    title: 'Hostile feedback',
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
  const roundState = (state: SessionState) => state.rounds[ROUND]?.state as RolePlayState;

  function joinAll(live: Live, names: string[]): { live: Live; ids: string[] } {
    const ids: string[] = [];
    for (const name of names) {
      const before = live.log.length;
      live = must(live, { type: 'participant.join', name }, { role: 'system' });
      const event = live.log[before]?.event;
      if (event?.type !== 'participant.joined') throw new Error(`${name} did not join`);
      ids.push(event.participantId);
    }
    return { live, ids };
  }

  it('rebuilds the same groups, parts and scores when the log is replayed', () => {
    let live: Live = createSession([spec]);
    const joined = joinAll(live, ['Ana', 'Ben', 'Cai', 'Dee', 'Eli', 'Fay', 'Gus', 'Hal']);
    live = must(joined.live, { type: 'session.start' }, SESSION_FACILITATOR);
    const fac = (action: object) => {
      live = must(live, roundAct(action), SESSION_FACILITATOR);
    };
    const scoreAll = (values: number[]) => {
      const state = roundState(live.state);
      for (const group of state.groups) {
        const scorer = scorerOf(state, group.id);
        for (const [i, step] of state.config.steps.entries()) {
          live = must(live, roundAct(score(step.name, values[i] ?? 1)), {
            role: 'participant',
            participantId: scorer,
          });
        }
      }
    };

    fac({ type: 'form' });
    expect(roundState(live.state).groups.map((g) => g.members.length)).toEqual([3, 3, 2]);
    scoreAll([4, 2, 3, 5]);
    fac({ type: 'rotate' });
    const late = joinAll(live, ['Ivy']);
    live = late.live;
    fac({ type: 'placeNewcomers' });
    scoreAll([5, 3, 4, 4]);
    fac({ type: 'form' });

    // A refused move leaves no trace in the log.
    const stranger = roundState(live.state).groups[0]?.members[0] ?? '';
    const refusedStep = run(live.state, roundAct(score('Nope', 3)), {
      role: 'participant',
      participantId: stranger,
    });
    expect(refusedStep.result.ok).toBe(false);
    expect(refusedStep.envelopes).toEqual([]);

    const final = roundState(live.state);
    expect(final.play).toBe(3);
    expect(final.archive).toHaveLength(6);
    const replayed = replay(live.log);
    expect(replayed).toEqual(live.state);
    expect(roundState(replayed).groups).toEqual(final.groups);
    const half = Math.floor(live.log.length / 2);
    expect(replay(live.log.slice(half), replay(live.log.slice(0, half)))).toEqual(live.state);
    expect(sessionPublicView(replayed, 0)).toEqual(sessionPublicView(live.state, 0));
  });

  it('refuses a phone’s facilitator action and a bad payload in a session without logging them', () => {
    let live: Live = createSession([spec]);
    const joined = joinAll(live, ['Ana', 'Ben', 'Cai']);
    live = must(joined.live, { type: 'session.start' }, SESSION_FACILITATOR);
    const ana = { role: 'participant', participantId: joined.ids[0] ?? '' } as const;
    const forbidden = run(live.state, roundAct({ type: 'form' }), ana);
    expect(forbidden.result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(forbidden.state).toBe(live.state);
    const bad = run(live.state, roundAct({ type: 'score', step: 'Clarify', value: 'ten' }), ana);
    expect(bad.result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(bad.state).toBe(live.state);
  });
});
