import { useId, useState } from 'react';
import type { DotVoteOwnView, DotVotePublicView } from '@playfield/shared/exercises/dotVote/index';
import { BarChart } from '../../components/BarChart.tsx';
import type { ParticipantProps } from '../types.ts';
import { useSender } from '../useSender.ts';
import { count, plural } from '@playfield/shared/plural';
import styles from './Participant.module.css';
import { ChoiceButton } from '../../components/ChoiceButton.tsx';
import { StatusLine } from '../../components/StatusLine.tsx';
import { DotStepper } from '../../components/DotStepper.tsx';

/** The ballot being filled in: dots and example text per chosen option. */
type Draft = Record<number, { dots: number; example: string }>;

/** Longest example, as the server checks it (kept here so the phone bundle stays zod-free). */
const EXAMPLE_LENGTH = 280;

function draftOf(own: DotVoteOwnView | null): Draft {
  const draft: Draft = {};
  for (const c of own?.choices ?? []) draft[c.option] = { dots: c.dots, example: c.example ?? '' };
  return draft;
}

/** Spaces collapsed as the server does, so a saved ballot compares equal to its draft. */
const tidy = (text: string) => text.replace(/\s+/g, ' ').trim();

function choicesOf(draft: Draft) {
  return Object.entries(draft)
    .map(([option, c]) => ({
      option: Number(option),
      dots: c.dots,
      example: tidy(c.example) === '' ? null : tidy(c.example),
    }))
    .sort((a, b) => a.option - b.option);
}

function isSameBallot(draft: Draft, own: DotVoteOwnView | null): boolean {
  if (!own?.hasVoted) return false;
  return JSON.stringify(choicesOf(draft)) === JSON.stringify(own.choices);
}

/** What the rule asks, in words. */
export function ruleText(rule: DotVotePublicView['rule']): string {
  if (rule.mode === 'dots')
    return `Spread ${plural(rule.dots, 'dot', 'dots')}; at most ${rule.maxPerOption} on one option.`;
  if (rule.min === 0) return `Choose up to ${rule.max}.`;
  if (rule.min === rule.max) return `Choose ${rule.min}.`;
  return `Choose at least ${rule.min} (up to ${rule.max}).`;
}

/**
 * A dot vote on a phone: tap options (or add and remove dots), add an example where the
 * vote asks for one, save; the ballot can change until the facilitator locks. After the
 * reveal: the ranking, with the participant's own choices marked.
 */
export function DotVoteParticipant(props: ParticipantProps<'dotVote'>) {
  // The phone's page keeps this component from one round to the next: another vote starts
  // with its own draft, not the last round's.
  const { view } = props;
  const identity = [view.question, view.rule.mode, ...view.options.map((o) => o.label)].join('\n');
  return <DotVoteBallot key={identity} {...props} />;
}

function DotVoteBallot({ view, own, isOpen, act }: ParticipantProps<'dotVote'>) {
  const [edited, setEdited] = useState<Draft | null>(null);
  const { error, setError, isBusy: pending, send } = useSender(act);
  const ids = useId();
  const draft = edited ?? draftOf(own);

  if (view.results) return <DotVoteResults view={view} own={own} />;

  const { rule } = view;
  const isDots = rule.mode === 'dots';
  const chosen = choicesOf(draft);
  const spent = chosen.reduce((n, c) => n + c.dots, 0);
  const isSaved = isSameBallot(draft, own);
  const isDisabled = !isOpen || pending;

  const update = (next: Draft) => {
    setEdited(next);
    setError(null);
  };
  const toggle = (option: number) => {
    const next = { ...draft };
    if (next[option]) delete next[option];
    else next[option] = { dots: 1, example: '' };
    update(next);
  };
  const addDots = (option: number, delta: number) => {
    const next = { ...draft };
    const dots = (next[option]?.dots ?? 0) + delta;
    if (dots <= 0) delete next[option];
    else next[option] = { dots, example: next[option]?.example ?? '' };
    update(next);
  };

  async function save() {
    await send({ type: 'vote', choices: choicesOf(draft) });
  }

  async function withdraw() {
    if (await send({ type: 'clear' })) setEdited({});
  }

  const shortBy = rule.mode === 'choose' ? rule.min - chosen.length : 0;
  const status = isSaved
    ? 'Vote saved. You can change it until the facilitator locks the vote.'
    : own?.hasVoted && 'You have changes that are not saved yet.';

  return (
    <section className="stack">
      <h2 className="question" id={`${ids}-question`}>
        {view.question}
      </h2>
      <p className="muted">
        {ruleText(rule)}
        {view.exampleMode === 'required' && ' Give an example for each.'}
        {view.exampleMode === 'optional' && ' You may add an example to each.'}
        {view.isAnonymous && ' Your vote is anonymous.'}
      </p>
      <div role="group" aria-labelledby={`${ids}-question`} className="choices">
        {view.options.map((option, i) => {
          const choice = draft[i];
          const descriptionId = `${ids}-desc-${i}`;
          const labelId = `${ids}-label-${i}`;
          return (
            <div key={i} className={choice ? `${styles.option} ${styles.chosen}` : styles.option}>
              {isDots ? (
                <div className={styles.dots}>
                  <div className={styles.label}>
                    <span>{option.label}</span>
                    {option.description && (
                      <small id={descriptionId} className="muted">
                        {option.description}
                      </small>
                    )}
                  </div>
                  <DotStepper
                    name={option.label}
                    dots={choice?.dots ?? 0}
                    max={rule.maxPerOption}
                    left={rule.dots - spent}
                    disabled={isDisabled}
                    layout="stacked"
                    onStep={(delta) => addDots(i, delta)}
                  />
                </div>
              ) : (
                <ChoiceButton
                  role="checkbox"
                  isChosen={!!choice}
                  aria-labelledby={labelId}
                  aria-describedby={option.description ? descriptionId : undefined}
                  disabled={isDisabled}
                  onChoose={() => toggle(i)}
                >
                  <span className={styles.label}>
                    <span id={labelId}>{option.label}</span>
                    {option.description && (
                      <small id={descriptionId} className="muted">
                        {option.description}
                      </small>
                    )}
                  </span>
                </ChoiceButton>
              )}
              {choice && view.exampleMode !== 'off' && (
                <label className={`field ${styles.example}`}>
                  <span>
                    Example for {option.label}
                    {view.exampleMode === 'optional' ? ' (optional)' : ''}
                  </span>
                  <textarea
                    rows={2}
                    maxLength={EXAMPLE_LENGTH}
                    value={choice.example}
                    disabled={isDisabled}
                    onChange={(e) =>
                      update({ ...draft, [i]: { dots: choice.dots, example: e.target.value } })
                    }
                  />
                </label>
              )}
            </div>
          );
        })}
      </div>
      {isDots && (
        <p className={styles.left}>
          {plural(rule.dots - spent, 'dot', 'dots')} left of {rule.dots}.
        </p>
      )}
      {shortBy > 0 && rule.mode === 'choose' && (
        <p className={styles.short}>
          The rule is at least {rule.min}: you have chosen {chosen.length}.
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="button button--primary button--block"
          disabled={isDisabled || isSaved}
          onClick={() => void save()}
        >
          {chosen.length === 0 && !isDots ? 'Save: none of these' : 'Save my vote'}
        </button>
        {own?.hasVoted && (
          <button
            type="button"
            className="button button--quiet"
            disabled={isDisabled}
            onClick={() => void withdraw()}
          >
            Withdraw my vote
          </button>
        )}
      </div>
      <StatusLine error={error} isOpen={isOpen} closed="Voting is closed.">
        {status}
      </StatusLine>
    </section>
  );
}

/** After the reveal: the ranking with the participant's choices marked, and the shortfall. */
function DotVoteResults({ view, own }: Pick<ParticipantProps<'dotVote'>, 'view' | 'own'>) {
  const results = view.results;
  if (!results) return null;
  const mine = new Set((own?.choices ?? []).map((c) => c.option));
  const { shortfall } = results;
  return (
    <section className="stack">
      <h2 className="question">{view.question}</h2>
      <BarChart
        label="Results"
        labels={results.ranking.map((r) => r.label)}
        values={results.ranking.map((r) => r.count)}
        marked={results.ranking.flatMap((r, i) => (mine.has(r.option) ? [i] : []))}
      />
      <p className="muted">{plural(results.respondents, 'person', 'people')} voted.</p>
      {shortfall && (
        <p>
          {count(shortfall.count)} of {plural(shortfall.respondents, 'voter', 'voters')} chose fewer
          than {shortfall.min}
          {own?.hasVoted &&
            (own.choices.length < shortfall.min
              ? `, you among them (${own.choices.length}).`
              : `; you chose ${own.choices.length}.`)}
        </p>
      )}
    </section>
  );
}
