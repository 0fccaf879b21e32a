/** The console, the room screen and the settings editor of "Expected vs actual". */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type {
  GapRatingFacilitatorView,
  GapRatingScreenView,
  GapResults,
} from '@playfield/shared/exercises/gapRating/index';
import GapRatingConfigEditor from '../../client/src/exercises/gapRating/ConfigEditor.tsx';
import GapRatingFacilitator from '../../client/src/exercises/gapRating/Facilitator.tsx';
import GapRatingScreen from '../../client/src/exercises/gapRating/Screen.tsx';
import type { Act } from '../../client/src/exercises/types.ts';
import { accepted } from './fixtures.ts';

const SCALE = { min: 1, max: 7, lowLabel: 'Very poor', highLabel: 'Excellent' };

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
    {
      measure: 'Parking',
      expected: null,
      actual: null,
      gap: null,
      sd: null,
      min: null,
      max: null,
      n: 0,
      isSatisfied: null,
    },
  ],
};

function facilitatorView(
  overrides: Partial<GapRatingFacilitatorView> = {},
): GapRatingFacilitatorView {
  return {
    question: 'How good is our service?',
    measures: ['Speed', 'Price', 'Parking'],
    scale: SCALE,
    progress: { respondents: 4, completed: 2, ratings: 12, possible: 24 },
    results: RESULTS,
    ...overrides,
  };
}

function setupConsole(view = facilitatorView(), participantCount = 6) {
  const act = vi.fn<Act<'gapRating'>>(() => Promise.resolve(accepted));
  render(<GapRatingFacilitator view={view} participantCount={participantCount} act={act} />);
  return { act, user: userEvent.setup() };
}

describe('GapRatingFacilitator', () => {
  it('shows live progress and the gap chart with both means before any reveal', () => {
    setupConsole();

    expect(screen.getByText(/4 of 6 started/)).toHaveTextContent(
      '4 of 6 started · 2 rated every measure · 12 of 24 ratings from those who started',
    );
    const rows = within(screen.getByRole('list', { name: 'Live gap per measure' })).getAllByRole(
      'listitem',
    );
    expect(rows[0]).toHaveTextContent('Speed−1.67 SD 1.5 expected 6.0 · actual 3.8 ✗ Short');
    expect(rows[1]).toHaveTextContent('Price+1.5 SD 2.1 expected 4.0 · actual 5.5 ✓ Satisfied');
    expect(rows[2]).toHaveTextContent('Parkingno gap yet expected – · actual –');
  });

  it('lists the figures per measure with the range of gaps in a table', async () => {
    const { user } = setupConsole();

    await user.click(screen.getByText('Figures per measure'));
    const table = screen.getByRole('table', { name: 'Expected, actual and gap per measure' });
    const speed = within(table).getByRole('row', { name: /^Speed/ });
    expect(
      within(speed)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['6.0', '3.8', '−1.67', '1.53', '−3 to 0', '3']);
    // Short headings keep the seven columns inside the console; screen readers hear the words.
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual([
      'Measure',
      'Exp.Expected',
      'Act.Actual',
      'Gap',
      'SDSpread of the gap (SD)',
      'RangeRange of gaps',
      'Rated both',
    ]);
    expect(within(table).getByRole('columnheader', { name: 'Expected' })).toBeVisible();
    expect(screen.getByTitle('Spread of the gap (SD)')).toHaveTextContent('SD');
    expect(screen.queryByRole('region', { name: /scrollable/ })).not.toBeInTheDocument();
  });

  it('sends a reset when Clear ratings is confirmed, and not when cancelled', async () => {
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    const { act, user } = setupConsole();

    await user.click(screen.getByRole('button', { name: 'Clear ratings' }));
    expect(act).not.toHaveBeenCalled();
    confirm.mockReturnValue(true);
    await user.click(screen.getByRole('button', { name: 'Clear ratings' }));

    expect(confirm).toHaveBeenCalledWith('Clear every rating in this round?');
    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'reset' });
  });

  it('disables Clear ratings when nobody has rated', () => {
    setupConsole(
      facilitatorView({ progress: { respondents: 0, completed: 0, ratings: 0, possible: 0 } }),
    );

    expect(screen.getByRole('button', { name: 'Clear ratings' })).toBeDisabled();
  });
});

function screenView(overrides: Partial<GapRatingScreenView> = {}): GapRatingScreenView {
  return {
    question: 'How good is our service?',
    measures: ['Speed', 'Price', 'Parking'],
    scale: SCALE,
    progress: { respondents: 4, completed: 2 },
    results: null,
    ...overrides,
  };
}

describe('GapRatingScreen', () => {
  it('shows the question, how far the room is and the measures before the reveal', () => {
    render(<GapRatingScreen view={screenView()} participantCount={9} />);

    expect(screen.getByRole('heading', { name: 'How good is our service?' })).toBeVisible();
    expect(screen.getByText(/of 9 rating/)).toHaveTextContent('4 of 9 rating · 2 finished');
    const measures = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(measures.map((m) => m.textContent)).toEqual(['Speed', 'Price', 'Parking']);
    expect(screen.queryByText(/Short|Satisfied/)).not.toBeInTheDocument();
  });

  it('shows the gap chart and how many measures fall short once revealed', () => {
    render(<GapRatingScreen view={screenView({ results: RESULTS })} participantCount={9} />);

    expect(screen.getByText(/measures fall short/)).toHaveTextContent(
      '1 of 3 measures fall short of expectations · 4 rated',
    );
    const rows = within(screen.getByRole('list', { name: 'Gap per measure' })).getAllByRole(
      'listitem',
    );
    // The verdict is a word apart from the figures, never "actual 3.8✗ Short".
    expect(rows[0]?.textContent).toMatch(/expected 6\.0 · actual 3\.8 ✗ Short$/);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('✗ Short'),
      expect.stringContaining('✓ Satisfied'),
      expect.not.stringMatching(/Short|Satisfied/),
    ]);
    expect(screen.getByText(/standard deviation/)).toBeVisible();
  });
});

describe('GapRatingConfigEditor', () => {
  const config = { question: 'Q?', measures: ['Speed', 'Price'], scale: SCALE };

  it('edits, adds and removes measures', async () => {
    const onChange = vi.fn();
    const user = userEvent.setup();
    render(<GapRatingConfigEditor config={config} onChange={onChange} idPrefix="r1" />);

    await user.type(screen.getByRole('textbox', { name: 'Measure 2' }), 's');
    expect(onChange).toHaveBeenLastCalledWith({ ...config, measures: ['Speed', 'Prices'] });
    await user.click(screen.getByRole('button', { name: 'Remove measure 1' }));
    expect(onChange).toHaveBeenLastCalledWith({ ...config, measures: ['Price'] });
    await user.click(screen.getByRole('button', { name: 'Add measure' }));
    expect(onChange).toHaveBeenLastCalledWith({ ...config, measures: ['Speed', 'Price', ''] });
  });

  it('fills in the eleven measures of service quality on request', async () => {
    const onChange = vi.fn();
    const user = userEvent.setup();
    render(<GapRatingConfigEditor config={config} onChange={onChange} idPrefix="r1" />);

    await user.click(
      screen.getByRole('button', { name: 'Use the eleven measures of service quality' }),
    );

    const next = onChange.mock.lastCall?.[0] as typeof config;
    expect(next.measures).toHaveLength(11);
    expect(next.measures[0]).toBe('Friendliness of our service staff');
  });

  it('changes the top of the scale and its labels', async () => {
    const onChange = vi.fn();
    const user = userEvent.setup();
    render(<GapRatingConfigEditor config={config} onChange={onChange} idPrefix="r1" />);

    await user.selectOptions(screen.getByRole('combobox', { name: 'From' }), '0');
    expect(onChange).toHaveBeenLastCalledWith({ ...config, scale: { ...SCALE, min: 0 } });
    await user.type(screen.getByRole('textbox', { name: 'High end means' }), '!');
    expect(onChange).toHaveBeenLastCalledWith({
      ...config,
      scale: { ...SCALE, highLabel: 'Excellent!' },
    });
  });
});
