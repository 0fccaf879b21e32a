import type { Facilitate } from '../facilitate.ts';

/** Forms the groups; the groups play and score by themselves. */
export const facilitateRolePlay: Facilitate<'rolePlay'> = (view) =>
  view.play === 0 ? { type: 'form' } : null;
