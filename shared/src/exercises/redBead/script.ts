import type { RedBeadFacilitatorAction } from './model.ts';

/** A suggestion from the classic run, one tap from the console. */
export interface ScriptSuggestion {
  label: string;
  action: RedBeadFacilitatorAction;
}

/**
 * The classic script of Deming's seminars, by the day it leads into: management's theatre
 * first, then the system changes that really move the chart.
 */
export function scriptFor(upcomingDay: number, days: number): ScriptSuggestion[] {
  const suggestions: ScriptSuggestion[] = [];
  if (upcomingDay === 1) {
    suggestions.push(
      { label: 'Quota: no more than 3 red', action: { type: 'quota', max: 3 } },
      { label: 'Slogan: “Zero defects!”', action: { type: 'slogan', text: 'Zero defects!' } },
    );
  }
  if (upcomingDay === 2) {
    suggestions.push(
      { label: 'Praise the best worker', action: { type: 'reward', kind: 'praise' } },
      { label: 'Put the worst on probation', action: { type: 'reward', kind: 'probation' } },
      {
        label: 'Slogan: “Do it right the first time”',
        action: { type: 'slogan', text: 'Do it right the first time' },
      },
    );
  }
  if (upcomingDay === 3) {
    suggestions.push(
      { label: 'Bonus for the best worker', action: { type: 'reward', kind: 'bonus' } },
      {
        label: 'Slogan: “Quality is job one”',
        action: { type: 'slogan', text: 'Quality is job one' },
      },
    );
  }
  if (upcomingDay >= 4 || upcomingDay === days) {
    suggestions.push({
      label: 'Fire the 3 worst, double shifts for the 3 best',
      action: { type: 'fireWorst', count: 3 },
    });
  }
  if (upcomingDay > days)
    suggestions.push({ label: 'Close the plant', action: { type: 'closePlant' } });
  suggestions.push(
    {
      label: 'Change the system: new supplier, 10% red',
      action: { type: 'newSupplier', redSharePercent: 10 },
    },
    {
      label: 'Change the system: smaller paddle, 25 holes',
      action: { type: 'newPaddle', paddleHoles: 25 },
    },
  );
  return suggestions;
}
