/**
 * The console's roster at the session's seat limit (5,000): what the first view carries
 * per seat, and that a join, a presence change or an answer patches one roster entry
 * instead of resending the roster.
 */
import { describe, expect, it } from 'vitest';
import {
  diffViews,
  facilitatorView,
  LIMITS,
  replay,
  ViewMemo,
  type EventEnvelope,
  type SessionState,
} from '@playfield/shared';
import {
  FACILITATOR,
  T0,
  answer,
  createSession,
  join,
  mustRun,
  participant,
} from './sessionHarness.ts';

const AT = T0 + 1_000_000;

/** A live session with `count` seats (ids the size the server makes: 12 characters). */
function bigSession(count: number): { state: SessionState; ids: string[] } {
  const { log } = createSession();
  const ids = Array.from({ length: count }, (_, i) => `seat${String(i).padStart(8, '0')}`);
  const joins: EventEnvelope[] = ids.map((participantId, i) => ({
    seq: i + 2,
    at: T0 + i,
    event: { type: 'participant.joined', participantId, name: `Person ${i + 1}` },
  }));
  // Folded from a log like a restart does (in place), not one decide per seat.
  const state = mustRun(replay([...log, ...joins]), { type: 'session.start' }, FACILITATOR);
  return { state, ids };
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('the console roster at 5,000 seats', () => {
  const { state: full, ids } = bigSession(LIMITS.participantsPerSession - 1);
  const online = new Set(ids);

  it('carries only what is set for each seat, and patches one entry for a join', () => {
    const memo = new ViewMemo();
    const first = facilitatorView(full, online, AT, memo);
    const perSeat = bytes(first.roster) / first.roster.length;
    expect(first.roster[0]).toEqual({
      id: ids[0],
      name: 'Person 1',
      isOnline: true,
      hasResponded: false,
    });
    // Before: 114 bytes a seat with `hasLeft:false,isRemoved:false` (569 KB at 5,000).
    expect(perSeat).toBeLessThan(90);

    const joined = join(full, 'Late Comer');
    online.add(joined.id);
    memo.onlineVersion++;
    const next = facilitatorView(joined.state, online, AT, memo);
    const ops = diffViews(first, next);
    console.log(
      `console view at 5,000: ${bytes(first)} bytes (${perSeat.toFixed(0)} a seat); a join's patch: ${bytes(ops)} bytes`,
    );
    expect(ops).toEqual([
      [
        's',
        ['roster', ids.length],
        { id: joined.id, name: 'Late Comer', isOnline: true, hasResponded: false },
      ],
    ]);
    expect(bytes(ops)).toBeLessThan(1024);
    // The old entries are the same objects: the diff compares references, not 5,000 entries.
    expect(next.roster.slice(0, ids.length).every((p, i) => p === first.roster[i])).toBe(true);
  });

  it('patches one entry when a seat goes offline or answers', () => {
    const memo = new ViewMemo();
    const first = facilitatorView(full, online, AT, memo);
    const away = new Set(online);
    away.delete(ids[41] ?? '');
    memo.onlineVersion++;
    const offline = facilitatorView(full, away, AT, memo);
    expect(diffViews(first, offline)).toEqual([['s', ['roster', 41, 'isOnline'], false]]);

    const answered = mustRun(full, answer('r1', [0]), participant(ids[7] ?? ''));
    const after = facilitatorView(answered, away, AT, memo);
    const ops = diffViews(offline, after);
    expect(ops).toContainEqual(['s', ['roster', 7, 'hasResponded'], true]);
    expect(ops.filter((op) => op[1][0] === 'roster')).toHaveLength(1);
    expect(bytes(ops)).toBeLessThan(1024);
  });

  it('leaves the flags out until a seat leaves or is removed', () => {
    const left = mustRun(full, { type: 'participant.leave' }, participant(ids[3] ?? ''));
    const removed = mustRun(
      left,
      { type: 'participants.remove', participantIds: [ids[4] ?? ''] },
      FACILITATOR,
    );
    const roster = facilitatorView(removed, online, AT).roster;
    expect(roster[3]).toMatchObject({ hasLeft: true });
    expect(roster[3]).not.toHaveProperty('isRemoved');
    expect(roster[4]).toMatchObject({ hasLeft: true, isRemoved: true });
    expect(roster[5]).not.toHaveProperty('hasLeft');
  });
});
