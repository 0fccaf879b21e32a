import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Accepted, PromptView, Result } from '@playfield/shared';
import { promptResponse, rememberPromptResponse } from './promptMemory.ts';
import styles from './PromptCard.module.css';

/** The longest answer the server takes (the plan's action text). */
export const PROMPT_ANSWER_LENGTH = 500;
/** How long "Added to your plan" stays after the card goes. */
const CONFIRMATION_MS = 4000;

type Answer = (roundId: string, text: string | null) => Promise<Result<Accepted>>;

/**
 * "What will I do about this?" on the phone: one sentence into the participant's own
 * action plan, or a skip. Shown until this phone has answered or skipped that round's
 * prompt. In the phone's entry bundle, so it is plain React: no Yjs, no zod.
 */
export function PromptCard({
  prompt,
  sessionId,
  answer,
}: {
  prompt: PromptView;
  sessionId: string;
  answer: Answer;
}) {
  const id = useId();
  const { roundId } = prompt;
  const [respondedTo, setRespondedTo] = useState(() =>
    promptResponse(sessionId, roundId) ? roundId : null,
  );
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isSending, setSending] = useState(false);
  const [confirmation, setConfirmation] = useState<string | null>(null);

  // A new prompt (another round) starts blank, unless this phone already responded to it.
  const [shownRound, setShownRound] = useState(roundId);
  if (shownRound !== roundId) {
    setShownRound(roundId);
    setRespondedTo(promptResponse(sessionId, roundId) ? roundId : null);
    setText('');
    setError(null);
  }

  useEffect(() => {
    if (!confirmation) return;
    const timer = setTimeout(() => setConfirmation(null), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [confirmation]);

  async function send(value: string | null) {
    if (value !== null && !value.trim()) {
      setError('Write a sentence first, or skip.');
      return;
    }
    setSending(true);
    setError(null);
    const result = await answer(roundId, value === null ? null : value.trim());
    setSending(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    rememberPromptResponse(sessionId, roundId, value === null ? 'skipped' : 'answered');
    setRespondedTo(roundId);
    setText('');
    setConfirmation(
      value === null ? 'Skipped. You can add actions to your plan later.' : 'Added to your plan',
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send(text);
  };

  // The status region stays in the page, so screen readers announce what lands in it.
  const status = (
    <p className={styles.promptCardStatus} role="status" data-testid="prompt-card-status">
      {confirmation}
    </p>
  );
  if (respondedTo === roundId) return status;

  return (
    <>
      {status}
      <form
        className={`card ${styles.promptCard} stack stack--tight`}
        aria-labelledby={`${id}-q`}
        onSubmit={onSubmit}
      >
        <p className="eyebrow">For your action plan · {prompt.roundTitle}</p>
        <h2 id={`${id}-q`} className={styles.promptCardQuestion}>
          {prompt.question}
        </h2>
        <label className="field" htmlFor={`${id}-answer`}>
          <span>Your answer, in one sentence</span>
          <textarea
            id={`${id}-answer`}
            rows={3}
            maxLength={PROMPT_ANSWER_LENGTH}
            value={text}
            aria-describedby={error ? `${id}-error` : undefined}
            aria-invalid={error ? true : undefined}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        {error && (
          <p className="error" id={`${id}-error`} role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button className="button button--primary" type="submit" disabled={isSending}>
            Add to my plan
          </button>
          <button
            className="button button--quiet"
            type="button"
            disabled={isSending}
            onClick={() => void send(null)}
          >
            Skip
          </button>
        </div>
      </form>
    </>
  );
}
