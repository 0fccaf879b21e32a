import { render, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LineChart } from '../../client/src/components/LineChart.tsx';

const axisLabels = (container: HTMLElement) =>
  within(container)
    .getAllByTestId('y-label')
    .map((t) => t.textContent);

describe('LineChart', () => {
  it('labels the axis at 0, half and the top, leaving out a middle that reads like an end', () => {
    const points = [
      { t: 0, v: 0 },
      { t: 1, v: 1 },
    ];
    // Whole units over a range of 1.1: the middle (0.55) rounds to "1" like the top.
    const small = render(
      <LineChart
        title="Staffing cost"
        xMax={20}
        yLabel={(v) => v.toFixed(0)}
        series={[{ label: 'cost', points }]}
      />,
    );
    expect(axisLabels(small.container)).toEqual(['0', '1']);
    small.unmount();

    const wide = render(
      <LineChart
        title="Customers waiting"
        xMax={20}
        yLabel={(v) => v.toFixed(0)}
        series={[{ label: 'waiting', points: [...points, { t: 2, v: 10 }] }]}
      />,
    );
    expect(axisLabels(wide.container)).toEqual(['0', '6', '11']);
  });
});
