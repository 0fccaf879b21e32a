import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createSessionState,
  VIEW_FLUSH_INTERVAL_MS,
  type FacilitatorView,
  type ParticipantPublicView,
  type ViewMessage,
} from '@playfield/shared';
import { LiveSession, type ViewSink } from '../../server/src/sessions/liveSession.ts';
import type { Repository } from '../../server/src/store/repository.ts';

// The view coalescing is timer-driven, so this one runs LiveSession alone on fake timers:
// over sockets the same check would have to measure wall-clock latency.
beforeEach(() => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

function newSession() {
  const state = createSessionState({
    seq: 1,
    at: Date.now(),
    event: {
      type: 'session.created',
      sessionId: 's1',
      code: 'ABCDEF',
      title: 'Timing',
      seed: 'seed',
      agenda: [
        {
          id: 'r1',
          kind: 'poll',
          title: 'Poll',
          config: {
            question: 'Q?',
            options: ['A', 'B'],
            isMultipleChoice: false,
            isAnonymous: false,
          },
        },
      ],
    },
  });
  // Only the two writes LiveSession makes; storage itself is tested through the server.
  const repository = {
    append: () => Promise.resolve(),
    saveSnapshot: () => Promise.resolve(),
  } as unknown as Repository;
  const facilitator: ViewMessage<FacilitatorView>[] = [];
  const participants: ViewMessage<ParticipantPublicView>[] = [];
  const sink: ViewSink = {
    hasAudience: () => true,
    facilitator: (_id, message) => facilitator.push(message),
    screen: () => undefined,
    participants: (_id, message) => participants.push(message),
    own: () => undefined,
  };
  const session = new LiveSession(state, repository, sink, () => Date.now());
  return { session, facilitator, participants };
}

describe('LiveSession view coalescing', () => {
  it('sends an urgent change within one flush interval when a lazy head-count update is pending', async () => {
    const { session, facilitator, participants } = newSession();
    await session.execute({ type: 'participant.join', name: 'Ana' }, { role: 'system' });
    await vi.advanceTimersByTimeAsync(100);
    // A second join within the second: the phones' head count waits for the lazy interval.
    await session.execute({ type: 'participant.join', name: 'Ben' }, { role: 'system' });
    await vi.advanceTimersByTimeAsync(VIEW_FLUSH_INTERVAL_MS);
    expect(facilitator.at(-1)?.view.roster).toHaveLength(2);
    expect(participants.at(-1)?.view.participantCount).toBe(1);

    const started = await session.execute({ type: 'session.start' }, { role: 'facilitator' });
    expect(started.ok).toBe(true);
    await vi.advanceTimersByTimeAsync(VIEW_FLUSH_INTERVAL_MS);
    expect(facilitator.at(-1)?.view.session.phase).toBe('live');
    expect(participants.at(-1)?.view).toMatchObject({
      session: { phase: 'live' },
      participantCount: 2,
      round: { id: 'r1' },
    });
    await session.close();
  });

  it('coalesces a burst of joins into one head-count update per second for phones', async () => {
    const { session, participants } = newSession();
    const names = ['A1', 'A2', 'A3', 'A4', 'A5', 'A6'];
    for (const name of names) {
      await session.execute({ type: 'participant.join', name }, { role: 'system' });
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(1_000);
    const counts = participants.map((m) => m.view.participantCount);
    expect(counts.at(-1)).toBe(names.length);
    expect(counts.length).toBeLessThanOrEqual(2);
    await session.close();
  });
});
