/**
 * The Fine Line's phone and console: a replay starts clean on the phone, the staffing forms
 * start from the policy that is running, and the comparison shows mid-run policy changes.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  FineLineCommonView,
  FineLineFacilitatorView,
  FineLineOwnView,
  RunComparison,
} from '@playfield/shared/exercises/fineLine/index';
import FineLineFacilitator from '../../client/src/exercises/fineLine/Facilitator.tsx';
import { FineLineParticipant } from '../../client/src/exercises/fineLine/Participant.tsx';
import type { Act } from '../../client/src/exercises/types.ts';
import { accepted } from './fixtures.ts';

type Policy = FineLineCommonView['policy'];

/** The running policy: the line must reach 6 before another register opens, 2 min later. */
const RUNNING: Policy = {
  openAtStart: 2,
  openThreshold: 6,
  openDelayMinutes: 2,
  maxRegisters: 5,
  costPerRegisterMinute: 0.5,
};
const QUICK: Policy = { ...RUNNING, openThreshold: 2, openDelayMinutes: 0.5 };

function run(overrides: Partial<RunComparison> = {}): RunComparison {
  return {
    id: 1,
    label: 'Wait for the line to grow',
    policy: RUNNING,
    policySteps: [{ t: 0, policy: RUNNING }],
    policyStepsLeftOut: 0,
    averageWait: 3.2,
    worstWait: 9.5,
    pastPatienceShare: 0.2,
    averageMood: null,
    staffingCost: 70,
    customers: 80,
    minutes: 60,
    ...overrides,
  };
}

function common(overrides: Partial<FineLineCommonView> = {}): FineLineCommonView {
  return {
    status: 'running',
    clock: 12,
    durationMinutes: 60,
    speed: 20,
    policy: RUNNING,
    runLabel: 'Wait for the line to grow',
    registers: [
      { id: 0, state: 'busy' },
      { id: 1, state: 'busy' },
    ],
    waitingCount: 4,
    line: [],
    points: [],
    runs: [run()],
    debrief: null,
    ...overrides,
  };
}

function ownView(overrides: Partial<FineLineOwnView> = {}): FineLineOwnView {
  return {
    status: { kind: 'waiting', place: 3, waitedMinutes: 1.5 },
    mood: null,
    isManager: false,
    visits: 1,
    lastWaitMinutes: null,
    ...overrides,
  };
}

afterEach(() => vi.useRealTimers());

describe('FineLineParticipant', () => {
  it('drops the first run’s "Mood noted" when the replay is set up', async () => {
    vi.useFakeTimers();
    const act_ = vi.fn<Act<'fineLine'>>(() => Promise.resolve(accepted));
    const { rerender } = render(
      <FineLineParticipant view={common()} own={ownView()} isOpen act={act_} />,
    );
    fireEvent.change(screen.getByRole('slider', { name: /How do you feel about the wait/ }), {
      target: { value: '2' },
    });
    await act(() => vi.advanceTimersByTimeAsync(700));
    expect(act_).toHaveBeenCalledWith({ type: 'mood', value: 2 });
    expect(screen.getByRole('status')).toHaveTextContent('Mood noted');

    // The facilitator replays the same customers: run 2 is ready, nobody is in line yet.
    rerender(
      <FineLineParticipant
        view={common({
          status: 'ready',
          clock: 0,
          runLabel: 'Open early',
          runs: [run(), run({ id: 2, label: 'Open early', minutes: 0 })],
        })}
        own={ownView({ status: null })}
        isOpen
        act={act_}
      />,
    );
    expect(screen.queryByText('Mood noted')).toBeNull();
    expect(screen.getByText(/The store opens soon/)).toBeVisible();
  });

  it('starts the management team’s form from the running policy and follows its changes', async () => {
    const act_ = vi.fn<Act<'fineLine'>>(() => Promise.resolve(accepted));
    const { rerender } = render(
      <FineLineParticipant view={common()} own={ownView({ isManager: true })} isOpen act={act_} />,
    );
    const threshold = screen.getByRole('spinbutton', { name: 'Open another when this many wait' });
    expect(threshold).toHaveValue(6);
    expect(screen.getByRole('spinbutton', { name: 'Minutes before it opens' })).toHaveValue(2);

    // The facilitator changes the policy from the console: the phone's form shows it.
    rerender(
      <FineLineParticipant
        view={common({ policy: QUICK })}
        own={ownView({ isManager: true })}
        isOpen
        act={act_}
      />,
    );
    expect(threshold).toHaveValue(2);

    const user = userEvent.setup();
    await user.clear(threshold);
    await user.type(threshold, '4');
    await user.click(screen.getByRole('button', { name: 'Apply the policy now' }));
    expect(act_).toHaveBeenCalledWith({ type: 'policy', policy: { ...QUICK, openThreshold: 4 } });
  });
});

describe('FineLineFacilitator', () => {
  function facilitatorView(overrides: Partial<FineLineCommonView> = {}): FineLineFacilitatorView {
    return {
      ...common(overrides),
      config: {
        arrivalsPerHour: 90,
        serviceKind: 'exponential',
        serviceMeanMinutes: 2,
        patienceMeanMinutes: 5,
        policy: RUNNING,
        speed: 20,
        durationMinutes: 60,
        seed: 'fine-line',
      },
      people: [],
    };
  }

  it('starts the staffing form from the running policy', () => {
    const act_ = vi.fn<Act<'fineLine'>>(() => Promise.resolve(accepted));
    render(<FineLineFacilitator view={facilitatorView()} participantCount={4} act={act_} />);
    const form = screen.getByRole('group', { name: 'Staffing policy' });
    expect(
      within(form).getByRole('spinbutton', { name: 'Open another when this many wait' }),
    ).toHaveValue(6);
    expect(within(form).getByRole('spinbutton', { name: 'Minutes before it opens' })).toHaveValue(
      2,
    );
  });

  it('lists each run’s policy changes with the minute they took effect', () => {
    const act_ = vi.fn<Act<'fineLine'>>(() => Promise.resolve(accepted));
    const changed = run({
      policy: QUICK,
      policySteps: [
        { t: 0, policy: RUNNING },
        { t: 12, policy: QUICK },
      ],
    });
    render(
      <FineLineFacilitator
        view={facilitatorView({ status: 'finished', runs: [changed] })}
        participantCount={4}
        act={act_}
      />,
    );
    const row = screen.getByRole('row', { name: /^Wait for the line to grow/ });
    const steps = within(row).getAllByRole('listitem');
    expect(steps.map((li) => li.textContent)).toEqual([
      'Start: 2 open, +1 at 6 waiting (after 2\u00a0min), at most 5',
      'From 12\u00a0min: 2 open, +1 at 2 waiting (after 0.5\u00a0min), at most 5',
    ]);
  });
});
