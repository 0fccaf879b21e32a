import { plural } from '@playfield/shared/plural';
import type { RolePlayStepStats } from '@playfield/shared/exercises/rolePlay/index';
import styles from './StepMeans.module.css';

/**
 * The mean score of each step as a bar against the top of the scale, with the number
 * written out (never the bar alone). Light on purpose: the phone bundle imports it.
 */
export function StepMeans({
  steps,
  scaleMax,
  label,
  size = 'normal',
  hasDistribution = false,
  className,
}: {
  steps: RolePlayStepStats[];
  scaleMax: number;
  label: string;
  size?: 'normal' | 'large';
  /** Adds how many gave each score, for the room screen and the console. */
  hasDistribution?: boolean;
  /** The room screen's own layout of the rows (see rolePlay/Screen.module.css). */
  className?: string | undefined;
}) {
  const classes = ['bar-chart', size === 'large' && 'bar-chart--large', className];
  return (
    <ul className={classes.filter(Boolean).join(' ')} aria-label={label}>
      {steps.map((step) => (
        <li key={step.name} className="bar-chart__row">
          <div className="bar-chart__label">
            <span>{step.name}</span>
            <span className="bar-chart__value">
              {step.mean === null ? 'not scored' : `${formatMean(step.mean)} of ${scaleMax}`}
            </span>
          </div>
          <div className="bar-chart__track" aria-hidden="true">
            <div
              className="bar-chart__bar"
              style={{ width: `${((step.mean ?? 0) / scaleMax) * 100}%` }}
            />
          </div>
          {hasDistribution && step.count > 0 && (
            <p className={styles.spread}>
              {plural(step.count, 'score', 'scores')}:{' '}
              {step.distribution
                .map((n, i) => (n > 0 ? `${n} gave ${i + 1}` : null))
                .filter((part) => part !== null)
                .join(', ')}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

/** A mean with one decimal, as people read it out. */
export function formatMean(mean: number): string {
  return mean.toFixed(1);
}
