import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DotStepper } from '../../client/src/components/DotStepper.tsx';

type Props = Parameters<typeof DotStepper>[0];

function setup(props: Partial<Props> = {}) {
  const onStep = vi.fn();
  render(<DotStepper name="Speed" dots={1} max={2} left={2} onStep={onStep} {...props} />);
  return {
    onStep,
    user: userEvent.setup(),
    add: screen.getByRole('button', { name: 'Put a dot on Speed' }),
    remove: screen.getByRole('button', { name: 'Take a dot off Speed' }),
  };
}

describe('DotStepper', () => {
  it('calls back with +1 and −1 and shows the count in words', async () => {
    const { onStep, user, add, remove } = setup();

    expect(add.parentElement).toHaveTextContent('1 dot');
    await user.click(add);
    expect(onStep).toHaveBeenLastCalledWith(1);
    await user.click(remove);
    expect(onStep).toHaveBeenLastCalledWith(-1);
    expect(onStep).toHaveBeenCalledTimes(2);
  });

  it('stops "+" at the item’s cap', async () => {
    const { onStep, user, add, remove } = setup({ dots: 2, max: 2, left: 1 });

    expect(add).toBeDisabled();
    expect(remove).toBeEnabled();
    await user.click(add);
    expect(onStep).not.toHaveBeenCalled();
  });

  it('stops "+" when no dot is left and "−" when the item has none', () => {
    const { add, remove } = setup({ dots: 0, max: 2, left: 0 });

    expect(add).toBeDisabled();
    expect(remove).toBeDisabled();
  });

  it('disables both while the vote is locked or a tap is being sent', () => {
    const { add, remove } = setup({ disabled: true });

    expect(add).toBeDisabled();
    expect(remove).toBeDisabled();
  });

  it('reads the count out as it changes, the marks hidden from screen readers', () => {
    setup({ dots: 2, max: 3, layout: 'row' });

    const count = screen.getByText('2 dots', { exact: false });
    expect(count).toHaveAttribute('aria-live', 'polite');
    expect(count).toHaveTextContent('●●○ 2 dots');
    expect(count.querySelector('[aria-hidden="true"]')).toHaveTextContent('●●○');
  });
});
