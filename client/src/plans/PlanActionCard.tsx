import { useEffect, useRef } from 'react';
import {
  PLAN_ACTION_FIELDS,
  PLAN_FIELD_LABELS,
  PLAN_LIMITS,
  type PlanAction,
  type PlanActionField,
} from '@playfield/shared/plans/plan';
import { PlanField } from './PlanField.tsx';
import { filledCount } from './planModel.ts';
import styles from './Plans.module.css';

/** How each field is edited, and the hint under its label. */
const FIELD_INPUTS: Record<
  PlanActionField,
  { kind: 'text' | 'multiline' | 'date'; maxLength: number; hint?: string }
> = {
  text: { kind: 'multiline', maxLength: PLAN_LIMITS.textLength },
  why: { kind: 'multiline', maxLength: PLAN_LIMITS.fieldLength },
  firstStep: {
    kind: 'text',
    maxLength: PLAN_LIMITS.fieldLength,
    hint: 'The very next thing you will do.',
  },
  due: {
    kind: 'date',
    maxLength: 10,
    hint: 'When the first step is done by: it becomes a calendar reminder.',
  },
  involve: { kind: 'text', maxLength: PLAN_LIMITS.fieldLength },
  measure: { kind: 'multiline', maxLength: PLAN_LIMITS.fieldLength },
};

/** A due date as people read it, e.g. "31 Mar 2030" (the date itself, no time zone). */
export function formatDue(due: string): string {
  const [year, month, day] = due.split('-').map(Number);
  if (!year || !month || !day) return due;
  return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** One action of the plan: its text and progress, expanding to every field. */
export function PlanActionCard({
  action,
  index,
  count,
  isExpanded,
  isReadOnly,
  shouldFocus,
  onToggle,
  onCommit,
  onMove,
  onDelete,
}: {
  action: PlanAction;
  index: number;
  count: number;
  isExpanded: boolean;
  isReadOnly: boolean;
  /** Focus the action's text when it opens (an action just added). */
  shouldFocus: boolean;
  onToggle: () => void;
  onCommit: (field: PlanActionField, value: string) => string | null;
  onMove: (delta: -1 | 1) => void;
  onDelete: () => void;
}) {
  const idBase = `plan-${action.id}`;
  const title = action.text.trim() || 'New action';
  const filled = filledCount(action);
  const firstField = useRef<HTMLInputElement & HTMLTextAreaElement>(null);

  useEffect(() => {
    if (isExpanded && shouldFocus) firstField.current?.focus();
  }, [isExpanded, shouldFocus]);

  return (
    <li
      className={`card ${styles.planAction} ${isExpanded ? styles.isExpanded : ''}`}
      data-testid="plan-action"
    >
      <div className={styles.planActionHead}>
        <span className={styles.planActionNumber} aria-hidden="true">
          {index + 1}
        </span>
        <h3 className={styles.planActionTitle} id={`${idBase}-title`}>
          <span className="visually-hidden">Action {index + 1}:</span> {title}
        </h3>
      </div>
      <p className={`${styles.planActionMeta} muted`}>
        {action.roundTitle ? `From “${action.roundTitle}”` : 'Added by you'}
        {action.due && ` · Due ${formatDue(action.due)}`}
        {` · ${filled} of ${PLAN_ACTION_FIELDS.length} filled in`}
      </p>
      {isExpanded && (
        <div className={`${styles.planActionFields} stack stack--tight`} id={`${idBase}-fields`}>
          {PLAN_ACTION_FIELDS.map((field) => {
            const input = FIELD_INPUTS[field];
            return (
              <PlanField
                key={field}
                id={`${idBase}-${field}`}
                label={PLAN_FIELD_LABELS[field]}
                value={action[field]}
                kind={input.kind}
                maxLength={input.maxLength}
                isReadOnly={isReadOnly}
                onCommit={(value) => onCommit(field, value)}
                {...(input.hint ? { hint: input.hint } : {})}
                {...(field === 'text' ? { inputRef: firstField } : {})}
              />
            );
          })}
        </div>
      )}
      <div className="plan-action__controls actions">
        <button
          type="button"
          className="button"
          aria-expanded={isExpanded}
          aria-controls={isExpanded ? `${idBase}-fields` : undefined}
          aria-describedby={`${idBase}-title`}
          onClick={onToggle}
        >
          {isExpanded ? 'Close' : isReadOnly ? 'Read' : 'Edit'}
        </button>
        {!isReadOnly && (
          <>
            <button
              type="button"
              className="button button--icon"
              id={`${idBase}-move-up`}
              aria-label={`Move action ${index + 1} up`}
              disabled={index === 0}
              onClick={() => onMove(-1)}
            >
              ↑
            </button>
            <button
              type="button"
              className="button button--icon"
              id={`${idBase}-move-down`}
              aria-label={`Move action ${index + 1} down`}
              disabled={index === count - 1}
              onClick={() => onMove(1)}
            >
              ↓
            </button>
            <button
              type="button"
              className={`button button--quiet ${styles.planActionDelete}`}
              aria-describedby={`${idBase}-title`}
              onClick={onDelete}
            >
              Delete
            </button>
          </>
        )}
      </div>
    </li>
  );
}
