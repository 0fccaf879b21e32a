/**
 * The Fine Line as an exercise: config and policy bounds, the run's lifecycle (start, pause,
 * speed, ticks, finish, replays over the same customers), policy changes by the facilitator
 * and the management team, participants as shoppers in the line, rate-limited moods, views,
 * the debrief, automation, and replay determinism through the session machinery.
 *
 * This file covers the views and automation; the other fineLine*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { fineLine, type FineLineState } from '@playfield/shared/exercises/fineLine/index';
import { TICK_MS } from '@playfield/shared/exercises/fineLine/model';
import { queueMetrics } from '@playfield/shared/exercises/fineLine/queue';
import {
  FAC,
  ANA,
  BEN,
  CAI,
  NAMES,
  AT,
  ctx,
  policy,
  config,
  SLOW,
  init,
  step,
  queueOf,
  clockOf,
  tickBy,
  tickWhile,
  statusOf,
  started,
  runToEnd,
} from './fineLineFixtures.ts';

describe('views', () => {
  /** Ana and Ben both waiting in a slow store. */
  function bothWaiting(): FineLineState {
    return tickWhile(
      started(SLOW),
      (x) => statusOf(x, ANA) !== 'waiting' || statusOf(x, BEN) !== 'waiting',
    );
  }

  it('shows every participant the same public view, with no names', () => {
    const s = bothWaiting();
    const view = fineLine.participantPublicView(s, ctx());
    expect(fineLine.participantPublicView(s, ctx({ at: AT + 60_000 }))).toEqual(view);
    expect(view.line.some((entry) => entry.isParticipant)).toBe(true);
    for (const entry of view.line) expect(entry.name).toBeNull();
    const json = JSON.stringify(view);
    for (const [id, name] of Object.entries(NAMES)) {
      expect(json).not.toContain(id);
      expect(json).not.toContain(name.split(' ')[0]);
    }
  });

  it('names participant customers in the line on the screen and the facilitator console', () => {
    const s = bothWaiting();
    const queue = queueOf(s);
    for (const view of [fineLine.screenView(s, ctx()), fineLine.facilitatorView(s, ctx())]) {
      for (const [id, shopper] of Object.entries(s.shoppers)) {
        const place = queue.waiting.indexOf(shopper.customerIndex);
        if (place < 0) continue;
        expect(view.line[place]).toMatchObject({ isParticipant: true, name: NAMES[id] });
      }
      const named = view.line.filter((entry) => entry.name !== null);
      expect(named.length).toBeGreaterThanOrEqual(2);
      for (const entry of view.line) {
        if (!entry.isParticipant) expect(entry.name).toBeNull();
      }
      expect(view.waitingCount).toBe(queue.waiting.length);
    }
  });

  it('lists the present people and their role for the facilitator', () => {
    const s = step(init(), FAC, { type: 'manager', participantId: BEN, isManager: true });
    const view = fineLine.facilitatorView(s, ctx());
    expect(view.people).toEqual([
      { id: ANA, name: NAMES[ANA], isManager: false },
      { id: BEN, name: NAMES[BEN], isManager: true },
      { id: CAI, name: NAMES[CAI], isManager: false },
    ]);
    expect(view.config).toEqual(config());
  });

  it('shows each register’s state and a chart point per simulated minute', () => {
    const s = tickBy(started(SLOW), 12.5);
    const view = fineLine.screenView(s, ctx());
    expect(view.clock).toBe(12.5);
    expect(view.registers).toEqual([{ id: 0, state: 'busy' }]);
    expect(view.points.map((p) => p.t)).toEqual(Array.from({ length: 13 }, (_, t) => t));
    expect(view.points.at(-1)).toMatchObject({
      waiting: queueOf(s).samples[12]?.waiting,
      openRegisters: 1,
    });
  });

  it('compares the runs side by side with their own figures', () => {
    const cheap = policy({ openAtStart: 1, maxRegisters: 2, openThreshold: 8 });
    let s = runToEnd(started({ durationMinutes: 45, policy: cheap }));
    s = step(s, FAC, { type: 'replay', label: 'Staff up', policy: policy({ openAtStart: 4 }) });
    s = step(s, FAC, { type: 'start' });
    s = step(tickBy(s, 30), FAC, { type: 'finish' });
    const rows = fineLine.facilitatorView(s, ctx()).runs;
    expect(rows.map((r) => [r.id, r.label, r.minutes])).toEqual([
      [1, 'Wait for the line to grow', 45],
      [2, 'Staff up', 30],
    ]);
    for (const [i, row] of rows.entries()) {
      const queue = s.runs[i]?.queue;
      if (!queue) throw new Error('missing run');
      const metrics = queueMetrics(queue);
      expect(row).toEqual({
        id: i + 1,
        label: s.runs[i]?.label,
        policy: queue.policy,
        policySteps: [{ t: 0, policy: i === 0 ? cheap : policy({ openAtStart: 4 }) }],
        policyStepsLeftOut: 0,
        averageWait: metrics.averageWait,
        worstWait: metrics.worstWait,
        pastPatienceShare: metrics.pastPatienceShare,
        averageMood: null,
        staffingCost: metrics.staffingCost,
        customers: metrics.customers,
        minutes: queue.clock,
      });
    }
    expect(rows[1]?.averageWait).toBeLessThan(rows[0]?.averageWait ?? 0);
  });

  it('shows each run’s policy changes with the minute they took effect, not only the last policy', () => {
    const slow = policy({ openThreshold: 6, openDelayMinutes: 2 });
    const quick = policy({ openThreshold: 2, openDelayMinutes: 0.5 });
    let s = tickBy(started({ durationMinutes: 30, policy: slow }), 12);
    s = step(s, FAC, { type: 'policy', policy: quick });
    s = runToEnd(s);
    const [run] = fineLine.screenView(s, ctx()).runs;
    expect(run?.policy).toEqual(quick);
    expect(run?.policySteps).toEqual([
      { t: 0, policy: slow },
      { t: 12, policy: quick },
    ]);
    const debrief = fineLine.screenView(s, ctx()).debrief ?? [];
    expect(debrief[0]).toMatch(
      /^Wait for the line to grow \(30 store minutes, policy changed at minute 12\)/,
    );
    const table = fineLine.summary(s, ctx()).blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' ? table.rows[0]?.[1] : null).toBe(
      'from minute 0: 2 open, another at 6 waiting (+2 min), at most 5; then from minute 12: 2 open, another at 2 waiting (+0.5 min), at most 5',
    );
  });

  it('has a debrief only when the run is finished, quoting the runs’ numbers', () => {
    const cheap = policy({ openAtStart: 1, maxRegisters: 2, openThreshold: 8 });
    let s = started({ durationMinutes: 45, policy: cheap });
    expect(fineLine.screenView(init(), ctx()).debrief).toBeNull();
    expect(fineLine.screenView(s, ctx()).debrief).toBeNull();
    expect(fineLine.screenView(step(s, FAC, { type: 'pause' }), ctx()).debrief).toBeNull();
    s = runToEnd(s);
    s = step(s, FAC, { type: 'replay', label: 'Staff up', policy: policy({ openAtStart: 4 }) });
    expect(fineLine.screenView(s, ctx()).debrief).toBeNull();
    s = runToEnd(step(s, FAC, { type: 'start' }));

    const view = fineLine.screenView(s, ctx());
    const debrief = view.debrief ?? [];
    expect(debrief.length).toBeGreaterThan(2);
    const text = debrief.join('\n');
    for (const r of view.runs) {
      expect(text).toContain(
        `${r.label} (${r.minutes.toFixed(0)} store minutes): average wait ${r.averageWait.toFixed(1)} min, worst ${r.worstWait.toFixed(1)} min, ${Math.round(r.pastPatienceShare * 100)}% kept past their patience, staffing cost ${r.staffingCost.toFixed(0)}.`,
      );
    }
    const [waiting, staffed] = view.runs;
    if (!waiting || !staffed) throw new Error('two runs expected');
    expect(waiting.staffingCost).toBeLessThan(staffed.staffingCost);
    expect(waiting.pastPatienceShare).toBeGreaterThan(staffed.pastPatienceShare);
    expect(text).toContain(
      `“${waiting.label}” saved ${(staffed.staffingCost - waiting.staffingCost).toFixed(0)} in staffing against “${staffed.label}”`,
    );
    expect(text).toMatch(/tolerance of customer dissatisfaction .* a choice with a cost/);
    expect(fineLine.facilitatorView(s, ctx()).debrief).toEqual(debrief);
    expect(fineLine.participantPublicView(s, ctx()).debrief).toEqual(debrief);
  });

  it('summarises every run for the session’s results with the action-plan prompt', () => {
    let s = runToEnd(started({ durationMinutes: 20 }));
    s = step(s, FAC, { type: 'replay', label: 'Staff up', policy: policy({ openAtStart: 4 }) });
    const summary = fineLine.summary(s, ctx());
    expect(summary.headline).toBe('The Fine Line: 2 policies over the same customers');
    const table = summary.blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' ? table.rows.map((r) => r[0]) : []).toEqual([
      'Wait for the line to grow',
      'Staff up',
    ]);
    expect(summary.blocks.some((b) => b.type === 'text' && /choice with a cost/.test(b.text))).toBe(
      true,
    );
    expect(fineLine.actionPlanPrompt(config())).toMatch(/complain/);
  });
});

describe('automation', () => {
  it.each<[string, () => FineLineState]>([
    ['ready', init],
    ['paused', () => step(started(), FAC, { type: 'pause' })],
    ['finished', () => step(started(), FAC, { type: 'finish' })],
  ])('does nothing when the store is %s', (_, at) => {
    expect(fineLine.automation?.(at(), ctx()) ?? null).toBeNull();
  });

  it.each<[number, number]>([
    [20, 0],
    [20, 7.25],
    [600, 3],
    [1, 0],
  ])(
    'ticks speed × TICK_MS of simulated time when running at speed %s from minute %s',
    (speed, from) => {
      let s = step(started(), FAC, { type: 'speed', speed });
      if (from > 0) s = step(s, FAC, { type: 'tick', toClock: from });
      expect(fineLine.automation?.(s, ctx())).toEqual({
        action: { type: 'tick', toClock: from + (speed * TICK_MS) / 60_000 },
        delayMs: TICK_MS,
      });
    },
  );

  it('stops the last tick at the configured duration', () => {
    const s = step(started({ durationMinutes: 30 }), FAC, { type: 'tick', toClock: 29.9 });
    expect(fineLine.automation?.(s, ctx())?.action).toEqual({ type: 'tick', toClock: 30 });
  });

  it('runs the whole store on its own until the end of the run', () => {
    let s = started({ durationMinutes: 15, speed: 120 });
    let ticks = 0;
    for (let next = fineLine.automation?.(s, ctx()); next; next = fineLine.automation?.(s, ctx())) {
      s = step(s, FAC, next.action);
      ticks++;
      if (ticks > 100) throw new Error('automation did not stop');
    }
    expect(s.status).toBe('finished');
    expect(clockOf(s)).toBe(15);
    expect(ticks).toBe(15);
  });
});
