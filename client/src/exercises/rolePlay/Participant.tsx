import { plural } from '@playfield/shared/plural';
import { useState } from 'react';
import type {
  RolePlayOwnView,
  RolePlayPublicView,
  RolePlayRole,
  RolePlayScorecardView,
} from '@playfield/shared/exercises/rolePlay/index';
import type { ParticipantProps } from '../types.ts';
import { StepMeans } from './StepMeans.tsx';
import { useSender } from '../useSender.ts';
import styles from './Participant.module.css';
import { ErrorAlert } from '../../components/form/ErrorAlert.tsx';
import { RoleCard } from '../../components/RoleCard.tsx';
import { RatingPoints, pointsFrom } from '../../components/RatingPoints.tsx';

/** The longest note, as the server allows it (kept here: the phone imports no shared values). */
const NOTE_LENGTH = 280;

const ROLE_NAMES: Record<RolePlayRole, string> = {
  customer: 'Customer',
  provider: 'Service provider',
  observer: 'Observer',
};

type Group = NonNullable<RolePlayOwnView['group']>;
type Send = ParticipantProps<'rolePlay'>['act'];

/** The role-play on a phone: my group and part, the complaint, and what my part does. */
export function RolePlayParticipant({ view, own, isOpen, act }: ParticipantProps<'rolePlay'>) {
  const group = own?.group ?? null;
  return (
    <section className="stack">
      {group ? (
        <GroupCard group={group} play={view.play} />
      ) : (
        <p className="lead" role="status">
          {view.play === 0
            ? 'The facilitator is about to form the groups. Your part will appear here.'
            : 'The groups are formed. You will be placed in one shortly.'}
        </p>
      )}
      <div className="stack stack--tight">
        <h2 className="question">{view.title}</h2>
        <p>{view.complaint}</p>
      </div>
      {group && <RoleInstructions group={group} view={view} isOpen={isOpen} act={act} />}
      {!group && <StepList view={view} />}
      {view.results && (
        <div className="stack stack--tight">
          <h3>How the room scored the steps</h3>
          <StepMeans
            steps={view.results.steps}
            scaleMax={view.scaleMax}
            label="The room’s mean score per step"
          />
          <p className="muted">
            From {plural(view.results.scorecards, 'scorecard', 'scorecards')}.
          </p>
        </div>
      )}
    </section>
  );
}

function GroupCard({ group, play }: { group: Group; play: number }) {
  return (
    <RoleCard
      eyebrow={`${group.label}${play > 1 ? ` · play ${play}` : ''} · your part`}
      name={`${ROLE_NAMES[group.role]}${group.isScorer ? ' (you score)' : ''}`}
    >
      {group.partners.length > 0 && (
        <ul className={styles.partners} aria-label="Your group">
          {group.partners.map((p, i) => (
            <li key={i}>
              <strong>{p.name}</strong>: {ROLE_NAMES[p.role].toLowerCase()}
              {p.isScorer ? ', scores' : ''}
            </li>
          ))}
        </ul>
      )}
    </RoleCard>
  );
}

function StepList({ view }: { view: RolePlayPublicView }) {
  return (
    <ol className={styles.steps}>
      {view.steps.map((step) => (
        <li key={step.name}>
          <strong>{step.name}</strong>: {step.hint}
        </li>
      ))}
    </ol>
  );
}

function RoleInstructions({
  group,
  view,
  isOpen,
  act,
}: {
  group: Group;
  view: RolePlayPublicView;
  isOpen: boolean;
  act: Send;
}) {
  return (
    <>
      {group.role === 'customer' && group.brief && (
        <div className={`stack stack--tight ${styles.brief}`}>
          <h3>What you are upset about</h3>
          <p>{group.brief}</p>
          <p className="muted">Play it for real: stay upset until you feel heard.</p>
        </div>
      )}
      {group.role === 'provider' && (
        <div className={`stack stack--tight ${styles.brief}`}>
          <h3>Your situation</h3>
          {group.brief && <p>{group.brief}</p>}
          <p>Walk the customer through these steps:</p>
          <StepList view={view} />
        </div>
      )}
      {group.role === 'observer' && !group.isScorer && (
        <div className={`stack stack--tight ${styles.brief}`}>
          <h3>Watch for the steps</h3>
          <p className="muted">
            Note what works at each step; your group’s scorer enters the scores.
          </p>
          <StepList view={view} />
        </div>
      )}
      {group.isScorer ? (
        <ScoreForm
          // A new group or play starts a fresh form (the note typed belongs to the old one).
          key={`${group.label}:${view.play}`}
          group={group}
          view={view}
          isOpen={isOpen}
          act={act}
          card={group.scorecard ?? blankCard(view)}
        />
      ) : (
        group.scorecard && <GroupScores view={view} card={group.scorecard} />
      )}
    </>
  );
}

function blankCard(view: RolePlayPublicView): RolePlayScorecardView {
  return { scores: view.steps.map(() => null), comment: '', isComplete: false };
}

/** The scorer's form: one row of score buttons per step, then a short note. */
function ScoreForm({
  group,
  view,
  isOpen,
  act,
  card,
}: {
  group: Group;
  view: RolePlayPublicView;
  isOpen: boolean;
  act: Send;
  card: RolePlayScorecardView;
}) {
  const { error, isBusy, send } = useSender(act);
  const [note, setNote] = useState(card.comment);
  const scored = card.scores.filter((s) => s !== null).length;

  return (
    <form
      className="stack"
      aria-label="Score the role-play"
      onSubmit={(e) => {
        e.preventDefault();
        void send({ type: 'comment', text: note.trim() });
      }}
    >
      <div>
        <h3>Score each step</h3>
        <p className="muted">
          {group.role === 'customer'
            ? 'After the role-play, score how the provider handled you. '
            : 'Score what you see as the provider handles the customer. '}
          1 is not at all, {view.scaleMax} is excellent. You can change a score until the
          facilitator locks them.
        </p>
      </div>
      {view.steps.map((step, i) => {
        const chosen = card.scores[i] ?? null;
        const legendId = `role-play-step-${i}`;
        return (
          <fieldset key={step.name} className={styles.step}>
            <legend id={legendId}>
              <strong>{step.name}</strong>
              <span className="muted"> {step.hint}</span>
            </legend>
            <RatingPoints
              points={pointsFrom(1, view.scaleMax)}
              chosen={chosen}
              nameOf={(v) => `${step.name}: ${v} of ${view.scaleMax}`}
              labelledBy={legendId}
              className={styles.scale}
              pointClass={(isChosen) => `choice ${isChosen ? 'is-chosen' : ''}`}
              disabled={!isOpen || isBusy}
              onPick={(v) => void send({ type: 'score', step: step.name, value: v })}
            />
          </fieldset>
        );
      })}
      <label className="field">
        <span>A short note for your group (optional)</span>
        <textarea
          value={note}
          maxLength={NOTE_LENGTH}
          rows={3}
          disabled={!isOpen}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <button
        type="submit"
        className="button button--block"
        disabled={!isOpen || isBusy || note.trim() === card.comment}
      >
        Save the note
      </button>
      <p className="status-line" role="status">
        {error
          ? ''
          : !isOpen
            ? 'Scores are locked.'
            : card.isComplete
              ? 'Every step scored: your group can see the scores.'
              : `${scored} of ${view.steps.length} steps scored.`}
      </p>
      <ErrorAlert message={error} />
    </form>
  );
}

/** The group's scorecard as the customer and provider see it, once complete. */
function GroupScores({ view, card }: { view: RolePlayPublicView; card: RolePlayScorecardView }) {
  return (
    <div className="stack stack--tight">
      <h3>Your group’s scores</h3>
      <dl className={styles.scores}>
        {view.steps.map((step, i) => (
          <div key={step.name}>
            <dt>{step.name}</dt>
            <dd>
              {card.scores[i] ?? '–'} of {view.scaleMax}
            </dd>
          </div>
        ))}
      </dl>
      {card.comment && <blockquote className={styles.note}>{card.comment}</blockquote>}
    </div>
  );
}
