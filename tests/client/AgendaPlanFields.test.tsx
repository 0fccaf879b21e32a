import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { ControlCommand, RoundInput } from '@playfield/shared';
import { AgendaPlan } from '../../client/src/components/AgendaPlan.tsx';
import { RoundPlanFields } from '../../client/src/components/RoundPlanFields.tsx';

const poll: RoundInput = {
  kind: 'poll',
  title: 'Warm-up',
  config: { question: 'Q?', options: ['A', 'B'], isMultipleChoice: false, isAnonymous: false },
};

function Editor({ onChange }: { onChange: (round: RoundInput) => void }) {
  const [round, setRound] = useState<RoundInput>(poll);
  return (
    <RoundPlanFields
      round={round}
      idPrefix="r1"
      onChange={(next) => {
        setRound(next);
        onChange(next);
      }}
    />
  );
}

describe('RoundPlanFields', () => {
  it('edits the planned minutes and the notes, keeping lines, and clears them when emptied', async () => {
    const onChange = vi.fn<(round: RoundInput) => void>();
    const user = userEvent.setup();
    render(<Editor onChange={onChange} />);
    await user.type(screen.getByRole('spinbutton', { name: 'Planned minutes' }), '25');
    const notes = screen.getByRole('textbox', { name: 'Facilitator notes' });
    await user.type(notes, 'Say hello{Enter}Ask the room');
    expect(onChange).toHaveBeenLastCalledWith({
      ...poll,
      minutes: 25,
      notes: 'Say hello\nAsk the room',
    });
    expect(screen.getByText(/never the phones or the room screen/)).toBeVisible();
    await user.clear(notes);
    await user.clear(screen.getByRole('spinbutton', { name: 'Planned minutes' }));
    expect(onChange).toHaveBeenLastCalledWith(poll);
  });
});

describe('AgendaPlan', () => {
  it('sets the day’s planned start and shows the planned length', () => {
    const control = vi.fn<(command: ControlCommand) => Promise<boolean>>(() =>
      Promise.resolve(true),
    );
    const { rerender } = render(
      <AgendaPlan
        sessionId="s1"
        token={'t'.repeat(32)}
        plannedStart={undefined}
        totalMinutes={434}
        control={control}
      />,
    );
    expect(screen.getByText('Planned: 7 h 14 min')).toBeVisible();
    const start = screen.getByLabelText('Day starts at');
    // A time input takes its value whole, as a browser's picker sets it.

    fireEvent.change(start, { target: { value: '08:30' } });
    expect(control).toHaveBeenLastCalledWith({ type: 'session.reschedule', plannedStart: '08:30' });
    rerender(
      <AgendaPlan
        sessionId="s1"
        token={'t'.repeat(32)}
        plannedStart="08:30"
        totalMinutes={0}
        control={control}
      />,
    );
    fireEvent.change(start, { target: { value: '' } });
    expect(control).toHaveBeenLastCalledWith({ type: 'session.reschedule', plannedStart: null });
    expect(screen.getByText('Planned: no minutes planned yet')).toBeVisible();
    expect(screen.getByRole('group', { name: 'Facilitator guide' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Guide (PDF)' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Guide (Markdown)' })).toBeEnabled();
  });
});
