import { count, plural } from '@playfield/shared/plural';
import type { ScreenProps } from '../types.ts';
import styles from './ActionPlan.module.css';

/** The room screen: how many plans are done, big enough for the back of the room. */
export default function ActionPlanScreen({ view }: ScreenProps<'actionPlan'>) {
  const { finishedCount, participantCount } = view;
  return (
    <div className={styles.planScreen}>
      <p className={styles.planScreenCount} data-testid="plans-done">
        <strong>{count(finishedCount)}</strong> of {plural(participantCount, 'plan', 'plans')} done
      </p>
      <p className={styles.planScreenHint}>Finish your action plan on your phone.</p>
    </div>
  );
}
