import { count } from '@playfield/shared/plural';
import type { QuizLeaderboardEntry, QuizScreenView } from '@playfield/shared/exercises/quiz/index';
import type { ScreenProps } from '../types.ts';
import { VisuallyHidden, toneOf } from './OptionMark.tsx';
import { markOf, ordinal, rankChange } from './marks.ts';
import styles from './Screen.module.css';
import { useCountdown } from './useCountdown.ts';
import { QuizTablesBoard } from '../../teams/QuizTablesBoard.tsx';

/** Type shrinks with the text, so a long question or option still fits without scrolling. */
function sizeOf(text: string, steps: readonly (readonly [number, string])[]): string {
  return steps.find(([max]) => text.length <= max)?.[1] ?? steps.at(-1)?.[1] ?? '';
}
const QUESTION_SIZES = [
  [70, styles.qLarge ?? ''],
  [150, styles.qMedium ?? ''],
  [Infinity, styles.qSmall ?? ''],
] as const;

/**
 * The quiz on the projector: the question with a big countdown, the answer distribution after
 * the lock and the right answers after the reveal, the leaderboard with rank changes, and the
 * podium at the end. Sized in viewport units so it fits 1366x768 and 1920x1080 unscrolled.
 */
export default function QuizScreen({ view, participantCount }: ScreenProps<'quiz'>) {
  if (view.phase === 'ready' || !view.question) {
    return (
      <div className={styles.screen} data-quiz-screen="">
        <p className={styles.big}>
          A quiz of {view.questionCount} {view.questionCount === 1 ? 'question' : 'questions'}
        </p>
        <p className={styles.hint}>
          Get your phones ready: quicker right answers score more. {count(participantCount)} here.
        </p>
      </div>
    );
  }
  if (view.phase === 'leaderboard' || view.phase === 'final')
    return <Board view={view} entries={view.leaderboard ?? []} />;
  return <Question view={view} participantCount={participantCount} />;
}

function Question({ view, participantCount }: { view: QuizScreenView; participantCount: number }) {
  const question = view.question;
  const left = useCountdown(view.clock);
  if (!question) return null;
  const { distribution, correct } = view;
  const most = Math.max(1, ...(distribution?.counts ?? [0]));
  const longest = Math.max(...question.options.map((o) => o.length));
  const optionSize =
    longest > 70 || question.options.length > 4 ? styles.optSmall : styles.optLarge;
  return (
    <div className={styles.screen} data-quiz-screen="">
      <div className={styles.head}>
        {view.phase === 'question' && (
          <p className={styles.countdown} role="timer" aria-label="Seconds left">
            {left ?? ''}
          </p>
        )}
        <p className={styles.eyebrow}>
          Question {view.current + 1} of {view.questionCount}
          {question.isMultiple && ' · choose every right answer'}
        </p>
      </div>
      <h2 className={`${styles.question} ${sizeOf(question.text, QUESTION_SIZES)}`}>
        {question.text}
      </h2>
      <ul
        className={`${styles.options} ${optionSize} ${question.options.length > 4 ? styles.three : ''}`}
        aria-label="Options"
      >
        {question.options.map((option, i) => {
          const isRight = correct?.includes(i) ?? false;
          const isDimmed = correct !== null && !isRight;
          const answers = distribution?.counts[i] ?? 0;
          return (
            <li
              key={i}
              className={`${styles.option} ${toneOf(i)} ${isDimmed ? styles.dimmed : ''} ${
                isRight ? styles.isRight : ''
              }`}
            >
              <span className={styles.optionMark} aria-hidden="true">
                {markOf(i).shape} {markOf(i).letter}
              </span>
              <span className={styles.optionText}>
                <VisuallyHidden>Option {markOf(i).letter}: </VisuallyHidden>
                {option}
              </span>
              {isRight && <strong className={styles.rightTag}>✓ Right</strong>}
              {distribution && (
                <span className={styles.count}>
                  <span
                    className={styles.bar}
                    style={{ width: `${(answers / most) * 100}%` }}
                    aria-hidden="true"
                  />
                  <span>
                    {count(answers)}
                    <VisuallyHidden> {answers === 1 ? 'answer' : 'answers'}</VisuallyHidden>
                  </span>
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <p className={styles.footer}>
        {view.phase === 'question' ? (
          <>
            <strong>{view.answered}</strong> of {participantCount} answered
          </>
        ) : correct && distribution ? (
          <>
            <strong>{distribution.right}</strong> of {distribution.answered} right
            {distribution.answered > 0 &&
              ` (${Math.round((distribution.right / distribution.answered) * 100)}%)`}
          </>
        ) : (
          <>
            Time’s up! <strong>{distribution?.answered ?? view.answered}</strong> answered
          </>
        )}
      </p>
    </div>
  );
}

/** The people's board, with the tables' board beside it in a `byTeam` quiz. */
function Board({ view, entries }: { view: QuizScreenView; entries: QuizLeaderboardEntry[] }) {
  const tables = view.teamLeaderboard ?? [];
  if (tables.length === 0) return <PeopleBoard view={view} entries={entries} />;
  return (
    <div className={styles.withTables}>
      <PeopleBoard view={view} entries={entries} />
      <QuizTablesBoard entries={tables} />
    </div>
  );
}

function PeopleBoard({ view, entries }: { view: QuizScreenView; entries: QuizLeaderboardEntry[] }) {
  const isFinal = view.phase === 'final';
  const podium = isFinal ? entries.filter((e) => e.rank <= 3).slice(0, 3) : [];
  const rest = isFinal ? entries.slice(podium.length) : entries;
  return (
    <div className={styles.screen} data-quiz-screen="">
      <h2 className={styles.boardTitle}>
        {isFinal ? 'Final leaderboard' : `Leaderboard after question ${view.current + 1}`}
      </h2>
      {entries.length === 0 && <p className={styles.big}>No points scored yet.</p>}
      {podium.length > 0 && (
        <ol
          className={`${styles.podium} ${rest.length > 0 ? styles.compact : ''}`}
          aria-label="Podium"
        >
          {podium.map((entry, i) => (
            <li key={i} className={`${styles.step} ${styles[`place${i + 1}`] ?? ''}`}>
              <span className={styles.stepName}>
                {entry.name ?? `${ordinal(entry.rank)} place`}
              </span>
              <span className={styles.stepPoints}>{entry.points.toLocaleString('en')}</span>
              <span className={styles.stepBlock}>{ordinal(entry.rank)}</span>
            </li>
          ))}
        </ol>
      )}
      {rest.length > 0 && (
        <ol
          className={`${styles.board} ${rest.length > 6 ? styles.boardTight : ''}`}
          aria-label="Leaderboard"
        >
          {rest.map((entry, i) => {
            const change = rankChange(entry.rank, entry.previousRank);
            return (
              <li key={i} className={styles.row}>
                <span className={styles.rank}>{ordinal(entry.rank)}</span>
                <span className={styles.name}>{entry.name ?? 'Anonymous'}</span>
                <span className={styles.points}>{entry.points.toLocaleString('en')}</span>
                {!isFinal && (
                  <span className={`${styles.change} ${styles[change.trend] ?? ''}`}>
                    <span aria-hidden="true">{change.symbol}</span>
                    <VisuallyHidden>{change.words}</VisuallyHidden>
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
