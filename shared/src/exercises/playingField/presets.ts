/**
 * Named set-ups of the playing field for the built-in workshops (The Service Pro,
 * module 3 "Define the playing field", slides 16-22).
 */
import { DEFAULT_DECK, type PlayingFieldCard } from './deck.ts';
import type { PlayingFieldConfig } from './model.ts';

const pick = (...ids: string[]): PlayingFieldCard[] =>
  ids.flatMap((id) => {
    const card = DEFAULT_DECK.find((c) => c.id === id);
    return card ? [{ ...card }] : [];
  });

/** Presets by name: a title for the round and its config. */
export const playingFieldPresets: Record<string, { title: string; config: PlayingFieldConfig }> = {
  /** The full default deck: fourteen routine deviations, 75 % counts as agreement. */
  definePlayingField: {
    title: 'Define the playing field',
    config: { cards: DEFAULT_DECK.map((card) => ({ ...card })), consensusPercent: 75 },
  },
  /** Eight cards, from a fee waiver to a large refund, for a session short of time. */
  quickPlayingField: {
    title: 'Define the playing field (short deck)',
    config: {
      cards: pick(
        'late-refund',
        'fee-waiver',
        'rush-delivery',
        'outage-credit',
        'loyal-discount',
        'no-receipt',
        'account-details',
        'installation-refund',
      ),
      consensusPercent: 75,
    },
  },
  /**
   * The contact centre's deck: what an agent on the phone meets, where no manager is
   * standing by and "I'll have to call you back" is the rigid answer.
   */
  contactCentrePlayingField: {
    title: 'Define the playing field: the contact centre',
    config: {
      cards: [
        ...pick('fee-waiver', 'rush-delivery', 'outage-credit', 'payment-extension'),
        {
          id: 'callback-credit',
          text: 'Credit a customer who was promised a call back that never came',
          note: '€15',
        },
        {
          id: 'contract-exit',
          text: 'Let a customer leave a contract early after moving abroad',
          note: '€180 exit fee',
        },
        {
          id: 'repeat-visit',
          text: 'Send a technician a second time without charging the call-out fee',
          note: '€90',
        },
        {
          id: 'tariff-backdate',
          text: 'Move a customer to a cheaper tariff and backdate it three months',
          note: '€75',
        },
        ...pick('account-details'),
        {
          id: 'complaint-gift',
          text: 'Send flowers or a gift card after a complaint that went badly',
          note: '€50',
        },
      ],
      consensusPercent: 75,
    },
  },
};
