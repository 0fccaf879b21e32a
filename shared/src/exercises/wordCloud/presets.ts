import type { WordCloudConfig } from './model.ts';

/** A named, ready-made word cloud for a built-in workshop. */
export interface WordCloudPreset {
  title: string;
  config: WordCloudConfig;
}

/**
 * Ready-made rounds from the seed decks: a warm-up cloud on how customers feel, the
 * barriers to great service (The Service Pro's "remove barriers", as a text wall) and
 * "What is customer service?" (Strategic customer service) in a few words each.
 */
export const wordCloudPresets = {
  customersFeel: {
    title: 'How our customers feel',
    config: {
      question: 'One word for how our customers feel today',
      mode: 'cloud',
      entriesPerPerson: 3,
      maxWords: 1,
      maxLength: 30,
      isAnonymous: true,
      isModerated: false,
      profanity: 'mask',
      isLive: true,
    },
  },
  inTheWay: {
    title: 'What gets in the way',
    config: {
      question: 'What gets in the way of great service?',
      mode: 'text',
      entriesPerPerson: 3,
      maxWords: 3,
      maxLength: 160,
      // People name colleagues and rules here: nobody learns who wrote what.
      isAnonymous: true,
      isModerated: true,
      profanity: 'hold',
      isLive: false,
    },
  },
  whatIsService: {
    title: 'What is customer service?',
    config: {
      question: 'What is customer service? Say it in up to three words.',
      mode: 'cloud',
      entriesPerPerson: 3,
      maxWords: 3,
      maxLength: 40,
      isAnonymous: false,
      isModerated: false,
      profanity: 'hold',
      isLive: false,
    },
  },
} satisfies Record<string, WordCloudPreset>;
