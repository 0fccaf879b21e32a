import { useEffect, useRef, useState } from 'react';
import type { ParticipantProps } from '../types.ts';
import { POLICY_FIELDS } from './policyFields.ts';
import styles from './Participant.module.css';
import { RoleCard } from '../../components/RoleCard.tsx';

const MOODS = ['Furious', 'Annoyed', 'Patient', 'Fine', 'Happy'];

/** 1st, 2nd, 3rd, 4th... 11th, 12th, 13th, 21st. */
function ordinal(n: number): string {
  const suffixes = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${suffixes[(v - 20) % 10] ?? suffixes[v] ?? 'th'}`;
}

const clockText = (minutes: number) => {
  const seconds = Math.max(0, Math.round(minutes * 60));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
};

/** "You are in line": your place, how long you have waited, and how you feel about it. */
export function FineLineParticipant(props: ParticipantProps<'fineLine'>) {
  if (props.own?.isManager) return <ManagerPanel view={props.view} act={props.act} />;
  // Keyed by run: a replay starts with a fresh slider and no "Mood noted" from the last run.
  return <Shopper key={props.view.runs.length} {...props} />;
}

function Shopper({ view, own, act }: ParticipantProps<'fineLine'>) {
  const status = own?.status ?? null;
  const [mood, setMood] = useState(own?.mood ?? 3);
  const [note, setNote] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const isInLine = status?.kind === 'waiting' || status?.kind === 'atRegister';

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  // The slider reports once it settles, not on every pixel: the server limits the rate too.
  function report(value: number) {
    setMood(value);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      void act({ type: 'mood', value }).then((result) =>
        setNote(result.ok ? 'Mood noted' : result.error.message),
      );
    }, 600);
  }

  return (
    <section className="stack">
      <p className="muted">
        {view.runLabel} · store time {clockText(view.clock)} of {view.durationMinutes}:00
      </p>
      {view.status === 'ready' && (
        <p className="lead">The store opens soon. You will join the line as a customer.</p>
      )}
      {view.status === 'paused' && <p className="lead">The store is paused.</p>}
      {view.status === 'finished' && <p className="lead">The store has closed for this run.</p>}
      {view.debrief && (
        <ul className="stack stack--tight debrief">
          {view.debrief.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {status && view.status !== 'finished' && (
        <div className={styles.queueCard} aria-live="polite">
          {status.kind === 'arriving' && (
            <>
              <p className={styles.big}>Heading to the checkout</p>
              <p>You join the line in {clockText(status.inMinutes)} (store time).</p>
              {own?.lastWaitMinutes != null && (
                <p className="muted">Last time you waited {clockText(own.lastWaitMinutes)}.</p>
              )}
            </>
          )}
          {status.kind === 'waiting' && (
            <>
              <p className={styles.label}>You are in line</p>
              <p className={styles.big}>{status.place === 1 ? 'Next' : ordinal(status.place)}</p>
              <p>Waited {clockText(status.waitedMinutes)}</p>
            </>
          )}
          {status.kind === 'atRegister' && (
            <>
              <p className={styles.big}>At register {status.register + 1}</p>
              <p>You waited {clockText(status.waitedMinutes)}.</p>
            </>
          )}
          {status.kind === 'done' && <p className={styles.big}>Thanks for shopping!</p>}
        </div>
      )}
      {isInLine && view.status === 'running' && (
        <label className={`field ${styles.mood}`}>
          <span>How do you feel about the wait?</span>
          <input
            type="range"
            min={1}
            max={5}
            step={1}
            value={mood}
            onChange={(e) => report(Number(e.target.value))}
            aria-valuetext={MOODS[mood - 1]}
          />
          <span className={styles.moodValue} data-testid="mood-value">
            {MOODS[mood - 1]}
          </span>
        </label>
      )}
      {note && (
        <p className="muted" role="status">
          {note}
        </p>
      )}
      <p className="muted">
        {view.waitingCount} in line ·{' '}
        {view.registers
          .filter((r) => r.state !== 'closed')
          .map((r) => `register ${r.id + 1} ${r.state}`)
          .join(', ')}
      </p>
    </section>
  );
}

/** The store management team's phone: the line at a glance and the staffing policy to set. */
function ManagerPanel({ view, act }: Pick<ParticipantProps<'fineLine'>, 'view' | 'act'>) {
  // The form shows the running policy until the manager edits it, and again once applied.
  const [draft, setDraft] = useState<typeof view.policy | null>(null);
  const policy = draft ?? view.policy;
  const setPolicy = setDraft;
  const [note, setNote] = useState<string | null>(null);
  return (
    <section className="stack">
      <RoleCard eyebrow="Your role" name="Store management">
        <p className="muted">
          You decide when registers open. Every minute a register is open costs money.
        </p>
      </RoleCard>
      <p className="lead">
        {view.waitingCount} waiting ·{' '}
        {view.registers.filter((r) => r.state === 'busy' || r.state === 'idle').length} registers
        open
      </p>
      <fieldset className="stack stack--tight">
        <legend>Staffing policy</legend>
        {POLICY_FIELDS.map((f) => (
          <label key={f.key} className="field">
            <span>{f.label}</span>
            <input
              type="number"
              inputMode="decimal"
              step={f.step}
              min={0}
              value={policy[f.key]}
              onChange={(e) => setPolicy({ ...policy, [f.key]: Number(e.target.value) })}
            />
          </label>
        ))}
        <button
          type="button"
          className="button button--primary button--block"
          disabled={view.status === 'finished'}
          onClick={() =>
            void act({ type: 'policy', policy }).then((r) => {
              if (r.ok) setDraft(null);
              setNote(r.ok ? 'Policy applied' : r.error.message);
            })
          }
        >
          Apply the policy now
        </button>
      </fieldset>
      {note && (
        <p className="muted" role="status">
          {note}
        </p>
      )}
    </section>
  );
}
