import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Accepted, Result } from '@playfield/shared';
import ActionPlanFacilitator from '../../client/src/exercises/actionPlan/Facilitator.tsx';
import { ActionPlanParticipant } from '../../client/src/exercises/actionPlan/Participant.tsx';
import ActionPlanScreen from '../../client/src/exercises/actionPlan/Screen.tsx';
import { PlanSeatContext, type PlanSeat } from '../../client/src/plans/planSeat.ts';
import type { RoundFinish } from '../../client/src/plans/SyncedPlanEditor.tsx';
import { accepted } from './fixtures.ts';

// The editor opens a real socket; here it only reports what the round gave it.
const editorProps = vi.hoisted(() => [] as { seat: PlanSeat; roundFinish?: RoundFinish }[]);
vi.mock('../../client/src/plans/SyncedPlanEditor.tsx', () => ({
  default: (props: { seat: PlanSeat; roundFinish?: RoundFinish }) => {
    editorProps.push(props);
    return <p>Plan editor for {props.seat.participantId}</p>;
  },
}));

const SEAT: PlanSeat = {
  sessionId: 'sess_4f9a',
  participantId: 'p1',
  resumeToken: 'r1-0000000000000',
};
const INTRO = 'Finish your action plan.';

describe('actionPlan on the phone', () => {
  it('opens the participant’s own plan under the round’s introduction', async () => {
    const act = vi.fn((): Promise<Result<Accepted>> => Promise.resolve(accepted));
    render(
      <PlanSeatContext.Provider value={SEAT}>
        <ActionPlanParticipant
          view={{ intro: INTRO }}
          own={{ isFinished: false }}
          isOpen
          act={act}
        />
      </PlanSeatContext.Provider>,
    );

    expect(screen.getByText(INTRO)).toBeVisible();
    expect(await screen.findByText('Plan editor for p1')).toBeVisible();
    expect(editorProps.at(-1)?.seat).toEqual(SEAT);
  });

  it('sends finish to the round when the plan’s done mark changes', async () => {
    const act = vi.fn((): Promise<Result<Accepted>> => Promise.resolve(accepted));
    render(
      <PlanSeatContext.Provider value={SEAT}>
        <ActionPlanParticipant view={{ intro: INTRO }} own={null} isOpen act={act} />
      </PlanSeatContext.Provider>,
    );
    await screen.findByText('Plan editor for p1');
    const roundFinish = editorProps.at(-1)?.roundFinish;
    expect(roundFinish?.isFinished).toBe(false);

    roundFinish?.report(true);

    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'finish', isFinished: true });
  });

  it('says where to open the plan when the page has no seat', () => {
    render(<ActionPlanParticipant view={{ intro: INTRO }} own={null} isOpen act={vi.fn()} />);

    expect(screen.getByRole('alert')).toHaveTextContent('open it from your join link');
  });
});

describe('actionPlan on the console and the room screen', () => {
  it('shows the facilitator the count and who is done, never what they wrote', () => {
    render(
      <ActionPlanFacilitator
        view={{
          intro: INTRO,
          finishedCount: 2,
          participantCount: 5,
          finishedNames: ['Ana', 'Ben'],
        }}
        participantCount={5}
        act={vi.fn()}
      />,
    );

    expect(screen.getByText(/of 5 plans done/)).toHaveTextContent('2 of 5 plans done');
    expect(screen.getByRole('progressbar', { name: 'Plans done' })).toHaveAttribute(
      'aria-valuenow',
      '2',
    );
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Ana', 'Ben']);
  });

  it('shows the room "12 of 20 plans done"', () => {
    render(
      <ActionPlanScreen view={{ finishedCount: 12, participantCount: 20 }} participantCount={20} />,
    );

    expect(screen.getByText(/of 20 plans done/)).toHaveTextContent('12 of 20 plans done');
  });
});
