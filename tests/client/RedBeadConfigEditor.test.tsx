import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { RedBeadConfig } from '@playfield/shared/exercises/redBead/model';
import RedBeadConfigEditor from '../../client/src/exercises/redBead/ConfigEditor.tsx';

const START: RedBeadConfig = {
  beads: 4000,
  redSharePercent: 20,
  paddleHoles: 50,
  workers: 6,
  days: 4,
  hasMechanicalBias: false,
  seed: 'red-beads',
};

function Harness({ onChange }: { onChange: (c: RedBeadConfig) => void }) {
  const [config, setConfig] = useState(START);
  return (
    <RedBeadConfigEditor
      idPrefix="r1"
      config={config}
      onChange={(next) => {
        setConfig(next);
        onChange(next);
      }}
    />
  );
}

describe('RedBeadConfigEditor', () => {
  it('sets the bucket, the crew, the days and the bias, each number under its own label', async () => {
    const onChange = vi.fn<(c: RedBeadConfig) => void>();
    const user = userEvent.setup();
    render(<Harness onChange={onChange} />);

    const workers = screen.getByRole('spinbutton', { name: 'Willing workers' });
    expect(workers).toHaveValue(6);
    expect(workers).toHaveAttribute('max', '12');
    await user.clear(workers);
    await user.type(workers, '4');
    await user.clear(screen.getByRole('spinbutton', { name: 'Days' }));
    await user.type(screen.getByRole('spinbutton', { name: 'Days' }), '5');
    await user.click(screen.getByRole('checkbox', { name: /Mechanical sampling bias/ }));

    expect(onChange).toHaveBeenLastCalledWith({
      ...START,
      workers: 4,
      days: 5,
      hasMechanicalBias: true,
    });
  });
});
