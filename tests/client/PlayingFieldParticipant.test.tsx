import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { RoundContext } from '@playfield/shared';
import {
  playingField,
  type PlayingFieldOwnView,
  type PlayingFieldState,
} from '@playfield/shared/exercises/playingField/index';
import {
  TEST_QUESTIONS,
  TEST_QUESTION_IDS,
  ZONE_LABELS,
  ZONE_SHORT_LABELS,
  type PlayingFieldConfig,
} from '@playfield/shared/exercises/playingField/model';
import { PlayingFieldParticipant } from '../../client/src/exercises/playingField/Participant.tsx';
import { QUESTIONS, ZONE_INFO } from '../../client/src/exercises/playingField/zones.ts';
import type { Act, ParticipantProps } from '../../client/src/exercises/types.ts';
import { accepted } from './fixtures.ts';

const CONFIG: PlayingFieldConfig = {
  cards: [
    { id: 'late-refund', text: 'Refund past the return window', note: '€85' },
    { id: 'fee', text: 'Waive a late fee', note: '' },
    { id: 'rush', text: 'Free rush delivery', note: '€18' },
  ],
  consensusPercent: 75,
};

const ctx = (overrides: Partial<RoundContext> = {}): RoundContext => ({
  isOpen: true,
  isRevealed: false,
  roster: {},
  at: 0,
  ...overrides,
});

/** A round state with placements made through the exercise's own reducer. */
function stateWith(
  placements: [string, string, 'spot' | 'guideline' | 'escalate'][] = [],
  facilitator: Parameters<typeof playingField.reduce>[1][] = [],
): PlayingFieldState {
  let s = playingField.init(CONFIG, 'seed');
  for (const [who, cardId, zone] of placements) {
    const r = playingField.reduce(
      s,
      { type: 'place', cardId, zone },
      { role: 'participant', participantId: who },
      ctx(),
    );
    if (!r.ok) throw new Error(r.error.message);
    s = r.data;
  }
  for (const action of facilitator) {
    const r = playingField.reduce(s, action, { role: 'facilitator' }, ctx());
    if (!r.ok) throw new Error(r.error.message);
    s = r.data;
  }
  return s;
}

function setup(
  options: {
    state?: PlayingFieldState;
    own?: PlayingFieldOwnView | null;
    isOpen?: boolean;
    isRevealed?: boolean;
  } = {},
) {
  const state = options.state ?? stateWith();
  const act = vi.fn<Act<'playingField'>>(() => Promise.resolve(accepted));
  const props: ParticipantProps<'playingField'> = {
    view: playingField.participantPublicView(
      state,
      ctx({ isRevealed: options.isRevealed ?? false }),
    ),
    own: options.own === undefined ? null : options.own,
    isOpen: options.isOpen ?? true,
    act,
  };
  const utils = render(<PlayingFieldParticipant {...props} />);
  return { ...utils, act, props, user: userEvent.setup() };
}

describe('PlayingFieldParticipant, placing', () => {
  it('shows one card at a time with its progress and amount', () => {
    setup();

    expect(screen.getByText('Card 1 of 3')).toBeVisible();
    expect(
      screen.getByRole('heading', { level: 2, name: 'Refund past the return window' }),
    ).toBeVisible();
    expect(screen.getByText('At stake: €85')).toBeVisible();
    expect(screen.getByLabelText('0 of 3 cards placed')).toHaveAttribute('value', '0');
    const zones = within(screen.getByRole('radiogroup', { name: 'Where does it belong?' }));
    expect(zones.getAllByRole('radio').map((r) => r.textContent)).toEqual([
      expect.stringContaining('Handle it on the spot') as string,
      expect.stringContaining('Handle it within a guideline') as string,
      expect.stringContaining('Escalate') as string,
    ]);
  });

  it('places the card in the tapped zone and moves on to the next card', async () => {
    const { act, user } = setup();

    await user.click(screen.getByRole('radio', { name: 'Handle it within a guideline' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({
      type: 'place',
      cardId: 'late-refund',
      zone: 'guideline',
    });
    expect(await screen.findByRole('heading', { name: 'Waive a late fee' })).toHaveFocus();
    expect(screen.getByText('Card 2 of 3')).toBeVisible();
  });

  it('starts at the first card still to place and marks a placed card as chosen', async () => {
    const { user } = setup({ own: { placements: { 'late-refund': 'spot' }, testAnswers: {} } });

    expect(screen.getByRole('heading', { name: 'Waive a late fee' })).toBeVisible();
    await user.click(screen.getByRole('button', { name: '← Back' }));
    expect(screen.getByRole('heading', { name: 'Refund past the return window' })).toBeVisible();
    expect(screen.getByRole('radio', { name: 'Handle it on the spot' })).toBeChecked();
    expect(screen.getByRole('button', { name: 'Next →' })).toBeEnabled();
    expect(screen.getByRole('status')).toHaveTextContent('Placed: On the spot.');
  });

  it('skips a card without placing it', async () => {
    const { act, user } = setup();

    await user.click(screen.getByRole('button', { name: 'Skip →' }));

    expect(act).not.toHaveBeenCalled();
    expect(screen.getByText('Card 2 of 3')).toBeVisible();
    expect(screen.getByRole('button', { name: '← Back' })).toBeEnabled();
  });

  it('lists every placement for review and opens a card to change it', async () => {
    const { user } = setup({
      own: { placements: { 'late-refund': 'spot', fee: 'escalate' }, testAnswers: {} },
    });

    await user.click(screen.getByRole('button', { name: 'Review all placements' }));
    const items = within(screen.getByRole('list')).getAllByRole('button');
    expect(items.map((b) => b.textContent)).toEqual([
      'Refund past the return window✓ On the spot',
      'Waive a late fee↑ Escalate',
      'Free rush deliveryNot placed yet',
    ]);
    await user.click(items[1]!);
    expect(screen.getByRole('heading', { name: 'Waive a late fee' })).toHaveFocus();
    expect(screen.getByRole('radio', { name: 'Escalate' })).toBeChecked();
  });

  it('shows the review list when every card is placed, saying it can still change', () => {
    setup({
      own: {
        placements: { 'late-refund': 'spot', fee: 'escalate', rush: 'guideline' },
        testAnswers: {},
      },
    });

    expect(screen.getByRole('heading', { name: 'Your placements' })).toBeVisible();
    expect(screen.getByText(/All 3 cards placed/)).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Place the next card' })).not.toBeInTheDocument();
  });

  it('shows the placements read-only once answers are locked', () => {
    setup({ own: { placements: { fee: 'escalate' }, testAnswers: {} }, isOpen: false });

    expect(screen.getByRole('heading', { name: 'Placements are locked' })).toBeVisible();
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.getByText('Waive a late fee')).toBeVisible();
  });

  it('shows the server’s refusal', async () => {
    const { act, user } = setup();
    act.mockResolvedValueOnce({
      ok: false,
      error: { code: 'ROUND_LOCKED', message: 'Answers are locked for this round' },
    });

    await user.click(screen.getByRole('radio', { name: 'Escalate' }));

    expect(screen.getByRole('alert')).toHaveTextContent('Answers are locked for this round');
    expect(screen.getByText('Card 1 of 3')).toBeVisible();
  });
});

describe('PlayingFieldParticipant, after the reveal', () => {
  it('shows each card’s spread with the participant’s own placement and the agreement', () => {
    const state = stateWith([
      ['a', 'late-refund', 'spot'],
      ['b', 'late-refund', 'spot'],
      ['a', 'fee', 'spot'],
      ['b', 'fee', 'escalate'],
    ]);
    setup({
      state,
      isRevealed: true,
      own: { placements: { 'late-refund': 'spot', fee: 'escalate' }, testAnswers: {} },
    });

    expect(screen.getByRole('heading', { name: 'The room’s spread' })).toBeVisible();
    expect(screen.getByText(/The room agrees on 1 of 3 cards/)).toBeVisible();
    const items = screen.getAllByTestId('card-result');
    expect(items[0]).toHaveTextContent('Room agrees: On the spot (100 %)');
    expect(items[0]).toHaveTextContent('2 on the spot (you)');
    expect(items[1]).toHaveTextContent('Most contested #1');
    expect(items[1]).toHaveTextContent('1 escalate (you)');
  });
});

describe('PlayingFieldParticipant, the test and the map', () => {
  it('asks the four questions of the open test and sends each answer', async () => {
    const state = stateWith([], [{ type: 'test.open', cardId: 'fee' }]);
    const { act, user } = setup({
      state,
      own: { placements: {}, testAnswers: { fee: { rubberStamp: true } } },
    });

    expect(screen.getByRole('heading', { name: 'Waive a late fee' })).toBeVisible();
    const first = screen.getByRole('radiogroup', { name: 'Is the decision a rubber stamp?' });
    expect(within(first).getByRole('radio', { name: 'Yes' })).toBeChecked();
    expect(screen.getByRole('status')).toHaveTextContent('1 of 4 answered.');
    const learn = screen.getByRole('radiogroup', { name: 'Can they learn the criteria?' });
    await user.click(within(learn).getByRole('radio', { name: 'No' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({
      type: 'test.answer',
      cardId: 'fee',
      question: 'canLearn',
      answer: false,
    });
  });

  it('waits for the facilitator when no test is open, listing the closed ones', () => {
    const state = stateWith([], [{ type: 'test.open', cardId: 'rush' }, { type: 'test.close' }]);
    setup({ state });

    expect(
      screen.getByText('Waiting for the facilitator to open the test of a card.'),
    ).toBeVisible();
    expect(screen.getByRole('listitem')).toHaveTextContent('Free rush delivery: no answers');
  });

  it('shows the team’s map by zone with the guidelines', () => {
    const state = stateWith(
      [],
      [
        { type: 'phase', phase: 'map' },
        { type: 'map.set', cardId: 'fee', zone: 'guideline', guideline: 'Once a year' },
        { type: 'map.set', cardId: 'rush', zone: 'spot', guideline: '' },
      ],
    );
    setup({ state });

    const guideline = screen.getByRole('region', { name: 'Handle it within a guideline' });
    expect(guideline).toHaveTextContent('Waive a late feeGuideline: Once a year');
    expect(screen.getByRole('region', { name: 'Handle it on the spot' })).toHaveTextContent(
      'Free rush delivery',
    );
    expect(screen.getByRole('region', { name: 'Escalate' })).toHaveTextContent('No cards yet.');
    expect(screen.getByText('1 card is still to be decided.')).toBeVisible();
  });
});

describe('the phone’s wording', () => {
  it('matches the zones and questions of shared, which the summary uses', () => {
    expect(ZONE_INFO.map((z) => [z.id, z.label, z.short])).toEqual(
      (['spot', 'guideline', 'escalate'] as const).map((id) => [
        id,
        ZONE_LABELS[id],
        ZONE_SHORT_LABELS[id],
      ]),
    );
    expect(QUESTIONS).toEqual(TEST_QUESTION_IDS.map((id) => ({ id, text: TEST_QUESTIONS[id] })));
  });
});
