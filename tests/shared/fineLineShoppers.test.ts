/**
 * The Fine Line as an exercise: config and policy bounds, the run's lifecycle (start, pause,
 * speed, ticks, finish, replays over the same customers), policy changes by the facilitator
 * and the management team, participants as shoppers in the line, rate-limited moods, views,
 * the debrief, automation, and replay determinism through the session machinery.
 *
 * This file covers policy changes, shoppers and mood; the other fineLine*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { type Actor } from '@playfield/shared';
import {
  fineLine,
  shopperStatus,
  type FineLineState,
} from '@playfield/shared/exercises/fineLine/index';
import { MOOD_INTERVAL_MS } from '@playfield/shared/exercises/fineLine/model';
import { customerAt, customerInStore } from '@playfield/shared/exercises/fineLine/queue';
import {
  FAC,
  ANA,
  BEN,
  CAI,
  GONE,
  ROSTER,
  AT,
  ctx,
  DEFAULT_POLICY,
  policy,
  SLOW,
  init,
  step,
  refused,
  lastRun,
  queueOf,
  clockOf,
  tickBy,
  tickWhile,
  own,
  statusOf,
  started,
  runToEnd,
} from './fineLineFixtures.ts';

const as = (participantId: string): Actor => ({ role: 'participant', participantId });

const isInLine = (state: FineLineState, id: string) =>
  statusOf(state, id) === 'waiting' || statusOf(state, id) === 'atRegister';

describe('policy changes', () => {
  const moreStaff = policy({ openAtStart: 4, maxRegisters: 6, costPerRegisterMinute: 2 });

  it('changes the queue policy and logs it when the facilitator changes it mid-run', () => {
    let s = tickBy(started(), 10);
    s = step(s, FAC, { type: 'policy', policy: moreStaff });
    expect(queueOf(s).policy).toEqual(moreStaff);
    expect(lastRun(s).policyChanges).toEqual([{ t: 10, policy: moreStaff }]);
    expect(queueOf(s).registers.filter((r) => r.isOpen).length).toBeGreaterThanOrEqual(4);
    expect(fineLine.screenView(s, ctx()).policy).toEqual(moreStaff);
    s = tickBy(s, 5);
    expect(queueOf(s).policy).toEqual(moreStaff);
  });

  it('refuses a policy change when the run is over', () => {
    const s = step(started(), FAC, { type: 'finish' });
    expect(refused(s, FAC, { type: 'policy', policy: moreStaff }).code).toBe('CONFLICT');
  });

  it('refuses a participant’s policy change when the facilitator has not made them a manager', () => {
    const s = tickBy(started(), 5);
    const error = refused(s, as(ANA), { type: 'policy', policy: moreStaff });
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/management team/);
  });

  it('changes the policy when a manager changes it, and not after the facilitator revokes them', () => {
    let s = step(started(), FAC, { type: 'manager', participantId: CAI, isManager: true });
    s = tickBy(s, 4);
    s = step(s, as(CAI), { type: 'policy', policy: moreStaff });
    expect(queueOf(s).policy).toEqual(moreStaff);
    expect(lastRun(s).policyChanges).toEqual([{ t: 4, policy: moreStaff }]);
    s = step(s, FAC, { type: 'manager', participantId: CAI, isManager: false });
    expect(refused(s, as(CAI), { type: 'policy', policy: DEFAULT_POLICY }).code).toBe('FORBIDDEN');
    s = step(s, FAC, { type: 'finish' });
    s = step(s, FAC, { type: 'manager', participantId: CAI, isManager: true });
    expect(refused(s, as(CAI), { type: 'policy', policy: DEFAULT_POLICY }).code).toBe('CONFLICT');
  });

  it('takes a manager out of the line and seats them again when they stop being one', () => {
    let s = step(started(), FAC, { type: 'manager', participantId: ANA, isManager: true });
    expect(s.shoppers[ANA]).toBeUndefined();
    expect(s.managers).toEqual([ANA]);
    s = tickBy(s, 5);
    expect(s.shoppers[ANA]).toBeUndefined();
    s = step(s, FAC, { type: 'manager', participantId: ANA, isManager: false });
    expect(s.managers).toEqual([]);
    s = tickBy(s, 0.1);
    expect(s.shoppers[ANA]).toMatchObject({ visits: 1 });
    expect(statusOf(s, ANA)).toBe('arriving');
  });

  it('refuses a manager who is not in the session', () => {
    expect(
      refused(init(), FAC, { type: 'manager', participantId: 'p-nobody', isManager: true }).code,
    ).toBe('NOT_FOUND');
  });

  it('refuses a facilitator reporting a mood and a participant running the store', () => {
    expect(refused(started(), FAC, { type: 'mood', value: 3 }).code).toBe('FORBIDDEN');
    expect(refused(init(), as(ANA), { type: 'start' }).code).toBe('FORBIDDEN');
    expect(refused(started(), as(ANA), { type: 'tick', toClock: 50 }).code).toBe('FORBIDDEN');
  });
});

describe('shoppers', () => {
  it('moves a participant from arriving through the line to the register and seats them again', () => {
    let s = started(SLOW);
    const firstIndex = s.shoppers[ANA]?.customerIndex ?? -1;
    const kinds: string[] = [];
    let wasWaiting = false;
    let lastPlace = Infinity;
    let lastWaited = -1;
    while ((s.shoppers[ANA]?.visits ?? 0) < 2) {
      const status = own(s, ANA).status;
      if (!status) throw new Error('Ana has no status');
      if (kinds.at(-1) !== status.kind) kinds.push(status.kind);
      if (status.kind === 'waiting') {
        wasWaiting = true;
        // The line only moves forward, and the wait only grows.
        expect(status.place).toBeLessThanOrEqual(lastPlace);
        expect(status.waitedMinutes).toBeGreaterThanOrEqual(lastWaited);
        lastPlace = status.place;
        lastWaited = status.waitedMinutes;
      }
      s = tickBy(s, 0.1);
    }
    expect(wasWaiting).toBe(true);
    // Done and re-seated happen in the same tick: the phone goes straight to the next visit.
    expect(kinds).toEqual(['arriving', 'waiting', 'atRegister']);
    expect(shopperStatus(queueOf(s), firstIndex)).toEqual({ kind: 'done' });
    expect(own(s, ANA)).toMatchObject({ visits: 2, mood: null, status: { kind: 'arriving' } });
    expect(s.shoppers[ANA]?.customerIndex).toBeGreaterThan(firstIndex);
    // The phone keeps how long the previous visit waited, from the queue's own record.
    const served = queueOf(s).recentServed.find((c) => c.index === firstIndex);
    expect(served).toBeDefined();
    expect(own(s, ANA).lastWaitMinutes).toBeCloseTo(
      (served?.start ?? 0) - (served?.arrival ?? 0),
      9,
    );
    expect(own(s, ANA).lastWaitMinutes).toBeGreaterThanOrEqual(lastWaited);
  });

  it('shows the place in line and the minutes waited when a participant is waiting', () => {
    const s = tickWhile(started(SLOW), (x) => statusOf(x, ANA) !== 'waiting');
    const waited = tickBy(s, 1.5);
    const status = own(waited, ANA).status;
    const index = waited.shoppers[ANA]?.customerIndex ?? -1;
    const queue = queueOf(waited);
    expect(status).toEqual({
      kind: 'waiting',
      place: queue.waiting.indexOf(index) + 1,
      waitedMinutes: queue.clock - customerAt(queue.seed, queue.demand, index).arrival,
    });
    if (status?.kind === 'waiting') {
      expect(status.place).toBeGreaterThanOrEqual(1);
      expect(status.waitedMinutes).toBeGreaterThanOrEqual(1.5);
    }
  });

  it('keeps the participants’ status in agreement with the queue throughout a run', () => {
    let s = started({ ...SLOW, durationMinutes: 40 });
    const seen = new Set<string>();
    while (s.status === 'running') {
      const queue = queueOf(s);
      for (const [id, shopper] of Object.entries(s.shoppers)) {
        const index = shopper.customerIndex;
        const status = shopperStatus(queue, index);
        expect(own(s, id).status).toEqual(status);
        seen.add(status.kind);
        switch (status.kind) {
          case 'arriving':
            expect(index).toBeGreaterThanOrEqual(queue.nextIndex);
            expect(status.inMinutes).toBeCloseTo(
              customerAt(queue.seed, queue.demand, index).arrival - queue.clock,
              9,
            );
            break;
          case 'waiting':
            expect(queue.waiting[status.place - 1]).toBe(index);
            break;
          case 'atRegister': {
            const register = queue.registers[status.register];
            expect(register?.servingIndex).toBe(index);
            const customer = customerInStore(queue, index);
            expect(status.waitedMinutes).toBe((customer?.start ?? NaN) - (customer?.arrival ?? 0));
            break;
          }
          case 'done':
            throw new Error(`${id} was left done after a tick`);
          default: {
            const unreachable: never = status;
            throw new Error(`unknown status ${JSON.stringify(unreachable)}`);
          }
        }
      }
      s = tickBy(s, 0.25);
    }
    expect([...seen].sort()).toEqual(['arriving', 'atRegister', 'waiting']);
  });

  it('keeps simulated customers between participants when it seats them, visit after visit', () => {
    let s = started({ ...SLOW, durationMinutes: 60 });
    let sawParticipantsInLine = 0;
    while (s.status === 'running') {
      const indices = Object.values(s.shoppers)
        .map((x) => x.customerIndex)
        .sort((a, b) => a - b);
      for (let i = 1; i < indices.length; i++) {
        expect((indices[i] ?? 0) - (indices[i - 1] ?? 0)).toBeGreaterThanOrEqual(2);
      }
      const line = fineLine.screenView(s, ctx()).line;
      for (let i = 1; i < line.length; i++) {
        expect(line[i]?.isParticipant && line[i - 1]?.isParticipant).toBe(false);
      }
      sawParticipantsInLine = Math.max(
        sawParticipantsInLine,
        line.filter((x) => x.isParticipant).length,
      );
      s = tickBy(s, 0.5);
    }
    expect(sawParticipantsInLine).toBeGreaterThanOrEqual(2);
    expect(Math.max(...Object.values(s.shoppers).map((x) => x.visits))).toBeGreaterThan(1);
  });

  it('seats a participant who joins during the run at the next tick', () => {
    const late = 'p-dan-late';
    const roster = { ...ROSTER, [late]: { id: late, name: 'Dan Late', hasLeft: false } };
    let s = tickBy(started(), 5);
    expect(s.shoppers[late]).toBeUndefined();
    s = tickBy(s, 0.1, ctx({ roster }));
    expect(s.shoppers[late]).toMatchObject({ visits: 1, mood: null });
    expect(s.shoppers[late]?.customerIndex).toBeGreaterThan(queueOf(s).nextIndex);
  });
});

describe('mood', () => {
  const at = (ms: number) => ctx({ at: AT + ms });

  it('refuses a mood when the participant is not in line', () => {
    const s = started(SLOW);
    expect(statusOf(s, ANA)).toBe('arriving');
    const error = refused(s, as(ANA), { type: 'mood', value: 3 });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/not in line/);
    expect(refused(init(), as(ANA), { type: 'mood', value: 3 }).code).toBe('CONFLICT');
    expect(refused(s, as(GONE), { type: 'mood', value: 3 }).code).toBe('CONFLICT');
  });

  it.each<['waiting' | 'atRegister']>([['waiting'], ['atRegister']])(
    'accepts a mood when the participant is %s',
    (kind) => {
      const s = tickWhile(started(SLOW), (x) => statusOf(x, ANA) !== kind);
      const reported = step(s, as(ANA), { type: 'mood', value: 2 });
      expect(reported.shoppers[ANA]).toMatchObject({ mood: 2, moodAt: AT });
      expect(own(reported, ANA).mood).toBe(2);
      expect(fineLine.submittedCount(reported)).toBe(1);
    },
  );

  it('refuses a mood when the run is over', () => {
    let s = tickWhile(started(SLOW), (x) => statusOf(x, ANA) !== 'waiting');
    s = step(s, FAC, { type: 'finish' });
    expect(refused(s, as(ANA), { type: 'mood', value: 4 }).code).toBe('CONFLICT');
  });

  it('rate limits a participant’s second report within the interval', () => {
    let s = tickWhile(started(SLOW), (x) => !isInLine(x, ANA) || !isInLine(x, BEN));
    s = step(s, as(ANA), { type: 'mood', value: 4 }, at(0));
    const error = refused(s, as(ANA), { type: 'mood', value: 1 }, at(MOOD_INTERVAL_MS - 1));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.message).toMatch(/again in a moment/);
    // Someone else is not held back by Ana's report.
    s = step(s, as(BEN), { type: 'mood', value: 5 }, at(1));
    s = step(s, as(ANA), { type: 'mood', value: 1 }, at(MOOD_INTERVAL_MS));
    expect(s.shoppers[ANA]).toMatchObject({ mood: 1, moodAt: AT + MOOD_INTERVAL_MS });
    expect(s.shoppers[BEN]?.mood).toBe(5);
  });

  it('charts the average reported mood per simulated minute', () => {
    let s = tickWhile(started(SLOW), (x) => !isInLine(x, ANA) || !isInLine(x, BEN));
    const before = clockOf(s);
    s = step(s, as(ANA), { type: 'mood', value: 2 });
    s = step(s, as(BEN), { type: 'mood', value: 5 }, at(10));
    const inLineUntil = tickWhile(s, (x) => isInLine(x, ANA) && isInLine(x, BEN), 0.5);
    // Only the minutes both were still in line for: the last tick may have moved one on.
    const after = clockOf(inLineUntil) - 0.5;
    expect(after - before).toBeGreaterThan(1);
    const points = fineLine.screenView(inLineUntil, ctx()).points;
    for (const point of points) {
      if (point.t <= before) expect(point.mood).toBeNull();
      else if (point.t <= after) expect(point.mood).toBe(3.5);
    }
    expect(points.filter((p) => p.mood === 3.5).length).toBeGreaterThanOrEqual(1);
    const samples = lastRun(inLineUntil).moodSamples.filter((m) => m.t > before && m.t <= after);
    expect(samples.length).toBeGreaterThanOrEqual(1);
    expect(samples.every((m) => m.reports === 2 && m.average === 3.5)).toBe(true);
    // Minutes before anyone reported count as no report, not as a mood of 0.
    expect(
      lastRun(inLineUntil)
        .moodSamples.filter((m) => m.t <= before)
        .every((m) => m.reports === 0),
    ).toBe(true);
    expect(fineLine.screenView(inLineUntil, ctx()).runs[0]?.averageMood).toBeGreaterThan(0);
  });

  it('has no average mood when nobody reported one', () => {
    const s = runToEnd(started({ durationMinutes: 10 }));
    expect(fineLine.screenView(s, ctx()).points.every((p) => p.mood === null)).toBe(true);
    expect(fineLine.screenView(s, ctx()).runs[0]?.averageMood).toBeNull();
  });
});
