import type { Simulator } from '../simulate.ts';
import type { PromiseOutcome } from './model.ts';

/** How a room tends to predict each promise: over-promising looks good at first sight. */
const LEANINGS: Record<string, readonly PromiseOutcome[]> = {
  under: ['steady', 'shrinks', 'grows'],
  realistic: ['grows', 'steady', 'grows'],
  over: ['grows', 'shrinks', 'shrinks'],
};

/** A simulated phone in the promises round: predicts each scenario once, before the reveal. */
export const simulatePromises: Simulator<'promises'> = ({ view, own, controls, random }) => {
  if (!controls.isOpen || controls.isRevealed) return null;
  const next = view.scenarios.find((s) => own.predictions[s.scenario] === undefined);
  if (!next) return null;
  const choices = LEANINGS[next.scenario] ?? ['steady'];
  return {
    type: 'predict',
    scenario: next.scenario,
    outcome: choices[random.int(choices.length)] ?? 'steady',
  };
};
