import { pick, seatQuota, sentence, type Simulator } from '../simulate.ts';

const OPENINGS = [
  'Call customers back',
  'Give the front desk',
  'Answer complaints',
  'Let agents refund',
  'Share the FAQ',
  'Ask each caller',
  'Greet returning customers',
  'Check in with new starters',
];
const ENDINGS = [
  'within one working day.',
  'the authority to fix small problems.',
  'by name, not by ticket number.',
  'up to 50 euros without asking.',
  'before the customer has to chase us.',
  'what a good outcome would be for them.',
  'with a clear next step and a date.',
  'once a week about what they heard.',
];

/** A simulated phone in a brainstorm: writes one to three notes, then spends its dots. */
export const simulateBrainstorm: Simulator<'brainstorm'> = ({
  view,
  own,
  controls,
  participantId,
  random,
}) => {
  if (!controls.isOpen) return null;
  if (view.phase === 'collect') {
    const quota = seatQuota(participantId, Math.min(3, view.maxNotesPerPerson));
    if (own.notesLeft <= 0 || own.notes.length + own.setAside >= quota) return null;
    const mine = new Set(own.notes.map((n) => n.text));
    const text = sentence(random, OPENINGS, ENDINGS, view.noteLength);
    if (mine.has(text) || text.length === 0) return null;
    return {
      type: 'addNote',
      text,
      tag: view.tags.length > 0 ? (pick(random, view.tags) ?? null) : null,
    };
  }
  if (view.phase === 'vote' && view.items && own.dotsLeft > 0) {
    const open = view.items.filter((item) => (own.dots[item.id] ?? 0) < view.maxDotsPerItem);
    const item = pick(random, open);
    if (!item) return null;
    return { type: 'vote', itemId: item.id, dots: (own.dots[item.id] ?? 0) + 1 };
  }
  return null;
};
