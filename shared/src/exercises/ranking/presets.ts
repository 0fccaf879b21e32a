import type { RankingConfig } from './model.ts';

/** A named, ready-made ranking for a built-in workshop. */
export interface RankingPreset {
  title: string;
  config: RankingConfig;
}

/**
 * Ready-made rankings from the seed decks: Albrecht's seven sins of service (Total Customer
 * Service, `003`, slides 22-23) and the enemies of business success (The Service Pro, `001`,
 * slide 7).
 */
export const rankingPresets = {
  sevenSins: {
    title: 'The seven sins of service, by how often we commit them',
    config: {
      question: 'Rank the seven sins of service by how often we commit them, most often first.',
      items: [
        { label: 'Apathy', description: 'A “don’t care” attitude: just doing the job' },
        { label: 'Brush-off', description: 'Trying to get rid of the person and their problem' },
        { label: 'Coldness', description: 'Curt, unfriendly, impatient or inconsiderate' },
        { label: 'Condescension', description: 'Treating the person like a child' },
        { label: 'Robotism', description: 'The same mechanical script for everyone' },
        { label: 'Rule book', description: 'The rules come before satisfaction' },
        { label: 'Runaround', description: '“You’ll have to check with …”' },
      ],
    },
  },
  enemies: {
    title: 'The enemies of business success',
    config: {
      question: 'Which enemy of business success does us the most harm? Most harmful first.',
      items: [
        { label: 'Putting a spin on customer information', description: '' },
        { label: 'False happy talk', description: '' },
        { label: 'Ambiguous information', description: '' },
        { label: 'Numbers without meaning', description: '' },
      ],
    },
  },
} satisfies Record<string, RankingPreset>;
