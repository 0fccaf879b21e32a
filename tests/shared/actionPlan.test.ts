/**
 * The closing round's exercise: marking a plan done and taking it back, who may do that,
 * what each audience sees (counts and names, never a plan's content), the summary, the
 * config bounds, and a replay of the session's log; and the plan's reordering, which the
 * closing round's editor relies on.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  getExercise,
  replay,
  type Actor,
  type CommandActor,
  type EventEnvelope,
  type RoundContext,
  type RoundSpec,
  type SessionCommand,
  type SessionState,
} from '@playfield/shared';
import {
  actionPlan,
  actionPlanPresets,
  plansDoneLabel,
  type ActionPlanState,
} from '@playfield/shared/exercises/actionPlan/index';
import { addPlanAction, movePlanAction, parsePlan } from '@playfield/shared/plans/plan';
import { FACILITATOR as SESSION_FACILITATOR, createSession, run } from './sessionHarness.ts';

const ANA = { id: 'p-ana-3c1', name: 'Ana Lindqvist' };
const BEN = { id: 'p-ben-8d2', name: 'Ben Okafor' };
const CAI = { id: 'p-cai-5e7', name: 'Cai Moreau' };
const as = (participantId: string): Actor => ({ role: 'participant', participantId });

function ctx(overrides: Partial<RoundContext> = {}): RoundContext {
  return {
    isOpen: true,
    isRevealed: false,
    roster: Object.fromEntries([ANA, BEN, CAI].map((p) => [p.id, { ...p, hasLeft: false }])),
    at: 1000,
    ...overrides,
  };
}

const initial = () => actionPlan.init(actionPlan.defaultConfig(), 'seed');

function reduceAll(
  steps: [Actor, { type: 'finish'; isFinished: boolean }][],
  state = initial(),
): ActionPlanState {
  return steps.reduce((s, [actor, action]) => {
    const result = actionPlan.reduce(s, action, actor, ctx());
    if (!result.ok) throw new Error(result.error.message);
    return result.data;
  }, state);
}

describe('actionPlan reducer', () => {
  it('counts a plan as done when its author marks it, and not once they take it back', () => {
    const done = reduceAll([
      [as(ANA.id), { type: 'finish', isFinished: true }],
      [as(BEN.id), { type: 'finish', isFinished: true }],
    ]);
    expect(done.finished).toEqual({ [ANA.id]: true, [BEN.id]: true });
    expect(actionPlan.submittedCount(done)).toBe(2);

    const undone = reduceAll([[as(ANA.id), { type: 'finish', isFinished: false }]], done);
    expect(undone.finished).toEqual({ [BEN.id]: true });
  });

  it('treats marking done twice as once', () => {
    const state = reduceAll([
      [as(ANA.id), { type: 'finish', isFinished: true }],
      [as(ANA.id), { type: 'finish', isFinished: true }],
    ]);
    expect(actionPlan.submittedCount(state)).toBe(1);
  });

  it('accepts a mark even when the round is not open: a plan is never too late', () => {
    const result = actionPlan.reduce(
      initial(),
      { type: 'finish', isFinished: true },
      as(CAI.id),
      ctx({ isOpen: false }),
    );
    expect(result.ok && result.data.finished).toEqual({ [CAI.id]: true });
  });

  it('offers no lock or reveal controls', () => {
    expect(getExercise('actionPlan')?.roundControls).toEqual([]);
  });
});

describe('actionPlan actions as parsed for each side', () => {
  const exercise = getExercise('actionPlan');

  it('parses a participant’s finish and refuses other shapes with a message', () => {
    expect(exercise?.parseAction('participant', { type: 'finish', isFinished: true })).toEqual({
      ok: true,
      data: { type: 'finish', isFinished: true },
    });
    const bad = exercise?.parseAction('participant', { type: 'finish', isFinished: 'yes' });
    expect(bad?.ok).toBe(false);
    expect(bad?.ok === false && bad.error.code).toBe('BAD_REQUEST');
  });

  it('refuses the facilitator marking someone’s plan done', () => {
    const result = exercise?.parseAction('facilitator', { type: 'finish', isFinished: true });
    expect(result).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Participants do that themselves' },
    });
  });
});

describe('actionPlan views', () => {
  const state = reduceAll([
    [as(BEN.id), { type: 'finish', isFinished: true }],
    [as(ANA.id), { type: 'finish', isFinished: true }],
  ]);

  it('shows the facilitator the count and who is done, sorted by name', () => {
    expect(actionPlan.facilitatorView(state, ctx())).toEqual({
      intro: actionPlanPresets.personalActionPlan.config.intro,
      finishedCount: 2,
      participantCount: 3,
      finishedNames: ['Ana Lindqvist', 'Ben Okafor'],
    });
  });

  it('shows the room screen only the count', () => {
    expect(actionPlan.screenView(state, ctx())).toEqual({ finishedCount: 2, participantCount: 3 });
  });

  it('gives every phone the same public view, whoever has finished', () => {
    expect(actionPlan.participantPublicView(state, ctx())).toEqual(
      actionPlan.participantPublicView(initial(), ctx()),
    );
  });

  it('gives each participant their own mark only', () => {
    expect(actionPlan.participantOwnView(state, ANA.id, ctx())).toEqual({ isFinished: true });
    expect(actionPlan.participantOwnView(state, CAI.id, ctx())).toEqual({ isFinished: false });
  });

  it('leaves people who left out of the counts', () => {
    const left = ctx({
      roster: {
        [ANA.id]: { ...ANA, hasLeft: true },
        [BEN.id]: { ...BEN, hasLeft: false },
        [CAI.id]: { ...CAI, hasLeft: false },
      },
    });
    expect(actionPlan.screenView(state, left)).toEqual({ finishedCount: 1, participantCount: 2 });
  });

  it('summarises how many plans were done', () => {
    const summary = actionPlan.summary(state, ctx());
    expect(summary.headline).toBe('Personal action plans');
    expect(summary.blocks[0]).toMatchObject({ type: 'text' });
    expect(JSON.stringify(summary)).toContain('2 of 3 plans done');
  });

  it('says "plan" for one participant', () => {
    expect(plansDoneLabel(0, 1)).toBe('0 of 1 plan done');
    expect(plansDoneLabel(12, 20)).toBe('12 of 20 plans done');
  });
});

describe('actionPlan config', () => {
  const exercise = getExercise('actionPlan');

  it('takes the preset and an empty introduction', () => {
    expect(exercise?.parseConfig(actionPlanPresets.personalActionPlan.config).ok).toBe(true);
    expect(exercise?.parseConfig({ intro: '' }).ok).toBe(true);
  });

  it('refuses an introduction that is too long, saying how long it may be', () => {
    const result = exercise?.parseConfig({ intro: 'x'.repeat(601) });
    expect(result?.ok === false && result.error.message).toContain('at most 600 characters');
  });
});

describe('actionPlan replay', () => {
  const ROUND = 'closing';
  const spec: RoundSpec = {
    id: ROUND,
    kind: 'actionPlan',
    title: 'Personal action plan',
    config: actionPlan.defaultConfig(),
  };

  it('gives the same state when the session log is replayed', () => {
    let { state, log }: { state: SessionState; log: EventEnvelope[] } = createSession([spec]);
    const must = (command: SessionCommand, actor: CommandActor) => {
      const stepped = run(state, command, actor);
      if (!stepped.result.ok) throw new Error(stepped.result.error.message);
      state = stepped.state;
      log = [...log, ...stepped.envelopes];
      return stepped;
    };
    const ids: string[] = [];
    for (const name of ['Ana', 'Ben', 'Cai']) {
      const event = must({ type: 'participant.join', name }, { role: 'system' }).envelopes[0]
        ?.event;
      if (event?.type === 'participant.joined') ids.push(event.participantId);
    }
    must({ type: 'session.start' }, SESSION_FACILITATOR);
    const finish = (i: number, isFinished: boolean) =>
      must(
        { type: 'round.act', roundId: ROUND, action: { type: 'finish', isFinished } },
        { role: 'participant', participantId: ids[i] ?? '' },
      );
    finish(0, true);
    finish(1, true);
    finish(0, false);
    finish(2, true);
    // The facilitator cannot mark a plan: refused, so not logged.
    const refused = run(
      state,
      { type: 'round.act', roundId: ROUND, action: { type: 'finish', isFinished: true } },
      SESSION_FACILITATOR,
    );
    expect(refused.result.ok).toBe(false);

    const replayed = replay(log);
    expect(replayed).toEqual(state);
    const roundState = replayed.rounds[ROUND]?.state as ActionPlanState;
    expect(Object.keys(roundState.finished).sort()).toEqual([ids[1], ids[2]].sort());
  });
});

describe('movePlanAction (the editor’s move up and down)', () => {
  const order = (doc: Y.Doc) => parsePlan(doc).data?.actions.map((a) => a.id);

  it('moves an action between its new neighbours', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b', 'c']) addPlanAction(doc, { id, text: id });

    movePlanAction(doc, 'c', 0);
    expect(order(doc)).toEqual(['c', 'a', 'b']);
    movePlanAction(doc, 'c', 2);
    expect(order(doc)).toEqual(['a', 'b', 'c']);
  });

  it('moves an action between two that were added at once on two devices', () => {
    // Phone and laptop each add an action while apart: both take the same next order.
    const phone = new Y.Doc();
    addPlanAction(phone, { id: 'a', text: 'First' });
    const laptop = new Y.Doc();
    Y.applyUpdate(laptop, Y.encodeStateAsUpdate(phone));
    addPlanAction(phone, { id: 'b', text: 'From the phone' });
    addPlanAction(laptop, { id: 'c', text: 'From the laptop' });
    Y.applyUpdate(phone, Y.encodeStateAsUpdate(laptop));
    addPlanAction(phone, { id: 'd', text: 'Last' });
    expect(order(phone)).toEqual(['a', 'b', 'c', 'd']);

    // "Move up" on the last action: it belongs between the tied pair.
    movePlanAction(phone, 'd', 2);

    expect(order(phone)).toEqual(['a', 'b', 'd', 'c']);
    expect(parsePlan(phone).success).toBe(true);
  });

  it('still moves after many moves into the same gap', () => {
    const doc = new Y.Doc();
    // Ids that sort before the first action's, so a tie with it would put them first.
    for (const id of ['z', 'b', 'x', 'y']) addPlanAction(doc, { id, text: id });
    // Halving the gap after the first action again and again runs out of numbers in between.
    for (let i = 0; i < 80; i++) movePlanAction(doc, i % 2 ? 'x' : 'y', 1);

    expect(order(doc)).toEqual(['z', 'x', 'y', 'b']);
  });
});
