import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { DotVoteConfig } from '@playfield/shared/exercises/dotVote/index';
import DotVoteConfigEditor from '../../client/src/exercises/dotVote/ConfigEditor.tsx';

const CONFIG: DotVoteConfig = {
  question: 'Which sources do you use?',
  options: ['Letters', 'Complaints', 'CSI'].map((label) => ({ label, description: '' })),
  rule: { mode: 'choose', min: 2, max: 3 },
  exampleMode: 'off',
  isAnonymous: false,
  showShortfallNames: true,
};

function Harness(props: { initial: DotVoteConfig; onChange: (config: DotVoteConfig) => void }) {
  const [config, setConfig] = useState(props.initial);
  return (
    <DotVoteConfigEditor
      config={config}
      idPrefix="r1"
      onChange={(next) => {
        props.onChange(next);
        setConfig(next);
      }}
    />
  );
}

function setup(initial: DotVoteConfig = CONFIG) {
  const onChange = vi.fn<(config: DotVoteConfig) => void>();
  render(<Harness initial={initial} onChange={onChange} />);
  return { user: userEvent.setup(), last: () => onChange.mock.lastCall?.[0] };
}

describe('DotVoteConfigEditor', () => {
  it('switches to spreading dots with a sensible rule, and back', async () => {
    const { user, last } = setup();

    await user.selectOptions(
      screen.getByRole('combobox', { name: 'How people vote' }),
      'Spread dots',
    );
    expect(last()?.rule).toEqual({ mode: 'dots', dots: 5, maxPerOption: 3 });
    expect(screen.getByRole('spinbutton', { name: 'Dots per person' })).toHaveValue(5);
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'How people vote' }),
      'Choose several',
    );
    expect(last()?.rule).toEqual({ mode: 'choose', min: 0, max: 3 });
  });

  it('turns names of who falls short off, and disables them, when the vote becomes anonymous', async () => {
    const { user, last } = setup();

    const names = screen.getByRole('checkbox', { name: /Name who falls short/ });
    expect(names).toBeChecked();
    await user.click(screen.getByRole('checkbox', { name: /Anonymous/ }));

    expect(last()).toMatchObject({ isAnonymous: true, showShortfallNames: false });
    expect(names).not.toBeChecked();
    expect(names).toBeDisabled();
  });

  it('asks for examples when chosen', async () => {
    const { user, last } = setup();

    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Examples' }),
      'An example is required for each choice',
    );

    expect(last()?.exampleMode).toBe('required');
  });

  it('edits an option’s description and keeps the maximum within the options when one is removed', async () => {
    const { user, last } = setup();

    await user.type(
      screen.getByRole('textbox', { name: 'Description of option 3 (optional)' }),
      'Index',
    );
    expect(last()?.options[2]).toEqual({ label: 'CSI', description: 'Index' });
    await user.click(screen.getByRole('button', { name: 'Remove option 1' }));
    expect(last()?.options.map((o) => o.label)).toEqual(['Complaints', 'CSI']);
    expect(last()?.rule).toEqual({ mode: 'choose', min: 2, max: 2 });
  });
});
