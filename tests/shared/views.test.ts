import { describe, expect, it } from 'vitest';
import {
  facilitatorView,
  participantOwnView,
  participantPublicView,
  screenView,
  sessionResults,
  type SessionState,
} from '@playfield/shared';
import {
  FACILITATOR,
  T0,
  answer,
  createSession,
  liveSession,
  mustRun,
  participant,
  pollRound,
} from './sessionHarness.ts';

const NAMES = ['Ana Wanderlust', 'Benedikt Quorum', 'Cyd Marchetti'];
const AT = T0 + 500_000;

/** A live named poll with everyone's answers in, revealed. */
function answeredSession(isAnonymous = false): { state: SessionState; ids: string[] } {
  const agenda = [pollRound('r1', { isAnonymous }), pollRound('r2'), pollRound('r3')];
  const { state, ids } = liveSession(NAMES, agenda);
  let next = state;
  ids.forEach((id, i) => {
    next = mustRun(next, answer('r1', [i % 3]), participant(id));
  });
  next = mustRun(next, { type: 'round.reveal' }, FACILITATOR);
  return { state: next, ids };
}

describe('participantPublicView', () => {
  it('has no participant ids or names when results are revealed', () => {
    const { state, ids } = answeredSession();
    const json = JSON.stringify(participantPublicView(state, AT));
    for (const secret of [...ids, ...NAMES]) expect(json).not.toContain(secret);
  });

  it('is identical whoever asks, because it takes no participant', () => {
    const { state } = answeredSession();
    expect(participantPublicView(state, AT)).toEqual(participantPublicView(state, AT));
    expect(participantPublicView.length).toBe(2);
  });

  it('counts only participants who have not left', () => {
    const { state, ids } = answeredSession();
    const left = mustRun(state, { type: 'participant.leave' }, participant(ids[1] ?? ''));
    expect(participantPublicView(left, AT).participantCount).toBe(2);
  });

  it('describes the current round with its place in the agenda', () => {
    const { state } = answeredSession();
    const round = participantPublicView(
      mustRun(state, { type: 'round.next' }, FACILITATOR),
      AT,
    ).round;
    expect(round).toMatchObject({
      id: 'r2',
      kind: 'poll',
      title: 'Round r2',
      index: 1,
      count: 3,
      isOpen: true,
      isRevealed: false,
      view: { results: null },
    });
    // No live count on phones: it would re-send the room's shared view on every answer.
    expect(round).not.toHaveProperty('submitted');
    expect(round?.actionPlanPrompt).toContain('customers');
  });

  it('shows revealed results and the header', () => {
    const view = participantPublicView(answeredSession().state, AT);
    expect(view.session).toEqual({
      id: 's1',
      code: 'ABC234',
      title: 'Workshop',
      phase: 'live',
      createdAt: T0,
      endedAt: null,
    });
    expect(view.round?.view).toMatchObject({ results: { counts: [1, 1, 1], respondents: 3 } });
  });

  it('has no round in the lobby', () => {
    expect(participantPublicView(createSession().state, AT).round).toBeNull();
  });
});

describe('participantOwnView', () => {
  it('shows each participant their own seat and choices only', () => {
    const { state, ids } = answeredSession();
    ids.forEach((id, i) => {
      const view = participantOwnView(state, id, AT);
      expect(view).toEqual({
        participantId: id,
        name: NAMES[i],
        hasLeft: false,
        isRemoved: false,
        round: { kind: 'poll', id: 'r1', view: { choices: [i % 3] } },
      });
      const json = JSON.stringify(view);
      for (const other of ids.filter((o) => o !== id)) expect(json).not.toContain(other);
    });
  });

  it('returns null for someone who never joined', () => {
    expect(participantOwnView(answeredSession().state, 'stranger', AT)).toBeNull();
  });

  it('has no round in the lobby', () => {
    const { state } = liveSession(['Ana']);
    const lobby = createSession().state;
    expect(participantOwnView(lobby, 'x', AT)).toBeNull();
    const id = Object.keys(state.participants)[0] ?? '';
    expect(participantOwnView({ ...state, currentRoundId: null }, id, AT)?.round).toBeNull();
  });
});

describe('screenView', () => {
  it('lists names but no ids in the roster', () => {
    const { state, ids } = answeredSession();
    const view = screenView(state, new Set([ids[0] ?? '']), AT);
    expect(view.roster).toEqual([
      { name: NAMES[0], isOnline: true },
      { name: NAMES[1], isOnline: false },
      { name: NAMES[2], isOnline: false },
    ]);
    const json = JSON.stringify(view);
    for (const id of ids) expect(json).not.toContain(id);
  });

  it('leaves people who left off the roster', () => {
    const { state, ids } = answeredSession();
    const left = mustRun(state, { type: 'participant.leave' }, participant(ids[0] ?? ''));
    expect(screenView(left, new Set(), AT).roster.map((r) => r.name)).toEqual(NAMES.slice(1));
  });

  it('shows no names or ids outside the roster when the poll is anonymous', () => {
    const { state, ids } = answeredSession(true);
    const { roster: _roster, ...rest } = screenView(state, new Set(ids), AT);
    const json = JSON.stringify(rest);
    for (const secret of [...ids, ...NAMES]) expect(json).not.toContain(secret);
  });
});

describe('facilitatorView', () => {
  it('lists the roster with ids, presence and departures', () => {
    const { state, ids } = answeredSession();
    const left = mustRun(state, { type: 'participant.leave' }, participant(ids[2] ?? ''));
    expect(facilitatorView(left, new Set([ids[1] ?? '']), AT).roster).toEqual([
      {
        id: ids[0],
        name: NAMES[0],
        isOnline: false,
        hasResponded: true,
      },
      {
        id: ids[1],
        name: NAMES[1],
        isOnline: true,
        hasResponded: true,
      },
      {
        id: ids[2],
        name: NAMES[2],
        isOnline: false,
        hasLeft: true,
        hasResponded: true,
      },
    ]);
  });

  it('lists every agenda item with its controls and submitted count', () => {
    const agenda = facilitatorView(answeredSession().state, new Set(), AT).agenda;
    expect(
      agenda.map(({ id, isRevealed, hasStarted, submitted }) => ({
        id,
        isRevealed,
        hasStarted,
        submitted,
      })),
    ).toEqual([
      { id: 'r1', isRevealed: true, hasStarted: true, submitted: 3 },
      { id: 'r2', isRevealed: false, hasStarted: false, submitted: 0 },
      { id: 'r3', isRevealed: false, hasStarted: false, submitted: 0 },
    ]);
  });

  it('shows voter names in the round when the poll is named', () => {
    const view = facilitatorView(answeredSession().state, new Set(), AT);
    expect(view.round?.view).toMatchObject({ voters: [[NAMES[0]], [NAMES[1]], [NAMES[2]]] });
  });

  it('keeps names and ids out of the round when the poll is anonymous', () => {
    const { state, ids } = answeredSession(true);
    const round = facilitatorView(state, new Set(), AT).round;
    expect(round?.view).not.toHaveProperty('voters');
    const json = JSON.stringify(round);
    for (const secret of [...ids, ...NAMES]) expect(json).not.toContain(secret);
  });

  it('carries the timer', () => {
    const state = mustRun(
      answeredSession().state,
      { type: 'timer.start', seconds: 30 },
      FACILITATOR,
      AT,
    );
    expect(facilitatorView(state, new Set(), AT).timer).toEqual({
      durationMs: 30_000,
      endsAt: AT + 30_000,
      remainingMs: 30_000,
    });
  });
});

describe('sessionResults', () => {
  it('lists only rounds the room has been on, in agenda order', () => {
    let { state } = answeredSession();
    state = mustRun(state, { type: 'round.goto', roundId: 'r3' }, FACILITATOR);
    const results = sessionResults(state, AT);
    expect(results.map((r) => r.roundId)).toEqual(['r1', 'r3']);
    expect(results[0]).toEqual({
      roundId: 'r1',
      kind: 'poll',
      title: 'Round r1',
      summary: {
        headline: 'Which channel do customers prefer?',
        blocks: [
          { type: 'bars', labels: ['Phone', 'Chat', 'Email'], values: [1, 1, 1], unit: 'answers' },
          { type: 'text', text: '3 people answered.' },
        ],
      },
    });
  });

  it('is empty in the lobby', () => {
    expect(sessionResults(createSession().state, AT)).toEqual([]);
  });

  it('follows the agenda order after a move', () => {
    let { state } = answeredSession();
    state = mustRun(state, { type: 'round.next' }, FACILITATOR);
    state = mustRun(state, { type: 'agenda.move', roundId: 'r2', toIndex: 0 }, FACILITATOR);
    expect(sessionResults(state, AT).map((r) => r.roundId)).toEqual(['r2', 'r1']);
  });
});
