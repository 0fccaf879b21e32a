import { useState } from 'react';
import type { FineLineFacilitatorView } from '@playfield/shared/exercises/fineLine/index';
import type { FacilitatorProps } from '../types.ts';
import { useSender } from '../useSender.ts';
import { FineLineCharts, Store } from './Charts.tsx';
import { FacilitatorRunTable } from './FacilitatorRunTable.tsx';
import styles from './Facilitator.module.css';
import { ErrorAlert } from '../../components/form/ErrorAlert.tsx';
import { SendButton } from '../../components/SendButton.tsx';
import { PolicyInputs } from './PolicyInputs.tsx';

type Act = FacilitatorProps<'fineLine'>['act'];
type Policy = FineLineFacilitatorView['policy'];

/**
 * The speeds on offer, with the one the store was set up with and the one it runs at: a
 * select without its current value would show another speed than the clock's.
 */
function speedOptions(view: FineLineFacilitatorView): number[] {
  return [...new Set([5, 10, 20, 30, 60, 120, view.config.speed, view.speed])].sort(
    (a, b) => a - b,
  );
}

/** Runs the store: the clock, the staffing policy, replays under other policies, the comparison. */
export default function FineLineFacilitator({ view, act }: FacilitatorProps<'fineLine'>) {
  const sender = useSender(act);
  const { error } = sender;
  // The form shows the running policy (a manager's phone may change it) until the
  // facilitator edits a field; applying or replaying goes back to following it.
  const [draft, setDraft] = useState<Policy | null>(null);
  const policy = draft ?? view.policy;
  const setPolicy = setDraft;
  const [typedLabel, setLabel] = useState<string | null>(null);
  const label = typedLabel ?? `Open at ${policy.openThreshold} waiting`;
  const send = async (action: Parameters<Act>[0]) => {
    const isAccepted = await sender.send(action);
    if (isAccepted && (action.type === 'policy' || action.type === 'replay')) {
      setDraft(null);
      setLabel(null);
    }
  };
  return (
    <div className="stack">
      <div className="actions">
        <span className="status-pill">
          {view.runLabel} · {view.status} · {view.clock.toFixed(1)} of {view.durationMinutes} min
        </span>
        {view.status === 'ready' && (
          <SendButton send={send} action={{ type: 'start' }} variant="primary">
            Open the store
          </SendButton>
        )}
        {view.status === 'running' && (
          <SendButton send={send} action={{ type: 'pause' }}>
            Pause
          </SendButton>
        )}
        {view.status === 'paused' && (
          <SendButton send={send} action={{ type: 'resume' }} variant="primary">
            Resume
          </SendButton>
        )}
        {view.status !== 'finished' && (
          <SendButton send={send} action={{ type: 'finish' }} variant="quiet">
            Close the store now
          </SendButton>
        )}
        <label className="field field--inline">
          <span>Speed ×</span>
          <select
            value={view.speed}
            onChange={(e) => void send({ type: 'speed', speed: Number(e.target.value) })}
          >
            {speedOptions(view).map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorAlert message={error} />
      <Store view={view} />
      <FineLineCharts view={view} />
      <fieldset className="stack stack--tight">
        <legend>Staffing policy</legend>
        <PolicyInputs policy={policy} onChange={setPolicy} />
        <div className="actions">
          <SendButton
            send={send}
            action={{ type: 'policy', policy }}
            disabled={view.status === 'finished'}
          >
            Apply now, mid-run
          </SendButton>
          <label className="field field--inline">
            <span>Replay as</span>
            <input value={label} maxLength={60} onChange={(e) => setLabel(e.target.value)} />
          </label>
          <button
            type="button"
            className="button button--primary"
            disabled={view.status === 'running'}
            onClick={() => void send({ type: 'replay', label, policy })}
          >
            Replay the same customers with this policy
          </button>
        </div>
      </fieldset>
      <FacilitatorRunTable view={view} />
      {view.debrief && (
        <ul className="stack stack--tight" aria-label="Debrief">
          {view.debrief.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      <details>
        <summary>Store management team (may change the policy from their phones)</summary>
        <ul className={styles.managers}>
          {view.people.map((p) => (
            <li key={p.id}>
              <label className="check">
                <input
                  type="checkbox"
                  checked={p.isManager}
                  onChange={(e) =>
                    void send({ type: 'manager', participantId: p.id, isManager: e.target.checked })
                  }
                />
                {p.name}
              </label>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
