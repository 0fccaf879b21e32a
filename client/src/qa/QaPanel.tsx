import { useId, useMemo, useState } from 'react';
import type { ControlCommand, QaConsoleItemView, QaFacilitatorView } from '@playfield/shared';
import styles from './QaPanel.module.css';

type Control = (command: ControlCommand) => Promise<boolean>;

/** Where a question stands, for sorting the console's list and saying it in words. */
function stateOf(q: QaConsoleItemView): 'pending' | 'listed' | 'hidden' | 'merged' {
  if (q.mergedInto !== null) return 'merged';
  if (q.isHidden) return 'hidden';
  return q.isApproved ? 'listed' : 'pending';
}

const ORDER = { pending: 0, listed: 1, hidden: 2, merged: 3 } as const;

/** The room's ranking: pinned, then open, then votes, then asked first. */
function rank(a: QaConsoleItemView, b: QaConsoleItemView): number {
  return (
    ORDER[stateOf(a)] - ORDER[stateOf(b)] ||
    Number(b.isPinned) - Number(a.isPinned) ||
    Number(a.isAnswered) - Number(b.isAnswered) ||
    b.votes - a.votes ||
    a.n - b.n
  );
}

/**
 * The console's Q&A panel, beside the round: the live settings, what the room screen shows,
 * and every question with its moderation. Anonymous questions say "Anonymous" here too.
 */
export default function QaPanel({ qa, control }: { qa: QaFacilitatorView; control: Control }) {
  const titleId = useId();
  const questions = useMemo(() => [...qa.questions].sort(rank), [qa.questions]);
  const byId = useMemo(() => new Map(qa.questions.map((q) => [q.id, q])), [qa.questions]);
  const listed = questions.filter((q) => stateOf(q) === 'listed');
  const { settings } = qa;
  return (
    <section className={`panel ${styles.panel}`} aria-labelledby={titleId}>
      <h2 id={titleId}>
        Questions{' '}
        <span className="muted">
          ({listed.length} listed{qa.pending > 0 ? `, ${qa.pending} waiting` : ''})
        </span>
      </h2>
      <fieldset className={styles.settings}>
        <legend className="eyebrow">Q&amp;A settings</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.isOpen}
            onChange={(e) => void control({ type: 'qa.settings', isOpen: e.target.checked })}
          />
          Questions open
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.allowAnonymous}
            onChange={(e) =>
              void control({ type: 'qa.settings', allowAnonymous: e.target.checked })
            }
          />
          Anonymous questions allowed
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.isModerated}
            onChange={(e) => void control({ type: 'qa.settings', isModerated: e.target.checked })}
          />
          Approve questions before they show
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={qa.isFullScreen}
            onChange={(e) => void control({ type: 'qa.display', isFullScreen: e.target.checked })}
          />
          Room screen shows the questions instead of the round
        </label>
      </fieldset>
      {qa.highlightId && (
        <p className={styles.onScreen} role="status">
          <span>On the screen: “{byId.get(qa.highlightId)?.text ?? ''}”</span>
          <button
            type="button"
            className="button button--small"
            onClick={() => void control({ type: 'qa.highlight', questionId: null })}
          >
            Clear the screen
          </button>
        </p>
      )}
      {questions.length === 0 ? (
        <p className="muted">No questions yet. Phones ask under “Questions”.</p>
      ) : (
        <ol className={styles.list}>
          {questions.map((q) => (
            <QuestionRow
              key={q.id}
              question={q}
              isOnScreen={qa.highlightId === q.id}
              mergedInto={q.mergedInto === null ? null : (byId.get(q.mergedInto) ?? null)}
              targets={listed.filter((t) => t.id !== q.id)}
              control={control}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

function QuestionRow({
  question: q,
  isOnScreen,
  mergedInto,
  targets,
  control,
}: {
  question: QaConsoleItemView;
  isOnScreen: boolean;
  mergedInto: QaConsoleItemView | null;
  targets: QaConsoleItemView[];
  control: Control;
}) {
  const mergeId = useId();
  const [target, setTarget] = useState('');
  const state = stateOf(q);
  const questionId = q.id;
  return (
    <li className={`${styles.item} ${styles[state] ?? ''}`}>
      <p className={styles.text}>{q.text}</p>
      <p className={styles.meta}>
        <span>#{q.n}</span>
        <span>{q.author ?? 'Anonymous'}</span>
        <span className={styles.votes}>
          {q.votes} {q.votes === 1 ? 'vote' : 'votes'}
        </span>
        {state === 'pending' && <span className={styles.badge}>Waiting for approval</span>}
        {state === 'hidden' && <span className={styles.badge}>Hidden</span>}
        {state === 'merged' && (
          <span className={styles.badge}>Merged into #{mergedInto?.n ?? '?'}</span>
        )}
        {q.isPinned && <span className={styles.badge}>Pinned</span>}
        {q.isAnswered && <span className={styles.badge}>✓ Answered</span>}
        {isOnScreen && <span className={styles.badge}>On screen</span>}
      </p>
      {state !== 'merged' && (
        <div className="actions">
          {state === 'pending' && (
            <button
              type="button"
              className="button button--small button--primary"
              onClick={() => void control({ type: 'qa.approve', questionId })}
            >
              Approve
            </button>
          )}
          {state === 'listed' && (
            <>
              <button
                type="button"
                className="button button--small"
                aria-pressed={isOnScreen}
                onClick={() =>
                  void control({ type: 'qa.highlight', questionId: isOnScreen ? null : questionId })
                }
              >
                {isOnScreen ? 'Off the screen' : 'Show on screen'}
              </button>
              <button
                type="button"
                className="button button--small"
                aria-pressed={q.isPinned}
                onClick={() => void control({ type: 'qa.pin', questionId, isPinned: !q.isPinned })}
              >
                {q.isPinned ? 'Unpin' : 'Pin'}
              </button>
              <button
                type="button"
                className="button button--small"
                aria-pressed={q.isAnswered}
                onClick={() =>
                  void control({ type: 'qa.answer', questionId, isAnswered: !q.isAnswered })
                }
              >
                {q.isAnswered ? 'Not answered' : 'Mark answered'}
              </button>
            </>
          )}
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => void control({ type: 'qa.hide', questionId, isHidden: !q.isHidden })}
          >
            {q.isHidden ? 'Restore' : 'Hide'}
          </button>
          {targets.length > 0 && (
            <span className={styles.merge}>
              <label htmlFor={mergeId} className={styles.mergeLabel}>
                Merge into
              </label>
              <select id={mergeId} value={target} onChange={(e) => setTarget(e.target.value)}>
                <option value="">Choose a question…</option>
                {targets.map((t) => (
                  <option key={t.id} value={t.id}>
                    #{t.n} {t.text.length > 60 ? `${t.text.slice(0, 60)}…` : t.text}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button button--small"
                disabled={!target}
                onClick={() =>
                  void control({ type: 'qa.merge', questionId, intoId: target }).then(
                    (ok) => ok && setTarget(''),
                  )
                }
              >
                Merge
              </button>
            </span>
          )}
        </div>
      )}
    </li>
  );
}
