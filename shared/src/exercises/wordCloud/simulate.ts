import { pick, seatQuota, type Simulator } from '../simulate.ts';

const WORDS = [
  'patience',
  'listening',
  'empathy',
  'ownership',
  'respect',
  'trust',
  'follow-up',
  'honesty',
  'speed',
  'courtesy',
  'clarity',
  'warmth',
  'reliability',
  'kindness',
  'attention',
];
const PHRASES = [
  'quick reply',
  'clear answers',
  'friendly tone',
  'kept promises',
  'first-call fix',
  'a real person',
  'no runaround',
  'said sorry',
];

/** A simulated phone in a word cloud: sends one to three entries, each new to it. */
export const simulateWordCloud: Simulator<'wordCloud'> = ({
  view,
  own,
  controls,
  participantId,
  random,
}) => {
  if (!controls.isOpen || own.left <= 0) return null;
  if (own.entries.length >= seatQuota(participantId, Math.min(3, view.entriesPerPerson)))
    return null;
  const sent = new Set(own.entries.map((e) => e.text.toLocaleLowerCase()));
  const bank = view.maxWords >= 2 && random.next() < 0.3 ? PHRASES : WORDS;
  const fresh = bank.filter((w) => !sent.has(w) && w.length <= view.maxLength);
  const text = pick(random, fresh);
  return text === undefined ? null : { type: 'submit', text };
};
