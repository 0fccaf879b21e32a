import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ChoiceButton } from '../../client/src/components/ChoiceButton.tsx';

describe('ChoiceButton', () => {
  it('is a checked radio with a tick when chosen in a group, and reports a tap', async () => {
    const onChoose = vi.fn();
    render(
      <div role="radiogroup" aria-label="Category">
        <ChoiceButton role="radio" isChosen onChoose={onChoose}>
          Product
        </ChoiceButton>
        <ChoiceButton role="radio" isChosen={false} onChoose={onChoose}>
          Service
        </ChoiceButton>
      </div>,
    );

    expect(screen.getByRole('radio', { name: 'Product' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Product' })).toHaveTextContent('✓Product');
    expect(screen.getByRole('radio', { name: 'Service' })).not.toBeChecked();
    expect(screen.getByRole('radio', { name: 'Service' })).toHaveTextContent(/^Service$/);
    await userEvent.setup().click(screen.getByRole('radio', { name: 'Service' }));
    expect(onChoose).toHaveBeenCalledOnce();
  });

  it('is a pressed toggle without a role, with its own mark, and cannot be tapped disabled', async () => {
    const onChoose = vi.fn();
    render(
      <ChoiceButton isChosen mark="✗" disabled onChoose={onChoose}>
        No
      </ChoiceButton>,
    );

    const button = screen.getByRole('button', { name: 'No' });
    expect(button).toHaveAttribute('aria-pressed', 'true');
    expect(button).toHaveTextContent('✗No');
    await userEvent.setup().click(button);
    expect(onChoose).not.toHaveBeenCalled();
  });
});
