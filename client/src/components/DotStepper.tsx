import { plural } from '@playfield/shared/plural';
import styles from './DotStepper.module.css';

/** Dots as marks, filled then (up to `total`) empty; screen readers hear the number beside them. */
export function DotMarks({ filled, total = filled }: { filled: number; total?: number }) {
  return (
    <span className={styles.marks} aria-hidden="true">
      {'●'.repeat(filled)}
      {'○'.repeat(Math.max(0, total - filled))}
    </span>
  );
}

/**
 * The dots placed on one item on a phone: "−", the number (in words, with marks, read out as it
 * changes) and "+", each a 44 px labelled button. "+" stops at the item's cap and when no dot is
 * left; "−" at none. A tap calls back with +1 or −1: the caller changes its draft or sends.
 */
export function DotStepper({
  name,
  dots,
  max,
  left,
  disabled,
  layout = 'row',
  onStep,
}: {
  /** The item, as the buttons' labels name it ("Put a dot on <name>"). */
  name: string;
  dots: number;
  /** The most dots one item may hold. */
  max: number;
  /** The dots the person has not placed yet. */
  left: number;
  disabled?: boolean;
  /** `row`: marks (filled and empty) before the number, across the card; `stacked`: the number over its marks. */
  layout?: 'row' | 'stacked';
  onStep: (delta: 1 | -1) => void;
}) {
  const words = plural(dots, 'dot', 'dots');
  return (
    <div className={`${styles.stepper} ${styles[layout]}`}>
      <button
        type="button"
        className="button button--icon"
        aria-label={`Take a dot off ${name}`}
        disabled={disabled || dots <= 0}
        onClick={() => onStep(-1)}
      >
        −
      </button>
      <span className={styles.count} aria-live="polite">
        {layout === 'row' ? (
          <>
            <DotMarks filled={dots} total={max} /> {words}
          </>
        ) : (
          <>
            {words}
            <DotMarks filled={dots} />
          </>
        )}
      </span>
      <button
        type="button"
        className="button button--icon"
        aria-label={`Put a dot on ${name}`}
        disabled={disabled || dots >= max || left <= 0}
        onClick={() => onStep(1)}
      >
        +
      </button>
    </div>
  );
}
