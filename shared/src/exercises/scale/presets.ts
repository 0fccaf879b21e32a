import type { ScaleConfig } from './model.ts';

/** A named, ready-made scale round for a built-in workshop. */
export interface ScalePreset {
  title: string;
  config: ScaleConfig;
}

/**
 * Ready-made scales from the seed decks: a temperature check on the service basics of The
 * Service Pro (listening, the system, the playing field, recognition; run it before and after
 * a module, the second with `compareWith` set to the first), and the promises slide of Total
 * Customer Service (`003`, slide 9).
 */
export const scalePresets = {
  temperatureCheck: {
    title: 'Temperature check: the service basics',
    config: {
      question: 'How true is each statement of our team today?',
      statements: [
        'We listen to customers through at least three sources, all the time.',
        'We know what our customers expect of us.',
        'Our systems help us serve customers, rather than get in the way.',
        'We may handle routine exceptions on the spot, without asking.',
        'We notice and recognise colleagues who do things better.',
        'Problems are fixed where they start, not passed on as “not mine”.',
      ],
      scale: '1-5',
      lowLabel: 'Strongly disagree',
      highLabel: 'Strongly agree',
      allowSkip: true,
      showLive: false,
      compareWith: null,
    },
  },
  promises: {
    title: 'How well do we keep our promises?',
    config: {
      question: 'How well do we keep our promises?',
      statements: [
        'We promise delivery dates we can meet.',
        'What sales promises, service delivers.',
        'We call back when we said we would.',
        'Customers get what our website and brochures describe.',
      ],
      scale: '1-10',
      lowLabel: 'Never',
      highLabel: 'Always',
      allowSkip: true,
      showLive: false,
      compareWith: null,
    },
  },
} satisfies Record<string, ScalePreset>;
