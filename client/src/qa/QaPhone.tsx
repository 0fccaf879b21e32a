import { useId, useState } from 'react';
import type {
  Accepted,
  QaActPayload,
  QaItemView,
  QaOwnView,
  QaPublicView,
  Result,
} from '@playfield/shared';
import { useSender } from '../exercises/useSender.ts';
import styles from './QaPhone.module.css';
import { ErrorAlert } from '../components/form/ErrorAlert.tsx';

/** The longest question, as the server enforces it (kept here so zod stays off the phone). */
const MAX_LENGTH = 300;

/**
 * The phone's Q&A: ask (named or anonymous, as the session allows), see the room's top
 * questions and vote for others'. A vote button says what it will do and whether it is on
 * (pressed), never by colour alone. Lazy: it loads when the participant opens it.
 */
export default function QaPhone({
  view,
  own,
  send,
}: {
  view: QaPublicView | undefined;
  own: QaOwnView | undefined;
  send: (payload: QaActPayload) => Promise<Result<Accepted>>;
}) {
  const [text, setText] = useState('');
  const [isAnonymous, setIsAnonymous] = useState(false);
  const { error, isBusy, send: run } = useSender(send);
  const [sent, setSent] = useState<string | null>(null);
  const textId = useId();
  const countId = useId();
  if (!view) return <p className="muted">Questions are not available in this session.</p>;
  const { settings } = view;
  const voted = new Set(own?.votedIds ?? []);
  const mine = new Set(own?.mineIds ?? []);
  const pending = own?.pending ?? [];

  const ask = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    const ok = await run({
      type: 'qa.ask',
      text,
      isAnonymous: settings.allowAnonymous && isAnonymous,
    });
    if (ok) {
      setText('');
      setSent(
        settings.isModerated
          ? 'Sent: it shows once the facilitator approves it.'
          : 'Sent: your question is on the list.',
      );
    }
  };

  return (
    <section className={`stack ${styles.root}`} aria-labelledby={`${textId}-title`}>
      <h1 id={`${textId}-title`} className={styles.title}>
        Questions
      </h1>
      {settings.isOpen ? (
        <form className={`card stack stack--tight ${styles.form}`} onSubmit={(e) => void ask(e)}>
          <label className="field" htmlFor={textId}>
            <span>Your question</span>
            <textarea
              id={textId}
              value={text}
              maxLength={MAX_LENGTH}
              rows={3}
              aria-describedby={countId}
              onChange={(e) => {
                setText(e.target.value);
                setSent(null);
              }}
            />
          </label>
          <p id={countId} className={`muted ${styles.count}`}>
            {text.length} of {MAX_LENGTH} characters
          </p>
          {settings.allowAnonymous ? (
            <label className="check">
              <input
                type="checkbox"
                checked={isAnonymous}
                onChange={(e) => setIsAnonymous(e.target.checked)}
              />
              Ask anonymously (nobody sees who asked, not even the facilitator)
            </label>
          ) : (
            <p className="muted">Questions carry your name in this session.</p>
          )}
          {settings.isModerated && (
            <p className="muted">The facilitator approves questions before the room sees them.</p>
          )}
          <button
            className="button button--primary button--block"
            type="submit"
            disabled={isBusy || !text.trim()}
          >
            Send question
          </button>
          {sent && (
            <p className={styles.sent} role="status">
              {sent}
            </p>
          )}
        </form>
      ) : (
        <p className="card">Questions are closed for now. You can still read the list.</p>
      )}
      <ErrorAlert message={error} />
      {pending.length > 0 && (
        <section aria-labelledby={`${textId}-pending`} className="stack stack--tight">
          <h2 id={`${textId}-pending`} className={styles.subtitle}>
            Your questions waiting for approval
          </h2>
          <ul className={styles.list}>
            {pending.map((q) => (
              <li key={q.id} className={styles.item}>
                <p className={styles.text}>{q.text}</p>
                <p className={styles.meta}>
                  <span className={styles.badge}>Waiting for approval</span>
                  {q.isAnonymous && <span>Anonymous</span>}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby={`${textId}-top`} className="stack stack--tight">
        <h2 id={`${textId}-top`} className={styles.subtitle}>
          Top questions{' '}
          <span className="muted">
            ({view.total}
            {view.answered > 0 ? `, ${view.answered} answered` : ''})
          </span>
        </h2>
        {view.top.length === 0 ? (
          <p className="muted">No questions yet. Be the first to ask.</p>
        ) : (
          <ol className={styles.list}>
            {view.top.map((q) => (
              <Question
                key={q.id}
                question={q}
                isMine={mine.has(q.id)}
                hasVoted={voted.has(q.id)}
                canVote={settings.isOpen && !isBusy}
                vote={(isVoting) => void run({ type: 'qa.vote', questionId: q.id, isVoting })}
              />
            ))}
          </ol>
        )}
        {view.total > view.top.length && (
          <p className="muted">and {view.total - view.top.length} more</p>
        )}
      </section>
    </section>
  );
}

function Question({
  question,
  isMine,
  hasVoted,
  canVote,
  vote,
}: {
  question: QaItemView;
  isMine: boolean;
  hasVoted: boolean;
  canVote: boolean;
  vote: (isVoting: boolean) => void;
}) {
  const votes = `${question.votes} ${question.votes === 1 ? 'vote' : 'votes'}`;
  return (
    <li className={`${styles.item} ${question.isAnswered ? styles.answered : ''}`}>
      <p className={styles.text}>{question.text}</p>
      <p className={styles.meta}>
        <span>{question.author ?? 'Anonymous'}</span>
        {question.isPinned && <span className={styles.badge}>Pinned</span>}
        {question.isAnswered && <span className={styles.badge}>✓ Answered</span>}
        {isMine && <span className={styles.badge}>Yours</span>}
      </p>
      {isMine ? (
        <p className={styles.votes}>{votes}</p>
      ) : (
        <button
          type="button"
          className={`button ${hasVoted ? 'button--primary' : ''} ${styles.vote}`}
          aria-pressed={hasVoted}
          aria-label={`${hasVoted ? 'Withdraw your vote' : 'Vote'} for: ${question.text} (${votes})`}
          disabled={!canVote}
          onClick={() => vote(!hasVoted)}
        >
          <span aria-hidden="true">{hasVoted ? '▲ Voted' : '△ Vote'}</span>
          <span aria-hidden="true" className={styles.voteCount}>
            {question.votes}
          </span>
        </button>
      )}
    </li>
  );
}
