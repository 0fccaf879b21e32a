import type { BrainstormConfig } from './model.ts';

/**
 * The brainstorms of the built-in workshops, with the seed decks' own questions: a title
 * for the agenda and a config ready to run.
 */
export const brainstormPresets: Record<string, { title: string; config: BrainstormConfig }> = {
  /** Strategic customer service (seed 002): the question that turned the room from tactics. */
  worstNightmare: {
    title: 'Worst nightmare',
    config: {
      prompt: 'What could a competitor do that would be your worst nightmare?',
      isAnonymous: true,
      maxNotesPerPerson: 3,
      noteLength: 200,
      tags: [],
      dotsPerPerson: 3,
      maxDotsPerItem: 2,
    },
  },
  /** Developing a customer service plan (seed 000): when to be more aggressive for the customer. */
  poundTheTable: {
    title: 'When do we need to pound the table?',
    config: {
      prompt:
        'When do we all need to be more aggressive and pound the table for our customers? Give one real example.',
      isAnonymous: true,
      maxNotesPerPerson: 3,
      noteLength: 200,
      tags: [],
      dotsPerPerson: 3,
      maxDotsPerItem: 2,
    },
  },
  /** The Service Pro (seed 001 [24]-[27]): catch people doing things better, faster, different. */
  recognitionWall: {
    title: 'Recognition wall',
    config: {
      prompt:
        'Catch someone doing things better, faster or different: who was it, and what did they do?',
      isAnonymous: false,
      maxNotesPerPerson: 5,
      noteLength: 200,
      tags: ['Better', 'Faster', 'Different'],
      dotsPerPerson: 3,
      maxDotsPerItem: 1,
    },
  },
  /** The Service Pro (seed 001 [29]): your culture is represented in the stories employees tell. */
  serviceCultureStories: {
    title: 'Service culture stories',
    config: {
      prompt:
        'Tell a story people here tell about serving customers. Is it the culture we want, or the one we have?',
      isAnonymous: true,
      maxNotesPerPerson: 3,
      noteLength: 280,
      tags: ['The culture we want', 'The culture we have'],
      dotsPerPerson: 3,
      maxDotsPerItem: 2,
    },
  },
};
