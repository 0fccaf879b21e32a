import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BarChart } from '../../client/src/components/BarChart.tsx';

function rows() {
  return within(screen.getByRole('list', { name: 'Answers' })).getAllByRole('listitem');
}

describe('BarChart', () => {
  it('writes each count and its share as text when values are given', () => {
    render(<BarChart label="Answers" labels={['Yes', 'No', 'Maybe']} values={[1, 2, 1]} />);

    expect(rows().map((row) => row.textContent)).toEqual([
      'Yes1 (25%)',
      'No2 (50%)',
      'Maybe1 (25%)',
    ]);
  });

  it('shows 0% rather than dividing by zero when nobody answered', () => {
    render(<BarChart label="Answers" labels={['Yes', 'No']} values={[0, 0]} />);

    expect(rows().map((row) => row.textContent)).toEqual(['Yes0 (0%)', 'No0 (0%)']);
  });

  it('counts a missing value as zero when there are fewer values than labels', () => {
    render(<BarChart label="Answers" labels={['Yes', 'No']} values={[3]} />);

    expect(rows()[1]).toHaveTextContent('No0 (0%)');
  });

  it('marks chosen rows in words, not only by colour, when marked indices are given', () => {
    render(<BarChart label="Answers" labels={['Yes', 'No']} values={[1, 1]} marked={[1]} />);

    expect(rows()[0]).not.toHaveTextContent('your answer');
    expect(rows()[1]).toHaveTextContent('No (your answer)1 (50%)');
  });

  it('hides the bars from assistive technology because the text already says it all', () => {
    render(<BarChart label="Answers" labels={['Yes']} values={[2]} />);

    const track = rows()[0]?.querySelector('[aria-hidden="true"]');
    expect(track).not.toBeNull();
    expect(track).toHaveTextContent('');
  });

  it('draws negative values left of a zero line and writes them with their unit', () => {
    render(
      <BarChart label="Answers" labels={['Speed', 'Price']} values={[-1.5, 0.75]} unit="points" />,
    );

    expect(rows()[0]).toHaveTextContent('Speed-1.5 points');
    expect(rows()[1]).toHaveTextContent('Price0.8 points');
    const bar = (row: number) =>
      rows()[row]?.querySelector<HTMLElement>('.bar-chart__bar')?.style ?? null;
    // The largest magnitude spans half the track, leftwards from the middle when negative.
    expect(bar(0)).toMatchObject({ width: '50%', marginLeft: '0%' });
    expect(bar(1)).toMatchObject({ width: '25%', marginLeft: '50%' });
  });
});
