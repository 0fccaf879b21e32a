import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Actor, RoundContext } from '@playfield/shared';
import {
  playingField,
  type PlayingFieldFacilitatorAction,
  type PlayingFieldParticipantAction,
  type PlayingFieldState,
} from '@playfield/shared/exercises/playingField/index';
import type { PlayingFieldConfig } from '@playfield/shared/exercises/playingField/model';
import PlayingFieldScreen from '../../client/src/exercises/playingField/Screen.tsx';

const CONFIG: PlayingFieldConfig = {
  cards: [
    { id: 'refund', text: 'Refund past the return window', note: '€85' },
    { id: 'fee', text: 'Waive a late fee', note: '€25' },
    { id: 'rush', text: 'Free rush delivery', note: '' },
    { id: 'details', text: 'Account details to a third party', note: 'Data protection risk' },
  ],
  consensusPercent: 75,
};

type Step = [Actor, PlayingFieldParticipantAction | PlayingFieldFacilitatorAction];
const FAC: Actor = { role: 'facilitator' };
const p = (id: string): Actor => ({ role: 'participant', participantId: id });
const ctx = (isRevealed = false): RoundContext => ({ isOpen: true, isRevealed, roster: {}, at: 0 });

function stateAfter(steps: Step[], config = CONFIG): PlayingFieldState {
  return steps.reduce(
    (s, [actor, action]) => {
      const r = playingField.reduce(s, action, actor, ctx());
      if (!r.ok) throw new Error(r.error.message);
      return r.data;
    },
    playingField.init(config, 'seed'),
  );
}

const PLACED: Step[] = [
  [p('a'), { type: 'place', cardId: 'refund', zone: 'spot' }],
  [p('b'), { type: 'place', cardId: 'refund', zone: 'spot' }],
  [p('a'), { type: 'place', cardId: 'fee', zone: 'spot' }],
  [p('b'), { type: 'place', cardId: 'fee', zone: 'escalate' }],
  [p('a'), { type: 'place', cardId: 'rush', zone: 'guideline' }],
  [p('b'), { type: 'place', cardId: 'rush', zone: 'guideline' }],
  [p('a'), { type: 'place', cardId: 'details', zone: 'escalate' }],
  [p('b'), { type: 'place', cardId: 'details', zone: 'escalate' }],
  [p('c'), { type: 'place', cardId: 'details', zone: 'escalate' }],
];

function show(steps: Step[], isRevealed = false, participantCount = 3) {
  const view = playingField.screenView(stateAfter(steps), ctx(isRevealed));
  return render(<PlayingFieldScreen view={view} participantCount={participantCount} />);
}

describe('PlayingFieldScreen', () => {
  it('shows only progress and the three zones before the reveal', () => {
    show(PLACED);

    expect(screen.getByText(/have placed all 4 cards/)).toHaveTextContent(
      '2 of 3 have placed all 4 cards',
    );
    expect(screen.getByText(/9 placements so far/)).toBeVisible();
    expect(
      within(screen.getByRole('list', { name: 'The three zones' })).getAllByRole('listitem'),
    ).toHaveLength(3);
    expect(screen.queryByText('Waive a late fee')).not.toBeInTheDocument();
  });

  it('shows kappa and each card’s spread, most contested first, once revealed', () => {
    show(PLACED, true);

    // P_i = 1, 0, 1, 1: P-bar = 0.75; 3, 2, 4 of 9 placements: P_e = 29/81; kappa = 0.61.
    expect(screen.getByText(/^Agreement/)).toHaveTextContent(
      'Agreement κ = 0.61 (substantial agreement)',
    );
    expect(screen.getByText(/The room agrees on/)).toHaveTextContent(
      'The room agrees on 3 of 4 cards (at least 75 %)',
    );
    const texts = within(
      screen.getByRole('list', { name: 'Spread per card, most contested first' }),
    )
      .getAllByTestId('card-text')
      .map((text) => text.textContent);
    expect(texts).toEqual([
      'Contested #1 Waive a late fee',
      'Agreed Refund past the return window',
      'Agreed Free rush delivery',
      'Agreed Account details to a third party',
    ]);
  });

  it('tallies the open test and suggests widening when all four have a yes majority', () => {
    const yes = (who: string): Step[] =>
      (['rubberStamp', 'noValueAdded', 'canReach', 'canLearn'] as const).map((question) => [
        p(who),
        { type: 'test.answer', cardId: 'fee', question, answer: true },
      ]);
    show([...PLACED, [FAC, { type: 'test.open', cardId: 'fee' }], ...yes('a'), ...yes('b')], true);

    expect(screen.getByText(/From rigid to flexible/)).toHaveTextContent(
      'From rigid to flexible · 2 answered · answering now',
    );
    expect(screen.getByText('Waive a late fee')).toBeVisible();
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      '✓ Is the decision a rubber stamp?20',
      '✓ Would involving someone else add nothing?20',
      '✓ Can the person reach the information they need?20',
      '✓ Can they learn the criteria?20',
    ]);
    // The fee's tie (spot, escalate) goes to escalate: one zone wider is a guideline.
    expect(screen.getByRole('status')).toHaveTextContent(
      'Yes to all four: widen the field, towards “Within a guideline”',
    );
  });

  it('lists the four questions while no card has been tested', () => {
    show([...PLACED, [FAC, { type: 'phase', phase: 'test' }]], true);

    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Is the decision a rubber stamp?',
      'Would involving someone else add nothing?',
      'Can the person reach the information they need?',
      'Can they learn the criteria?',
    ]);
  });

  it('shows the map in three columns with the guidelines', () => {
    show([
      [FAC, { type: 'phase', phase: 'map' }],
      [FAC, { type: 'map.set', cardId: 'fee', zone: 'spot', guideline: 'Once a year' }],
      [FAC, { type: 'map.set', cardId: 'refund', zone: 'guideline', guideline: 'Up to €100' }],
      [FAC, { type: 'map.set', cardId: 'details', zone: 'escalate', guideline: '' }],
    ]);

    expect(screen.getByRole('region', { name: 'Handle it on the spot' })).toHaveTextContent(
      'Waive a late feeOnce a year',
    );
    expect(screen.getByRole('region', { name: 'Handle it within a guideline' })).toHaveTextContent(
      'Refund past the return windowUp to €100',
    );
    expect(screen.getByRole('region', { name: 'Escalate' })).toHaveTextContent(
      'Account details to a third party',
    );
    expect(screen.getByText('1 card still to decide')).toBeVisible();
  });

  it('shows at most fourteen spreads and says how many more there are', () => {
    const cards = Array.from({ length: 20 }, (_, i) => ({
      id: `c${i}`,
      text: `Case number ${i + 1}`,
      note: '',
    }));
    const steps: Step[] = cards.flatMap((c) => [
      [p('a'), { type: 'place', cardId: c.id, zone: 'spot' }] as Step,
      [p('b'), { type: 'place', cardId: c.id, zone: 'spot' }] as Step,
    ]);
    const view = playingField.screenView(
      stateAfter(steps, { cards, consensusPercent: 75 }),
      ctx(true),
    );
    render(<PlayingFieldScreen view={view} participantCount={2} />);

    expect(screen.getAllByTestId('card-spread')).toHaveLength(14);
    expect(screen.getByText('and 6 more cards the room agrees on more')).toBeVisible();
  });
});
