import { describe, expect, it } from 'vitest';
import {
  diffViews,
  facilitatorView,
  getExercise,
  participantOwnView,
  participantPublicView,
  replay,
  screenView,
  ViewMemo,
  type RoundSpec,
  type SessionState,
} from '@playfield/shared';
import {
  FACILITATOR,
  T0,
  answer,
  createSession,
  join,
  liveSession,
  mustRun,
  participant,
  pollRound,
  recordedSession,
} from './sessionHarness.ts';

const AT = T0 + 900_000;
const NAMES = ['Ana Wanderlust', 'Benedikt Quorum', 'Cyd Marchetti'];

function marks(state: SessionState): Record<string, boolean | undefined> {
  return Object.fromEntries(
    facilitatorView(state, new Set(), AT).roster.map((p) => [p.name, p.hasResponded]),
  );
}

describe('who has acted in the current round', () => {
  it('marks the seats that answered and counts each once', () => {
    const { state, ids } = liveSession(NAMES);
    let next = mustRun(state, answer('r1', [0]), participant(ids[0] ?? ''));
    next = mustRun(next, answer('r1', [1]), participant(ids[0] ?? ''));
    next = mustRun(next, answer('r1', [2]), participant(ids[2] ?? ''));
    expect(marks(next)).toEqual({
      'Ana Wanderlust': true,
      'Benedikt Quorum': false,
      'Cyd Marchetti': true,
    });
    expect(facilitatorView(next, new Set(), AT).responses).toEqual({
      roundId: 'r1',
      isAnonymous: false,
      count: 2,
    });
  });

  it('starts the next round with nobody marked, and keeps the first round its own set', () => {
    const { state, ids } = liveSession(NAMES);
    let next = mustRun(state, answer('r1', [0]), participant(ids[0] ?? ''));
    next = mustRun(next, { type: 'round.next' }, FACILITATOR);
    expect(Object.values(marks(next))).toEqual([false, false, false]);
    expect(facilitatorView(next, new Set(), AT).responses?.count).toBe(0);
    expect(next.rounds['r1']?.respondedCount).toBe(1);
  });

  it('does not count facilitator actions, and shows nothing in the lobby', () => {
    const { state } = liveSession(NAMES);
    const revealed = mustRun(state, { type: 'round.reveal' }, FACILITATOR);
    expect(Object.values(marks(revealed))).toEqual([false, false, false]);
    // In the lobby no round is current: no marks, no count.
    const joined = join(createSession().state, 'Dee').state;
    const view = facilitatorView(joined, new Set(), AT);
    expect(view.responses).toBeNull();
    expect(view.roster[0]?.hasResponded).toBeUndefined();
  });

  it('replays to the same marks from the log', () => {
    const session = recordedSession([pollRound('r1')], NAMES);
    session.must(answer('r1', [1]), participant(session.ids[1] ?? ''));
    const replayed = replay(session.log);
    expect(marks(replayed)).toEqual(marks(session.state));
    expect(marks(replayed)['Benedikt Quorum']).toBe(true);
  });

  it('never says who answered an anonymous round, on any view', () => {
    const { state, ids } = liveSession(NAMES, [pollRound('r1', { isAnonymous: true })]);
    let next = state;
    for (const id of ids.slice(0, 2)) next = mustRun(next, answer('r1', [0]), participant(id));
    next = mustRun(next, { type: 'round.reveal' }, FACILITATOR);
    const memo = new ViewMemo();
    const console = facilitatorView(next, new Set(), AT, memo);
    expect(console.responses).toEqual({ roundId: 'r1', isAnonymous: true, count: 2 });
    for (const seat of console.roster) expect(seat).not.toHaveProperty('hasResponded');
    const views = [
      console,
      facilitatorView(next, new Set(), AT),
      screenView(next, new Set(), AT),
      participantPublicView(next, AT),
      ...ids.map((id) => participantOwnView(next, id, AT)),
    ];
    for (const view of views) expect(JSON.stringify(view)).not.toContain('hasResponded');
    // What differs between an answerer's own view and a non-answerer's is their own answer
    // only: nobody else's view changes with who answered.
    const answerer = participantOwnView(next, ids[0] ?? '', AT);
    expect(JSON.stringify(answerer)).not.toContain(ids[1] ?? '-');
  });

  it('gives slides no marks and no count', () => {
    const slides = {
      id: 'c1',
      kind: 'content',
      title: 'Welcome',
      config: getExercise('content')?.defaultConfig(),
    } as RoundSpec;
    const { state } = liveSession(NAMES, [slides]);
    const view = facilitatorView(state, new Set(), AT);
    expect(view.responses).toBeNull();
    expect(view.roster.every((p) => p.hasResponded === undefined)).toBe(true);
  });
});

describe('the roster memo', () => {
  it('replaces only the answering seat in the roster, so the patch carries one entry', () => {
    const names = Array.from({ length: 40 }, (_, i) => `Person ${i}`);
    const { state, ids } = liveSession(names);
    const memo = new ViewMemo();
    let before = facilitatorView(state, new Set(), AT, memo);
    let next = state;
    for (const [i, id] of ids.entries()) {
      next = mustRun(next, answer('r1', [i % 3]), participant(id));
      const after = facilitatorView(next, new Set(), AT, memo);
      const rosterOps = diffViews(before, after).filter((op) => op[1][0] === 'roster');
      expect(rosterOps).toEqual([['s', ['roster', i, 'hasResponded'], true]]);
      // The memo's roster is the one a fresh projection would give.
      expect(after.roster).toEqual(facilitatorView(next, new Set(), AT).roster);
      before = after;
    }
  });

  it('keeps the same roster array while nothing about the people changed', () => {
    const { state } = liveSession(NAMES);
    const memo = new ViewMemo();
    const first = facilitatorView(state, new Set(), AT, memo).roster;
    const revealed = mustRun(state, { type: 'round.reveal' }, FACILITATOR);
    expect(facilitatorView(revealed, new Set(), AT, memo).roster).toBe(first);
  });

  it('rebuilds the marks when the round changes', () => {
    const { state, ids } = liveSession(NAMES);
    const memo = new ViewMemo();
    let next = mustRun(state, answer('r1', [0]), participant(ids[0] ?? ''));
    expect(facilitatorView(next, new Set(), AT, memo).roster[0]?.hasResponded).toBe(true);
    next = mustRun(next, { type: 'round.next' }, FACILITATOR);
    expect(facilitatorView(next, new Set(), AT, memo).roster[0]?.hasResponded).toBe(false);
  });

  it('sends no bigger a patch for the 500th answer than for the first', () => {
    const names = Array.from({ length: 500 }, (_, i) => `Person ${i}`);
    const { state, ids } = liveSession(names);
    const memo = new ViewMemo();
    let before = facilitatorView(state, new Set(ids), AT, memo);
    let next = state;
    const sizes: number[] = [];
    for (const [i, id] of ids.entries()) {
      next = mustRun(next, answer('r1', [i % 3]), participant(id));
      const after = facilitatorView(next, new Set(ids), AT, memo);
      sizes.push(JSON.stringify(diffViews(before, after)).length);
      before = after;
    }
    const [first = 0] = sizes;
    // Only digits grow (the seat's place, and the half-dozen counts going from 1 to 500):
    // a patch that carried the roster, or any list of the room, would be thousands of bytes.
    expect(Math.max(...sizes)).toBeLessThanOrEqual(first + 24);
    expect(Math.max(...sizes.slice(100))).toBeLessThanOrEqual((sizes[100] ?? 0) + 12);
    expect(first).toBeLessThan(400);
  });
});
