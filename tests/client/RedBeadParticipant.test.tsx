/**
 * The Red Bead Experiment on a phone, from views the shared exercise computes: whose turn
 * it is reads from the phone's own point of view.
 */
import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Actor, RoundContext } from '@playfield/shared';
import { redBead, type RedBeadState } from '@playfield/shared/exercises/redBead/index';
import type { RedBeadFacilitatorAction } from '@playfield/shared/exercises/redBead/model';
import { RedBeadParticipant } from '../../client/src/exercises/redBead/Participant.tsx';
import type { Act } from '../../client/src/exercises/types.ts';
import { accepted } from './fixtures.ts';

const NAMES: Record<string, string> = { 'p-ann': 'Ann', 'p-bob': 'Bob', 'p-cy': 'Cy' };
const CTX: RoundContext = {
  isOpen: true,
  isRevealed: false,
  at: 1000,
  roster: Object.fromEntries(
    Object.entries(NAMES).map(([id, name]) => [id, { id, name, hasLeft: false }]),
  ),
};
const FAC: Actor = { role: 'facilitator' };

function step(state: RedBeadState, action: RedBeadFacilitatorAction): RedBeadState {
  const result = redBead.reduce(state, action, FAC, CTX);
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

/** Ann and Bob are the willing workers, Cy watches; day 1 has started and Ann dips first. */
function dayOne(): RedBeadState {
  let s = redBead.init({ ...redBead.defaultConfig(), workers: 2 }, 'seed');
  s = step(s, { type: 'assign', role: 'worker', slot: 0, participantId: 'p-ann' });
  s = step(s, { type: 'assign', role: 'worker', slot: 1, participantId: 'p-bob' });
  return step(s, { type: 'startDay' });
}

function renderFor(participantId: string, state: RedBeadState) {
  const act = vi.fn<Act<'redBead'>>(() => Promise.resolve(accepted));
  render(
    <RedBeadParticipant
      view={redBead.participantPublicView(state, CTX)}
      own={redBead.participantOwnView(state, participantId, CTX)}
      isOpen
      act={act}
    />,
  );
  return act;
}

describe('RedBeadParticipant', () => {
  it('tells the worker at the bucket that it is their turn, in their own words', () => {
    renderFor('p-ann', dayOne());
    expect(screen.getByText(/^Your turn: dip the paddle/)).toBeVisible();
    expect(screen.queryByText(/Ann is at the bucket/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Dip the paddle' })).toBeEnabled();
  });

  it('tells everyone else who is at the bucket, without a paddle to dip', () => {
    renderFor('p-cy', dayOne());
    expect(screen.getByText('Day 1 of 4: Ann is at the bucket.')).toBeVisible();
    expect(screen.queryByText(/Your turn/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Dip the paddle' })).toBeNull();
  });
});
