import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { diffViews, type FacilitatorView, type ParticipantPublicView } from '@playfield/shared';
import { useSessionStore } from '../../client/src/stores/useSessionStore.ts';
import { busyDelayMs, BUSY_RETRIES, sendRetryingBusy } from '../../client/src/realtime/link.ts';
import { header } from './fixtures.ts';

const store = () => useSessionStore.getState();

beforeEach(() => store().reset());

/** A small console view: the store never looks inside it, only patches it. */
function facilitatorView(): FacilitatorView {
  const view = {
    session: header(),
    isLocked: false,
    prompt: null,
    agenda: [],
    roster: [{ id: 'p1', name: 'Ana', isOnline: true, hasLeft: false, isRemoved: false }],
    timer: null,
    round: null,
  };
  return view;
}

/** A whole view as the server sends it to a console or phone that takes patches. */
function whole<V>(view: V, seq: number, version: number) {
  return { seq, serverTime: 1_000, view, version };
}

describe('the console store and view patches', () => {
  it('applies a patch that follows the view it holds, sharing what did not change', () => {
    const first = facilitatorView();
    store().receive('facilitator', whole(first, 5, 1));
    const next: FacilitatorView = { ...first, isLocked: !first.isLocked };

    const isApplied = store().patch('facilitator', {
      seq: 6,
      serverTime: 1_050,
      base: 1,
      version: 2,
      ops: diffViews(first, next),
    });

    expect(isApplied).toBe(true);
    expect(store().facilitator).toEqual(next);
    expect(store().facilitator?.roster).toBe(first.roster);
    expect(store().versions.facilitator).toBe(2);
    expect(store().seqs.facilitator).toBe(6);
  });

  it('refuses a patch after a gap (the caller then asks for the whole view)', () => {
    const first = facilitatorView();
    store().receive('facilitator', whole(first, 5, 1));

    const isApplied = store().patch('facilitator', {
      seq: 8,
      serverTime: 1_100,
      base: 2,
      version: 3,
      ops: [['s', ['isLocked'], true]],
    });

    expect(isApplied).toBe(false);
    expect(store().facilitator).toBe(first);
    expect(store().versions.facilitator).toBe(1);
  });

  it('refuses a patch that does not fit the view, and one before any view', () => {
    expect(
      store().patch('facilitator', { seq: 1, serverTime: 0, base: -1, version: 0, ops: [] }),
    ).toBe(false);
    store().receive('facilitator', whole(facilitatorView(), 5, 1));
    expect(
      store().patch('facilitator', {
        seq: 6,
        serverTime: 0,
        base: 1,
        version: 2,
        ops: [['s', ['session', 'nothing', 'here'], 1]],
      }),
    ).toBe(false);
    expect(store().versions.facilitator).toBe(1);
  });
});

describe("the phones' shared view and its patches", () => {
  it('applies a head count patch to the shared view, keeping the rest, and refuses a gap', () => {
    const first: ParticipantPublicView = {
      session: header(),
      prompt: null,
      participantCount: 4_999,
      timer: null,
      round: null,
    };
    store().receive('publicView', whole(first, 3, 7));
    const next = { ...first, participantCount: 5_000 };

    expect(
      store().patch('publicView', {
        seq: 4,
        serverTime: 1_050,
        base: 7,
        version: 8,
        ops: diffViews(first, next),
      }),
    ).toBe(true);
    expect(store().publicView).toEqual(next);
    expect(store().publicView?.session).toBe(first.session);
    expect(store().versions).toEqual({ facilitator: -1, publicView: 8 });
    expect(store().seqs.publicView).toBe(4);

    // A patch the view held already covers (sent before it reached the phone) is skipped.
    const covered = { seq: 3, serverTime: 0, base: 6, version: 7, ops: [] };
    expect(store().patch('publicView', { ...covered, ops: [['s', ['participantCount'], 1]] })).toBe(
      true,
    );
    expect(store().publicView).toEqual(next);

    const gap = { seq: 6, serverTime: 0, base: 9, version: 10, ops: [] };
    expect(store().patch('publicView', gap)).toBe(false);
    expect(store().versions.publicView).toBe(8);
  });
});

describe('sending again after BUSY', () => {
  it('waits longer after each refusal, spread around its mean and capped', () => {
    expect(busyDelayMs(0, () => 0)).toBe(125);
    expect(busyDelayMs(0, () => 1)).toBe(375);
    expect(busyDelayMs(2, () => 0.5)).toBe(1000);
    expect(busyDelayMs(10, () => 0.5)).toBe(4000);
  });

  afterEach(() => vi.useRealTimers());

  it('sends again while refused as BUSY, then gives the answer, and stops after its retries', async () => {
    vi.useFakeTimers();
    const busy = { ok: false as const, error: { code: 'BUSY' as const, message: 'busy' } };
    const replies = [busy, busy, { ok: true as const, data: { seq: 9 } }];
    let sent = 0;
    let told = 0;
    const accepted = sendRetryingBusy(
      () => Promise.resolve(replies[sent++] ?? busy),
      () => told++,
    );
    await vi.runAllTimersAsync();
    expect(await accepted).toEqual({ ok: true, data: { seq: 9 } });
    expect([sent, told]).toEqual([3, 2]);

    sent = 0;
    const refused = sendRetryingBusy(() => {
      sent++;
      return Promise.resolve(busy);
    });
    await vi.runAllTimersAsync();
    expect(await refused).toEqual(busy);
    expect(sent).toBe(BUSY_RETRIES + 1);
  });
});
