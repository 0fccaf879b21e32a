import type { CanvasConfig } from './model.ts';

const IMPRESSION = {
  question: 'Impression it leaves',
  max: 5,
  lowLabel: 'Poor',
  highLabel: 'Excellent',
};

/**
 * Named canvases for the built-in workshops, with the content of the seed decks: the
 * testbed project (strategic customer service), moments of truth and the internal service
 * chain with its ripple effect (Total Customer Service, slides 11-15).
 */
export const canvasPresets = {
  testbedProject: {
    title: 'Testbed project canvas',
    config: {
      prompt:
        'Plan a testbed project: a limited, low-risk experiment with one customer to discover a strategic customer service innovation, one that improves their profitability, business processes or strategic positioning.',
      boxes: [
        {
          title: 'The opportunity',
          hint: 'Choose it carefully: which customer and situation, where conditions for trying something new are ideal and the risk is low? Not your premier account.',
          isRated: false,
        },
        {
          title: 'What the customer gains',
          hint: 'How could this improve the customer’s profitability, business processes or strategic positioning?',
          isRated: false,
        },
        {
          title: 'Changes as we go',
          hint: 'What will we watch and measure, and how will we adapt as the customer’s real needs and concerns surface?',
          isRated: false,
        },
        {
          title: 'Counterparts to involve early',
          hint: 'Which departments must help shape it from the start, and what is in it for each of them?',
          isRated: false,
        },
        {
          title: 'Organisational indifference',
          hint: 'Which departmental goals, measures or budgets could stop it, and how will we get past them?',
          isRated: false,
        },
        {
          title: 'First steps',
          hint: 'What happens in the next 30 days, and who does it?',
          isRated: false,
        },
      ],
      rating: IMPRESSION,
      tags: [],
      maxEntriesPerPerson: 12,
      isAnonymous: false,
      actionPrompt:
        'What is the first step I will take on our testbed project, and which counterpart in another department will I involve this week?',
    },
  },
  momentsOfTruth: {
    title: 'Moments of truth',
    config: {
      prompt:
        'A moment of truth is any contact a customer has with us, no matter how remote, that gives them the chance to form an impression (Jan Carlzon). List the contacts and rate the impression each one leaves.',
      boxes: [
        {
          title: 'Before they buy',
          hint: 'Adverts, the website, word of mouth, the first call or visit, a quote…',
          isRated: true,
        },
        {
          title: 'Buying',
          hint: 'The counter, the order, the contract, the invoice, the payment…',
          isRated: true,
        },
        {
          title: 'Using it',
          hint: 'Delivery, installation, the product or service itself, a question to support…',
          isRated: true,
        },
        {
          title: 'When something goes wrong',
          hint: 'A complaint, a return, a repair, the follow-up call…',
          isRated: true,
        },
      ],
      rating: IMPRESSION,
      tags: [],
      maxEntriesPerPerson: 12,
      isAnonymous: false,
      actionPrompt:
        'Which moment of truth in my own work leaves the weakest impression, and what will I change about it this month?',
    },
  },
  internalServiceChain: {
    title: 'Internal service chain',
    config: {
      prompt:
        'Map our internal service chain: each of us is a customer when we receive work and a supplier when we pass it on. Note what flows along each link, and tag where a problem is passed on as “not mine” (the ripple effect).',
      boxes: [
        {
          title: 'What we receive',
          hint: 'Who supplies work, information or materials to us, and what do we need from them?',
          isRated: false,
        },
        {
          title: 'The value we add',
          hint: 'What does our team do to it before we pass it on?',
          isRated: false,
        },
        {
          title: 'Our internal customers',
          hint: 'Who receives our work next, and what do they expect from us?',
          isRated: false,
        },
        {
          title: 'The external customer',
          hint: 'What does the paying customer finally experience of it?',
          isRated: false,
        },
        {
          title: 'Feedback back up the chain',
          hint: 'How do measurement and feedback reach the people who can fix the problem?',
          isRated: false,
        },
      ],
      rating: IMPRESSION,
      tags: ['Not mine', 'Reaches the customer'],
      maxEntriesPerPerson: 12,
      // Where problems are passed on is easier to say when nobody can be blamed for saying it.
      isAnonymous: true,
      actionPrompt:
        'Where do I pass a problem on as “not mine”? What will I do differently as a supplier to my next internal customer?',
    },
  },
} satisfies Record<string, { title: string; config: CanvasConfig }>;
