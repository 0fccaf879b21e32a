import { useRef } from 'react';
import type { QaItemView, QaScreenView } from '@playfield/shared';
import styles from './QaScreen.module.css';
import { useFitText } from './useFitText.ts';

/** Questions the strip under a round shows at most. */
export const STRIP_QUESTIONS = 3;

/** Does the Q&A take the room screen over (a highlighted question, or full-screen mode)? */
export function isQaOnStage(qa: QaScreenView | undefined): boolean {
  return !!qa && (qa.isFullScreen || (qa.isOpen && qa.highlighted !== null));
}

/** Should the strip of top questions show under the round? */
export function isQaStripShown(qa: QaScreenView | undefined): boolean {
  return !!qa && qa.isOpen && !isQaOnStage(qa) && qa.top.length > 0;
}

function votesLabel(votes: number): string {
  return `${votes} ${votes === 1 ? 'vote' : 'votes'}`;
}

function Marks({ question }: { question: QaItemView }) {
  return (
    <>
      {question.isPinned && <span className={styles.mark}>Pinned</span>}
      {question.isAnswered && <span className={styles.mark}>✓ Answered</span>}
    </>
  );
}

/**
 * The room screen's Q&A taking the whole stage: one highlighted question large, or the
 * room's top questions. Type shrinks to fit; below the readable minimum it shows fewer.
 */
export function QaStage({ qa }: { qa: QaScreenView }) {
  const box = useRef<HTMLDivElement>(null);
  const highlighted = qa.isOpen || qa.isFullScreen ? qa.highlighted : null;
  const items = highlighted ? [highlighted] : qa.top;
  const key = JSON.stringify(items);
  const count = useFitText(box, items.length, highlighted ? 9 : 5, key);
  const shown = items.slice(0, count);
  return (
    <section className={styles.stage} aria-label="Questions from the room" data-qa-screen>
      <h1 className={styles.stageTitle}>
        {highlighted ? 'Question from the room' : 'Top questions from the room'}
      </h1>
      <div ref={box} className={styles.fit}>
        {highlighted ? (
          <figure className={styles.highlight}>
            <blockquote className={styles.highlightText}>{highlighted.text}</blockquote>
            <figcaption className={styles.meta}>
              <span>{highlighted.author ?? 'Anonymous'}</span>
              <span className={styles.votes}>▲ {votesLabel(highlighted.votes)}</span>
              <Marks question={highlighted} />
            </figcaption>
          </figure>
        ) : shown.length === 0 ? (
          <p>No questions yet: ask on your phone under “Questions”.</p>
        ) : (
          <ol className={styles.list}>
            {shown.map((q, i) => (
              <li key={q.id} className={styles.row}>
                <span className={styles.rank}>{i + 1}</span>
                <span className={styles.rowText}>{q.text}</span>
                <span className={styles.rowMeta}>
                  <span className={styles.votes}>▲ {q.votes}</span>
                  <span>{q.author ?? 'Anonymous'}</span>
                  <Marks question={q} />
                </span>
              </li>
            ))}
          </ol>
        )}
      </div>
      {!highlighted && qa.total > shown.length && (
        <p className={styles.more}>and {qa.total - shown.length} more on your phones</p>
      )}
    </section>
  );
}

/**
 * The strip under a running round: the top three questions, small enough not to push the
 * round off the screen, big enough to read from the back (it shows fewer before it shrinks
 * below that).
 */
export function QaStrip({ qa }: { qa: QaScreenView }) {
  const box = useRef<HTMLOListElement>(null);
  const items = qa.top.slice(0, STRIP_QUESTIONS);
  const count = useFitText(box, items.length, 3.4, JSON.stringify(items));
  return (
    <aside className={styles.strip} aria-label="Top questions" data-qa-screen>
      <p className={styles.stripLabel}>
        {/* Fewer than all may fit: say how many of how many, never hide that some are left out. */}
        Questions {count < qa.total ? `· top ${count} of ${qa.total}` : `(${qa.total})`}
      </p>
      <ol ref={box} className={styles.stripList}>
        {items.slice(0, count).map((q) => (
          <li key={q.id} className={styles.stripItem}>
            <span className={styles.votes}>▲ {q.votes}</span>
            <span className={styles.stripText}>{q.text}</span>
            {q.isAnswered && <span className={styles.mark}>✓</span>}
          </li>
        ))}
      </ol>
    </aside>
  );
}
