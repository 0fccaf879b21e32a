import { count } from '@playfield/shared/plural';
import { useState } from 'react';
import type { QuizOwnView, QuizPublicView } from '@playfield/shared/exercises/quiz/index';
import type { ParticipantProps } from '../types.ts';
import { useSender } from '../useSender.ts';
import { OptionMark, toneOf } from './OptionMark.tsx';
import { markOf, ordinal } from './marks.ts';
import styles from './Participant.module.css';
import { useCountdown } from './useCountdown.ts';

const points = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'point' : 'points'}`;

/**
 * The quiz on a phone: big options (colour, shape and letter) while the clock runs, then the
 * participant's own result ("Right! +850") and place. Never anyone else's answers.
 */
export function QuizParticipant(props: ParticipantProps<'quiz'>) {
  const { view } = props;
  // A new question starts with a fresh draft of choices.
  return <QuizPhone key={`${view.current}:${view.phase === 'question'}`} {...props} />;
}

function QuizPhone({ view, own, act }: ParticipantProps<'quiz'>) {
  const { question } = view;
  if (view.phase === 'ready' || !question) {
    return (
      <section className={`stack ${styles.quiz}`}>
        <h2>Get ready!</h2>
        <p className="lead">
          A quiz of {view.questionCount} {view.questionCount === 1 ? 'question' : 'questions'}.
          Answer fast: quicker right answers score more.
        </p>
      </section>
    );
  }
  if (view.phase === 'final') return <Final view={view} own={own} />;
  return (
    <section className={`stack ${styles.quiz}`}>
      <p className="eyebrow">
        Question {view.current + 1} of {view.questionCount}
      </p>
      <h2 className={styles.question} id="quiz-question">
        {question.text}
      </h2>
      {view.phase === 'question' && !own?.answer ? (
        <Ballot view={view} act={act} />
      ) : (
        <Outcome view={view} own={own} />
      )}
    </section>
  );
}

function Ballot({ view, act }: Pick<ParticipantProps<'quiz'>, 'view' | 'act'>) {
  const question = view.question;
  const left = useCountdown(view.clock);
  const [chosen, setChosen] = useState<number[]>([]);
  const sender = useSender(act);
  // Accepted: stay disabled until the own view arrives and shows the answer.
  const [isSent, setSent] = useState(false);
  const { error } = sender;
  if (!question) return null;
  const isUp = left === 0;
  const pending = sender.isBusy || isSent;
  const isDisabled = pending || isUp;

  async function send(choices: number[]) {
    if (await sender.send({ type: 'answer', question: view.current, choices })) setSent(true);
  }
  const toggle = (i: number) =>
    setChosen((c) => (c.includes(i) ? c.filter((x) => x !== i) : [...c, i].sort((a, b) => a - b)));

  return (
    <>
      <p className={styles.clock} role="timer" aria-live="off">
        {isUp ? 'Time’s up' : left === null ? '' : `${left} s left`}
      </p>
      <p className="muted">
        {question.isMultiple ? 'Choose every right answer, then send.' : 'Tap your answer.'}
      </p>
      <div role="group" aria-labelledby="quiz-question" className={styles.options}>
        {question.options.map((option, i) => {
          const isChosen = chosen.includes(i);
          return (
            <button
              key={i}
              type="button"
              className={`${styles.option} ${toneOf(i)} ${isChosen ? styles.chosen : ''}`}
              disabled={isDisabled}
              aria-pressed={question.isMultiple ? isChosen : undefined}
              onClick={() => (question.isMultiple ? toggle(i) : void send([i]))}
            >
              <span className={styles.badge} aria-hidden="true">
                {markOf(i).shape} {markOf(i).letter}
              </span>
              <span>{option}</span>
              {question.isMultiple && (
                <span className={styles.tick} aria-hidden="true">
                  {isChosen ? '✓' : ''}
                </span>
              )}
            </button>
          );
        })}
      </div>
      {question.isMultiple && (
        <button
          type="button"
          className="button button--primary button--block"
          disabled={isDisabled || chosen.length === 0}
          onClick={() => void send(chosen)}
        >
          Send {chosen.length === 1 ? '1 answer' : `${chosen.length} answers`}
        </button>
      )}
      <p className="status-line" role="status">
        {error ?? (pending ? 'Sending…' : '')}
      </p>
    </>
  );
}

/** After answering, after the lock, after the reveal: what I chose and how it scored. */
function Outcome({ view, own }: { view: QuizPublicView; own: QuizOwnView | null }) {
  const question = view.question;
  const mine = own?.answer?.choices ?? [];
  const result = own?.result ?? null;
  const isRevealed = view.correct !== null;
  if (!question) return null;
  let headline = 'Answer sent. Wait for the reveal…';
  if (view.phase !== 'question' && !own?.answer) headline = 'No answer this time.';
  else if (view.phase === 'locked') headline = 'Time’s up! Wait for the reveal…';
  if (isRevealed && result)
    headline = result.isCorrect
      ? `Right! +${result.points.toLocaleString('en')}`
      : 'Not this time: +0';
  return (
    <div className="stack stack--tight">
      <p
        className={`${styles.verdict} ${result?.isCorrect ? styles.right : ''} ${
          isRevealed && result && !result.isCorrect ? styles.wrong : ''
        }`}
        role="status"
      >
        {headline}
      </p>
      <ul className={styles.summary} aria-label="The options">
        {question.options.map((option, i) => {
          const isMine = mine.includes(i);
          const isRight = view.correct?.includes(i) ?? false;
          if (!isMine && !isRight) return null;
          return (
            <li key={i} className={styles.line}>
              <OptionMark index={i} />
              <span className={styles.lineText}>{option}</span>
              <strong>
                {[isMine ? 'your answer' : '', isRight ? 'right answer' : '']
                  .filter(Boolean)
                  .join(', ')}
              </strong>
            </li>
          );
        })}
      </ul>
      {isRevealed && <Standing view={view} own={own} />}
    </div>
  );
}

function Standing({ view, own }: { view: QuizPublicView; own: QuizOwnView | null }) {
  if (!own || own.rank === null) return <p className="muted">You have no points yet.</p>;
  return (
    <p className={styles.standing}>
      You have <strong>{points(own.total)}</strong>: <strong>{ordinal(own.rank)}</strong> of{' '}
      {view.rankedCount}.
    </p>
  );
}

function Final({ view, own }: { view: QuizPublicView; own: QuizOwnView | null }) {
  return (
    <section className={`stack ${styles.quiz}`}>
      <h2>The quiz is over</h2>
      {own && own.rank !== null ? (
        <p className={styles.verdict} role="status">
          You finished {ordinal(own.rank)} of {count(view.rankedCount)} with {points(own.total)}.
        </p>
      ) : (
        <p role="status">You did not score in this quiz.</p>
      )}
      <p className="muted">Look at the room screen for the podium.</p>
    </section>
  );
}
