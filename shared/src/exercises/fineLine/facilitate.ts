import type { Facilitate } from '../facilitate.ts';

/** Opens the store and speeds its clock up; then the run goes on by itself until closing. */
export const facilitateFineLine: Facilitate<'fineLine'> = (view, style) => {
  if (view.status === 'finished') return null;
  if (view.status !== 'running') return { type: 'start' };
  if (view.speed < style.fineLineSpeed) return { type: 'speed', speed: style.fineLineSpeed };
  return null;
};
