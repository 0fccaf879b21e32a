import type { Facilitate } from '../facilitate.ts';

/** Picks volunteers, records each paddle, runs the days (with the style's slogan after day one). */
export const facilitateRedBead: Facilitate<'redBead'> = (view, style) => {
  if (view.roles.workers.every((w) => w.participantId === null)) return { type: 'pickVolunteers' };
  if (view.paddle && !view.paddle.isRecorded) return { type: 'record' };
  if (view.stage === 'dayEnded' && style.slogan && !view.slogan)
    return { type: 'slogan', text: style.slogan };
  if (view.stage === 'setup' || view.stage === 'dayEnded') return { type: 'openPredictions' };
  if (view.stage === 'predicting') return { type: 'startDay' };
  return null;
};
