import type { QuizConfig, QuizQuestion } from './model.ts';

/** A named, ready-made quiz for a built-in workshop. */
export interface QuizPreset {
  title: string;
  config: QuizConfig;
}

/** A question worth 1000 points with 20 seconds to answer; `correct` are option indices. */
const q = (text: string, options: string[], correct: number[], seconds = 20): QuizQuestion => ({
  text,
  options,
  correct,
  timeLimitSeconds: seconds,
  points: 1000,
});

const settings = { isSpeedBonus: true, leaderboardSize: 5, isAnonymous: false } as const;

/**
 * Ready-made quizzes from the seed decks: the measures of service quality (Total Customer
 * Service, slides 4, 7, 9, 15 and 17), Albrecht's seven sins of service (slides 22-23, the
 * sins as the deck names them, described as Karl Albrecht does) and product against service
 * performance (The Service Pro, slides 18-19, in the deck's words).
 */
export const quizPresets = {
  serviceQuality: {
    title: 'Quiz: the measures of service quality',
    config: {
      ...settings,
      questions: [
        q(
          'Total Customer Service is…',
          [
            'Actual service minus expected service',
            'Expected service minus actual service',
            'Complaints resolved per month',
            'Price minus cost',
          ],
          [0],
        ),
        q(
          'When is a customer satisfied?',
          [
            'When actual service is equal to or greater than what they expected',
            'Only when actual service is far above what they expected',
            'When they pay the lowest price',
            'When they have not complained',
          ],
          [0],
        ),
        q(
          'Which of these are measures of service quality? Choose all that apply.',
          [
            'Friendliness of the service staff',
            'Speed',
            'Number of staff on the payroll',
            'Flexibility in responding to unusual requests',
            'Size of the head office',
            'Being treated as an individual',
          ],
          [0, 1, 3, 5],
          30,
        ),
        q(
          'We over-promise. What happens to our customer base?',
          [
            'Fewer customers, but very satisfied ones',
            'A steady, satisfied customer base',
            'More customers at first, then very dissatisfied ones and negative feedback',
            'Nothing: customers expect it',
          ],
          [2],
        ),
        q(
          'Who defines quality?',
          ['The customer', 'The quality department', 'The product specification', 'The regulator'],
          [0],
        ),
        q(
          'A moment of truth is…',
          [
            'Any contact a customer has with us, however remote, that lets them form an impression',
            'The moment a sale is closed',
            'The yearly customer survey',
            'A complaint escalated to a manager',
          ],
          [0],
        ),
      ],
    },
  },
  sevenSins: {
    title: 'Quiz: the seven sins of service',
    config: {
      ...settings,
      questions: [
        q(
          '“You’ll have to check with another department.” The customer is passed from desk to desk.',
          ['Brush-off', 'Runaround', 'Rule book', 'Apathy'],
          [1],
        ),
        q(
          'The rules come before the customer’s satisfaction, with no discretion for exceptions.',
          ['Robotism', 'Coldness', 'Rule book', 'Condescension'],
          [2],
        ),
        q(
          'A “don’t care” attitude: just doing the job.',
          ['Apathy', 'Runaround', 'Brush-off', 'Robotism'],
          [0],
        ),
        q(
          'Treating the customer like a child who does not understand.',
          ['Coldness', 'Condescension', 'Rule book', 'Apathy'],
          [1],
        ),
        q(
          'The same mechanical script for everyone: “Thank you. Have a nice day. Next.”',
          ['Brush-off', 'Apathy', 'Robotism', 'Runaround'],
          [2],
        ),
        q(
          'Trying to get rid of the customer and their problem.',
          ['Brush-off', 'Condescension', 'Coldness', 'Rule book'],
          [0],
        ),
        q(
          'Chilly hostility: curt, unfriendly, impatient.',
          ['Robotism', 'Coldness', 'Runaround', 'Apathy'],
          [1],
        ),
        q(
          'Which of these are among the seven sins of service? Choose all that apply.',
          ['Apathy', 'Late delivery', 'Runaround', 'High prices', 'Robotism', 'Coldness'],
          [0, 2, 4, 5],
          30,
        ),
      ],
    },
  },
  productOrService: {
    title: 'Quiz: product or service performance?',
    config: {
      ...settings,
      questions: [
        q(
          '“Produced with the customer present” is a mark of…',
          ['Product performance', 'Service performance'],
          [1],
          10,
        ),
        q(
          '“Inventoried in anticipation of need” is a mark of…',
          ['Product performance', 'Service performance'],
          [0],
          10,
        ),
        q(
          '“Can follow a standard template” is a mark of…',
          ['Product performance', 'Service performance'],
          [0],
          10,
        ),
        q(
          'In service performance, whose quality standards prevail?',
          ['The producer’s specifications', 'The receiver’s', 'The industry’s', 'The inspector’s'],
          [1],
        ),
        q(
          'What is the main reason for variance in service?',
          ['Customer involvement', 'Machine wear', 'Raw materials', 'Exchange rates'],
          [0],
        ),
        q(
          'Which are marks of service performance? Choose all that apply.',
          [
            'Intangible in many aspects',
            'Samples sent out',
            'Can’t be made in anticipation of the customer',
            'Depreciated over time',
            'Dynamic: no specific blueprint, no standard template',
          ],
          [0, 2, 4],
          30,
        ),
      ],
    },
  },
} satisfies Record<string, QuizPreset>;
