import { describe, expect, it } from 'vitest';
import {
  QA_LIMITS,
  controlCommandSchema,
  facilitatorView,
  participantOwnView,
  participantPublicView,
  qaActPayloadSchema,
  qaSummary,
  replay,
  screenView,
  type CommandActor,
  type SessionCommand,
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

const NO_ONE = new Set<string>();
/** Steps a minute apart by default, so rate limits stay out of the way unless tested. */
let clock = T0 + 10_000_000;
function at(): number {
  clock += 60_000;
  return clock;
}

function ask(state: SessionState, who: string, text: string, isAnonymous = false) {
  const step = run(state, { type: 'qa.ask', text, isAnonymous }, participant(who), at());
  if (!step.result.ok) throw new Error(step.result.error.message);
  const event = step.envelopes[0]?.event;
  if (event?.type !== 'qa.asked') throw new Error('no question');
  return { state: step.state, id: event.questionId };
}

function vote(state: SessionState, who: string, questionId: string, isVoting = true) {
  return mustRun(state, { type: 'qa.vote', questionId, isVoting }, participant(who), at());
}

function control(state: SessionState, command: SessionCommand) {
  return mustRun(state, command, FACILITATOR, at());
}

function votesOf(state: SessionState, id: string) {
  return facilitatorView(state, NO_ONE, clock).qa?.questions.find((q) => q.id === id)?.votes;
}

/** Every view's Q&A part and the summary, as text: what an anonymous author must never be in. */
function everythingShown(state: SessionState, ids: string[]): string {
  return JSON.stringify([
    facilitatorView(state, NO_ONE, clock).qa,
    participantPublicView(state, clock).qa,
    screenView(state, NO_ONE, clock).qa,
    ...ids.map((id) => participantOwnView(state, id, clock)?.qa),
    qaSummary(state),
  ]);
}

describe('session Q&A', () => {
  it('lists named and anonymous questions, and never says who asked the anonymous one', () => {
    const room = liveSession(['Ana', 'Ben', 'Cleo']);
    let state = room.state;
    const ids = room.ids;
    const [ana = '', ben = '', cleo = ''] = ids;
    const named = ask(state, ana, 'When does the new refund policy start?');
    const hidden = ask(named.state, ben, 'Why are we measured on call length?', true);
    state = hidden.state;

    const top = participantPublicView(state, clock).qa?.top ?? [];
    expect(top.map((q) => [q.text, q.author])).toEqual([
      ['When does the new refund policy start?', 'Ana'],
      ['Why are we measured on call length?', null],
    ]);
    const consoleItem = facilitatorView(state, NO_ONE, clock).qa?.questions[1];
    expect(consoleItem).toMatchObject({ isAnonymous: true, author: null });
    expect(consoleItem && 'authorId' in consoleItem).toBe(false);
    // Ben's own view is the only place his anonymous question is his, and it shows to him only.
    expect(participantOwnView(state, ben, clock)?.qa?.mineIds).toEqual([hidden.id]);
    // A seat that has neither asked nor voted carries no Q&A part at all.
    expect(participantOwnView(state, cleo, clock)?.qa).toBeUndefined();
    const shownToOthers = everythingShown(state, [ana, cleo]);
    expect(shownToOthers).not.toContain(ben);
    expect(shownToOthers).not.toContain('Ben');
    expect(everythingShown(state, [ben])).not.toContain('"Ben"');
  });

  it('counts a seat once however often its vote is sent, and lets it withdraw', () => {
    const room = liveSession(['Ana', 'Ben']);
    let state = room.state;
    const ids = room.ids;
    const [ana = '', ben = ''] = ids;
    const q = ask(state, ana, 'Can we get a second monitor?');
    state = vote(q.state, ben, q.id);

    const retry = run(
      state,
      { type: 'qa.vote', questionId: q.id, isVoting: true },
      participant(ben),
    );
    expect(retry.result).toEqual({ ok: true, data: [] });
    expect(retry.state).toBe(state);
    expect(votesOf(state, q.id)).toBe(1);
    expect(participantOwnView(state, ben, clock)?.qa?.votedIds).toEqual([q.id]);

    state = vote(state, ben, q.id, false);
    expect(votesOf(state, q.id)).toBe(0);
    expect(participantOwnView(state, ben, clock)?.qa).toBeUndefined();
    const again = run(
      state,
      { type: 'qa.vote', questionId: q.id, isVoting: false },
      participant(ben),
    );
    expect(again.result).toEqual({ ok: true, data: [] });
  });

  it('refuses a vote for your own question, an unknown one, and a reserved id at the schema', () => {
    const { state: start, ids } = liveSession(['Ana']);
    const q = ask(start, ids[0] ?? '', 'Is parking free?');
    expect(
      refusal(
        q.state,
        { type: 'qa.vote', questionId: q.id, isVoting: true },
        participant(ids[0] ?? ''),
      ).code,
    ).toBe('INVALID_ACTION');
    expect(
      refusal(
        q.state,
        { type: 'qa.vote', questionId: 'q99', isVoting: true },
        participant(ids[0] ?? ''),
      ).code,
    ).toBe('NOT_FOUND');
    for (const questionId of ['__proto__', 'constructor', 'toString', 'q'.repeat(40)]) {
      expect(
        qaActPayloadSchema.safeParse({ type: 'qa.vote', questionId, isVoting: true }).success,
      ).toBe(false);
    }
  });

  it('refuses reserved names in every question id of the facilitator’s commands', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype']) {
      for (const command of [
        { type: 'qa.approve', questionId: name },
        { type: 'qa.hide', questionId: name, isHidden: true },
        { type: 'qa.merge', questionId: name, intoId: 'q1' },
        { type: 'qa.merge', questionId: 'q1', intoId: name },
        { type: 'qa.pin', questionId: name, isPinned: true },
        { type: 'qa.answer', questionId: name, isAnswered: true },
        { type: 'qa.highlight', questionId: name },
      ]) {
        expect(controlCommandSchema.safeParse(command).success, JSON.stringify(command)).toBe(
          false,
        );
      }
    }
  });

  it('cleans question text and bounds it at 300 characters', () => {
    const ok = qaActPayloadSchema.parse({
      type: 'qa.ask',
      text: '  Why\u200B  so   slow?\u202E ',
      isAnonymous: false,
    });
    expect(ok).toEqual({ type: 'qa.ask', text: 'Why so slow?', isAnonymous: false });
    const long = qaActPayloadSchema.safeParse({
      type: 'qa.ask',
      text: 'x'.repeat(301),
      isAnonymous: false,
    });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.message).toBe('A question has at most 300 characters');
    expect(
      qaActPayloadSchema.safeParse({ type: 'qa.ask', text: '   ', isAnonymous: false }).success,
    ).toBe(false);
    expect(controlCommandSchema.safeParse({ type: 'qa.settings' }).success).toBe(false);
    expect(controlCommandSchema.safeParse({ type: 'qa.highlight', questionId: null }).success).toBe(
      true,
    );
  });

  it('merges a duplicate: votes combine and a seat that voted for both counts once', () => {
    const room = liveSession(['Ana', 'Ben', 'Cleo', 'Dev']);
    let state = room.state;
    const ids = room.ids;
    const [ana = '', ben = '', cleo = '', dev = ''] = ids;
    const a = ask(state, ana, 'Will the call centre move?');
    const b = ask(a.state, ben, 'Is the call centre moving?');
    state = b.state;
    state = vote(state, cleo, a.id);
    state = vote(state, dev, a.id);
    state = vote(state, ben, a.id);
    state = vote(state, dev, b.id);
    state = vote(state, ana, b.id);
    state = control(state, { type: 'qa.highlight', questionId: a.id });
    state = control(state, { type: 'qa.merge', questionId: a.id, intoId: b.id });

    // b had Dev and Ana; a brought Cleo, Dev (already there) and Ben (b's own author).
    expect(votesOf(state, b.id)).toBe(3);
    const listed = participantPublicView(state, clock).qa?.top.map((q) => q.id);
    expect(listed).toEqual([b.id]);
    expect(screenView(state, NO_ONE, clock).qa?.highlighted?.id).toBe(b.id);
    // A vote sent for the duplicate lands on the question it went into, still once.
    const retry = run(
      state,
      { type: 'qa.vote', questionId: a.id, isVoting: true },
      participant(dev),
    );
    expect(retry.result).toEqual({ ok: true, data: [] });
    expect(participantOwnView(state, cleo, clock)?.qa?.votedIds).toEqual([b.id]);
    state = vote(state, cleo, a.id, false);
    expect(votesOf(state, b.id)).toBe(2);
    expect(
      refusal(state, { type: 'qa.merge', questionId: b.id, intoId: a.id }, FACILITATOR).code,
    ).toBe('CONFLICT');
  });

  it('holds questions back for approval when moderation is on', () => {
    const room = liveSession(['Ana', 'Ben']);
    let state = room.state;
    const ids = room.ids;
    const [ana = '', ben = ''] = ids;
    state = control(state, { type: 'qa.settings', isModerated: true });
    const q = ask(state, ana, 'Who decides the bonus?', true);
    state = q.state;

    expect(participantPublicView(state, clock).qa?.top).toEqual([]);
    expect(screenView(state, NO_ONE, clock).qa?.top).toEqual([]);
    expect(participantOwnView(state, ana, clock)?.qa?.pending).toEqual([
      { id: q.id, text: 'Who decides the bonus?', isAnonymous: true },
    ]);
    expect(facilitatorView(state, NO_ONE, clock).qa?.pending).toBe(1);
    expect(
      refusal(state, { type: 'qa.vote', questionId: q.id, isVoting: true }, participant(ben)).code,
    ).toBe('NOT_FOUND');
    expect(refusal(state, { type: 'qa.highlight', questionId: q.id }, FACILITATOR).code).toBe(
      'CONFLICT',
    );

    state = control(state, { type: 'qa.approve', questionId: q.id });
    expect(participantPublicView(state, clock).qa?.top.map((x) => x.id)).toEqual([q.id]);
    expect(participantOwnView(state, ana, clock)?.qa).toMatchObject({
      pending: [],
      mineIds: [q.id],
    });
    expect(everythingShown(state, [ben])).not.toContain(ana);
  });

  it('follows the settings: closed, named only', () => {
    const room = liveSession(['Ana', 'Ben']);
    let state = room.state;
    const ids = room.ids;
    const [ana = '', ben = ''] = ids;
    const q = ask(state, ana, 'First question');
    state = control(q.state, { type: 'qa.settings', allowAnonymous: false });
    expect(
      refusal(state, { type: 'qa.ask', text: 'Hi', isAnonymous: true }, participant(ben)).code,
    ).toBe('INVALID_ACTION');
    state = control(state, { type: 'qa.settings', isOpen: false });
    expect(facilitatorView(state, NO_ONE, clock).qa?.settings).toEqual({
      isOpen: false,
      allowAnonymous: false,
      isModerated: false,
    });
    expect(
      refusal(state, { type: 'qa.ask', text: 'Hi', isAnonymous: false }, participant(ben)).code,
    ).toBe('CONFLICT');
    expect(
      refusal(state, { type: 'qa.vote', questionId: q.id, isVoting: true }, participant(ben)).code,
    ).toBe('CONFLICT');
  });

  it('lets only the facilitator moderate and only participants ask', () => {
    const { state: start, ids } = liveSession(['Ana', 'Ben']);
    const q = ask(start, ids[0] ?? '', 'A question');
    const ben: CommandActor = participant(ids[1] ?? '');
    const commands: SessionCommand[] = [
      { type: 'qa.settings', isOpen: false },
      { type: 'qa.approve', questionId: q.id },
      { type: 'qa.hide', questionId: q.id, isHidden: true },
      { type: 'qa.merge', questionId: q.id, intoId: 'q2' },
      { type: 'qa.pin', questionId: q.id, isPinned: true },
      { type: 'qa.answer', questionId: q.id, isAnswered: true },
      { type: 'qa.highlight', questionId: q.id },
      { type: 'qa.display', isFullScreen: true },
    ];
    for (const command of commands) expect(refusal(q.state, command, ben).code).toBe('FORBIDDEN');
    expect(
      refusal(q.state, { type: 'qa.ask', text: 'Me too', isAnonymous: false }, FACILITATOR).code,
    ).toBe('FORBIDDEN');
    const left = mustRun(q.state, { type: 'participant.leave' }, ben);
    expect(refusal(left, { type: 'qa.vote', questionId: q.id, isVoting: true }, ben).code).toBe(
      'FORBIDDEN',
    );
  });

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
