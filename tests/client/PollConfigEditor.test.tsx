import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { LIMITS } from '@playfield/shared/limits';
import type { PollConfig } from '@playfield/shared/exercises/poll/index';
import PollConfigEditor from '../../client/src/exercises/poll/ConfigEditor.tsx';

const CONFIG: PollConfig = {
  question: 'Which channel first?',
  options: ['Phone', 'Email', 'Chat'],
  isMultipleChoice: false,
  isAnonymous: false,
};

/** The editor is controlled: hold its config in state as RoundEditor does, and record changes. */
function Harness(props: { initial: PollConfig; onChange: (config: PollConfig) => void }) {
  const [config, setConfig] = useState(props.initial);
  return (
    <PollConfigEditor
      config={config}
      idPrefix="r1"
      onChange={(next) => {
        props.onChange(next);
        setConfig(next);
      }}
    />
  );
}

function setup(initial: PollConfig = CONFIG) {
  const onChange = vi.fn<(config: PollConfig) => void>();
  render(<Harness initial={initial} onChange={onChange} />);
  return { onChange, user: userEvent.setup() };
}

describe('PollConfigEditor', () => {
  it('reports the new question when the question is edited', async () => {
    const { onChange, user } = setup();

    const question = screen.getByRole('textbox', { name: 'Question' });
    await user.clear(question);
    await user.type(question, 'Best channel?');

    expect(question).toHaveValue('Best channel?');
    expect(onChange).toHaveBeenLastCalledWith({ ...CONFIG, question: 'Best channel?' });
  });

  it('changes only the edited option when an option is edited', async () => {
    const { onChange, user } = setup();

    const second = screen.getByRole('textbox', { name: 'Option 2' });
    await user.clear(second);
    await user.type(second, 'Letter');

    expect(onChange).toHaveBeenLastCalledWith({ ...CONFIG, options: ['Phone', 'Letter', 'Chat'] });
  });

  it('adds an empty option when Add option is pressed', async () => {
    const { onChange, user } = setup();

    await user.click(screen.getByRole('button', { name: 'Add option' }));

    expect(onChange).toHaveBeenLastCalledWith({
      ...CONFIG,
      options: ['Phone', 'Email', 'Chat', ''],
    });
    expect(screen.getByRole('textbox', { name: 'Option 4' })).toHaveValue('');
  });

  it('removes the chosen option when its remove button is pressed', async () => {
    const { onChange, user } = setup();

    await user.click(screen.getByRole('button', { name: 'Remove option 2' }));

    expect(onChange).toHaveBeenLastCalledWith({ ...CONFIG, options: ['Phone', 'Chat'] });
  });

  it('cannot remove an option when only two are left', async () => {
    const { onChange, user } = setup({ ...CONFIG, options: ['Yes', 'No'] });

    const remove = screen.getAllByRole('button', { name: /Remove option/ });
    expect(remove).toHaveLength(2);
    for (const button of remove) {
      expect(button).toBeDisabled();
      await user.click(button);
    }
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getAllByRole('textbox', { name: /Option/ })).toHaveLength(2);
  });

  it('disables Add option when the poll has the most options allowed', () => {
    const options = Array.from({ length: LIMITS.pollOptions }, (_, i) => `Option text ${i + 1}`);
    setup({ ...CONFIG, options });

    expect(LIMITS.pollOptions).toBe(12);
    expect(screen.getByRole('button', { name: 'Add option' })).toBeDisabled();
  });

  it('enables Add option again when one below the limit', () => {
    const options = Array.from({ length: LIMITS.pollOptions - 1 }, (_, i) => `Choice ${i + 1}`);
    setup({ ...CONFIG, options });

    expect(screen.getByRole('button', { name: 'Add option' })).toBeEnabled();
  });

  it('reports multiple choice and anonymity when their boxes are ticked', async () => {
    const { onChange, user } = setup();

    await user.click(screen.getByRole('checkbox', { name: 'Several answers allowed' }));
    expect(onChange).toHaveBeenLastCalledWith({ ...CONFIG, isMultipleChoice: true });

    await user.click(screen.getByRole('checkbox', { name: /Anonymous/ }));
    expect(onChange).toHaveBeenLastCalledWith({
      ...CONFIG,
      isMultipleChoice: true,
      isAnonymous: true,
    });

    await user.click(screen.getByRole('checkbox', { name: 'Several answers allowed' }));
    expect(onChange).toHaveBeenLastCalledWith({ ...CONFIG, isAnonymous: true });
  });
});
