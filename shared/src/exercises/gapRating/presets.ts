import type { GapRatingConfig } from './model.ts';

/**
 * The measures of service quality from the Total Customer Service deck (slide 17), as the
 * room rates them: eleven, with the duplicate "accuracy of information" once and "market
 * price" and "supply cost" as one "price".
 */
export const SERVICE_QUALITY_MEASURES = [
  'Friendliness of our service staff',
  'Speed',
  'Accuracy of the information we provide',
  'Technical expertise and knowledge',
  'Quality of the equipment or service',
  'Access and control over dealings with us',
  'Being treated as an individual',
  'Being recognised as important',
  'Flexibility with unusual requests',
  'Ability to communicate',
  'Price',
];

/**
 * Named set-ups for the built-in workshops. "Total customer service = actual service minus
 * expected service; customers are satisfied where actual is equal to or greater than
 * expected" (slide 7).
 */
export const gapRatingPresets = {
  expectedVsActual: {
    title: 'Expected vs actual service',
    config: {
      question:
        'Think of our customers. On each measure of service quality, how good do they expect our service to be, and how good is the service they actually get?',
      measures: [...SERVICE_QUALITY_MEASURES],
      scale: { min: 1, max: 7, lowLabel: 'Very poor', highLabel: 'Excellent' },
    },
  },
} satisfies Record<string, { title: string; config: GapRatingConfig }>;
