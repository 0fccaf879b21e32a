import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { StepNav } from '../../client/src/components/StepNav.tsx';

describe('StepNav', () => {
  it('goes one step back or on, each button disabled at its end', async () => {
    const onGo = vi.fn();
    const user = userEvent.setup();
    const { rerender } = render(<StepNav index={0} count={3} onGo={onGo} />);

    expect(screen.getByRole('button', { name: '← Previous' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Next →' }));
    expect(onGo).toHaveBeenLastCalledWith(1);

    rerender(<StepNav index={2} count={3} onGo={onGo} previous="← Back" next="Skip →" />);
    expect(screen.getByRole('button', { name: 'Skip →' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: '← Back' }));
    expect(onGo).toHaveBeenLastCalledWith(1);
  });

  it('keeps extra buttons in the same row', () => {
    render(
      <StepNav index={1} count={3} onGo={() => undefined}>
        <button type="button">Review all</button>
      </StepNav>,
    );
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([
      '← Previous',
      'Next →',
      'Review all',
    ]);
  });
});
