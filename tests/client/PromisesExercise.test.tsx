import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ExerciseViews } from '@playfield/shared';
import { promises } from '@playfield/shared/exercises/promises/index';
import { PromisesParticipant } from '../../client/src/exercises/promises/Participant.tsx';
import PromisesScreen from '../../client/src/exercises/promises/Screen.tsx';
import type { Act } from '../../client/src/exercises/types.ts';
import { accepted } from './fixtures.ts';

const ctx = { isOpen: true, isRevealed: false, roster: {}, at: 0 };
const state = promises.init(promises.defaultConfig(), 'seed');
const closed: ExerciseViews<'promises'>['participantPublic'] = promises.participantPublicView(
  state,
  ctx,
);
const revealed = promises.participantPublicView(state, { ...ctx, isRevealed: true });

describe('PromisesParticipant', () => {
  it('sends one prediction per promise, marking the chosen one', async () => {
    const act = vi.fn<Act<'promises'>>(() => Promise.resolve(accepted));
    const user = userEvent.setup();
    render(
      <PromisesParticipant
        view={closed}
        own={{ predictions: { under: 'steady' } }}
        isOpen
        act={act}
      />,
    );
    const over = screen.getByRole('group', { name: 'Over-promise' });
    await user.click(within(over).getByRole('button', { name: 'Grows' }));
    expect(act).toHaveBeenCalledExactlyOnceWith({
      type: 'predict',
      scenario: 'over',
      outcome: 'grows',
    });
    const under = screen.getByRole('group', { name: 'Under-promise' });
    expect(within(under).getByRole('button', { name: 'Holds steady' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('shows what happened beside the phone’s own prediction once revealed', () => {
    render(
      <PromisesParticipant
        view={revealed}
        own={{ predictions: { over: 'shrinks' } }}
        isOpen={false}
        act={vi.fn<Act<'promises'>>()}
      />,
    );
    expect(screen.getByText('You said: shrinks ✓ right.')).toBeVisible();
    expect(screen.getAllByText('You did not predict this one.')).toHaveLength(2);
  });
});

describe('PromisesScreen', () => {
  it('lists the promises while the room predicts, then draws the curves with the verdicts', () => {
    const { rerender } = render(<PromisesScreen view={closed} participantCount={12} />);
    expect(screen.getByText(/We promise delivery in 3 days/)).toBeVisible();
    rerender(<PromisesScreen view={revealed} participantCount={12} />);
    expect(
      screen.getByRole('img', { name: 'Customers per period for each promise' }),
    ).toBeVisible();
    expect(screen.getAllByText('0 of 0 saw it coming')).toHaveLength(3);
    // The figures are in a table too, for screen readers.
    expect(screen.getByRole('table')).toBeInTheDocument();
  });
});
