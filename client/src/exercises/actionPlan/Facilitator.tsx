import { count, plural } from '@playfield/shared/plural';
import type { FacilitatorProps } from '../types.ts';
import styles from './ActionPlan.module.css';

/** The console: how many plans are done, and whose (never what they say). */
export default function ActionPlanFacilitator({ view }: FacilitatorProps<'actionPlan'>) {
  const { finishedCount, participantCount, finishedNames } = view;
  const share = participantCount > 0 ? finishedCount / participantCount : 0;
  return (
    <div className="stack stack--tight">
      <p className="lead">
        <strong>{count(finishedCount)}</strong> of {plural(participantCount, 'plan', 'plans')} done
      </p>
      <div
        className={styles.planProgress}
        role="progressbar"
        aria-label="Plans done"
        aria-valuemin={0}
        aria-valuemax={participantCount}
        aria-valuenow={finishedCount}
      >
        <span className={styles.planProgressBar} style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      {finishedNames.length > 0 ? (
        <>
          <h3>Done</h3>
          <ul className={styles.planNames}>
            {finishedNames.map((name, i) => (
              <li key={`${name}-${i}`}>{name}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">Nobody has marked their plan done yet.</p>
      )}
      <p className="muted">
        Plans are private: you see their content only once their authors share them, in the Plans
        panel below.
      </p>
    </div>
  );
}
