/** The session Q&A (questions from phones, votes, moderation): asking and voting, refusals, cleaning text, merging duplicates, approval, settings and roles. */
import { describe, expect, it } from 'vitest';
import {
  controlCommandSchema,
  facilitatorView,
  participantOwnView,
  participantPublicView,
  qaActPayloadSchema,
  qaSummary,
  screenView,
  type CommandActor,
  type SessionCommand,
  type SessionState,
} from '@playfield/shared';
import { FACILITATOR, liveSession, mustRun, participant, refusal, run } from './sessionHarness.ts';
import { NO_ONE, ask, clock, control, vote, votesOf } from './qaFixtures.ts';

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
});
