import { sentence, type Simulator } from '../simulate.ts';

const OPENINGS = ['Good eye contact;', 'Listened well;', 'Calm voice;', 'Clear apology;'];
const ENDINGS = [
  'try to agree the next step sooner.',
  'summarise what the customer said.',
  'offer a choice, not a rule.',
  'check the customer is satisfied at the end.',
];

/** A simulated scorer in a role-play group: scores each step, then writes one short note. */
export const simulateRolePlay: Simulator<'rolePlay'> = ({ view, own, controls, random }) => {
  const group = own.group;
  if (!controls.isOpen || !group?.isScorer || !group.scorecard) return null;
  const { scores, comment } = group.scorecard;
  const step = view.steps.findIndex((_, i) => (scores[i] ?? null) === null);
  if (step >= 0) {
    const name = view.steps[step]?.name ?? '';
    const value = Math.max(1, view.scaleMax - random.int(Math.min(3, view.scaleMax)));
    return { type: 'score', step: name, value };
  }
  return comment === ''
    ? { type: 'comment', text: sentence(random, OPENINGS, ENDINGS, 200) }
    : null;
};
