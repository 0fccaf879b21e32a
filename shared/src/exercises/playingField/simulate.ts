import type { Simulator } from '../simulate.ts';

const ZONES = ['spot', 'spot', 'guideline', 'guideline', 'escalate'] as const;
const QUESTIONS = ['rubberStamp', 'noValueAdded', 'canReach', 'canLearn'] as const;

/** A simulated phone on the playing field: places every card, then answers each open test. */
export const simulatePlayingField: Simulator<'playingField'> = ({
  view,
  own,
  controls,
  random,
}) => {
  if (!controls.isOpen) return null;
  if (view.phase === 'place') {
    if (controls.isRevealed) return null;
    const card = view.cards.find((c) => own.placements[c.id] === undefined);
    if (!card) return null;
    return { type: 'place', cardId: card.id, zone: ZONES[random.int(ZONES.length)] ?? 'spot' };
  }
  if (view.phase === 'test' && view.activeTestCardId !== null) {
    const answered = own.testAnswers[view.activeTestCardId] ?? {};
    const question = QUESTIONS.find((q) => answered[q] === undefined);
    if (!question) return null;
    return {
      type: 'test.answer',
      cardId: view.activeTestCardId,
      question,
      answer: random.next() < 0.55,
    };
  }
  return null;
};
