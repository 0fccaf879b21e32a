import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { rolePlay, type RolePlayConfig } from '@playfield/shared/exercises/rolePlay/index';
import { rolePlayPresets } from '@playfield/shared/exercises/rolePlay/presets';
import RolePlayConfigEditor from '../../client/src/exercises/rolePlay/ConfigEditor.tsx';

/** The editor is controlled: hold its config in state as RoundEditor does, and record changes. */
function Harness(props: { initial: RolePlayConfig; onChange: (config: RolePlayConfig) => void }) {
  const [config, setConfig] = useState(props.initial);
  return (
    <RolePlayConfigEditor
      config={config}
      idPrefix="r1"
      onChange={(next) => {
        props.onChange(next);
        setConfig(next);
      }}
    />
  );
}

describe('RolePlayConfigEditor', () => {
  function setup() {
    const onChange = vi.fn<(config: RolePlayConfig) => void>();
    render(<Harness initial={rolePlay.defaultConfig()} onChange={onChange} />);
    return { onChange, user: userEvent.setup() };
  }

  it('loads a ready-made scenario from the presets', async () => {
    const { onChange, user } = setup();

    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Start from a ready-made scenario' }),
      'checkoutLine',
    );

    expect(onChange).toHaveBeenLastCalledWith(rolePlayPresets.checkoutLine?.config);
    expect(screen.getByRole('textbox', { name: 'Scenario title' })).toHaveValue(
      'Why is only one register open?',
    );
  });

  it('switches to pairs and edits a step', async () => {
    const { onChange, user } = setup();

    await user.click(screen.getByRole('radio', { name: /Pairs/ }));
    expect(onChange.mock.lastCall?.[0].groupSize).toBe('pairs');

    const name = screen.getByRole('textbox', { name: 'Step 4 name' });
    await user.clear(name);
    await user.type(name, 'Fix');
    expect(onChange.mock.lastCall?.[0].steps.map((s) => s.name)).toEqual([
      'Communicate',
      'Empathise',
      'Clarify',
      'Fix',
    ]);
  });

  it('adds and removes steps within the bounds', async () => {
    const { onChange, user } = setup();

    await user.click(screen.getByRole('button', { name: 'Remove step 1' }));
    expect(onChange.mock.lastCall?.[0].steps).toHaveLength(3);
    await user.click(screen.getByRole('button', { name: 'Add step' }));
    await user.click(screen.getByRole('button', { name: 'Add step' }));
    await user.click(screen.getByRole('button', { name: 'Add step' }));
    expect(onChange.mock.lastCall?.[0].steps).toHaveLength(6);
    expect(screen.getByRole('button', { name: 'Add step' })).toBeDisabled();
  });
});
