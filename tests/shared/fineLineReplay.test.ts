/**
 * The Fine Line as an exercise: config and policy bounds, the run's lifecycle (start, pause,
 * speed, ticks, finish, replays over the same customers), policy changes by the facilitator
 * and the management team, participants as shoppers in the line, rate-limited moods, views,
 * the debrief, automation, and replay determinism through the session machinery.
 *
 * This file covers replay determinism; the other fineLine*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import {
  replay,
  type CommandActor,
  type EventEnvelope,
  type RoundSpec,
  type SessionCommand,
  type SessionState,
} from '@playfield/shared';
import { fineLine, type FineLineState } from '@playfield/shared/exercises/fineLine/index';
import { FACILITATOR as SESSION_FACILITATOR, createSession, run } from './sessionHarness.ts';
import { type Action, ctx, policy, config, lastRun, clockOf } from './fineLineFixtures.ts';

describe('replay determinism', () => {
  const ROUND = 'fl';
  const spec: RoundSpec = {
    id: ROUND,
    kind: 'fineLine',
    title: 'The Fine Line',
    config: config({
      seed: 'replay-run',
      durationMinutes: 30,
      speed: 60,
      policy: policy({ openAtStart: 1, openThreshold: 3, openDelayMinutes: 1, maxRegisters: 3 }),
    }),
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

  const roundAct = (action: Action): SessionCommand => ({
    type: 'round.act',
    roundId: ROUND,
    action,
  });
  const roundState = (state: SessionState) => state.rounds[ROUND]?.state as FineLineState;

  it('rebuilds exactly the same state from the log of runs with ticks, moods and policy changes', () => {
    let live: Live = createSession([spec]);
    const ids: Record<string, string> = {};
    for (const name of ['Ana', 'Ben', 'Cai']) {
      const before = live.log.length;
      live = must(live, { type: 'participant.join', name }, { role: 'system' });
      const event = live.log[before]?.event;
      if (event?.type !== 'participant.joined') throw new Error(`${name} did not join`);
      ids[name] = event.participantId;
    }
    const id = (name: string) => ids[name] ?? '';
    const fac = (action: Action) => {
      live = must(live, roundAct(action), SESSION_FACILITATOR);
    };
    const by = (name: string, action: Action) => {
      live = must(live, roundAct(action), { role: 'participant', participantId: id(name) });
    };
    /** Lets the store's clock run to the end, as the server's automation would. */
    const runStore = (onTick: (tick: number) => void) => {
      let tick = 0;
      for (;;) {
        const next = fineLine.automation?.(roundState(live.state), ctx());
        if (!next) break;
        fac(next.action);
        tick++;
        onTick(tick);
      }
    };
    const sessionCtx = () => ctx({ roster: live.state.participants });
    const inLine = (name: string) => {
      const kind = fineLine.participantOwnView(roundState(live.state), id(name), sessionCtx())
        .status?.kind;
      return kind === 'waiting' || kind === 'atRegister';
    };

    live = must(live, { type: 'session.start' }, SESSION_FACILITATOR);
    fac({ type: 'manager', participantId: id('Cai'), isManager: true });
    fac({ type: 'start' });
    let moods = 0;
    runStore((tick) => {
      // Every fifth tick is five seconds of real time later: never rate limited.
      if (tick % 5 === 0) {
        for (const name of ['Ana', 'Ben']) {
          if (!inLine(name)) continue;
          by(name, { type: 'mood', value: 1 + ((tick / 5) % 5) });
          moods++;
        }
      }
      if (tick === 20) fac({ type: 'policy', policy: policy({ openAtStart: 2, maxRegisters: 4 }) });
      if (tick === 25) {
        fac({ type: 'pause' });
        fac({ type: 'speed', speed: 90 });
        fac({ type: 'resume' });
      }
      if (tick === 40) by('Cai', { type: 'policy', policy: policy({ openAtStart: 1 }) });
    });

    const first = roundState(live.state);
    expect(first.status).toBe('finished');
    expect(clockOf(first)).toBe(30);
    expect(moods).toBeGreaterThan(2);
    expect(lastRun(first).policyChanges.map((c) => c.policy.openAtStart)).toEqual([2, 1]);
    expect(lastRun(first).moodSamples.some((m) => m.reports > 0)).toBe(true);
    expect(replay(live.log)).toEqual(live.state);

    // A second policy over the same customers, from the same log.
    fac({ type: 'replay', label: 'Open early', policy: policy({ openAtStart: 3 }) });
    fac({ type: 'start' });
    runStore((tick) => {
      if (tick === 10 && inLine('Ana')) by('Ana', { type: 'mood', value: 5 });
    });
    const final = roundState(live.state);
    expect(final.runs).toHaveLength(2);
    expect(final.status).toBe('finished');
    expect(final.runs[1]?.queue.nextIndex).toBe(final.runs[0]?.queue.nextIndex);

    const replayed = replay(live.log);
    expect(replayed).toEqual(live.state);
    expect(JSON.stringify(roundState(replayed))).toBe(JSON.stringify(final));
    // And again from a snapshot half way through the log.
    const half = Math.floor(live.log.length / 2);
    expect(replay(live.log.slice(half), replay(live.log.slice(0, half)))).toEqual(live.state);
    expect(fineLine.screenView(roundState(replayed), sessionCtx())).toEqual(
      fineLine.screenView(final, sessionCtx()),
    );
  });
});
