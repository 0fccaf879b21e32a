import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import {
  deletePlanAction,
  PLAN_LIMITS,
  setPlanField,
  setPlanFlag,
  type PlanAction,
  type PlanActionField,
} from '@playfield/shared/plans/plan';
import type { DocState } from '../docs/docConnection.ts';
import { OtherDevice } from './OtherDevice.tsx';
import { PlanActionCard } from './PlanActionCard.tsx';
import { PlanExports } from './PlanExports.tsx';
import { PlanSection } from './PlanSection.tsx';
import {
  addEmptyAction,
  canAddAction,
  fieldError,
  moveAction,
  restoreAction,
} from './planModel.ts';
import { PlanStatus } from './PlanStatus.tsx';
import { usePlan } from './usePlan.ts';
import styles from './Plans.module.css';
import { ErrorAlert } from '../components/form/ErrorAlert.tsx';

/**
 * A participant's personal action plan, edited in its Yjs document: the actions in their
 * order, each opening to its fields; sharing, marking it done, exports, and the link to
 * open it on another device. The document stays here, at the editor's boundary.
 */
export function PlanEditor({
  doc,
  state,
  resumeToken,
  whenSaved,
  onStartAgain,
}: {
  doc: Y.Doc;
  state: DocState;
  resumeToken: string;
  /** Resolves once every edit is stored (true), or after waiting too long (false). */
  whenSaved: () => Promise<boolean>;
  onStartAgain?: () => void;
}) {
  const plan = usePlan(doc);
  const isReadOnly = state.rights === 'read';
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [addedId, setAddedId] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<PlanAction | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** After a move, focus returns to the moved action's button (the list re-rendered). */
  const [moved, setMoved] = useState<{ id: string; delta: -1 | 1 } | null>(null);
  const undoButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (deleted) undoButton.current?.focus();
  }, [deleted]);

  useEffect(() => {
    if (!moved) return;
    const [towards, back] = moved.delta < 0 ? ['up', 'down'] : ['down', 'up'];
    const same = document.getElementById(`plan-${moved.id}-move-${towards}`);
    const other = document.getElementById(`plan-${moved.id}-move-${back}`);
    (same instanceof HTMLButtonElement && !same.disabled ? same : other)?.focus();
  }, [moved, plan]);

  const toggle = (id: string) =>
    setExpanded((open) => {
      const next = new Set(open);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const commit = (id: string, field: PlanActionField, value: string): string | null => {
    const error = fieldError(field, value);
    if (error) return error;
    setPlanField(doc, id, field, value);
    return null;
  };

  const add = () => {
    if (!canAddAction(plan)) return;
    const id = addEmptyAction(doc);
    setExpanded((open) => new Set(open).add(id));
    setAddedId(id);
  };

  const remove = (action: PlanAction) => {
    deletePlanAction(doc, action.id);
    setDeleted(action);
    setNotice(null);
  };

  const undo = () => {
    if (!deleted) return;
    if (!canAddAction(plan)) {
      setNotice(`A plan holds at most ${PLAN_LIMITS.actions} actions: delete one first.`);
      return;
    }
    restoreAction(doc, deleted);
    setDeleted(null);
  };

  const isAtLimit = !canAddAction(plan);
  return (
    <div className={`${styles.planEditor} stack`}>
      <PlanStatus state={state} {...(onStartAgain ? { onStartAgain } : {})} />

      <section className="stack stack--tight" aria-labelledby="plan-actions-title">
        <h2 id="plan-actions-title" className={styles.planSectionTitle}>
          Your actions <span className="muted">({plan.actions.length})</span>
        </h2>
        {plan.actions.length === 0 ? (
          <p className="muted">
            No actions yet. Your answers to “what will I do about this?” land here; you can also add
            your own.
          </p>
        ) : (
          <ol className={styles.planActions}>
            {plan.actions.map((action, index) => (
              <PlanActionCard
                key={action.id}
                action={action}
                index={index}
                count={plan.actions.length}
                isExpanded={expanded.has(action.id)}
                isReadOnly={isReadOnly}
                shouldFocus={action.id === addedId}
                onToggle={() => toggle(action.id)}
                onCommit={(field, value) => commit(action.id, field, value)}
                onMove={(delta) => {
                  moveAction(doc, plan, action.id, delta);
                  setMoved({ id: action.id, delta });
                }}
                onDelete={() => remove(action)}
              />
            ))}
          </ol>
        )}
        {deleted && (
          <div className={styles.planUndo} role="status">
            <span>Deleted “{deleted.text.trim() || 'New action'}”.</span>
            <button ref={undoButton} type="button" className="button" onClick={undo}>
              Undo
            </button>
            <button type="button" className="button button--quiet" onClick={() => setDeleted(null)}>
              Dismiss
            </button>
          </div>
        )}
        <ErrorAlert message={notice} />
        {!isReadOnly && (
          <div className="actions">
            <button type="button" className="button" disabled={isAtLimit} onClick={add}>
              Add an action
            </button>
            {isAtLimit && (
              <p className="muted">A plan holds at most {PLAN_LIMITS.actions} actions.</p>
            )}
          </div>
        )}
      </section>

      {!isReadOnly && (
        <PlanSection id="plan-finish-title" title="Share and finish">
          <label className={styles.planSwitch} htmlFor="plan-share">
            <input
              id="plan-share"
              type="checkbox"
              role="switch"
              checked={plan.isShared}
              aria-describedby="plan-share-help"
              onChange={(e) => setPlanFlag(doc, 'isShared', e.target.checked)}
            />
            <span>Share with the team</span>
          </label>
          <p id="plan-share-help" className="muted">
            {plan.isShared
              ? 'Shared: the facilitator can read and download your plan, and it is part of the workshop notebook the team receives.'
              : 'Private: only you can see your plan. Share it to let the facilitator read it and include it in the workshop notebook.'}
          </p>
          {plan.isFinished && (
            <p className={styles.planDone}>
              <span aria-hidden="true">✓ </span>Your plan is marked done. You can still change it at
              any time.
            </p>
          )}
          <div className="actions">
            <button
              type="button"
              className={`button ${plan.isFinished ? '' : 'button--primary'}`}
              onClick={() => setPlanFlag(doc, 'isFinished', !plan.isFinished)}
            >
              {plan.isFinished ? 'Mark as not done yet' : 'Mark my plan done'}
            </button>
          </div>
        </PlanSection>
      )}

      <PlanExports resumeToken={resumeToken} whenSaved={whenSaved} />
      {!isReadOnly && <OtherDevice resumeToken={resumeToken} />}
    </div>
  );
}
