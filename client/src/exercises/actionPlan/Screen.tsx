import type { ScreenProps } from '../types.ts';

/** The room screen: how many plans are done, big enough for the back of the room. */
export default function ActionPlanScreen({ view }: ScreenProps<'actionPlan'>) {
  const { finishedCount, participantCount } = view;
  return (
    <div className="plan-screen">
      <p className="plan-screen__count">
        <strong>{finishedCount}</strong> of {participantCount}{' '}
        {participantCount === 1 ? 'plan' : 'plans'} done
      </p>
      <p className="plan-screen__hint">Finish your action plan on your phone.</p>
    </div>
  );
}
