import { chance, seatQuota, sentence, type Simulator } from '../simulate.ts';

const OPENINGS = [
  'The customer',
  'Our caller',
  'A regular',
  'The visitor at the counter',
  'Someone on the chat',
];
const ENDINGS = [
  'wanted to know when the parcel would arrive.',
  'felt nobody listened the first time.',
  'was pleased we remembered the last call.',
  'needed one person to own the problem.',
  'asked for a refund and got it at once.',
  'waited too long for a simple answer.',
  'left with a clear next step.',
];

/** A simulated phone on a canvas: posts one or two entries, rated where the box asks for it. */
export const simulateCanvas: Simulator<'canvas'> = ({
  view,
  own,
  controls,
  participantId,
  random,
}) => {
  if (!controls.isOpen || view.boxes.length === 0) return null;
  if (own.entries.length >= seatQuota(participantId, Math.min(2, view.maxEntriesPerPerson)))
    return null;
  const box = random.int(view.boxes.length);
  const text = sentence(random, OPENINGS, ENDINGS, view.entryMaxLength);
  const lower = text.toLocaleLowerCase();
  if (own.entries.some((e) => e.box === box && e.text.toLocaleLowerCase() === lower)) return null;
  const tag = view.tags.length > 0 && chance(random, 0.4) ? random.int(view.tags.length) : null;
  return {
    type: 'post',
    box,
    text,
    rating: view.boxes[box]?.isRated ? 1 + random.int(view.rating.max) : null,
    tags: tag === null ? [] : [tag],
  };
};
