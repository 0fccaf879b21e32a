import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { ActionPlan } from '@playfield/shared/plans/plan';
import { escapeText, foldLine, renderPlanIcs } from '../../server/src/exports/ics.ts';
import { FIVE_ACTION_PLAN, sampleAction } from './fixtures/exportSamples.ts';

const context = {
  workshopTitle: 'Customer service as a system',
  date: '2025-03-07',
  participantName: 'Zoë',
  uidDomain: 'playfield.example.org',
  now: new Date('2025-03-07T16:30:05.123Z'),
};

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  const events = calendar.getAllSubcomponents('vevent');
  return { calendar, events };
}

const text = (component: ICAL.Component, name: string) =>
  String(component.getFirstPropertyValue(name));

describe('renderPlanIcs', () => {
  it('publishes a calendar with one all-day event per action that has a due date', () => {
    const { calendar, events } = parse(renderPlanIcs(FIVE_ACTION_PLAN, context));
    expect(text(calendar, 'version')).toBe('2.0');
    expect(text(calendar, 'prodid')).toBe('-//Playfield//Action plan//EN');
    expect(text(calendar, 'calscale')).toBe('GREGORIAN');
    expect(text(calendar, 'method')).toBe('PUBLISH');

    const withDates = FIVE_ACTION_PLAN.actions.filter((a) => a.due !== '');
    expect(withDates).toHaveLength(4);
    expect(events).toHaveLength(4);
    events.forEach((event, i) => {
      const action = withDates[i];
      if (!action) throw new Error('more events than dated actions');
      expect(text(event, 'summary')).toBe(action.text);
      const start = event.getFirstPropertyValue('dtstart') as ICAL.Time;
      const end = event.getFirstPropertyValue('dtend') as ICAL.Time;
      expect(start.isDate).toBe(true);
      expect(start.toString()).toBe(action.due);
      expect(end.isDate).toBe(true);
      expect(end.toJSDate().getTime() - start.toJSDate().getTime()).toBe(24 * 3600 * 1000);
      expect(text(event, 'uid')).toBe(`${action.id}@playfield.example.org`);
      expect(text(event, 'dtstamp')).toBe('2025-03-07T16:30:05Z');
      expect(text(event, 'description').split('\n')[0]).toBe(`First step: ${action.firstStep}`);
      expect(text(event, 'description')).toContain(`Why it matters: ${action.why}`);
      expect(text(event, 'description')).toContain('From Customer service as a system, 2025-03-07');
    });
    expect(text(events[1] as ICAL.Component, 'dtstart')).toBe('2025-03-21');
  });

  it('reminds at 9:00 on the day before, with the first step', () => {
    const { events } = parse(renderPlanIcs(FIVE_ACTION_PLAN, context));
    const alarm = events[0]?.getFirstSubcomponent('valarm');
    if (!alarm) throw new Error('no alarm');
    expect(text(alarm, 'action')).toBe('DISPLAY');
    const trigger = alarm.getFirstPropertyValue('trigger') as ICAL.Duration;
    expect(trigger.toSeconds()).toBe(-15 * 3600);
    expect(text(alarm, 'description')).toBe(
      'First step: Show the control chart at Monday’s team meeting',
    );
  });

  it('leaves out actions without a date or with an impossible one', () => {
    const plan: ActionPlan = {
      isShared: false,
      isFinished: false,
      actions: [
        sampleAction({ id: 'none', due: '' }),
        sampleAction({ id: 'bad', due: '2025-02-30' }),
        sampleAction({ id: 'leap', due: '2028-02-29' }),
      ],
    };
    const { events } = parse(renderPlanIcs(plan, context));
    expect(events.map((e) => text(e, 'uid'))).toEqual(['leap@playfield.example.org']);
    expect(text(events[0] as ICAL.Component, 'dtend')).toBe('2028-03-01');
  });

  it('keeps UIDs stable across exports so a re-import updates the events', () => {
    const first = parse(renderPlanIcs(FIVE_ACTION_PLAN, context)).events;
    const later = parse(
      renderPlanIcs(FIVE_ACTION_PLAN, { ...context, now: new Date('2025-04-01T08:00:00Z') }),
    ).events;
    expect(later.map((e) => text(e, 'uid'))).toEqual(first.map((e) => text(e, 'uid')));
    expect(text(later[0] as ICAL.Component, 'dtstamp')).toBe('2025-04-01T08:00:00Z');
  });

  it('makes a valid calendar without events when no action has a date', () => {
    const ics = renderPlanIcs({ isShared: false, isFinished: false, actions: [] }, context);
    const { calendar, events } = parse(ics);
    expect(events).toHaveLength(0);
    expect(text(calendar, 'method')).toBe('PUBLISH');
  });

  it('ends every line with CRLF and folds at 75 octets without splitting a character', () => {
    // 300 characters of two-, three- and four-byte UTF-8, so every fold lands near one.
    const firstStep = `${[...'Дарья ✓ 🎉 Łukasz ü '.repeat(20)].slice(0, 299).join('')}!`;
    expect([...firstStep]).toHaveLength(300);
    const plan: ActionPlan = {
      isShared: false,
      isFinished: false,
      actions: [sampleAction({ id: 'long', firstStep, text: 'é'.repeat(200) })],
    };
    const ics = renderPlanIcs(plan, context);
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = ics.split('\r\n').slice(0, -1);
    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      // A split surrogate pair would leave a lone half at a line's end or start.
      expect(line).not.toMatch(/[\ud800-\udbff]$|^ ?[\udc00-\udfff]/);
      expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
    }
    expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(8);
    const event = parse(ics).events[0] as ICAL.Component;
    expect(text(event, 'description').split('\n')[0]).toBe(`First step: ${firstStep}`);
    expect(text(event, 'summary')).toBe('é'.repeat(200));
  });

  it('escapes backslashes, commas, semicolons and line breaks so they round-trip', () => {
    const tricky = 'Ask Sam, Kim; then C:\\shared\\plan';
    const plan: ActionPlan = {
      isShared: false,
      isFinished: false,
      actions: [
        sampleAction({
          id: 'esc',
          text: tricky,
          firstStep: 'Line one,\nline two;\r\nline three \\n is not a break',
        }),
      ],
    };
    const ics = renderPlanIcs(plan, context);
    expect(ics).toContain('SUMMARY:Ask Sam\\, Kim\\; then C:\\\\shared\\\\plan');
    const event = parse(ics).events[0] as ICAL.Component;
    expect(text(event, 'summary')).toBe(tricky);
    expect(text(event, 'description')).toContain(
      'First step: Line one,\nline two;\nline three \\n is not a break\n',
    );
  });
});

describe('foldLine and escapeText', () => {
  it('leaves a line of 75 octets alone and folds the 76th onto a continuation line', () => {
    expect(foldLine('a'.repeat(75))).toBe('a'.repeat(75));
    expect(foldLine('a'.repeat(76))).toBe(`${'a'.repeat(75)}\r\n a`);
    expect(foldLine('a'.repeat(75 + 74 + 1))).toBe(`${'a'.repeat(75)}\r\n ${'a'.repeat(74)}\r\n a`);
  });

  it('moves a multi-byte character whole to the next line when it would cross 75 octets', () => {
    const folded = foldLine(`${'a'.repeat(74)}€b`);
    expect(folded).toBe(`${'a'.repeat(74)}\r\n €b`);
  });

  it('drops control characters a TEXT value may not hold', () => {
    expect(escapeText('a\u0000b\u0007c\td')).toBe('abc\td');
  });
});
