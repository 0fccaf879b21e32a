/**
 * Scales on the phone, the console and the room screen, fed with views computed by the
 * shared exercise itself: value buttons and skip send ratings, the slider saves when let go,
 * locked rounds disable everything, the console pages the screen, and the screen shows the
 * distribution, the mean and before -> after.
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { RoundContext } from '@playfield/shared';
import {
  scale,
  type ScaleConfig,
  type ScaleParticipantAction,
  type ScaleState,
} from '@playfield/shared/exercises/scale/index';
import ScaleFacilitator from '../../client/src/exercises/scale/Facilitator.tsx';
import { ScaleParticipant } from '../../client/src/exercises/scale/Participant.tsx';
import ScaleScreen from '../../client/src/exercises/scale/Screen.tsx';
import type { Act } from '../../client/src/exercises/types.ts';
import { accepted } from './fixtures.ts';

const CONFIG: ScaleConfig = {
  question: 'How well do we keep our promises?',
  statements: ['We call back when we said we would.', 'We meet delivery dates.'],
  scale: '1-5',
  lowLabel: 'Never',
  highLabel: 'Always',
  allowSkip: true,
  showLive: false,
  compareWith: null,
};
const ctx: RoundContext = { isOpen: true, isRevealed: false, roster: {}, at: 0 };

function rated(config: ScaleConfig, ...ratings: [string, number, number | 'skip'][]) {
  let state: ScaleState = scale.init(config, 'seed');
  for (const [id, statement, value] of ratings) {
    const result = scale.reduce(
      state,
      { type: 'rate', statement, value },
      { role: 'participant', participantId: id },
      ctx,
    );
    if (!result.ok) throw new Error(result.error.message);
    state = result.data;
  }
  return state;
}

function phone(config = CONFIG, state = rated(config), isOpen = true, c = ctx) {
  const act = vi.fn<Act<'scale'>>(() => Promise.resolve(accepted));
  render(
    <ScaleParticipant
      view={scale.participantPublicView(state, c)}
      own={scale.participantOwnView(state, 'p1', c)}
      isOpen={isOpen}
      act={act}
    />,
  );
  return { act, user: userEvent.setup() };
}

describe('ScaleParticipant', () => {
  it('sends the tapped value for a statement, with labelled ends', async () => {
    const { act, user } = phone();
    const group = screen.getByRole('radiogroup', { name: 'We meet delivery dates.' });
    expect(within(group).getAllByRole('radio')).toHaveLength(5);
    await user.click(within(group).getByRole('radio', { name: '5, Always' }));
    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'rate', statement: 1, value: 5 });
  });

  it('shows the saved rating as checked and takes it back when tapped again', async () => {
    const { act, user } = phone(CONFIG, rated(CONFIG, ['p1', 0, 3]));
    const group = screen.getByRole('radiogroup', { name: 'We call back when we said we would.' });
    const three = within(group).getByRole('radio', { name: '3' });
    expect(three).toBeChecked();
    await user.click(three);
    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'rate', statement: 0, value: null });
    expect(screen.getByRole('status')).toHaveTextContent('1 of 2 answered');
  });

  it('offers skip / don’t know when allowed, and not otherwise', async () => {
    const { act, user } = phone();
    await user.click(
      screen.getAllByRole('button', { name: 'Skip / don’t know' })[1] as HTMLElement,
    );
    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'rate', statement: 1, value: 'skip' });
  });

  it('hides skip when the round asks for a rating on every statement', () => {
    phone({ ...CONFIG, allowSkip: false });
    expect(screen.queryByRole('button', { name: /skip/i })).toBeNull();
  });

  it('saves the 0-100 slider when the key is let go, showing its value', () => {
    const config: ScaleConfig = { ...CONFIG, scale: '0-100', statements: ['We keep promises.'] };
    const { act } = phone(config);
    const slider = screen.getByRole('slider', { name: /We keep promises/ });
    expect(screen.getByText('Not rated yet: move the slider')).toBeInTheDocument();
    fireEvent.change(slider, { target: { value: '72' } });
    expect(screen.getByText('72 of 100')).toBeInTheDocument();
    expect(act).not.toHaveBeenCalled();
    fireEvent.keyUp(slider, { key: 'ArrowRight' });
    expect(act).toHaveBeenCalledExactlyOnceWith({
      type: 'rate',
      statement: 0,
      value: 72,
    } satisfies ScaleParticipantAction);
  });

  it('disables every control once locked', () => {
    phone(CONFIG, rated(CONFIG), false);
    for (const radio of screen.getAllByRole('radio')) expect(radio).toBeDisabled();
    expect(screen.getByRole('status')).toHaveTextContent('Ratings are locked.');
  });

  it('shows the room’s mean beside the phone’s own rating after the reveal', () => {
    const state = rated(CONFIG, ['p1', 0, 4], ['p2', 0, 2]);
    phone(CONFIG, state, true, { ...ctx, isRevealed: true });
    expect(screen.getByText('Room: mean 3 from 2 ratings · you: 4')).toBeInTheDocument();
  });
});

describe('ScaleFacilitator', () => {
  it('shows live counts, mean and median per statement and pages the screen', async () => {
    const config = {
      ...CONFIG,
      statements: Array.from({ length: 6 }, (_, i) => `Statement ${i + 1}`),
    };
    const state = rated(config, ['p1', 0, 2], ['p2', 0, 5], ['p3', 0, 'skip']);
    const act = vi.fn<Act<'scale'>>(() => Promise.resolve(accepted));
    render(
      <ScaleFacilitator view={scale.facilitatorView(state, ctx)} participantCount={4} act={act} />,
    );
    expect(screen.getByText(/3 of 4 answered/)).toBeInTheDocument();
    expect(screen.getByText('2 ratings · mean 3.5 · median 3.5 · 1 skipped')).toBeInTheDocument();
    expect(screen.getByRole('figure', { name: /Statement 1: mean 3.5/ })).toBeInTheDocument();
    expect(screen.getByText('Screen shows page 1 of 2')).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Next page' }));
    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'page', page: 1 });
  });
});

describe('ScaleScreen', () => {
  it('lists the statements until the reveal, then shows distribution and mean', () => {
    const state = rated(CONFIG, ['p1', 0, 4], ['p2', 0, 5], ['p3', 0, 4]);
    const { rerender } = render(
      <ScaleScreen view={scale.screenView(state, ctx)} participantCount={5} />,
    );
    expect(screen.getByText('We call back when we said we would.')).toBeInTheDocument();
    expect(screen.queryByText(/Mean/)).toBeNull();
    rerender(
      <ScaleScreen
        view={scale.screenView(state, { ...ctx, isRevealed: true })}
        participantCount={5}
      />,
    );
    const card = screen.getByRole('listitem', { name: 'We call back when we said we would.' });
    expect(card).toHaveTextContent('Mean 4.3 · median 4 · 3 ratings');
    expect(within(card).getByLabelText('4: 2')).toBeInTheDocument();
    expect(
      within(card).getByRole('figure', { name: /mean 4.3, median 4, 3 ratings/ }),
    ).toBeInTheDocument();
  });

  it('shows before -> after for statements the earlier round had', () => {
    const config = { ...CONFIG, compareWith: 'r1' };
    let state = rated(config, ['p1', 0, 4], ['p2', 0, 5]);
    const result = scale.reduce(
      state,
      {
        type: 'baseline',
        roundId: 'r1',
        title: 'Morning check',
        statements: [{ text: 'We call back when we said we would', count: 4, mean: 3, median: 3 }],
      },
      { role: 'facilitator' },
      ctx,
    );
    if (!result.ok) throw new Error(result.error.message);
    state = result.data;
    render(
      <ScaleScreen
        view={scale.screenView(state, { ...ctx, isRevealed: true })}
        participantCount={5}
      />,
    );
    expect(screen.getByText(/dotted: before \(Morning check\)/)).toBeInTheDocument();
    expect(
      screen.getByRole('listitem', { name: 'We call back when we said we would.' }),
    ).toHaveTextContent('before 3 → 4.5 (+1.5)');
    expect(screen.getByRole('listitem', { name: 'We meet delivery dates.' })).not.toHaveTextContent(
      'before',
    );
  });
});
