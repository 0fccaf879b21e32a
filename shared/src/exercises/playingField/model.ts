import { z } from 'zod';
import { cleanText, keySchema } from '../../protocol/schemas.ts';
import type { PlayingFieldCard } from './deck.ts';

/** Where a routine deviation is handled. */
export type Zone = 'spot' | 'guideline' | 'escalate';

/** The zones from the widest freedom to the narrowest: the order of every count and table. */
export const ZONES: readonly Zone[] = ['spot', 'guideline', 'escalate'];

/** The zones as people read them (the phone keeps its own copy: it imports no shared values). */
export const ZONE_LABELS: Readonly<Record<Zone, string>> = {
  spot: 'Handle it on the spot',
  guideline: 'Handle it within a guideline',
  escalate: 'Escalate',
};

/** The short zone names used in tables and lists. */
export const ZONE_SHORT_LABELS: Readonly<Record<Zone, string>> = {
  spot: 'On the spot',
  guideline: 'Within a guideline',
  escalate: 'Escalate',
};

/** The four questions of "from rigid to flexible" (slide 22), by id. */
export type TestQuestionId = 'rubberStamp' | 'noValueAdded' | 'canReach' | 'canLearn';

/** The questions in the order they are asked. */
export const TEST_QUESTION_IDS: readonly TestQuestionId[] = [
  'rubberStamp',
  'noValueAdded',
  'canReach',
  'canLearn',
];

/**
 * The questions, each put so that "yes" argues to widen the field. The slide says "when
 * there is no value added by having someone else involved", so the second question asks
 * whether involving someone else adds nothing.
 */
export const TEST_QUESTIONS: Readonly<Record<TestQuestionId, string>> = {
  rubberStamp: 'Is the decision a rubber stamp?',
  noValueAdded: 'Would involving someone else add nothing?',
  canReach: 'Can the person reach the information they need?',
  canLearn: 'Can they learn the criteria?',
};

/** The phases of a round, driven by the facilitator. */
export type PlayingFieldPhase = 'place' | 'test' | 'map';

/** Most cards a deck may hold: a phone flow of 40 cards is already a long one. */
export const MAX_CARDS = 40;
/** Longest card text, in characters. */
export const CARD_TEXT_LENGTH = 140;
/** Longest amount or risk note, in characters. */
export const CARD_NOTE_LENGTH = 60;
/** Longest guideline the facilitator records for a card, in characters. */
export const GUIDELINE_LENGTH = 240;

const cardIdSchema = keySchema(
  /^[A-Za-z0-9_-]{1,32}$/,
  'A card id is 1 to 32 letters, digits, - or _, and not a reserved name',
);

/** Text typed by people, cleaned like any other, with messages that name the field. */
const typedText = (max: number, what: string, isOptional: boolean) =>
  cleanText(max, { what, isOptional });

/** One scenario card as the facilitator edits it. */
export const cardSchema: z.ZodType<PlayingFieldCard> = z.object({
  id: cardIdSchema,
  text: typedText(CARD_TEXT_LENGTH, 'A card’s text', false),
  note: typedText(CARD_NOTE_LENGTH, 'An amount or risk note', true),
});

/** The round's settings: the deck, and the share of the room that counts as agreement. */
export const playingFieldConfigSchema = z
  .object({
    cards: z
      .array(cardSchema)
      .min(2, 'The deck needs at least 2 cards')
      .max(MAX_CARDS, `The deck holds at most ${MAX_CARDS} cards`),
    consensusPercent: z
      .number()
      .int('The share that counts as agreement must be a whole percentage')
      .min(51, 'Agreement needs more than half the room: at least 51 %')
      .max(100, 'The share that counts as agreement is at most 100 %'),
  })
  .superRefine((config, ctx) => {
    const ids = new Set<string>();
    const texts = new Set<string>();
    config.cards.forEach((card, i) => {
      if (ids.has(card.id))
        ctx.addIssue({ code: 'custom', message: 'Each card needs its own id', path: ['cards', i] });
      ids.add(card.id);
      const text = card.text.toLocaleLowerCase();
      if (texts.has(text))
        ctx.addIssue({
          code: 'custom',
          message: `Card ${i + 1} is the same as another card`,
          path: ['cards', i],
        });
      texts.add(text);
    });
  });
/** A playing field round's settings. */
export type PlayingFieldConfig = z.infer<typeof playingFieldConfigSchema>;

const zoneSchema = z.enum(['spot', 'guideline', 'escalate'], {
  error: 'The zone must be on the spot, within a guideline or escalate',
});
const questionSchema = z.enum(['rubberStamp', 'noValueAdded', 'canReach', 'canLearn'], {
  error: 'Unknown question',
});

/** What a participant does: place a card (or take it back), answer the test. */
export const playingFieldParticipantActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('place'), cardId: cardIdSchema, zone: zoneSchema }),
  z.object({ type: z.literal('unplace'), cardId: cardIdSchema }),
  z.object({
    type: z.literal('test.answer'),
    cardId: cardIdSchema,
    question: questionSchema,
    answer: z.boolean(),
  }),
]);
/** A participant's action. */
export type PlayingFieldParticipantAction = z.infer<typeof playingFieldParticipantActionSchema>;

/** What the facilitator does: move the phases, run tests, record the map. */
export const playingFieldFacilitatorActionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('phase'),
    phase: z.enum(['place', 'test', 'map'], { error: 'The phase is place, test or map' }),
  }),
  z.object({ type: z.literal('test.open'), cardId: cardIdSchema }),
  z.object({ type: z.literal('test.close') }),
  z.object({
    type: z.literal('map.set'),
    cardId: cardIdSchema,
    zone: zoneSchema,
    guideline: typedText(GUIDELINE_LENGTH, 'A guideline', true),
  }),
  z.object({ type: z.literal('map.clear'), cardId: cardIdSchema }),
  z.object({ type: z.literal('map.acceptMajority') }),
]);
/** A facilitator's action. */
export type PlayingFieldFacilitatorAction = z.infer<typeof playingFieldFacilitatorActionSchema>;

/** One participant's answers to one card's test; a question not answered yet is absent. */
export type TestAnswers = Partial<Record<TestQuestionId, boolean>>;

/** A card's "rigid to flexible" test: the answers by participant, kept when it closes. */
export interface CardTest {
  cardId: string;
  answers: Record<string, TestAnswers>;
}

/** The zone and guideline the team agreed for a card. */
export interface MapEntry {
  zone: Zone;
  guideline: string;
}

/** A round's state. Placements and answers are kept by participant: private until revealed. */
export interface PlayingFieldState {
  config: PlayingFieldConfig;
  phase: PlayingFieldPhase;
  /** participantId -> cardId -> zone. */
  placements: Record<string, Record<string, Zone>>;
  /** Every card tested so far, in the order first opened. */
  tests: CardTest[];
  /** The card whose test is open for answers, if any. */
  activeTestCardId: string | null;
  /** cardId -> what the team agreed. */
  map: Record<string, MapEntry>;
}
