import type { SortConfig } from './model.ts';

/** A named, ready-made sort for a built-in workshop. */
export interface SortPreset {
  title: string;
  config: SortConfig;
}

const PRODUCT = 0;
const SERVICE = 1;
const TACTICAL = 0;
const EXPERIENCED = 1;

/**
 * Ready-made sorts from the seed decks: the playing field's warm-up (The Service Pro,
 * slides 18-19) and "What is customer service?" (Strategic customer service).
 */
export const sortPresets = {
  productOrService: {
    title: 'Product or service performance?',
    config: {
      prompt: 'Is this a mark of product performance or of service performance?',
      categories: ['Product performance', 'Service performance'],
      // The statements of slides 18 (product) and 19 (service), in the deck's words.
      items: [
        { text: 'Tangible, stackable, weighable', answer: PRODUCT },
        { text: 'Intangible in many aspects', answer: SERVICE },
        { text: 'Inventoried in anticipation of need', answer: PRODUCT },
        { text: 'Can’t make it in anticipation of the customer', answer: SERVICE },
        { text: 'Samples sent out', answer: PRODUCT },
        { text: 'Produced with the customer present', answer: SERVICE },
        { text: 'Depreciated over time', answer: PRODUCT },
        { text: 'Customer involvement is the main reason for variance', answer: SERVICE },
        { text: 'Produced in the customer’s absence', answer: PRODUCT },
        { text: 'The receiver’s quality standards prevail', answer: SERVICE },
        { text: 'Can follow a standard template', answer: PRODUCT },
        { text: 'Dynamic: no specific blueprint, no standard template', answer: SERVICE },
        { text: 'The producer’s specs prevail', answer: PRODUCT },
      ],
    },
  },
  tacticalOrStrategic: {
    title: 'Tactical or strategic?',
    config: {
      prompt:
        'What is customer service? Is each answer an internal, tactical measure or what the customer actually experiences?',
      categories: ['Internal tactical measure', 'What the customer experiences'],
      // The executives' first answers, then what the article says really counts.
      items: [
        { text: 'Line fill', answer: TACTICAL },
        { text: 'Case fill', answer: TACTICAL },
        { text: 'Answering the phone in 30 seconds', answer: TACTICAL },
        { text: 'No telephone tag', answer: TACTICAL },
        { text: 'Fast order cycles', answer: TACTICAL },
        { text: 'High fill rates on every order', answer: TACTICAL },
        {
          text: 'The customer holds the right inventory, not too much of the wrong one',
          answer: EXPERIENCED,
        },
        {
          text: 'The customer orders only as often as is economical for them',
          answer: EXPERIENCED,
        },
        {
          text: 'Disruptive service problems that should never have arisen do not arise',
          answer: EXPERIENCED,
        },
        { text: 'The customer’s worst experience with us, not the average', answer: EXPERIENCED },
        { text: 'We improve the customer’s profitability', answer: EXPERIENCED },
        { text: 'We improve the customer’s business processes', answer: EXPERIENCED },
        { text: 'We strengthen the customer’s strategic positioning', answer: EXPERIENCED },
      ],
    },
  },
} satisfies Record<string, SortPreset>;
