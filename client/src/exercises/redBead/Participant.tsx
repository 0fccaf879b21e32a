import type { RedBeadOwnView } from '@playfield/shared/exercises/redBead/index';
import type { ParticipantProps } from '../types.ts';
import { Paddle } from './Paddle.tsx';
import { Debrief, RecordTable } from './RecordTable.tsx';
import { useSender } from '../useSender.ts';
import styles from './RedBead.module.css';
import { ErrorAlert } from '../../components/form/ErrorAlert.tsx';
import { RoleCard } from '../../components/RoleCard.tsx';
import { ChoiceButton } from '../../components/ChoiceButton.tsx';

const BLANK: RedBeadOwnView = {
  role: 'observer',
  lastPrediction: null,
  workerId: null,
  hasConfirmed: false,
  prediction: null,
};

const ROLE_TEXT: Record<RedBeadOwnView['role'], [string, string]> = {
  worker: [
    'Willing worker',
    'When it is your turn, dip the paddle. Management wants white beads only.',
  ],
  inspector: ['Inspector', 'Count the red beads on each paddle and confirm the count.'],
  chief: ['Chief inspector', 'When both inspectors agree, announce the count to the room.'],
  recorder: ['Recorder', 'Keep the record of every paddle; read it out at the end of each day.'],
  observer: ['Observer', 'Watch the plant. Before each day, predict how it will go.'],
};

/** The Red Bead Experiment on a phone: a role, the paddle, and what that role does now. */
export function RedBeadParticipant({ view, own, act }: ParticipantProps<'redBead'>) {
  const me = own ?? BLANK;
  const { error, isBusy, send } = useSender(act);
  const paddle = view.paddle;
  const isPending = paddle !== null && !paddle.isRecorded;
  const isMyTurn = me.workerId !== null && me.workerId === view.currentWorkerId;
  const current = view.workers.find((w) => w.id === view.currentWorkerId);
  const [roleName, roleHelp] = ROLE_TEXT[me.role];

  return (
    <section className="stack red-bead">
      <RoleCard
        eyebrow="Your role"
        name={`${roleName}${me.role === 'worker' && me.workerId ? ` ${me.workerId}` : ''}`}
      >
        <p className="muted">{roleHelp}</p>
      </RoleCard>
      {(view.quota !== null || view.slogan) && (
        <p className={styles.banner} data-testid="management-banner">
          {view.slogan && <strong>“{view.slogan}” </strong>}
          {view.quota !== null && <span>Quota: no more than {view.quota} red.</span>}
        </p>
      )}
      <p className="lead">
        {view.stage === 'working' && isMyTurn
          ? `Your turn: dip the paddle (day ${view.day} of ${view.days}).`
          : stageText(view.stage, view.day, view.days, current?.name)}
      </p>

      {view.stage === 'working' && isMyTurn && (
        <button
          className={`button button--primary button--block ${styles.huge}`}
          type="button"
          disabled={isBusy}
          onClick={() => void send({ type: 'dip' })}
        >
          Dip the paddle
        </button>
      )}

      {paddle && (
        <div className="stack stack--tight">
          <p>
            <strong>{paddle.workerName}</strong>: {paddle.red} red{' '}
            {isPending ? '(being inspected)' : ''}
          </p>
          <Paddle key={paddle.index} beads={paddle.beads} label={`${paddle.workerName}'s paddle`} />
        </div>
      )}

      {isPending && me.role === 'inspector' && !me.hasConfirmed && (
        <button
          className="button button--primary button--block"
          type="button"
          disabled={isBusy}
          onClick={() => void send({ type: 'confirm', drawIndex: paddle.index })}
        >
          I count {paddle.red} red: confirm
        </button>
      )}
      {isPending && me.role === 'chief' && (
        <button
          className="button button--primary button--block"
          type="button"
          disabled={isBusy || paddle.confirmations < view.inspectorsNeeded}
          onClick={() => void send({ type: 'confirm', drawIndex: paddle.index })}
        >
          {paddle.confirmations < view.inspectorsNeeded
            ? `Waiting for the inspectors (${paddle.confirmations} of ${view.inspectorsNeeded})`
            : `Announce ${paddle.red} red`}
        </button>
      )}
      {isPending && me.role === 'inspector' && me.hasConfirmed && (
        <p className="muted">Confirmed. Waiting for the chief inspector.</p>
      )}

      {view.stage === 'predicting' && me.role !== 'worker' && (
        <Prediction view={view} own={me} isBusy={isBusy} send={send} />
      )}

      {view.lastPredictions &&
        view.stage !== 'finished' &&
        view.lastPredictions.predictions > 0 && (
          <p className="muted">
            Day {view.lastPredictions.day}: {view.lastPredictions.guessedBest} of{' '}
            {view.lastPredictions.predictions} predicted the best worker (
            {view.lastPredictions.bestWorkerNames.join(', ')}).
          </p>
        )}

      {me.lastPrediction && view.stage !== 'finished' && (
        <p className="muted">
          Your forecast for day {me.lastPrediction.day}:{' '}
          {me.lastPrediction.guessedBest === null
            ? 'no pick for the best worker'
            : me.lastPrediction.guessedBest
              ? 'you picked the best worker'
              : 'your pick was not the best worker'}
          {me.lastPrediction.guessedTrend === null
            ? '.'
            : me.lastPrediction.guessedTrend
              ? ', and the trend was as you said.'
              : ', and the trend went otherwise.'}{' '}
          The system, not the worker, decided.
        </p>
      )}
      <ErrorAlert message={error} />

      {view.stage === 'finished' ? (
        <Debrief view={view} />
      ) : (
        <details open={me.role === 'recorder'}>
          <summary>The record so far</summary>
          <RecordTable view={view} />
        </details>
      )}
    </section>
  );
}

function stageText(stage: string, day: number, days: number, current: string | undefined): string {
  switch (stage) {
    case 'setup':
      return 'Management is setting up the plant.';
    case 'predicting':
      return `Day ${day} of ${days} is about to start.`;
    case 'working':
      return current
        ? `Day ${day} of ${days}: ${current} is at the bucket.`
        : `Day ${day} of ${days}: the paddle is being inspected.`;
    case 'dayEnded':
      return `Day ${day} of ${days} is over.`;
    default:
      return 'The experiment is over.';
  }
}

function Prediction({
  view,
  own,
  isBusy,
  send,
}: {
  view: ParticipantProps<'redBead'>['view'];
  own: RedBeadOwnView;
  isBusy: boolean;
  send: (action: {
    type: 'predict';
    day: number;
    bestWorkerId: string | null;
    trend: 'better' | 'same' | 'worse' | null;
  }) => Promise<boolean>;
}) {
  const best = own.prediction?.bestWorkerId ?? null;
  const trend = own.prediction?.trend ?? null;
  const predict = (next: {
    bestWorkerId?: string | null;
    trend?: 'better' | 'same' | 'worse' | null;
  }) =>
    void send({
      type: 'predict',
      day: view.day,
      bestWorkerId: next.bestWorkerId ?? best,
      trend: next.trend ?? trend,
    });
  return (
    <fieldset className={`stack stack--tight ${styles.prediction}`}>
      <legend>Your prediction for day {view.day}</legend>
      <p>Who will draw the fewest red beads?</p>
      <div className="choices" role="radiogroup" aria-label="Best worker">
        {view.workers
          .filter((w) => w.status !== 'fired')
          .map((w) => (
            <ChoiceButton
              key={w.id}
              role="radio"
              isChosen={best === w.id}
              disabled={isBusy}
              onChoose={() => predict({ bestWorkerId: w.id })}
            >
              {w.name}
            </ChoiceButton>
          ))}
      </div>
      {view.day > 1 && (
        <>
          <p>Will the average be better than yesterday?</p>
          <div className="choices choices--row" role="radiogroup" aria-label="Trend">
            {(['better', 'same', 'worse'] as const).map((t) => (
              <button
                key={t}
                type="button"
                role="radio"
                aria-checked={trend === t}
                className={`choice ${trend === t ? 'is-chosen' : ''}`}
                disabled={isBusy}
                onClick={() => predict({ trend: t })}
              >
                {t === 'better' ? 'Fewer red' : t === 'same' ? 'The same' : 'More red'}
              </button>
            ))}
          </div>
        </>
      )}
    </fieldset>
  );
}
