import type { Simulator } from '../simulate.ts';
import { MOOD_INTERVAL_MS } from './model.ts';

/**
 * A simulated shopper in the Fine Line: while in line or at a register, reports a mood that
 * sours as the wait grows (5: fine, 1: furious), only when it changes and never faster
 * than the exercise allows.
 */
export const simulateFineLine: Simulator<'fineLine'> = ({
  view,
  own,
  sinceLastActionMs,
  random,
}) => {
  if (view.status === 'finished') return null;
  const status = own.status;
  if (!status || (status.kind !== 'waiting' && status.kind !== 'atRegister')) return null;
  if (sinceLastActionMs !== null && sinceLastActionMs < MOOD_INTERVAL_MS + 250) return null;
  const patience = 2 + random.int(3);
  const mood = Math.max(1, Math.min(5, 5 - Math.floor(status.waitedMinutes / patience)));
  return mood === own.mood ? null : { type: 'mood', value: mood };
};
