import { useRef, useState } from 'react';
import type { RedBeadFacilitatorView } from '@playfield/shared/exercises/redBead/index';
import { ControlChart } from '../../components/ControlChart.tsx';
import type { FacilitatorProps } from '../types.ts';
import { Paddle } from './Paddle.tsx';
import { Debrief, RecordTable } from './RecordTable.tsx';
import { useSender } from '../useSender.ts';
import styles from './RedBead.module.css';
import { ErrorAlert } from '../../components/form/ErrorAlert.tsx';
import { SendButton } from '../../components/SendButton.tsx';
import { NumberFields } from '../../components/form/NumberFields.tsx';

type Act = FacilitatorProps<'redBead'>['act'];
type Action = Parameters<Act>[0];

/** Runs the plant: roles, days, management's theatre, the real system changes, the chart. */
export default function RedBeadFacilitator({ view, act }: FacilitatorProps<'redBead'>) {
  const { error, send } = useSender(act);
  const isFinished = view.stage === 'finished';
  const current = view.workers.find((w) => w.id === view.currentWorkerId);
  const isPending = view.paddle !== null && !view.paddle.isRecorded;
  const nextDay = view.stage === 'working' || view.stage === 'predicting' ? view.day : view.day + 1;

  return (
    <div className="stack red-bead-console">
      <div className="actions">
        <span className="status-pill">
          {view.day === 0 ? 'Not started' : `Day ${view.day} of ${view.days}`} ·{' '}
          {stageLabel(view.stage)}
        </span>
        <span className="muted">Seed {view.config.seed}</span>
      </div>
      <div className="actions">
        {(view.stage === 'setup' || view.stage === 'dayEnded') && nextDay <= view.days && (
          <>
            <SendButton send={send} action={{ type: 'openPredictions' }}>
              Ask observers to predict day {nextDay}
            </SendButton>
            <SendButton send={send} action={{ type: 'startDay' }} variant="primary">
              Start day {nextDay}
            </SendButton>
          </>
        )}
        {view.stage === 'predicting' && (
          <SendButton send={send} action={{ type: 'startDay' }} variant="primary">
            Start day {view.day} ({view.predictionsToday} predictions)
          </SendButton>
        )}
        {view.stage === 'working' && current && (
          <SendButton send={send} action={{ type: 'dip' }}>
            Dip for {current.name}
            {current.isSimulated ? ' (simulated)' : ''}
          </SendButton>
        )}
        {isPending && (
          <SendButton send={send} action={{ type: 'record' }} variant="quiet">
            Record without inspection
          </SendButton>
        )}
        {!isFinished && (
          <SendButton send={send} action={{ type: 'finish' }} variant="quiet">
            End the experiment and debrief
          </SendButton>
        )}
      </div>
      <DemoControls view={view} send={send} />
      <ErrorAlert message={error} />

      {view.paddle && (
        <div className={styles.paddleRow} data-testid="last-paddle">
          <Paddle
            key={view.paddle.index}
            beads={view.paddle.beads}
            label={`${view.paddle.workerName}'s paddle`}
          />
          <p>
            <strong>{view.paddle.workerName}</strong>: {view.paddle.red} red
            {isPending
              ? ` · inspectors ${view.paddle.confirmations} of ${view.inspectorsNeeded}`
              : ' · recorded'}
          </p>
        </div>
      )}

      <ControlChart chart={view.chart} />
      <div className="actions">
        <button
          type="button"
          className="button button--small"
          aria-pressed={view.chartSettings.kind === 'p'}
          onClick={() =>
            void send({ type: 'chart', kind: view.chartSettings.kind === 'np' ? 'p' : 'np' })
          }
        >
          Show as{' '}
          {view.chartSettings.kind === 'np' ? 'p chart (share red)' : 'np chart (red count)'}
        </button>
        <button
          type="button"
          className="button button--small"
          aria-pressed={view.chartSettings.basis === 'data'}
          onClick={() =>
            void send({
              type: 'chart',
              basis: view.chartSettings.basis === 'theory' ? 'data' : 'theory',
            })
          }
        >
          Limits from {view.chartSettings.basis === 'theory' ? 'the data' : 'theory'}
        </button>
      </div>
      <RecordTable view={view} />

      {isFinished ? (
        <Debrief view={view} />
      ) : (
        <>
          <Management view={view} send={send} />
          <Roles view={view} send={send} />
        </>
      )}
    </div>
  );
}

function stageLabel(stage: RedBeadFacilitatorView['stage']): string {
  return {
    setup: 'setting up',
    predicting: 'predictions open',
    working: 'working',
    dayEnded: 'day over',
    finished: 'finished',
  }[stage];
}

function DemoControls({
  view,
  send,
}: {
  view: RedBeadFacilitatorView;
  send: (a: Action) => Promise<boolean>;
}) {
  // Uncontrolled, keyed on the server's value: a click shows at once and the next view
  // confirms it. Each control sends the other's current value, not a view that may lag.
  const isOn = useRef<HTMLInputElement>(null);
  const speed = useRef<HTMLSelectElement>(null);
  const update = () =>
    void send({
      type: 'demo',
      isOn: isOn.current?.checked ?? view.demo.isOn,
      intervalMs: Number(speed.current?.value ?? view.demo.intervalMs),
    });
  return (
    <div className="actions">
      <label className="check">
        <input
          ref={isOn}
          key={`demo-${view.demo.isOn}`}
          type="checkbox"
          defaultChecked={view.demo.isOn}
          onChange={update}
        />
        Demo mode: simulated workers dip by themselves
      </label>
      <label className="field field--inline">
        <span>every</span>
        <select
          ref={speed}
          key={`speed-${view.demo.intervalMs}`}
          defaultValue={view.demo.intervalMs}
          onChange={update}
        >
          {[500, 1000, 1500, 3000, 5000].map((ms) => (
            <option key={ms} value={ms}>
              {ms / 1000} s
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

const REWARDS = [
  ['praise', 'Praise the best'],
  ['bonus', 'Bonus for the best'],
  ['probation', 'Probation for the worst'],
] as const;

/** A number and the button that acts with it (a quota, how many to fire, a new paddle...). */
function NumberAction(props: {
  label: string;
  initial: number;
  min: number;
  max: number;
  button: string;
  isDanger?: boolean;
  onSubmit: (value: number) => void;
}) {
  const [value, setValue] = useState(props.initial);
  return (
    <>
      <label className="field field--inline">
        <span>{props.label}</span>
        <input
          type="number"
          min={props.min}
          max={props.max}
          value={value}
          onChange={(e) => setValue(Number(e.target.value))}
        />
      </label>
      <button
        type="button"
        className={`button button--small ${props.isDanger ? 'button--danger' : ''}`}
        onClick={() => props.onSubmit(value)}
      >
        {props.button}
      </button>
    </>
  );
}

function Management({
  view,
  send,
}: {
  view: RedBeadFacilitatorView;
  send: (a: Action) => Promise<boolean>;
}) {
  const [slogan, setSlogan] = useState('Zero defects!');
  return (
    <section className="stack stack--tight" aria-labelledby="management-title">
      <h3 id="management-title">Management</h3>
      {view.suggestions.length > 0 && (
        <div className="actions" aria-label="From the classic script">
          <span className="muted">Script:</span>
          {view.suggestions.map((s) => (
            <SendButton key={s.label} send={send} action={s.action} size="small">
              {s.label}
            </SendButton>
          ))}
        </div>
      )}
      <div className="actions">
        <NumberAction
          label="Quota"
          initial={3}
          min={0}
          max={500}
          button="Set quota"
          onSubmit={(max) => void send({ type: 'quota', max })}
        />
        <label className="field field--inline">
          <span>Slogan</span>
          <input value={slogan} maxLength={120} onChange={(e) => setSlogan(e.target.value)} />
        </label>
        <SendButton send={send} action={{ type: 'slogan', text: slogan }} size="small">
          Post slogan
        </SendButton>
      </div>
      <div className="actions">
        {REWARDS.map(([kind, label]) => (
          <SendButton key={kind} send={send} action={{ type: 'reward', kind }} size="small">
            {label}
          </SendButton>
        ))}
        <NumberAction
          label="Fire"
          initial={3}
          min={1}
          max={5}
          button="Fire the worst, double shifts for the best"
          isDanger
          onSubmit={(count) => void send({ type: 'fireWorst', count })}
        />
        <SendButton send={send} action={{ type: 'closePlant' }} variant="danger" size="small">
          Close the plant
        </SendButton>
      </div>
      <h4>Change the system (the only changes that move the chart)</h4>
      <div className="actions">
        <NumberAction
          label="Supplier’s red %"
          initial={10}
          min={0}
          max={100}
          button="New supplier"
          onSubmit={(redSharePercent) => void send({ type: 'newSupplier', redSharePercent })}
        />
        <NumberAction
          label="Paddle holes"
          initial={25}
          min={1}
          max={500}
          button="New paddle"
          onSubmit={(paddleHoles) => void send({ type: 'newPaddle', paddleHoles })}
        />
        <span className="muted">
          Now: {view.system.redSharePercent}% red, {view.system.paddleHoles} holes
        </span>
      </div>
    </section>
  );
}

function Roles({
  view,
  send,
}: {
  view: RedBeadFacilitatorView;
  send: (a: Action) => Promise<boolean>;
}) {
  const options = (empty: string) => (
    <>
      <option value="">{empty}</option>
      {view.people.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
          {p.role !== 'observer' ? ` (${p.role})` : ''}
        </option>
      ))}
    </>
  );
  const assign = (
    role: 'worker' | 'inspector' | 'chief' | 'recorder',
    slot: number,
    value: string,
  ) => void send({ type: 'assign', role, slot, participantId: value || null });
  return (
    <section className="stack stack--tight" aria-labelledby="roles-title">
      <div className="actions">
        <h3 id="roles-title">Roles</h3>
        <SendButton send={send} action={{ type: 'pickVolunteers' }} size="small">
          Pick volunteers at random
        </SendButton>
      </div>
      <NumberFields>
        {view.roles.workers.map((w) => {
          const worker = view.workers.find((x) => x.id === w.workerId);
          return (
            <label key={w.workerId} className="field">
              <span>
                Worker {w.workerId}
                {worker?.status === 'fired'
                  ? ' (fired)'
                  : worker?.hasDoubleShift
                    ? ' (double shift)'
                    : ''}
              </span>
              <select
                value={w.participantId ?? ''}
                onChange={(e) => assign('worker', w.slot, e.target.value)}
              >
                {options('Simulated worker')}
              </select>
            </label>
          );
        })}
        {view.roles.inspectors.map((p, i) => (
          <label key={`i${i}`} className="field">
            <span>Inspector {i + 1}</span>
            <select value={p ?? ''} onChange={(e) => assign('inspector', i, e.target.value)}>
              {options('Nobody')}
            </select>
          </label>
        ))}
        <label className="field">
          <span>Chief inspector</span>
          <select
            value={view.roles.chief ?? ''}
            onChange={(e) => assign('chief', 0, e.target.value)}
          >
            {options('Nobody')}
          </select>
        </label>
        <label className="field">
          <span>Recorder</span>
          <select
            value={view.roles.recorder ?? ''}
            onChange={(e) => assign('recorder', 0, e.target.value)}
          >
            {options('Nobody')}
          </select>
        </label>
      </NumberFields>
      <p className="muted">
        Everyone else observes and predicts. Without inspectors, paddles are recorded at once.
      </p>
    </section>
  );
}
