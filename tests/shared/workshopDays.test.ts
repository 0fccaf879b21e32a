/** The built-in workshops as complete days: talks, breaks, a script and a plan for every round. */
import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_WORKSHOPS,
  createSessionBodySchema,
  formatDuration,
  plannedSlots,
  plannedTotal,
  type RoundInput,
} from '@playfield/shared';
import type { ContentConfig } from '@playfield/shared/exercises/content/schema';

const byId = (id: string) => {
  const workshop = BUILT_IN_WORKSHOPS.find((w) => w.id === id);
  if (!workshop) throw new Error(id);
  return workshop;
};
type Content = RoundInput & { kind: 'content'; config: ContentConfig };
const slides = (agenda: readonly RoundInput[]) =>
  agenda.filter((r): r is Content => r.kind === 'content');

describe.each(BUILT_IN_WORKSHOPS.map((w) => [w.title, w] as const))('%s', (_title, workshop) => {
  it('has a script and planned minutes for every round, and its minutes add up', () => {
    for (const round of workshop.agenda) {
      expect(round.notes?.length, round.title).toBeGreaterThan(120);
      expect(round.notes, round.title).toMatch(/Time: \d+ minutes/);
      expect(round.minutes, round.title).toBeGreaterThan(0);
      // The script's stated time is the round's planned time.
      expect(round.notes, round.title).toContain(`Time: ${round.minutes} minutes`);
    }
    expect(workshop.minutes).toBe(plannedTotal(workshop.agenda));
  });

  it('passes the server’s schema whole, notes and minutes included', () => {
    const parsed = createSessionBodySchema.safeParse({
      title: workshop.title,
      agenda: workshop.agenda,
      plannedStart: workshop.plannedStart,
    });
    expect(parsed.success).toBe(true);
    // The cleaned notes are the written ones: nothing is lost to cleaning.
    expect(parsed.data?.agenda.map((r) => r.notes)).toEqual(workshop.agenda.map((r) => r.notes));
  });

  it('puts talks between the exercises, with breaks, and ends with the action plan', () => {
    const kinds = workshop.agenda.map((r) => r.kind);
    expect(kinds[0]).toBe('content');
    expect(kinds.at(-1)).toBe('actionPlan');
    expect(
      slides(workshop.agenda).filter((r) => r.config.layout === 'break').length,
    ).toBeGreaterThan(0);
    // Never two exercises without a talk or a break somewhere in the day's first half.
    expect(slides(workshop.agenda).length).toBeGreaterThanOrEqual(8);
  });
});

describe('the days themselves', () => {
  it('are realistic lengths from 09:00: a full day with lunch, or a half day', () => {
    const pro = byId('service-pro');
    const slots = plannedSlots(pro.agenda, pro.plannedStart);
    expect(slots[0]?.start).toBe('09:00');
    expect(slots.at(-1)?.end).toBe('16:14');
    expect(formatDuration(pro.minutes)).toBe('7 h 14 min');
    const tcs = byId('total-customer-service');
    expect(tcs.minutes).toBeGreaterThanOrEqual(360);
    expect(tcs.minutes).toBeLessThanOrEqual(480);
    const strategic = byId('strategic-customer-service');
    expect(strategic.minutes).toBeGreaterThanOrEqual(180);
    expect(strategic.minutes).toBeLessThanOrEqual(270);
    for (const day of [pro, tcs]) {
      const lunch = slides(day.agenda).find((r) => r.title === 'Lunch');
      expect(lunch?.config.layout).toBe('break');
      const at = plannedSlots(day.agenda, day.plannedStart)[day.agenda.indexOf(lunch as Content)];
      expect(at?.start && at.start >= '11:30' && at.start <= '13:30').toBe(true);
    }
  });

  it('gives The Service Pro the talks of its deck, with the quotes attributed', () => {
    const titles = byId('service-pro').agenda.map((r) => r.title);
    for (const talk of [
      'The leader’s role: to enable',
      'Customer information',
      'In the know',
      'From need to know to right to know',
      'The enemies of business success',
      'Listen, listen, listen',
      'The playing field',
      'From rigid to flexible',
      'Accountability and recognition',
    ])
      expect(titles).toContain(talk);
    const quotes = slides(byId('service-pro').agenda).filter((r) => r.config.layout === 'quote');
    expect(quotes.map((q) => q.config.attribution)).toEqual([
      'Jan Carlzon, SAS',
      'Earl Shorris, Scenes from Corporate Life',
    ]);
    expect(quotes[0]?.config.body).toMatch(/^An individual without information cannot take/);
    expect(quotes[1]?.config.body).toMatch(/^Secrecy cloaks the infectious madness/);
    // The exercises keep their order around the talks.
    const exercises = byId('service-pro').agenda.filter((r) => r.kind !== 'content');
    expect(exercises.map((r) => r.kind)).toEqual([
      'dotVote',
      'redBead',
      'brainstorm',
      'fineLine',
      'sort',
      'playingField',
      'brainstorm',
      'brainstorm',
      'actionPlan',
    ]);
  });

  it('adds the promises and frames the closing plan with the PDCA cycle (Total Customer Service)', () => {
    const agenda = byId('total-customer-service').agenda;
    expect(agenda.map((r) => r.kind)).toContain('promises');
    const pdca = agenda.at(-2);
    expect(pdca?.kind).toBe('content');
    expect(pdca?.title).toMatch(/plan, do, check, act/i);
    const moments = slides(agenda).find((r) => r.title === 'Moments of truth');
    expect(moments?.config.attribution).toMatch(/^Jan Carlzon/);
  });
});
