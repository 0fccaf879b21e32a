import { count } from '@playfield/shared/plural';
import type { ScreenProps } from '../types.ts';
import styles from './Screen.module.css';
import { StepMeans, formatMean } from './StepMeans.tsx';

/**
 * The role-play on the projector: the complaint and the steps while groups play, with how
 * many groups have scored; the room's mean per step, and how the scores spread, once revealed.
 */
export default function RolePlayScreen({ view }: ScreenProps<'rolePlay'>) {
  const { progress, results } = view;
  if (results) {
    const scored = results.steps.filter((s) => s.mean !== null);
    const weakest = scored.reduce<(typeof scored)[number] | null>(
      (low, s) => (low === null || (s.mean ?? 0) < (low.mean ?? 0) ? s : low),
      null,
    );
    return (
      <div className={`screen-round ${styles.root}`}>
        <h2 className={`screen-question ${styles.question}`}>
          {view.title}: how the room scored the steps
        </h2>
        <StepMeans
          steps={results.steps}
          scaleMax={view.scaleMax}
          label="Mean score per step"
          size="large"
          hasDistribution
          className={styles.means}
        />
        <p className={`screen-count ${styles.count}`}>
          <strong>{count(results.scorecards)}</strong>{' '}
          {results.scorecards === 1 ? 'group scored' : 'groups scored'}
          {weakest &&
            weakest.mean !== null &&
            ` · weakest step: ${weakest.name} (${formatMean(weakest.mean)} of ${view.scaleMax})`}
        </p>
      </div>
    );
  }
  return (
    <div className={`screen-round ${styles.root}`}>
      <h2 className={`screen-question ${styles.question}`}>{view.title}</h2>
      <p className={styles.complaint}>{view.complaint}</p>
      <ol className={styles.steps}>
        {view.steps.map((step) => (
          <li key={step.name}>
            <strong>{step.name}</strong> {step.hint}
          </li>
        ))}
      </ol>
      <p className="screen-count">
        {progress.groups === 0 ? (
          `Groups of ${view.groupSize === 'pairs' ? 'two' : 'three'} are about to be formed`
        ) : (
          <>
            <strong>{progress.complete}</strong> of {progress.groups} groups have scored
            {view.play > 1 ? ` · play ${view.play}` : ''}
          </>
        )}
      </p>
    </div>
  );
}
