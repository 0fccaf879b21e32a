import { plural } from '@playfield/shared/plural';
import type {
  QuizFacilitatorAction,
  QuizFacilitatorView,
} from '@playfield/shared/exercises/quiz/index';
import type { FacilitatorProps } from '../types.ts';
import { useSender } from '../useSender.ts';
import styles from './Facilitator.module.css';
import { OptionMark } from './OptionMark.tsx';
import { ordinal, rankChange } from './marks.ts';
import { useCountdown } from './useCountdown.ts';
import { TeamLeaderboard } from '../../teams/TeamLeaderboard.tsx';
import { ErrorAlert } from '../../components/form/ErrorAlert.tsx';

/** The facilitator's next step from where the room stands, and an optional shortcut. */
function stepsOf(view: QuizFacilitatorView): { label: string; action: QuizFacilitatorAction }[] {
  const q = view.current;
  const isLast = q === view.questionCount - 1;
  const next = isLast
    ? { label: 'Final leaderboard and podium', action: { type: 'finish' } as const }
    : { label: `Show question ${q + 2}`, action: { type: 'show', question: q + 1 } as const };
  switch (view.phase) {
    case 'ready':
      return [{ label: 'Show question 1', action: { type: 'show', question: 0 } }];
    case 'question':
      return [{ label: 'Stop answers now', action: { type: 'lock', question: q } }];
    case 'locked':
      return [{ label: 'Reveal the answer', action: { type: 'reveal', question: q } }];
    case 'revealed':
      return [
        { label: 'Show the leaderboard', action: { type: 'leaderboard', question: q } },
        next,
      ];
    case 'leaderboard':
      return [next];
    case 'final':
      return [];
  }
}

/** Has the room seen question `i`'s right answer? */
function isRevealed(view: QuizFacilitatorView, i: number): boolean {
  if (i < view.current) return true;
  return i === view.current && view.phase !== 'question' && view.phase !== 'locked';
}

const PHASE_WORDS: Record<QuizFacilitatorView['phase'], string> = {
  ready: 'Not started',
  question: 'Answering',
  locked: 'Answers locked',
  revealed: 'Answer revealed',
  leaderboard: 'Leaderboard on screen',
  final: 'Finished: podium on screen',
};

/**
 * The console: one button for the next step (show, lock, reveal, leaderboard, next), the
 * question with its right answers and live counts, the leaderboard and how each question went.
 */
export default function QuizFacilitator({ view, participantCount, act }: FacilitatorProps<'quiz'>) {
  const { error, isBusy: pending, send: run } = useSender(act);
  const left = useCountdown(view.clock);
  const steps = stepsOf(view);
  const { question, distribution } = view;

  return (
    <div className={`stack ${styles.console}`}>
      <p className="muted">
        {view.phase === 'ready'
          ? `${view.questionCount} questions`
          : `Question ${view.current + 1} of ${view.questionCount}`}{' '}
        · <strong>{PHASE_WORDS[view.phase]}</strong>
        {left !== null && ` · ${left} s left`}
        {view.isSpeedBonus ? ' · speed bonus on' : ''}
        {view.isAnonymous ? ' · anonymous leaderboard' : ''}
      </p>
      <div className="actions">
        {steps.map((s, i) => (
          <button
            key={s.label}
            type="button"
            className={`button ${i === 0 ? 'button--primary' : ''}`}
            disabled={pending}
            onClick={() => void run(s.action)}
          >
            {s.label}
          </button>
        ))}
      </div>
      <ErrorAlert message={error} />
      {question && (
        <section className="stack stack--tight" aria-labelledby="quiz-console-question">
          <h3 id="quiz-console-question" className="question">
            {question.text}
          </h3>
          <p className="muted">
            {question.points} points · {question.timeLimitSeconds} s
            {question.isMultiple &&
              ' · several right answers: all of them and no wrong one to score'}
          </p>
          <ul className={styles.options}>
            {question.options.map((option, i) => {
              const isRight = question.correct.includes(i);
              const count = distribution?.counts[i] ?? 0;
              return (
                <li key={i} className={isRight ? styles.right : ''}>
                  <OptionMark index={i} />
                  <span className={styles.optionText}>{option}</span>
                  {isRight && <strong>✓ right</strong>}
                  <span className={styles.count}>{plural(count, 'answer', 'answers')}</span>
                </li>
              );
            })}
          </ul>
          <p>
            <strong>{distribution?.answered ?? 0}</strong> of {participantCount} answered
            {distribution && distribution.answered > 0 && view.phase !== 'question'
              ? ` · ${distribution.right} right`
              : ''}
          </p>
        </section>
      )}
      <div className={styles.columns}>
        <section aria-labelledby="quiz-console-board">
          <h4 id="quiz-console-board">
            Leaderboard{view.leaderboard.length ? '' : ': after the first reveal'}
          </h4>
          {view.leaderboard.length > 0 && (
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">Rank</th>
                  <th scope="col">{view.isAnonymous ? 'Player' : 'Name'}</th>
                  <th scope="col">Points</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {view.leaderboard.map((entry, i) => (
                  <tr key={i}>
                    <td>{ordinal(entry.rank)}</td>
                    <td>{entry.name ?? 'Anonymous'}</td>
                    <td>{entry.points.toLocaleString('en')}</td>
                    <td>{rankChange(entry.rank, entry.previousRank).words}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="muted">{view.playerCount} scored so far</p>
          {view.teamLeaderboard && (
            <TeamLeaderboard entries={view.teamLeaderboard} className={styles.table} />
          )}
        </section>
        {view.asked.length > 0 && (
          <section aria-labelledby="quiz-console-asked">
            <h4 id="quiz-console-asked">Questions so far</h4>
            <ol className={styles.asked}>
              {view.asked.map((q, i) => (
                <li key={i}>
                  {q.text}{' '}
                  <span className="muted">
                    {q.answered} answered
                    {q.answered > 0 && isRevealed(view, i)
                      ? `, ${Math.round((q.right / q.answered) * 100)}% right`
                      : ''}
                  </span>
                </li>
              ))}
            </ol>
          </section>
        )}
      </div>
    </div>
  );
}
