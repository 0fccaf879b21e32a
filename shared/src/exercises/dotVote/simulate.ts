import { chance, pick, pickIndexes, type Simulator } from '../simulate.ts';

const EXAMPLES = [
  'A customer waited ten minutes on hold last week.',
  'We promised a call back and nobody called.',
  'The returns desk sent a customer to three people.',
  'A regular asked twice for the same refund.',
  'Our reply to a complaint took four days.',
  'The new colleague did not know the escalation route.',
];

/** A simulated phone in a dot vote: hands in one ballot that keeps the vote's rule. */
export const simulateDotVote: Simulator<'dotVote'> = ({ view, own, controls, random }) => {
  if (!controls.isOpen || own.hasVoted) return null;
  const n = view.options.length;
  const { rule } = view;
  const dotsOn = new Map<number, number>();
  if (rule.mode === 'choose') {
    const low = Math.min(n, Math.max(1, rule.min));
    const high = Math.min(n, rule.max);
    const count = low + random.int(Math.max(1, high - low + 1));
    for (const option of pickIndexes(random, n, count)) dotsOn.set(option, 1);
  } else {
    for (let left = rule.dots; left > 0;) {
      const open = [...Array(n).keys()].filter((o) => (dotsOn.get(o) ?? 0) < rule.maxPerOption);
      const option = pick(random, open);
      if (option === undefined) break;
      dotsOn.set(option, (dotsOn.get(option) ?? 0) + 1);
      left--;
    }
  }
  const example = (): string | null =>
    view.exampleMode === 'required' || (view.exampleMode === 'optional' && chance(random, 0.3))
      ? (pick(random, EXAMPLES) ?? null)
      : null;
  return {
    type: 'vote',
    choices: [...dotsOn]
      .sort((a, b) => a[0] - b[0])
      .map(([option, dots]) => ({ option, dots, example: example() })),
  };
};
