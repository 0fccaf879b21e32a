/**
 * Ranking on the phone, the console and the room screen, fed with views computed by the
 * shared exercise: up/down buttons and the arrow keys reorder and announce the new place,
 * submit sends the whole order, a saved order comes back, locked rounds disable moving, and
 * the console and screen show Borda points, shared ranks and the spread.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { RoundContext } from '@playfield/shared';
import {
  ranking,
  type RankingConfig,
  type RankingState,
} from '@playfield/shared/exercises/ranking/index';
import RankingFacilitator from '../../client/src/exercises/ranking/Facilitator.tsx';
import { RankingParticipant, moveItem } from '../../client/src/exercises/ranking/Participant.tsx';
import RankingScreen from '../../client/src/exercises/ranking/Screen.tsx';
import type { Act } from '../../client/src/exercises/types.ts';
import { accepted } from './fixtures.ts';

const CONFIG: RankingConfig = {
  question: 'Which sin do we commit most?',
  items: ['Apathy', 'Brush-off', 'Coldness', 'Robotism'].map((label) => ({
    label,
    description: '',
  })),
};
const ctx: RoundContext = { isOpen: true, isRevealed: false, roster: {}, at: 0 };

function ranked(...orders: [string, number[]][]): RankingState {
  let state = ranking.init(CONFIG, 'seed');
  for (const [id, order] of orders) {
    const result = ranking.reduce(
      state,
      { type: 'submit', order },
      { role: 'participant', participantId: id },
      ctx,
    );
    if (!result.ok) throw new Error(result.error.message);
    state = result.data;
  }
  return state;
}

function phone(state = ranked(), isOpen = true, c = ctx) {
  const act = vi.fn<Act<'ranking'>>(() => Promise.resolve(accepted));
  render(
    <RankingParticipant
      view={ranking.participantPublicView(state, c)}
      own={ranking.participantOwnView(state, 'p1', c)}
      isOpen={isOpen}
      act={act}
    />,
  );
  return { act, user: userEvent.setup() };
}

const labels = () =>
  within(screen.getByRole('list', { name: 'Which sin do we commit most?' }))
    .getAllByRole('listitem')
    .map((li) => li.textContent?.replace(/[▲▼≡\d\s]+/g, ' ').trim());

describe('RankingParticipant', () => {
  it('moves items with the up and down buttons, announces the new place, and submits the order', async () => {
    const { act, user } = phone();
    expect(labels()).toEqual(['Apathy', 'Brush-off', 'Coldness', 'Robotism']);
    await user.click(screen.getByRole('button', { name: 'Move Coldness up' }));
    await user.click(screen.getByRole('button', { name: 'Move Coldness up' }));
    expect(labels()).toEqual(['Coldness', 'Apathy', 'Brush-off', 'Robotism']);
    expect(screen.getByText('Coldness, now 1 of 4')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Move Apathy down' }));
    expect(labels()).toEqual(['Coldness', 'Brush-off', 'Apathy', 'Robotism']);
    expect(screen.getByRole('button', { name: 'Move Coldness up' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Move Robotism down' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Submit my ranking' }));
    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'submit', order: [2, 1, 0, 3] });
  });

  it('moves the focused item with the arrow keys, Home and End, keeping focus on it', async () => {
    const { user } = phone();
    const handle = screen.getByRole('button', { name: /^Brush-off, place 2 of 4/ });
    handle.focus();
    await user.keyboard('{ArrowDown}');
    expect(labels()).toEqual(['Apathy', 'Coldness', 'Brush-off', 'Robotism']);
    expect(document.activeElement).toBe(handle);
    expect(handle).toHaveAccessibleName(/^Brush-off, place 3 of 4/);
    expect(screen.getByText('Brush-off, now 3 of 4')).toBeInTheDocument();
    await user.keyboard('{Home}');
    expect(labels()).toEqual(['Brush-off', 'Apathy', 'Coldness', 'Robotism']);
    await user.keyboard('{End}');
    expect(labels()).toEqual(['Apathy', 'Coldness', 'Robotism', 'Brush-off']);
  });

  it('starts from the saved order and offers an update only once it changes', async () => {
    const { act, user } = phone(ranked(['p1', [3, 2, 1, 0]]));
    expect(labels()).toEqual(['Robotism', 'Coldness', 'Brush-off', 'Apathy']);
    expect(screen.getByRole('button', { name: 'Ranking saved' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Move Apathy up' }));
    expect(screen.getByRole('status')).toHaveTextContent('Not saved yet');
    await user.click(screen.getByRole('button', { name: 'Update my ranking' }));
    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'submit', order: [3, 2, 0, 1] });
  });

  it('disables moving and submitting once locked', () => {
    phone(ranked(), false);
    expect(screen.getByRole('button', { name: 'Move Brush-off up' })).toBeDisabled();
    expect(screen.queryByRole('button', { name: /Submit/ })).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('Rankings are locked.');
  });

  it('moves an entry within an order', () => {
    expect(moveItem([0, 1, 2, 3], 3, 0)).toEqual([3, 0, 1, 2]);
    expect(moveItem([0, 1, 2, 3], 0, 2)).toEqual([1, 2, 0, 3]);
  });
});

describe('RankingFacilitator and RankingScreen', () => {
  // Points: Apathy 3+0 = 3, Brush-off 2+3 = 5, Coldness 1+2 = 3, Robotism 0+1 = 1. Apathy and
  // Coldness tie on points; Apathy's one first place puts it ahead.
  const state = ranked(['p1', [0, 1, 2, 3]], ['p2', [1, 2, 3, 0]]);

  it('shows the live ranking with points, first places, range and spread on the console', () => {
    const act = vi.fn<Act<'ranking'>>(() => Promise.resolve(accepted));
    render(
      <RankingFacilitator
        view={ranking.facilitatorView(state, ctx)}
        participantCount={3}
        act={act}
      />,
    );
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^1Brush-off51× · 1–2/) as unknown,
      expect.stringMatching(/^2Apathy31× · 1–4/) as unknown,
      expect.stringMatching(/^3Coldness30× · 2–3/) as unknown,
      expect.stringMatching(/^4Robotism10× · 3–4/) as unknown,
    ]);
    expect(screen.getByRole('list', { name: 'Apathy: people per place' })).toBeInTheDocument();
  });

  it('marks shared ranks on the screen after the reveal', () => {
    const tied = ranked(['p1', [0, 1, 2, 3]], ['p2', [1, 0, 3, 2]]);
    render(
      <RankingScreen
        view={ranking.screenView(tied, { ...ctx, isRevealed: true })}
        participantCount={2}
      />,
    );
    const items = within(screen.getByRole('list', { name: 'The room’s ranking' })).getAllByRole(
      'listitem',
    );
    expect(items.map((li) => li.textContent)).toEqual([
      '=1Apathy5 pts1× 1st · places 1–2',
      '=1Brush-off5 pts1× 1st · places 1–2',
      '=3Coldness1 pts0× 1st · places 3–4',
      '=3Robotism1 pts0× 1st · places 3–4',
    ]);
  });
});
