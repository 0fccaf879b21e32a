import type { DotVoteConfig } from './model.ts';

/** A named, ready-made dot vote for a built-in workshop. */
export interface DotVotePreset {
  title: string;
  config: DotVoteConfig;
}

const plain = (...labels: string[]) => labels.map((label) => ({ label, description: '' }));

/**
 * Ready-made votes from the seed decks: listening sources (The Service Pro, slide 10),
 * Albrecht's seven sins (Total Customer Service, slides 22-23) and a dot vote on the
 * measures of service quality (Total Customer Service, slide 17).
 */
export const dotVotePresets = {
  listeningSources: {
    title: 'Listening sources',
    config: {
      question: 'Which sources of customer information does your team use on a continual basis?',
      options: [
        ...plain('Letters', 'Focus groups', 'Complaints', 'One-on-ones', 'Survey cards'),
        ...plain('Market research'),
        { label: 'Loyalty and defection rates', description: 'Who stays, who leaves, and why' },
        ...plain('Panel groups'),
        { label: 'CSI', description: 'Customer satisfaction index' },
      ],
      // "Use a minimum of three on a continual basis."
      rule: { mode: 'choose', min: 3, max: 9 },
      exampleMode: 'off',
      isAnonymous: false,
      showShortfallNames: false,
    },
  },
  sevenSins: {
    title: 'The seven sins of service',
    config: {
      question:
        'Which of these happen in our internal service? Give an example of each you choose.',
      // The deck names the sins; the one-line descriptions follow Karl Albrecht's.
      options: [
        { label: 'Apathy', description: 'A “don’t care” attitude: just doing the job' },
        { label: 'Brush-off', description: 'Trying to get rid of the person and their problem' },
        {
          label: 'Coldness',
          description: 'Chilly hostility: curt, unfriendly, impatient or inconsiderate',
        },
        {
          label: 'Condescension',
          description: 'Treating the person like a child who does not understand',
        },
        { label: 'Robotism', description: 'The same mechanical script for everyone, no warmth' },
        {
          label: 'Rule book',
          description: 'The rules come before satisfaction; no discretion for exceptions',
        },
        {
          label: 'Runaround',
          description: '“You’ll have to check with …”: passed from desk to desk',
        },
      ],
      rule: { mode: 'choose', min: 0, max: 7 },
      exampleMode: 'required',
      // The examples are about colleagues: nobody learns who gave which.
      isAnonymous: true,
      showShortfallNames: false,
    },
  },
  improveFirst: {
    title: 'Where to improve first',
    config: {
      question:
        'Spend your 5 dots on the measures of service quality where our customers most need us to improve.',
      options: plain(
        'Friendliness of our service staff',
        'Speed',
        'Accuracy of the information we provide',
        'Technical expertise and knowledge',
        'Quality of the equipment or service',
        'Access and control over dealings with us',
        'Being treated as an individual',
        'Being recognised as important',
        'Flexibility in responding to unusual requests',
        'Ability to communicate',
        'Price',
      ),
      rule: { mode: 'dots', dots: 5, maxPerOption: 3 },
      exampleMode: 'optional',
      isAnonymous: false,
      showShortfallNames: false,
    },
  },
} satisfies Record<string, DotVotePreset>;
