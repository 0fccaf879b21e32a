import { useRef, useState } from 'react';
import type { ParticipantProps } from '../types.ts';
import { useSender } from '../useSender.ts';
import styles from './Participant.module.css';
import { StatusLine } from '../../components/StatusLine.tsx';

/** `order` with the entry at `from` moved to `to`. */
export function moveItem(order: readonly number[], from: number, to: number): number[] {
  const next = [...order];
  const [moved] = next.splice(from, 1);
  if (moved !== undefined) next.splice(to, 0, moved);
  return next;
}

function isSame(a: readonly number[], b: readonly number[] | null): boolean {
  return b !== null && a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Ranking on a phone: put the items in order by dragging the handle (finger, pen or mouse),
 * with the up/down buttons, or with the arrow keys on the handle; each move is announced
 * ("Apathy, now 2 of 7"). Submit hands in the whole order; it can change until locked.
 */
export function RankingParticipant({ view, own, isOpen, act }: ParticipantProps<'ranking'>) {
  const saved = own?.order ?? null;
  const [draft, setDraft] = useState<number[] | null>(null);
  const order = draft ?? saved ?? view.items.map((_, i) => i);
  const [announcement, setAnnouncement] = useState('');
  const { error, isBusy: pending, send } = useSender(act);
  const [dragging, setDragging] = useState<number | null>(null);
  const rows = useRef<(HTMLLIElement | null)[]>([]);
  const handles = useRef<(HTMLButtonElement | null)[]>([]);
  const n = view.items.length;
  const labelOf = (item: number) => view.items[item]?.label ?? '';
  const isDirty = !isSame(order, saved);

  function move(from: number, to: number, focus: 'handle' | null = null) {
    if (to < 0 || to >= n || from === to) return;
    const item = order[from] ?? 0;
    setDraft(moveItem(order, from, to));
    setAnnouncement(`${labelOf(item)}, now ${to + 1} of ${n}`);
    if (focus) requestAnimationFrame(() => handles.current[to]?.focus());
  }

  function onPointerDown(e: React.PointerEvent<HTMLButtonElement>, index: number) {
    if (!isOpen) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    setDragging(index);
  }

  function onPointerMove(e: React.PointerEvent<HTMLButtonElement>) {
    if (dragging === null) return;
    // The row under the pointer: the first whose middle lies below it.
    let target = n - 1;
    for (let i = 0; i < n; i++) {
      const box = rows.current[i]?.getBoundingClientRect();
      if (box && e.clientY < box.top + box.height / 2) {
        target = i;
        break;
      }
    }
    if (target !== dragging) {
      move(dragging, target);
      setDragging(target);
    }
  }

  function onPointerUp() {
    setDragging(null);
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLButtonElement>, index: number) {
    const to =
      e.key === 'ArrowUp'
        ? index - 1
        : e.key === 'ArrowDown'
          ? index + 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? n - 1
              : null;
    if (to === null) return;
    e.preventDefault();
    move(index, to, 'handle');
  }

  async function submit() {
    if (await send({ type: 'submit', order })) setDraft(null);
  }

  const results = view.results;
  return (
    <section className="stack">
      <h2 className="question" id="ranking-question">
        {view.question}
      </h2>
      <p className="muted" id="ranking-help">
        First place at the top. Drag ≡, use the arrows, or focus ≡ and press the up and down keys.
      </p>
      <ol
        className={styles.list}
        aria-labelledby="ranking-question"
        aria-describedby="ranking-help"
      >
        {order.map((item, index) => {
          const label = labelOf(item);
          const description = view.items[item]?.description ?? '';
          return (
            <li
              key={item}
              ref={(el) => {
                rows.current[index] = el;
              }}
              className={`${styles.item} ${dragging === index ? styles.dragging : ''}`}
            >
              <button
                type="button"
                ref={(el) => {
                  handles.current[index] = el;
                }}
                className={styles.handle}
                aria-label={`${label}, place ${index + 1} of ${n}. Drag or use arrow keys to move`}
                disabled={!isOpen || pending}
                onPointerDown={(e) => onPointerDown(e, index)}
                onPointerMove={onPointerMove}
                onPointerUp={onPointerUp}
                onPointerCancel={onPointerUp}
                onKeyDown={(e) => onKeyDown(e, index)}
              >
                <span aria-hidden="true">{index + 1} ≡</span>
              </button>
              <span className={styles.label}>
                {label}
                {description && <span className={styles.description}>{description}</span>}
              </span>
              <span className={styles.moves}>
                <button
                  type="button"
                  className={`button button--small ${styles.move}`}
                  aria-label={`Move ${label} up`}
                  disabled={!isOpen || pending || index === 0}
                  onClick={() => move(index, index - 1)}
                >
                  ▲
                </button>
                <button
                  type="button"
                  className={`button button--small ${styles.move}`}
                  aria-label={`Move ${label} down`}
                  disabled={!isOpen || pending || index === n - 1}
                  onClick={() => move(index, index + 1)}
                >
                  ▼
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <p className="visually-hidden" aria-live="assertive">
        {announcement}
      </p>
      {isOpen && (
        <button
          type="button"
          className="button button--primary button--block"
          disabled={pending || (!isDirty && saved !== null)}
          onClick={() => void submit()}
        >
          {saved === null ? 'Submit my ranking' : isDirty ? 'Update my ranking' : 'Ranking saved'}
        </button>
      )}
      <StatusLine error={error} isOpen={isOpen} closed="Rankings are locked.">
        {saved && !isDirty
          ? 'Ranking saved. You can change it until the facilitator locks the round.'
          : saved && 'Not saved yet: press “Update my ranking”.'}
      </StatusLine>
      {results && (
        <section className="stack stack--tight" aria-label="The room’s ranking">
          <h3>The room’s ranking ({results.submitted} ranked)</h3>
          <ol className={styles.list}>
            {results.ranking.map((r) => (
              <li key={r.item}>
                {r.isTied ? `=${r.rank}` : r.rank}. {r.label}: {r.points} points
                {own?.order && ` (you: ${own.order.indexOf(r.item) + 1})`}
              </li>
            ))}
          </ol>
        </section>
      )}
    </section>
  );
}
