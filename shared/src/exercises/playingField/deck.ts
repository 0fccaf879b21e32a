/**
 * The built-in deck of scenario cards: routine deviations from a normal customer
 * transaction, each with the amount or the risk that makes it a question of where the
 * playing field ends (The Service Pro, slides 20-21: wide enough for routine deviations,
 * narrow enough to protect the financial integrity of the business).
 */

/** A scenario card as the deck holds it. */
export interface PlayingFieldCard {
  /** Stable within the deck: placements, tests and the map refer to it. */
  id: string;
  /** The situation, as a front-line employee would meet it. */
  text: string;
  /** The amount at stake or the risk, e.g. "€85" or "Fraud risk"; empty when none applies. */
  note: string;
}

/** The default deck: fourteen routine deviations, from small favours to real exposure. */
export const DEFAULT_DECK: readonly PlayingFieldCard[] = [
  {
    id: 'late-refund',
    text: 'Refund an item brought back 10 days after the 30-day return window',
    note: '€85',
  },
  {
    id: 'fee-waiver',
    text: 'Waive the late-payment fee for a customer who forgot to pay once',
    note: '€25',
  },
  {
    id: 'rush-delivery',
    text: 'Upgrade a delayed order to free rush delivery',
    note: '€18 courier cost',
  },
  {
    id: 'outage-credit',
    text: 'Credit a business customer’s account after a week-long service outage',
    note: '€400 credit',
  },
  {
    id: 'loyal-discount',
    text: 'Let a customer of 12 years keep a loyalty discount that expired last month',
    note: '€120 a year',
  },
  {
    id: 'post-warranty',
    text: 'Replace a product that broke two weeks after the warranty ended',
    note: '€240',
  },
  {
    id: 'no-receipt',
    text: 'Take back an item without a receipt, for store credit',
    note: '€60, fraud risk',
  },
  {
    id: 'price-match',
    text: 'Match a competitor’s advertised price at the till',
    note: '€40 difference',
  },
  {
    id: 'goodwill-discount',
    text: 'Give a 10 % goodwill discount after a customer was treated rudely by staff',
    note: 'About €30',
  },
  {
    id: 'payment-extension',
    text: 'Give a struggling small business 30 more days to pay an invoice',
    note: '€5,000, credit risk',
  },
  {
    id: 'advance-replacement',
    text: 'Ship a replacement before the faulty item has come back',
    note: '€150, item may never return',
  },
  {
    id: 'cancellation-fee',
    text: 'Waive the fee for an appointment cancelled on the day',
    note: '€60',
  },
  {
    id: 'account-details',
    text: 'Tell a caller who is not the account holder what is on the account',
    note: 'Data protection risk',
  },
  {
    id: 'installation-refund',
    text: 'Refund a failed installation in full, including the labour',
    note: '€1,200',
  },
];
