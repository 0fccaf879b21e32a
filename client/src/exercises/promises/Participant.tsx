import type { PromiseOutcome, PromiseScenario } from '@playfield/shared/exercises/promises/model';
import type { ParticipantProps } from '../types.ts';
import { useSender } from '../useSender.ts';
import { OUTCOME_NAME, OUTCOMES, SCENARIO_NAME } from './names.ts';
import styles from './Participant.module.css';
import { ChoiceButton } from '../../components/ChoiceButton.tsx';
import { StatusLine } from '../../components/StatusLine.tsx';

/**
 * The promises on a phone: for each promise, one tap on what the customer base will do.
 * After the reveal: what happened to each, beside the phone's own prediction.
 */
export function PromisesParticipant({ view, own, isOpen, act }: ParticipantProps<'promises'>) {
  const { error, isBusy: pending, send } = useSender(act);
  const predictions = own?.predictions ?? {};

  async function predict(scenario: PromiseScenario, outcome: PromiseOutcome) {
    await send({ type: 'predict', scenario, outcome });
  }

  if (view.results) {
    return (
      <section className="stack">
        <h2 className="question">What happened</h2>
        <ul className={styles.list}>
          {view.results.series.map((s) => {
            const end = s.customers[s.customers.length - 1] ?? 0;
            const happy = s.satisfied[s.satisfied.length - 1] ?? 0;
            const mine = predictions[s.scenario];
            return (
              <li key={s.scenario} className={styles.card}>
                <h3>{SCENARIO_NAME[s.scenario]}</h3>
                <p>
                  {OUTCOME_NAME[s.outcome]}: {view.startCustomers.toLocaleString('en')} →{' '}
                  <strong>{end.toLocaleString('en')}</strong> customers,{' '}
                  {end ? Math.round((100 * happy) / end) : 0}% satisfied.
                </p>
                <p className="muted">
                  {mine
                    ? `You said: ${OUTCOME_NAME[mine].toLowerCase()}${mine === s.outcome ? ' ✓ right' : ''}.`
                    : 'You did not predict this one.'}
                </p>
              </li>
            );
          })}
        </ul>
      </section>
    );
  }

  return (
    <section className="stack">
      <h2 className="question">{view.question}</h2>
      <p className="muted">
        Start: {view.startCustomers.toLocaleString('en')} customers. After {view.periods}{' '}
        {view.periodName}s, does the customer base grow, hold steady or shrink?
      </p>
      {view.scenarios.map((s) => (
        <fieldset key={s.scenario} className={styles.card}>
          <legend className={styles.legend}>{SCENARIO_NAME[s.scenario]}</legend>
          <p className={styles.promise}>{s.promise}</p>
          <div className={styles.choices}>
            {OUTCOMES.map((outcome) => {
              const isChosen = predictions[s.scenario] === outcome;
              return (
                <ChoiceButton
                  key={outcome}
                  isChosen={isChosen}
                  disabled={!isOpen || pending}
                  onChoose={() => void predict(s.scenario, outcome)}
                >
                  {OUTCOME_NAME[outcome]}
                </ChoiceButton>
              );
            })}
          </div>
        </fieldset>
      ))}
      <StatusLine error={error} isOpen={isOpen} closed="Predictions are closed.">
        {Object.keys(predictions).length > 0 &&
          'Saved. You can change your mind until the results are shown.'}
      </StatusLine>
    </section>
  );
}
