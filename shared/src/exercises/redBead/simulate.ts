import { pick, type Simulator } from '../simulate.ts';

/**
 * A simulated person in the Red Bead plant: a worker dips when it is their turn, an
 * inspector confirms the paddle waiting for inspection, the chief inspector announces once
 * the inspectors agree, and observers forecast the day when predictions are open.
 */
export const simulateRedBead: Simulator<'redBead'> = ({ view, own, random }) => {
  const paddle = view.paddle;
  const isWaiting = paddle !== null && !paddle.isRecorded;
  if (own.role === 'worker') {
    if (view.stage !== 'working' || isWaiting) return null;
    return own.workerId !== null && view.currentWorkerId === own.workerId ? { type: 'dip' } : null;
  }
  if (own.role === 'inspector') {
    return isWaiting && !own.hasConfirmed ? { type: 'confirm', drawIndex: paddle.index } : null;
  }
  if (own.role === 'chief') {
    return isWaiting && paddle.confirmations >= view.inspectorsNeeded
      ? { type: 'confirm', drawIndex: paddle.index }
      : null;
  }
  if (own.role === 'observer' && view.stage === 'predicting' && own.prediction === null) {
    const workers = view.workers.filter((w) => w.status !== 'fired');
    return {
      type: 'predict',
      day: view.day,
      bestWorkerId: pick(random, workers)?.id ?? null,
      trend: pick(random, ['better', 'same', 'worse'] as const) ?? null,
    };
  }
  return null;
};
