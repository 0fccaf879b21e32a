import { plural } from '@playfield/shared/plural';
import { useState } from 'react';
import type {
  ScaleAnswer,
  ScaleSpec,
  StatementStats,
} from '@playfield/shared/exercises/scale/index';
import type { ParticipantProps } from '../types.ts';
import { useSender } from '../useSender.ts';
import styles from './Participant.module.css';
import { RatingPoints, endsNamed, pointsFrom } from '../../components/RatingPoints.tsx';
import { StatusLine } from '../../components/StatusLine.tsx';

/** A figure with at most one decimal (the phone imports no values from shared). */
function figure(value: number | null): string {
  return value === null ? '–' : String(Math.round(value * 10) / 10);
}

function answerText(answer: ScaleAnswer): string {
  return answer === null ? 'not rated' : answer === 'skip' ? 'skipped' : String(answer);
}

/** The 0-100 slider: moves locally, saves when the finger or key lets go. */
function Slider(props: {
  id: string;
  spec: ScaleSpec;
  label: string;
  answer: ScaleAnswer;
  disabled: boolean;
  onCommit: (value: number) => void;
}) {
  const saved = typeof props.answer === 'number' ? props.answer : null;
  const [draft, setDraft] = useState<number | null>(null);
  const shown = draft ?? saved;
  const commit = () => {
    if (draft !== null && draft !== saved) props.onCommit(draft);
    setDraft(null);
  };
  return (
    <>
      <label htmlFor={props.id} className={styles.sliderValue}>
        <span className="visually-hidden">{props.label}: </span>
        {shown === null ? 'Not rated yet: move the slider' : `${shown} of 100`}
      </label>
      <input
        id={props.id}
        className={styles.slider}
        type="range"
        min={props.spec.min}
        max={props.spec.max}
        step={1}
        value={shown ?? 50}
        aria-valuetext={shown === null ? 'not rated' : `${shown} of 100`}
        disabled={props.disabled}
        onChange={(e) => setDraft(Number(e.target.value))}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
      />
    </>
  );
}

/** One statement: value buttons (1-5, 1-10) or the slider, with labelled ends and a skip. */
function Statement(props: {
  index: number;
  text: string;
  spec: ScaleSpec;
  answer: ScaleAnswer;
  result: StatementStats | undefined;
  disabled: boolean;
  onAnswer: (value: ScaleAnswer) => void;
}) {
  const { spec, answer, index } = props;
  const labelId = `scale-statement-${index}`;
  return (
    <fieldset className={styles.statement}>
      <legend id={labelId}>{props.text}</legend>
      {spec.kind === '0-100' ? (
        <Slider
          id={`scale-slider-${index}`}
          spec={spec}
          label={props.text}
          answer={answer}
          disabled={props.disabled}
          onCommit={props.onAnswer}
        />
      ) : (
        <RatingPoints
          points={pointsFrom(spec.min, spec.max)}
          chosen={typeof answer === 'number' ? answer : null}
          nameOf={endsNamed(spec)}
          labelledBy={labelId}
          className={styles.values}
          pointClass={() => styles.value}
          disabled={props.disabled}
          onPick={(v) => props.onAnswer(answer === v ? null : v)}
        />
      )}
      <div className={styles.ends} aria-hidden="true">
        <span>
          {spec.min} {spec.lowLabel}
        </span>
        <span>
          {spec.max} {spec.highLabel}
        </span>
      </div>
      {spec.allowSkip && (
        <button
          type="button"
          className={`button button--quiet ${styles.skip}`}
          aria-pressed={answer === 'skip'}
          disabled={props.disabled}
          onClick={() => props.onAnswer(answer === 'skip' ? null : 'skip')}
        >
          {answer === 'skip' ? '✓ Skipped: don’t know' : 'Skip / don’t know'}
        </button>
      )}
      {props.result && (
        <p className={styles.result}>
          Room: mean {figure(props.result.mean)} from{' '}
          {plural(props.result.count, 'rating', 'ratings')} · you: {answerText(answer)}
        </p>
      )}
    </fieldset>
  );
}

/** Scales on a phone: rate each statement; ratings can change until the facilitator locks. */
export function ScaleParticipant({ view, own, isOpen, act }: ParticipantProps<'scale'>) {
  const { error, isBusy: pending, send } = useSender(act);
  const answers = own?.answers ?? view.statements.map(() => null);
  const rated = answers.filter((a) => a !== null).length;

  async function answer(statement: number, value: ScaleAnswer) {
    await send({ type: 'rate', statement, value });
  }

  return (
    <section className="stack">
      <h2 className="question">{view.question}</h2>
      {view.statements.map((text, i) => (
        <Statement
          key={i}
          index={i}
          text={text}
          spec={view.scale}
          answer={answers[i] ?? null}
          result={view.results?.[i]}
          disabled={!isOpen || pending}
          onAnswer={(value) => void answer(i, value)}
        />
      ))}
      <StatusLine error={error} isOpen={isOpen} closed="Ratings are locked.">
        {rated > 0 &&
          `${rated} of ${view.statements.length} answered. You can change them until the facilitator locks the round.`}
      </StatusLine>
    </section>
  );
}
