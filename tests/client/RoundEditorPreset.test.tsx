/**
 * Choosing a ready-made canvas brings its title with it (#17.12), unless the facilitator has
 * typed a title of their own. The editor is controlled: the test holds the round in state.
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { RoundInput } from '@playfield/shared';
import { newRound, RoundEditor } from '../../client/src/components/RoundEditor.tsx';

function Held({ initial }: { initial: RoundInput }) {
  const [round, setRound] = useState(initial);
  return <RoundEditor round={round} idPrefix="t" onChange={setRound} />;
}

async function choosePreset(name: string) {
  const select = await screen.findByRole('combobox', { name: 'Start from' }, { timeout: 10_000 });
  await userEvent.selectOptions(select, name);
}

describe('RoundEditor with a canvas preset', () => {
  it('takes the preset’s title when the round still has the default one', async () => {
    render(<Held initial={newRound('canvas')} />);
    expect(screen.getByLabelText('Round title')).toHaveValue('Canvas');

    await choosePreset('Moments of truth');

    expect(screen.getByLabelText('Round title')).toHaveValue('Moments of truth');
    // Another preset replaces a title that came from a preset.
    await choosePreset('Testbed project canvas');
    expect(screen.getByLabelText('Round title')).toHaveValue('Testbed project canvas');
  }, 20_000);

  it('keeps a title the facilitator typed', async () => {
    render(<Held initial={{ ...newRound('canvas'), title: 'Our own moments' }} />);

    await choosePreset('Moments of truth');

    expect(screen.getByLabelText('Round title')).toHaveValue('Our own moments');
    expect(screen.getByLabelText('Instruction')).not.toHaveValue('');
  }, 20_000);
});
