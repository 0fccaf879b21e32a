import { describe, expect, it } from 'vitest';
import { facilitatorView, participantPublicView, replay } from '@playfield/shared';
import {
  FACILITATOR,
  liveSession,
  mustRun,
  participant,
  refusal,
  run,
  T0,
} from './sessionHarness.ts';

function liveWithTwo() {
  const { state, ids } = liveSession(['Ana', 'Ben']);
  return { state, ana: ids[0] ?? '', ben: ids[1] ?? '' };
}

describe('action-plan prompts', () => {
  it('shows the current round’s prompt on every phone once the facilitator sends it', () => {
    const { state } = liveWithTwo();
    expect(participantPublicView(state, T0).prompt).toBeNull();
    const prompted = mustRun(state, { type: 'prompt.send' }, FACILITATOR);
    expect(participantPublicView(prompted, T0).prompt).toEqual({
      roundId: 'r1',
      roundTitle: expect.any(String) as string,
      question: expect.stringMatching(/\?$/) as string,
    });
    const closed = mustRun(prompted, { type: 'prompt.close' }, FACILITATOR);
    expect(participantPublicView(closed, T0).prompt).toBeNull();
    expect(refusal(closed, { type: 'prompt.close' }, FACILITATOR).code).toBe('CONFLICT');
  });

  it('counts each participant once, whether they answered or skipped', () => {
    const { state, ana, ben } = liveWithTwo();
    let next = mustRun(state, { type: 'prompt.send' }, FACILITATOR);
    next = mustRun(next, { type: 'prompt.respond', roundId: 'r1' }, participant(ana));
    const again = run(next, { type: 'prompt.respond', roundId: 'r1' }, participant(ana));
    expect(again.envelopes).toEqual([]);
    next = mustRun(next, { type: 'prompt.respond', roundId: 'r1' }, participant(ben));
    expect(facilitatorView(next, new Set(), T0).prompt).toMatchObject({
      roundId: 'r1',
      responded: 2,
    });
  });

  it('lets only the facilitator send prompts and only participants respond', () => {
    const { state, ana } = liveWithTwo();
    expect(refusal(state, { type: 'prompt.send' }, participant(ana)).code).toBe('FORBIDDEN');
    expect(refusal(state, { type: 'prompt.respond', roundId: 'r1' }, FACILITATOR).code).toBe(
      'FORBIDDEN',
    );
    expect(refusal(state, { type: 'prompt.respond', roundId: 'nope' }, participant(ana)).code).toBe(
      'NOT_FOUND',
    );
    expect(refusal(state, { type: 'prompt.send', roundId: 'nope' }, FACILITATOR).code).toBe(
      'NOT_FOUND',
    );
  });

  it('replays prompts and responses from the log to the same state', () => {
    const { state, ana } = liveWithTwo();
    const log = [];
    let current = state;
    for (const [command, actor] of [
      [{ type: 'prompt.send' }, FACILITATOR],
      [{ type: 'prompt.respond', roundId: 'r1' }, participant(ana)],
      [{ type: 'round.next' }, FACILITATOR],
      [{ type: 'prompt.send' }, FACILITATOR],
    ] as const) {
      const step = run(current, command, actor);
      log.push(...step.envelopes);
      current = step.state;
    }
    expect(replay(log, state)).toEqual(current);
    expect(current.prompt).toEqual({ roundId: 'r2' });
    expect(current.promptResponses).toEqual({ r1: { [ana]: true } });
  });
});
