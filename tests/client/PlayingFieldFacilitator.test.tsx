import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Actor, RoundContext } from '@playfield/shared';
import {
  playingField,
  type PlayingFieldFacilitatorAction,
  type PlayingFieldParticipantAction,
  type PlayingFieldState,
} from '@playfield/shared/exercises/playingField/index';
import type { PlayingFieldConfig } from '@playfield/shared/exercises/playingField/model';
import PlayingFieldFacilitator from '../../client/src/exercises/playingField/Facilitator.tsx';
import type { Act } from '../../client/src/exercises/types.ts';
import { accepted } from './fixtures.ts';
import { useSessionStore } from '../../client/src/stores/useSessionStore.ts';

const CONFIG: PlayingFieldConfig = {
  cards: [
    { id: 'refund', text: 'Refund past the return window', note: '€85' },
    { id: 'fee', text: 'Waive a late fee', note: '€25' },
    { id: 'rush', text: 'Free rush delivery', note: '' },
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

type Step = [Actor, PlayingFieldParticipantAction | PlayingFieldFacilitatorAction];
const FAC: Actor = { role: 'facilitator' };
const p = (id: string): Actor => ({ role: 'participant', participantId: id });

function stateAfter(steps: Step[]): PlayingFieldState {
  return steps.reduce(
    (s, [actor, action]) => {
      const r = playingField.reduce(s, action, actor, ctx());
      if (!r.ok) throw new Error(r.error.message);
      return r.data;
    },
    playingField.init(CONFIG, 'seed'),
  );
}

/** Three people: the refund is agreed (spot), the fee split three ways, rush placed twice. */
const PLACED: Step[] = [
  [p('a'), { type: 'place', cardId: 'refund', zone: 'spot' }],
  [p('b'), { type: 'place', cardId: 'refund', zone: 'spot' }],
  [p('c'), { type: 'place', cardId: 'refund', zone: 'spot' }],
  [p('a'), { type: 'place', cardId: 'fee', zone: 'spot' }],
  [p('b'), { type: 'place', cardId: 'fee', zone: 'guideline' }],
  [p('c'), { type: 'place', cardId: 'fee', zone: 'escalate' }],
  [p('a'), { type: 'place', cardId: 'rush', zone: 'guideline' }],
  [p('b'), { type: 'place', cardId: 'rush', zone: 'escalate' }],
];

function setup(steps: Step[] = PLACED, context = ctx()) {
  const act = vi.fn<Act<'playingField'>>(() => Promise.resolve(accepted));
  const view = playingField.facilitatorView(stateAfter(steps), context);
  const utils = render(<PlayingFieldFacilitator view={view} participantCount={4} act={act} />);
  return { ...utils, act, user: userEvent.setup() };
}

describe('PlayingFieldFacilitator', () => {
  it('moves the round between its phases', async () => {
    const { act, user } = setup();

    const phases = within(screen.getByRole('group', { name: 'Phase of the round' }));
    expect(phases.getByRole('button', { name: '1 · Place the cards' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await user.click(phases.getByRole('button', { name: '3 · The map' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'phase', phase: 'map' });
  });

  it('shows progress, kappa and the live spreads, most contested first', () => {
    setup();

    expect(screen.getByText(/of 4 placed all 3 cards/)).toHaveTextContent(
      '2 of 4 placed all 3 cards · 3 started · 8 placements',
    );
    expect(screen.getByText(/Only you see these live results/)).toBeVisible();
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      'Waive a late fee',
      'Free rush delivery',
      'Refund past the return window',
    ]);
    expect(rows[0]).toHaveTextContent('Contested #1');
    expect(rows[0]).toHaveTextContent('✓1 on the spot§1 within a guideline↑1 escalate');
    expect(rows[2]).toHaveTextContent('Agrees: On the spot');
    // P_i = 1, 0, 0: P-bar = 1/3; 4, 2, 2 of 8 placements: P_e = 0.375; kappa = -1/15.
    expect(screen.getByText(/Agreement:/)).toHaveTextContent(
      'Agreement: κ = -0.07 (poor agreement) · the room agrees (at least 75 %) on 1 of 3 cards',
    );
  });

  it('opens the test of the suggested most contested card', async () => {
    const { act, user } = setup([...PLACED, [FAC, { type: 'phase', phase: 'test' }]]);

    const select = screen.getByRole('combobox', { name: 'Card to test' });
    expect(select).toHaveValue('fee');
    expect(within(select).getByRole('option', { selected: true })).toHaveTextContent(
      '★ Most contested: Waive a late fee',
    );
    await user.selectOptions(select, 'rush');
    await user.click(screen.getByRole('button', { name: 'Open the test' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'test.open', cardId: 'rush' });
  });

  it('tallies the open test, suggests widening, and puts the card on the map', async () => {
    const yes = (who: string): Step[] =>
      (['rubberStamp', 'noValueAdded', 'canReach', 'canLearn'] as const).map((question) => [
        p(who),
        { type: 'test.answer', cardId: 'fee', question, answer: true },
      ]);
    const { act, user } = setup([
      ...PLACED,
      [FAC, { type: 'test.open', cardId: 'fee' }],
      ...yes('a'),
      ...yes('b'),
      [p('c'), { type: 'test.answer', cardId: 'fee', question: 'canLearn', answer: false }],
    ]);

    const panel = screen.getByRole('region', { name: 'Testing: Waive a late fee' });
    const rows = within(panel).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      'Is the decision a rubber stamp?20',
      'Would involving someone else add nothing?20',
      'Can the person reach the information they need?20',
      'Can they learn the criteria?21',
    ]);
    expect(panel).toHaveTextContent(
      '3 answered. A yes majority on all four: widen the field, towards “Within a guideline”.',
    );
    await user.click(
      within(panel).getByRole('button', { name: 'Put it “Within a guideline” on the map' }),
    );
    expect(act).toHaveBeenLastCalledWith({
      type: 'map.set',
      cardId: 'fee',
      zone: 'guideline',
      guideline: '',
    });
    await user.click(within(panel).getByRole('button', { name: 'Close the test' }));
    expect(act).toHaveBeenLastCalledWith({ type: 'test.close' });
  });

  it('warns that locked answers keep the room from answering the test', () => {
    setup([...PLACED, [FAC, { type: 'test.open', cardId: 'fee' }]], ctx({ isOpen: false }));

    expect(screen.getByText(/Answers are locked: reopen answers/)).toBeVisible();
  });

  it('pre-fills each card’s zone with the room’s majority and records zone and guideline', async () => {
    const { act, user } = setup([...PLACED, [FAC, { type: 'phase', phase: 'map' }]]);

    const zone = screen.getByRole('combobox', { name: 'Zone for: Refund past the return window' });
    expect(zone).toHaveValue('spot');
    // The fee's three-way tie goes to the narrowest zone.
    expect(screen.getByRole('combobox', { name: 'Zone for: Waive a late fee' })).toHaveValue(
      'escalate',
    );
    await user.selectOptions(zone, 'guideline');
    await user.type(
      screen.getByRole('textbox', { name: 'Guideline for: Refund past the return window' }),
      'Up to €100, within 60 days',
    );
    const form = screen.getByRole('form', { name: /Refund past the return window/ });
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({
      type: 'map.set',
      cardId: 'refund',
      zone: 'guideline',
      guideline: 'Up to €100, within 60 days',
    });
  });

  it('shows a recorded card as saved, clears it, and fills the rest with the majority', async () => {
    const { act, user } = setup([
      ...PLACED,
      [FAC, { type: 'map.set', cardId: 'fee', zone: 'guideline', guideline: 'Once a year' }],
      [FAC, { type: 'phase', phase: 'map' }],
    ]);

    expect(screen.getByText('1 of 3 cards on the map')).toBeVisible();
    const form = screen.getByRole('form', { name: /Waive a late fee/ });
    expect(within(form).getByRole('button', { name: 'Saved' })).toBeDisabled();
    expect(within(form).getByRole('textbox')).toHaveValue('Once a year');
    await user.click(
      within(form).getByRole('button', { name: 'Take off the map: Waive a late fee' }),
    );
    expect(act).toHaveBeenLastCalledWith({ type: 'map.clear', cardId: 'fee' });
    await user.click(
      screen.getByRole('button', { name: 'Fill the rest with the room’s majority' }),
    );
    expect(act).toHaveBeenLastCalledWith({ type: 'map.acceptMajority' });
  });

  it('shows the server’s refusal', async () => {
    const { act, user } = setup();
    act.mockResolvedValueOnce({
      ok: false,
      error: { code: 'INVALID_ACTION', message: 'No test is open' },
    });
    await user.click(screen.getByRole('button', { name: '2 · Rigid to flexible' }));

    expect(screen.getByRole('alert')).toHaveTextContent('No test is open');
  });

  it('offers the one-page policy beside the map, for this round (#17.11)', async () => {
    useSessionStore.setState({
      facilitator: {
        session: { id: 's1' },
        round: { id: 'r1', title: 'Define the playing field' },
      },
    } as never);
    history.replaceState(null, '', '/console/s1#key=facilitator-token');
    const fetchMock = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(new Response('# Policy', { status: 200 }));
    const { user } = setup([...PLACED, [FAC, { type: 'phase', phase: 'map' }]]);

    const section = screen.getByRole('region', { name: 'One-page policy' });
    await user.click(within(section).getByRole('button', { name: 'Policy as Markdown' }));

    expect(fetchMock).toHaveBeenCalledWith('/api/sessions/s1/rounds/r1/export/md', {
      headers: { authorization: 'Bearer facilitator-token' },
    });
    fetchMock.mockRestore();
  });
});
