import { ConfirmButton } from './ConfirmButton.tsx';

/** What a console's reset button says, and the question it asks before clearing the round. */
export interface ResetTexts {
  label: string;
  question: string;
}

/**
 * The console's button that clears a round (every answer, vote or entry): it asks the
 * question first and, on OK, sends the exercise's `reset` action; the sender reports its own
 * errors. With a `count` (of answers, votes, entries) it is disabled while there is none.
 */
export function ResetButton({
  send,
  count,
  texts,
}: {
  send: (action: { type: 'reset' }) => Promise<unknown>;
  count?: number;
  texts: ResetTexts;
}) {
  return (
    <ConfirmButton
      question={texts.question}
      disabled={count === 0}
      onConfirm={() => void send({ type: 'reset' })}
    >
      {texts.label}
    </ConfirmButton>
  );
}
