import { useState } from 'react';
import type { ControlCommand } from '@playfield/shared';
import { useSessionStore } from '../stores/useSessionStore.ts';
import styles from './Plans.module.css';

/**
 * The console's "what will I do about this?" control: asks every phone the current
 * round's action-plan question, shows how many have answered or skipped it, and closes it.
 */
export function PromptControl({
  control,
}: {
  control: (command: ControlCommand) => Promise<boolean>;
}) {
  const prompt = useSessionStore((s) => s.facilitator?.prompt ?? null);
  const roundId = useSessionStore((s) => s.facilitator?.round?.id ?? null);
  const roundKind = useSessionStore((s) => s.facilitator?.round?.kind ?? null);
  const present = useSessionStore(
    (s) => s.facilitator?.roster.filter((p) => !p.hasLeft).length ?? 0,
  );
  const [isSending, setSending] = useState(false);

  const send = async (command: ControlCommand) => {
    setSending(true);
    await control(command);
    setSending(false);
  };

  if (prompt) {
    return (
      <div className={styles.promptControl} role="group" aria-labelledby="prompt-control-title">
        <p id="prompt-control-title" className={styles.promptControlTitle}>
          Phones are asked about “{prompt.roundTitle}”
        </p>
        <p className={styles.promptControlCount} aria-live="polite">
          <strong>{prompt.responded}</strong> of {present} answered or skipped
        </p>
        <button
          type="button"
          className="button"
          disabled={isSending}
          onClick={() => void send({ type: 'prompt.close' })}
        >
          Close the question
        </button>
      </div>
    );
  }
  // The closing round is the plan itself: asking about it would add to what it finishes.
  if (!roundId || roundKind === 'actionPlan') return null;
  return (
    <div className={styles.promptControl}>
      <button
        type="button"
        className="button button--primary"
        disabled={isSending}
        onClick={() => void send({ type: 'prompt.send', roundId })}
      >
        Ask: what will I do about this?
      </button>
      <p className="muted">Each phone answers in a sentence for its own action plan, or skips.</p>
    </div>
  );
}
