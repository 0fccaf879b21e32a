import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { BrainstormConfig } from '@playfield/shared/exercises/brainstorm/model';
import BrainstormConfigEditor from '../../client/src/exercises/brainstorm/ConfigEditor.tsx';

describe('BrainstormConfigEditor', () => {
  function Harness({ onChange }: { onChange: (c: BrainstormConfig) => void }) {
    const [config, setConfig] = useState<BrainstormConfig>({
      prompt: 'Worst nightmare?',
      isAnonymous: true,
      maxNotesPerPerson: 3,
      noteLength: 200,
      tags: [],
      dotsPerPerson: 3,
      maxDotsPerItem: 2,
    });
    return (
      <BrainstormConfigEditor
        idPrefix="r1"
        config={config}
        onChange={(next) => {
          setConfig(next);
          onChange(next);
        }}
      />
    );
  }

  it('edits the prompt, anonymity, limits and tags', async () => {
    const onChange = vi.fn<(c: BrainstormConfig) => void>();
    const user = userEvent.setup();
    render(<Harness onChange={onChange} />);

    await user.clear(screen.getByRole('textbox', { name: 'Prompt' }));
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'Kudos');
    await user.click(screen.getByRole('checkbox', { name: /Anonymous/ }));
    await user.clear(screen.getByRole('spinbutton', { name: 'Dots per person' }));
    await user.type(screen.getByRole('spinbutton', { name: 'Dots per person' }), '5');
    await user.click(screen.getByRole('button', { name: 'Add tag' }));
    await user.type(screen.getByRole('textbox', { name: 'Tag 1' }), 'Better');
    await user.click(screen.getByRole('button', { name: 'Add tag' }));
    await user.type(screen.getByRole('textbox', { name: 'Tag 2' }), 'Faster');
    await user.click(screen.getByRole('button', { name: 'Remove tag 1' }));

    expect(onChange).toHaveBeenLastCalledWith({
      prompt: 'Kudos',
      isAnonymous: false,
      maxNotesPerPerson: 3,
      noteLength: 200,
      tags: ['Faster'],
      dotsPerPerson: 5,
      maxDotsPerItem: 2,
    });
  });
});
