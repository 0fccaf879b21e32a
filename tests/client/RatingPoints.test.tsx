import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { RatingPoints, endsNamed, pointsFrom } from '../../client/src/components/RatingPoints.tsx';

describe('RatingPoints', () => {
  it('is a radio group of the points, the two ends named by what they mean', () => {
    render(
      <RatingPoints
        points={pointsFrom(1, 5)}
        chosen={3}
        nameOf={endsNamed({ min: 1, max: 5, lowLabel: 'Poor', highLabel: 'Excellent' })}
        label="How good was it?"
        pointClass={() => 'point'}
        onPick={() => {}}
      />,
    );

    const group = screen.getByRole('radiogroup', { name: 'How good was it?' });
    expect(group).toBeVisible();
    expect(screen.getAllByRole('radio').map((r) => r.getAttribute('aria-label'))).toEqual([
      '1, Poor',
      '2',
      '3',
      '4',
      '5, Excellent',
    ]);
    expect(screen.getByRole('radio', { name: '3' })).toBeChecked();
    expect(screen.getByRole('radio', { name: '2' })).not.toBeChecked();
  });

  it('marks the chosen point with a tick when asked, and reports the point picked', async () => {
    const onPick = vi.fn();
    render(
      <RatingPoints
        points={pointsFrom(0, 2)}
        chosen={1}
        nameOf={String}
        label="Score"
        pointClass={(isChosen) => (isChosen ? 'chosen' : 'point')}
        hasMark
        onPick={onPick}
      />,
    );

    expect(screen.getByRole('radio', { name: '1' })).toHaveTextContent('✓1');
    expect(screen.getByRole('radio', { name: '0' })).toHaveTextContent(/^0$/);
    await userEvent.setup().click(screen.getByRole('radio', { name: '2' }));
    expect(onPick).toHaveBeenCalledExactlyOnceWith(2);
  });

  it('picks nothing while disabled', async () => {
    const onPick = vi.fn();
    render(
      <RatingPoints
        points={[1, 2]}
        chosen={null}
        nameOf={String}
        label="Score"
        pointClass={() => 'point'}
        disabled
        onPick={onPick}
      />,
    );

    await userEvent.setup().click(screen.getByRole('radio', { name: '1' }));
    expect(onPick).not.toHaveBeenCalled();
  });
});
