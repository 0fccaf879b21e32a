import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Accepted, Result } from '@playfield/shared';
import type {
  GapRatingOwnView,
  GapRatingPublicView,
  GapResults,
} from '@playfield/shared/exercises/gapRating/index';
import { GapRatingParticipant } from '../../client/src/exercises/gapRating/Participant.tsx';
import type { Act, ParticipantProps } from '../../client/src/exercises/types.ts';
import { accepted } from './fixtures.ts';

const RESULTS: GapResults = {
  respondents: 4,
  measures: [
    {
      measure: 'Speed',
      expected: 6,
      actual: 3.75,
      gap: -1.67,
      sd: 1.53,
      min: -3,
      max: 0,
      n: 3,
      isSatisfied: false,
    },
    {
      measure: 'Price',
      expected: 4,
      actual: 5.5,
      gap: 1.5,
      sd: 2.12,
      min: 0,
      max: 3,
      n: 2,
      isSatisfied: true,
    },
  ],
};

function publicView(overrides: Partial<GapRatingPublicView> = {}): GapRatingPublicView {
  return {
    question: 'How good do customers expect our service to be, and how good is it?',
    measures: ['Speed', 'Price'],
    scale: { min: 1, max: 7, lowLabel: 'Very poor', highLabel: 'Excellent' },
    results: null,
    ...overrides,
  };
}

const blank: GapRatingOwnView = { expected: [null, null], actual: [null, null] };

function setup(props: Partial<Omit<ParticipantProps<'gapRating'>, 'act'>> = {}) {
  const act = vi.fn<Act<'gapRating'>>(() => Promise.resolve(accepted));
  const all: ParticipantProps<'gapRating'> = {
    view: publicView(),
    own: null,
    isOpen: true,
    ...props,
    act,
  };
  const utils = render(<GapRatingParticipant {...all} />);
  return { ...utils, act, props: all, user: userEvent.setup() };
}

const side = (name: string) => screen.getByRole('radiogroup', { name });

describe('GapRatingParticipant', () => {
  it('shows the first measure with both scales, labelled ends, and the progress', () => {
    setup();

    expect(screen.getByRole('heading', { name: 'Speed' })).toBeVisible();
    expect(screen.getByText(/Measure 1 of 2 · 0 of 4 ratings given/)).toBeVisible();
    const expected = within(side('Expected service: Speed')).getAllByRole('radio');
    expect(expected.map((b) => b.textContent?.trim())).toEqual([
      '7 Excellent',
      '6',
      '5',
      '4',
      '3',
      '2',
      '1 Very poor',
    ]);
    expect(within(side('Actual service: Speed')).getAllByRole('radio')).toHaveLength(7);
    expect(screen.getByRole('progressbar')).toHaveAttribute('value', '0');
  });

  it('sends each rating on its own when the participant taps both sides', async () => {
    const { act, user } = setup();

    await user.click(within(side('Expected service: Speed')).getByRole('radio', { name: /^6/ }));
    await user.click(within(side('Actual service: Speed')).getByRole('radio', { name: /^3/ }));

    expect(act.mock.calls.map(([a]) => a)).toEqual([
      { type: 'rate', measure: 0, side: 'expected', value: 6 },
      { type: 'rate', measure: 0, side: 'actual', value: 3 },
    ]);
  });

  it('marks a rating as chosen as soon as it is tapped, before the own view catches up', async () => {
    const { user } = setup({ own: blank });

    const six = within(side('Expected service: Speed')).getByRole('radio', { name: /^6/ });
    await user.click(six);

    expect(six).toBeChecked();
    expect(screen.getByText(/1 of 4 ratings given/)).toBeVisible();
  });

  it('shows the server’s ratings and progress when the own view holds them', () => {
    setup({ own: { expected: [6, 2], actual: [4, null] } });

    expect(
      within(side('Expected service: Speed')).getByRole('radio', { name: /^6/ }),
    ).toBeChecked();
    expect(within(side('Actual service: Speed')).getByRole('radio', { name: /^4/ })).toBeChecked();
    expect(screen.getByText(/3 of 4 ratings given/)).toBeVisible();
  });

  it('moves between measures and rates the one on show', async () => {
    const { act, user } = setup();

    await user.click(screen.getByRole('button', { name: 'Next measure →' }));
    expect(screen.getByRole('heading', { name: 'Price' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Next measure →' })).toBeDisabled();
    await user.click(within(side('Actual service: Price')).getByRole('radio', { name: /^7/ }));
    await user.click(screen.getByRole('button', { name: '← Previous' }));

    expect(screen.getByRole('heading', { name: 'Speed' })).toBeVisible();
    expect(screen.getByRole('button', { name: '← Previous' })).toBeDisabled();
    expect(act).toHaveBeenCalledExactlyOnceWith({
      type: 'rate',
      measure: 1,
      side: 'actual',
      value: 7,
    });
  });

  it('jumps to a measure from the overview, which says what is rated', async () => {
    const { user } = setup({ own: { expected: [6, 2], actual: [4, null] } });

    await user.click(screen.getByText('All measures'));
    const overview = screen.getByRole('list');
    const jumps = within(overview).getAllByRole('button');
    expect(jumps.map((b) => b.textContent)).toEqual(['Speed✓ rated', 'Price1 of 2']);
    await user.click(jumps[1] as HTMLElement);

    expect(screen.getByRole('heading', { name: 'Price' })).toBeVisible();
  });

  it('takes a rating back when the participant clears it', async () => {
    const { act, user } = setup({ own: { expected: [6, null], actual: [null, null] } });

    expect(screen.queryByRole('button', { name: 'Clear actual' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear expected' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'unrate', measure: 0, side: 'expected' });
  });

  it('does not resend a rating when the chosen value is tapped again', async () => {
    const { act, user } = setup({ own: { expected: [6, null], actual: [null, null] } });

    await user.click(within(side('Expected service: Speed')).getByRole('radio', { name: /^6/ }));

    expect(act).not.toHaveBeenCalled();
  });

  it('shows the server’s message and the previous rating when a rating is refused', async () => {
    const { act, user } = setup({ own: { expected: [2, null], actual: [null, null] } });
    act.mockResolvedValueOnce({
      ok: false,
      error: { code: 'ROUND_LOCKED', message: 'Ratings are locked for this round' },
    } satisfies Result<Accepted>);

    await user.click(within(side('Expected service: Speed')).getByRole('radio', { name: /^5/ }));

    expect(await screen.findByText('Ratings are locked for this round')).toBeVisible();
    expect(
      within(side('Expected service: Speed')).getByRole('radio', { name: /^2/ }),
    ).toBeChecked();
  });

  it('disables every rating and says so when the round is locked', async () => {
    const { act, user } = setup({ isOpen: false, own: { expected: [6, null], actual: [4, null] } });

    for (const radio of screen.getAllByRole('radio')) expect(radio).toBeDisabled();
    expect(screen.queryByRole('button', { name: /Clear/ })).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Ratings are locked.');
    await user.click(screen.getAllByRole('radio')[0] as HTMLElement);
    expect(act).not.toHaveBeenCalled();
  });

  it('shows the gap chart with the verdict in words and the participant’s own gap once revealed', () => {
    setup({
      view: publicView({ results: RESULTS }),
      own: { expected: [6, 4], actual: [4, null] },
    });

    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
    const rows = within(screen.getByRole('list', { name: 'The gap per measure' })).getAllByRole(
      'listitem',
    );
    expect(rows[0]).toHaveTextContent('Speed−1.67 SD 1.5 · yours −2 ✗ Short');
    expect(rows[1]).toHaveTextContent('Price+1.5 SD 2.1 ✓ Satisfied');
    expect(rows[1]).not.toHaveTextContent('yours');
    expect(screen.getByText(/4 people rated/)).toBeVisible();
    // The phone's round title already says "Expected vs actual": no second heading under it.
    expect(screen.queryByRole('heading', { name: 'Expected vs actual' })).not.toBeInTheDocument();
    expect(screen.queryByText('Expected vs actual')).not.toBeInTheDocument();
  });
});
