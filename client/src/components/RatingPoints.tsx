/** The points of a rating from `min` to `max`, in order. */
export function pointsFrom(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, i) => i + min);
}

/** A point's spoken name: the two ends also say what they mean ("1, Poor", "7, Excellent"). */
export function endsNamed(ends: {
  min: number;
  max: number;
  lowLabel: string;
  highLabel: string;
}): (point: number) => string {
  return (point) =>
    point === ends.min
      ? `${point}, ${ends.lowLabel}`
      : point === ends.max
        ? `${point}, ${ends.highLabel}`
        : String(point);
}

/**
 * A rating on a phone: one button per point, together a radio group (the chosen point is
 * `aria-checked`). Each screen keeps its own look through `className` and `pointClass`.
 */
export function RatingPoints({
  points,
  chosen,
  nameOf,
  label,
  labelledBy,
  className,
  pointClass,
  disabled,
  hasMark = false,
  onPick,
}: {
  points: readonly number[];
  chosen: number | null;
  /** The name a screen reader hears for a point. */
  nameOf: (point: number) => string;
  /** The group's name, or the id of the element that names it. */
  label?: string;
  labelledBy?: string;
  className?: string | undefined;
  pointClass: (isChosen: boolean) => string | undefined;
  disabled?: boolean;
  /** Shows a ✓ in the chosen point, so colour is not the only sign of it. */
  hasMark?: boolean;
  onPick: (point: number) => void;
}) {
  return (
    <div role="radiogroup" aria-label={label} aria-labelledby={labelledBy} className={className}>
      {points.map((point) => (
        <button
          key={point}
          type="button"
          role="radio"
          aria-checked={chosen === point}
          aria-label={nameOf(point)}
          className={pointClass(chosen === point)}
          disabled={disabled}
          onClick={() => onPick(point)}
        >
          {hasMark && chosen === point && <span aria-hidden="true">✓</span>}
          {point}
        </button>
      ))}
    </div>
  );
}
