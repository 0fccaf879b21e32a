import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createSessionState,
  VIEW_FLUSH_INTERVAL_MS,
  type FacilitatorView,
  type ParticipantOwnView,
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
      agenda: ['r1', 'r2'].map((id) => ({
        id,
        kind: 'poll' as const,
        title: `Poll ${id}`,
        config: {
          question: 'Q?',
          options: ['A', 'B'],
          isMultipleChoice: false,
          isAnonymous: false,
        },
      })),
    },
  });
  // Only the two writes LiveSession makes; storage itself is tested through the server.
  const repository = {
    append: () => Promise.resolve(),
    saveSnapshot: () => Promise.resolve(),
  } as unknown as Repository;
  const facilitator: ViewMessage<FacilitatorView>[] = [];
  const participants: ViewMessage<ParticipantPublicView>[] = [];
  const own: { participantId: string; message: ViewMessage<ParticipantOwnView> }[] = [];
  const sink: ViewSink = {
    hasAudience: () => true,
    facilitator: (_id, message) => facilitator.push(message),
    screen: () => undefined,
    participants: (_id, message) => participants.push(message),
    own: (participantId, message) => own.push({ participantId, message }),
    disconnect: () => undefined,
  };
  const session = new LiveSession(state, repository, sink, () => Date.now());
  return { session, facilitator, participants, own };
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

describe('LiveSession own views', () => {
  async function seated(names: string[]) {
    const room = newSession();
    const ids: string[] = [];
    for (const name of names) {
      const joined = await room.session.execute(
        { type: 'participant.join', name },
        { role: 'system' },
      );
      if (!joined.ok || joined.data.events[0]?.type !== 'participant.joined')
        throw new Error('join failed');
      const id = joined.data.events[0].participantId;
      ids.push(id);
      room.session.attach(id);
      room.session.resetOwn(id);
    }
    await room.session.execute({ type: 'session.start' }, { role: 'facilitator' });
    await vi.advanceTimersByTimeAsync(VIEW_FLUSH_INTERVAL_MS);
    return { ...room, ids };
  }

  it('sends no own view on a round change to phones with nothing in the round', async () => {
    const { session, own, participants } = await seated(['Ana', 'Ben', 'Cy']);
    own.length = 0;
    const publicBefore = participants.length;
    await session.execute({ type: 'round.next' }, { role: 'facilitator' });
    await vi.advanceTimersByTimeAsync(VIEW_FLUSH_INTERVAL_MS);
    expect(participants.length).toBe(publicBefore + 1);
    expect(own).toEqual([]);
  });

  it('sends an own view to the answering phone only, and never again for the same content', async () => {
    const { session, own, ids } = await seated(['Ana', 'Ben']);
    const [ana = ''] = ids;
    own.length = 0;
    await session.execute(
      { type: 'round.act', roundId: 'r1', action: { type: 'answer', choices: [1] } },
      { role: 'participant', participantId: ana },
    );
    await vi.advanceTimersByTimeAsync(VIEW_FLUSH_INTERVAL_MS);
    expect(own.map((o) => o.participantId)).toEqual([ana]);
    expect(own[0]?.message.view.round).toMatchObject({ id: 'r1', view: { choices: [1] } });

    // Away and back: Ana's phone still holds her answer to r1, so nothing is resent.
    own.length = 0;
    await session.execute({ type: 'round.next' }, { role: 'facilitator' });
    await vi.advanceTimersByTimeAsync(VIEW_FLUSH_INTERVAL_MS);
    await session.execute({ type: 'round.back' }, { role: 'facilitator' });
    await vi.advanceTimersByTimeAsync(VIEW_FLUSH_INTERVAL_MS);
    expect(own).toEqual([]);
  });

  it('tells a phone its answer is gone when the facilitator clears the poll', async () => {
    const { session, own, ids } = await seated(['Ana', 'Ben']);
    const [ana = '', ben = ''] = ids;
    await session.execute(
      { type: 'round.act', roundId: 'r1', action: { type: 'answer', choices: [0] } },
      { role: 'participant', participantId: ana },
    );
    await vi.advanceTimersByTimeAsync(VIEW_FLUSH_INTERVAL_MS);
    own.length = 0;
    await session.execute(
      { type: 'round.act', roundId: 'r1', action: { type: 'reset' } },
      { role: 'facilitator' },
    );
    await vi.advanceTimersByTimeAsync(VIEW_FLUSH_INTERVAL_MS);
    // Ana held an answer and is told it is cleared; Ben held the blank view already.
    expect(own.map((o) => [o.participantId, o.message.view.round?.view])).toEqual([
      [ana, { choices: [] }],
    ]);
    expect(own.some((o) => o.participantId === ben)).toBe(false);
  });
});
