import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useSessionStore } from '../../client/src/stores/useSessionStore.ts';
import { message, publicView } from './fixtures.ts';

const store = () => useSessionStore.getState();

beforeEach(() => store().reset());

describe('useSessionStore', () => {
  it('keeps the view and its sequence number when a view arrives', () => {
    const view = publicView();

    store().receive('publicView', message(view, 5));

    expect(store().publicView).toBe(view);
    expect(store().seqs.publicView).toBe(5);
    expect(store().lastSeq).toBe(5);
  });

  it('ignores a message when its seq is lower than the one held for the same view', () => {
    const newer = publicView({ phase: 'live' });
    const older = publicView({ phase: 'lobby' });
    store().receive('publicView', message(newer, 8));

    store().receive('publicView', message(older, 7));

    expect(store().publicView).toBe(newer);
    expect(store().seqs.publicView).toBe(8);
  });

  it('accepts a message with the same seq when the server resends a view after reconnecting', () => {
    const first = publicView();
    const resent = publicView();
    store().receive('publicView', message(first, 8));

    store().receive('publicView', message(resent, 8));

    expect(store().publicView).toBe(resent);
  });

  it('keeps each view’s seq apart when views arrive out of order across audiences', () => {
    store().receive('publicView', message(publicView(), 9));
    const own = { participantId: 'p1', name: 'Sam', hasLeft: false, isRemoved: false, round: null };

    store().receive('own', message(own, 4));

    expect(store().own).toBe(own);
    expect(store().seqs).toMatchObject({ publicView: 9, own: 4 });
    expect(store().lastSeq).toBe(9);
  });

  it('tracks the highest seq seen as lastSeq when views arrive', () => {
    store().receive('publicView', message(publicView(), 3));
    store().receive('publicView', message(publicView(), 12));
    store().receive(
      'own',
      message(
        { participantId: 'p1', name: 'S', hasLeft: false, isRemoved: false, round: null },
        10,
      ),
    );

    expect(store().lastSeq).toBe(12);
  });

  it('measures the server clock offset when a view arrives', () => {
    vi.useFakeTimers({ now: 1_000_000 });

    store().receive('publicView', message(publicView(), 1, 1_002_500));

    expect(store().clockOffsetMs).toBe(2_500);
  });

  it('records a final error and its status when the connection fails', () => {
    store().setStatus('failed', { code: 'UNAUTHORIZED', message: 'Join again' });
    expect(store()).toMatchObject({ status: 'failed', error: { code: 'UNAUTHORIZED' } });

    store().setStatus('online');
    expect(store()).toMatchObject({ status: 'online', error: null });
  });

  it('clears views, sequence numbers and status when reset', () => {
    store().setStatus('online');
    store().receive('publicView', message(publicView(), 20));

    store().reset();

    expect(store()).toMatchObject({
      status: 'connecting',
      error: null,
      lastSeq: 0,
      clockOffsetMs: 0,
      publicView: null,
      own: null,
      facilitator: null,
      screen: null,
      seqs: { facilitator: -1, screen: -1, publicView: -1, own: -1 },
    });
    // After a reset a new session's first view is taken, however low its seq.
    store().receive('publicView', message(publicView(), 0));
    expect(store().publicView).not.toBeNull();
  });
});
