import { useId, useState } from 'react';
import type { EntryStatus, WordCloudPublicView } from '@playfield/shared/exercises/wordCloud/index';
import { BarChart } from '../../components/BarChart.tsx';
import type { ParticipantProps } from '../types.ts';
import styles from './Participant.module.css';
import { plural } from '@playfield/shared/plural';

const STATUS_TEXT: Record<EntryStatus, string> = {
  shown: 'On show',
  pending: 'Waiting for the facilitator',
  hidden: 'Not shown to the room',
};

/** What the round asks, in words. */
export function wordCloudRuleText(
  view: Pick<WordCloudPublicView, 'mode' | 'maxWords' | 'maxLength' | 'entriesPerPerson'>,
): string {
  const what =
    view.mode === 'cloud'
      ? view.maxWords === 1
        ? 'one word'
        : `up to ${view.maxWords} words`
      : `a sentence (up to ${view.maxLength} characters)`;
  return `Send ${what} per entry, ${plural(view.entriesPerPerson, 'entry', 'entries')} each.`;
}

/**
 * A word cloud on a phone: type a word (or a sentence), send it, see your own entries and
 * withdraw one until the facilitator locks the round. Once the room sees the cloud, its
 * top words.
 */
export function WordCloudParticipant({ view, own, isOpen, act }: ParticipantProps<'wordCloud'>) {
  const [text, setText] = useState('');
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const ids = useId();
  const entries = own?.entries ?? [];
  const left = own?.left ?? view.entriesPerPerson;
  const isDisabled = !isOpen || pending;
  const words = text.trim() === '' ? 0 : text.trim().split(/\s+/).length;
  const isTooManyWords = view.mode === 'cloud' && words > view.maxWords;

  async function send(event: React.FormEvent) {
    event.preventDefault();
    if (text.trim() === '' || isTooManyWords) return;
    setPending(true);
    const result = await act({ type: 'submit', text });
    setPending(false);
    if (result.ok) setText('');
    setMessage(result.ok ? 'Sent.' : result.error.message);
  }

  async function withdraw(entryId: string) {
    setPending(true);
    const result = await act({ type: 'withdraw', entryId });
    setPending(false);
    setMessage(result.ok ? 'Withdrawn.' : result.error.message);
  }

  return (
    <section className={`stack ${styles.root}`}>
      <h2 className="question" id={`${ids}-q`}>
        {view.question}
      </h2>
      <p className="muted">
        {wordCloudRuleText(view)}
        {view.isAnonymous ? ' Anonymous.' : ' Your name is kept with your entries.'}
        {view.isModerated && ' The facilitator approves entries before the room sees them.'}
      </p>
      {isOpen && left > 0 && (
        <form className="stack stack--tight" onSubmit={(e) => void send(e)}>
          <label className="field">
            <span>{view.mode === 'cloud' ? 'Your word' : 'Your answer'}</span>
            {view.mode === 'cloud' ? (
              <input
                value={text}
                maxLength={view.maxLength}
                autoComplete="off"
                enterKeyHint="send"
                disabled={isDisabled}
                onChange={(e) => setText(e.target.value)}
              />
            ) : (
              <textarea
                rows={3}
                value={text}
                maxLength={view.maxLength}
                disabled={isDisabled}
                onChange={(e) => setText(e.target.value)}
              />
            )}
          </label>
          {isTooManyWords && (
            <p className={styles.warning}>
              At most {plural(view.maxWords, 'word', 'words')}, please.
            </p>
          )}
          <button
            type="submit"
            className="button button--primary button--block"
            disabled={isDisabled || text.trim() === '' || isTooManyWords}
          >
            Send ({left} left)
          </button>
        </form>
      )}
      {!isOpen && <p className="muted">Entries are closed.</p>}
      {isOpen && left === 0 && <p className="muted">You have sent all your entries.</p>}
      {entries.length > 0 && (
        <section aria-labelledby={`${ids}-mine`} className="stack stack--tight">
          <h3 id={`${ids}-mine`}>Your entries</h3>
          <ul className={styles.mine}>
            {entries.map((entry) => (
              <li key={entry.id} className={styles.entry}>
                <span className={styles.text}>
                  {entry.text}
                  <small className="muted">
                    {STATUS_TEXT[entry.status]}
                    {entry.shownAs && ` · shown as “${entry.shownAs}”`}
                  </small>
                </span>
                {isOpen && (
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={`Withdraw “${entry.text}”`}
                    disabled={pending}
                    onClick={() => void withdraw(entry.id)}
                  >
                    Withdraw
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="status-line" role="status">
        {message}
      </p>
      {view.results && view.results.words.length > 0 && (
        <section className="stack stack--tight" aria-labelledby={`${ids}-room`}>
          <h3 id={`${ids}-room`}>The room’s top words</h3>
          <BarChart
            label="Top words"
            labels={view.results.words.map((w) => w.label)}
            values={view.results.words.map((w) => w.count)}
          />
          <p className="muted">
            {plural(view.results.entries, 'entry', 'entries')} from{' '}
            {plural(view.results.people, 'person', 'people')}.
          </p>
        </section>
      )}
    </section>
  );
}
