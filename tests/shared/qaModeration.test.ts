/** The session Q&A (questions from phones, votes, moderation): flood limits, pinning and answering, the summary, sharing untouched state, replay and an ended session. */
import { describe, expect, it } from 'vitest';
import {
  QA_LIMITS,
  facilitatorView,
  participantOwnView,
  participantPublicView,
  qaSummary,
  replay,
  screenView,
  type SessionState,
} from '@playfield/shared';
import {
  FACILITATOR,
  T0,
  liveSession,
  mustRun,
  participant,
  pollRound,
  recordedSession,
  refusal,
  run,
} from './sessionHarness.ts';
import { NO_ONE, ask, clock, control, vote, votesOf } from './qaFixtures.ts';

describe('session Q&A', () => {
  it('refuses floods with RATE_LIMITED and takes questions again once the bucket refills', () => {
    const room = liveSession(['Ana', 'Ben']);
    let state = room.state;
    const ids = room.ids;
    const [ana = '', ben = ''] = ids;
    const start = T0 + 5_000_000;
    for (let i = 0; i < QA_LIMITS.asksBurst; i++) {
      state = mustRun(
        state,
        { type: 'qa.ask', text: `Question ${i}`, isAnonymous: false },
        participant(ana),
        start + i,
      );
    }
    const flood = run(
      state,
      { type: 'qa.ask', text: 'One more', isAnonymous: false },
      participant(ana),
      start + 10,
    );
    expect(flood.result.ok ? null : flood.result.error.code).toBe('RATE_LIMITED');
    // One question's worth of refill: 60 s / 5 a minute.
    const later = start + 10 + 60_000 / QA_LIMITS.asksPerMinute;
    state = mustRun(
      state,
      { type: 'qa.ask', text: 'One more', isAnonymous: false },
      participant(ana),
      later,
    );

    const questions = facilitatorView(state, NO_ONE, later).qa?.questions ?? [];
    let refused = 0;
    let t = later;
    for (let i = 0; i < QA_LIMITS.votesBurst + 5; i++) {
      const q = questions[i % questions.length];
      const step = run(
        state,
        { type: 'qa.vote', questionId: q?.id ?? '', isVoting: i % 12 < 6 },
        participant(ben),
        (t += 1),
      );
      if (step.result.ok) state = step.state;
      else {
        expect(step.result.error.code).toBe('RATE_LIMITED');
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('pins, answers, hides and restores, and ranks pinned, then open, then votes, then age', () => {
    const room = liveSession(['Ana', 'Ben', 'Cleo']);
    let state = room.state;
    const ids = room.ids;
    const [ana = '', ben = '', cleo = ''] = ids;
    const q1 = ask(state, ana, 'Oldest, no votes');
    const q2 = ask(q1.state, ana, 'Two votes');
    const q3 = ask(q2.state, ana, 'One vote, answered');
    const q4 = ask(q3.state, ana, 'Pinned');
    state = q4.state;
    state = vote(vote(state, ben, q2.id), cleo, q2.id);
    state = vote(state, ben, q3.id);
    state = control(state, { type: 'qa.answer', questionId: q3.id, isAnswered: true });
    state = control(state, { type: 'qa.pin', questionId: q4.id, isPinned: true });
    expect(participantPublicView(state, clock).qa?.top.map((q) => q.text)).toEqual([
      'Pinned',
      'Two votes',
      'Oldest, no votes',
      'One vote, answered',
    ]);
    expect(participantPublicView(state, clock).qa).toMatchObject({ total: 4, answered: 1 });

    state = control(state, { type: 'qa.highlight', questionId: q2.id });
    expect(screenView(state, NO_ONE, clock).qa?.highlighted).toMatchObject({
      text: 'Two votes',
      votes: 2,
    });
    state = control(state, { type: 'qa.hide', questionId: q2.id, isHidden: true });
    expect(screenView(state, NO_ONE, clock).qa?.highlighted).toBeNull();
    expect(participantOwnView(state, ben, clock)?.qa?.votedIds).toEqual([q3.id]);
    state = control(state, { type: 'qa.hide', questionId: q2.id, isHidden: false });
    expect(participantOwnView(state, ben, clock)?.qa?.votedIds).toEqual([q2.id, q3.id]);
    state = control(state, { type: 'qa.display', isFullScreen: true });
    expect(screenView(state, NO_ONE, clock).qa).toMatchObject({ isFullScreen: true, isOpen: true });
    expect(screenView(state, NO_ONE, clock).qa?.top.length).toBeLessThanOrEqual(
      QA_LIMITS.screenTop,
    );
  });

  it('summarises for the notebook with votes and answered marks, no anonymous author', () => {
    const room = liveSession(['Ana', 'Ben']);
    let state = room.state;
    const ids = room.ids;
    const [ana = '', ben = ''] = ids;
    expect(qaSummary(state)).toBeNull();
    const q1 = ask(state, ana, 'Named one');
    const q2 = ask(q1.state, ben, 'Secret one', true);
    state = vote(q2.state, ana, q2.id);
    state = control(state, { type: 'qa.answer', questionId: q2.id, isAnswered: false });
    state = control(state, { type: 'qa.answer', questionId: q1.id, isAnswered: true });
    expect(qaSummary(state)).toEqual({
      headline: '2 questions from the room, 1 answered',
      blocks: [
        {
          type: 'table',
          columns: ['Question', 'Asked by', 'Votes', 'Answered'],
          rows: [
            ['Secret one', 'Anonymous', '1', 'No'],
            ['Named one', 'Ana', '0', 'Yes'],
          ],
        },
      ],
    });
  });

  it('touches only the voted question: other questions and untouched buckets are shared', () => {
    const names = Array.from({ length: 200 }, (_, i) => `P${i}`);
    const room = liveSession(names);
    let state = room.state;
    const ids = room.ids;
    const questionIds: string[] = [];
    for (let i = 0; i < 40; i++) {
      const q = ask(state, ids[i] ?? '', `Question ${i}`);
      state = q.state;
      questionIds.push(q.id);
    }
    const before = state;
    const after = vote(before, ids[100] ?? '', questionIds[7] ?? '');
    const prevQs = before.qa?.questions ?? {};
    const nextQs = after.qa?.questions ?? {};
    let sharedBuckets = 0;
    for (const bucket of Object.keys(prevQs))
      if (prevQs[bucket] === nextQs[bucket]) sharedBuckets++;
    // One bucket of questions copied, every other one the same object.
    expect(sharedBuckets).toBe(Object.keys(prevQs).length - 1);
    expect(after.participants).toBe(before.participants);
    expect(after.rounds).toBe(before.rounds);
  });

  it('replays its log to the same state, also from a JSON snapshot', () => {
    const session = recordedSession([pollRound('r1')], ['Ana', 'Ben', 'Cleo']);
    const [ana = '', ben = '', cleo = ''] = session.ids;
    session.must({ type: 'qa.settings', isModerated: true }, FACILITATOR);
    const asked = session.must(
      { type: 'qa.ask', text: 'Q one', isAnonymous: true },
      participant(ana),
    );
    const q1 =
      asked.envelopes[0]?.event.type === 'qa.asked' ? asked.envelopes[0].event.questionId : '';
    session.must({ type: 'qa.approve', questionId: q1 }, FACILITATOR);
    const asked2 = session.must(
      { type: 'qa.ask', text: 'Q two', isAnonymous: false },
      participant(ben),
    );
    const q2 =
      asked2.envelopes[0]?.event.type === 'qa.asked' ? asked2.envelopes[0].event.questionId : '';
    session.must({ type: 'qa.approve', questionId: q2 }, FACILITATOR);
    session.must({ type: 'qa.vote', questionId: q1, isVoting: true }, participant(ben));
    session.must({ type: 'qa.vote', questionId: q1, isVoting: true }, participant(cleo));
    session.must({ type: 'qa.vote', questionId: q2, isVoting: true }, participant(cleo));
    session.must({ type: 'qa.merge', questionId: q2, intoId: q1 }, FACILITATOR);
    session.must({ type: 'qa.highlight', questionId: q1 }, FACILITATOR);

    const replayed = replay(session.log);
    expect(replayed).toEqual(session.state);
    const views = (s: SessionState) => [
      facilitatorView(s, NO_ONE, T0).qa,
      participantPublicView(s, T0).qa,
      screenView(s, NO_ONE, T0).qa,
      participantOwnView(s, cleo, T0)?.qa,
    ];
    expect(views(replayed)).toEqual(views(session.state));
    expect(votesOf(replayed, q1)).toBe(2);

    // A snapshot is JSON: records come back as plain objects and must still read safely.
    const snapshot = JSON.parse(JSON.stringify(session.state)) as SessionState;
    expect(views(snapshot)).toEqual(views(session.state));
    const next = mustRun(
      snapshot,
      { type: 'qa.vote', questionId: q1, isVoting: false },
      participant(ben),
    );
    expect(votesOf(next, q1)).toBe(1);
  });

  it('reads a session from before the Q&A existed as open and empty', () => {
    const { state } = liveSession(['Ana']);
    const old = { ...state };
    delete old.qa;
    expect(participantPublicView(old, T0).qa).toEqual({
      settings: { isOpen: true, allowAnonymous: true, isModerated: false },
      top: [],
      total: 0,
      answered: 0,
    });
    expect(screenView(old, NO_ONE, T0).qa?.highlighted).toBeNull();
  });

  it('stops taking questions once the session has ended', () => {
    const { state, ids } = liveSession(['Ana']);
    const ended = mustRun(state, { type: 'session.end' }, FACILITATOR);
    expect(
      refusal(
        ended,
        { type: 'qa.ask', text: 'Late', isAnonymous: false },
        participant(ids[0] ?? ''),
      ).code,
    ).toBe('SESSION_ENDED');
  });
});
