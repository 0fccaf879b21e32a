import { useState } from 'react';
import type { FacilitatorView, RoundInput } from '@playfield/shared';
import { plannedSlots, plannedTotal } from '@playfield/shared/workshops/timing';
import { AgendaPlan } from '../components/AgendaPlan.tsx';
import { newRound, RoundEditor } from '../components/RoundEditor.tsx';
import { AgendaItemEditor } from './AgendaItemEditor.tsx';
import type { Control } from './types.ts';
import styles from './AgendaPanel.module.css';

/**
 * The agenda: the day's plan, every round with its controls, and adding a round; it folds
 * away. Read-only (`canEdit` false) for a workspace's producer, who runs the rounds but
 * does not change them: the server refuses their edits anyway.
 */
export function AgendaPanel({
  view,
  sessionId,
  token,
  control,
  isOpen,
  onToggle,
  canEdit = true,
}: {
  view: FacilitatorView;
  sessionId: string;
  /** The console's key, for the printable guide; null on a member's console without it. */
  token: string | null;
  control: Control;
  isOpen: boolean;
  onToggle: () => void;
  canEdit?: boolean;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState<RoundInput | null>(null);
  const slots = plannedSlots(view.agenda, view.plannedStart);
  const toggle = (
    <button
      type="button"
      className={`button button--small button--quiet ${styles.agendaToggle}`}
      aria-expanded={isOpen}
      aria-label={isOpen ? 'Hide the agenda' : 'Show the agenda'}
      onClick={onToggle}
    >
      {isOpen ? '« Hide' : '» Agenda'}
    </button>
  );
  if (!isOpen) {
    return (
      <section className={`panel ${styles.agenda} ${styles.agendaClosed}`} aria-label="Agenda">
        {toggle}
        {view.round && (
          <p className={styles.agendaWhere}>
            {view.round.index + 1}/{view.round.count}
          </p>
        )}
      </section>
    );
  }
  return (
    <section className={`panel ${styles.agenda}`} aria-labelledby="agenda-title">
      <div className={styles.agendaHead}>
        <h2 id="agenda-title">Agenda</h2>
        {toggle}
      </div>
      {canEdit && token ? (
        <AgendaPlan
          sessionId={sessionId}
          token={token}
          plannedStart={view.plannedStart}
          totalMinutes={plannedTotal(view.agenda)}
          control={control}
        />
      ) : (
        !canEdit && (
          <p className={styles.readOnly} role="note">
            Read-only: as a producer you run the rounds; an owner or a facilitator changes the
            agenda.
          </p>
        )
      )}
      <ol className={styles.list}>
        {view.agenda.map((item, index) => (
          <li
            key={item.id}
            className={`${styles.item} ${item.id === view.round?.id ? styles.current : ''}`}
            aria-current={item.id === view.round?.id ? 'step' : undefined}
          >
            {editing === item.id ? (
              <AgendaItemEditor
                item={item}
                onCancel={() => setEditing(null)}
                onSave={async (round) => {
                  const ok = await control({
                    type: 'agenda.update',
                    roundId: item.id,
                    title: round.title,
                    ...(item.submitted === 0 ? { config: round.config } : {}),
                    // Notes and minutes change at any time; null clears them.
                    notes: round.notes ?? null,
                    minutes: round.minutes ?? null,
                  });
                  if (ok) setEditing(null);
                }}
              />
            ) : (
              <>
                <div className={styles.line}>
                  <span className={styles.number}>{index + 1}</span>
                  {slots[index]?.start && (
                    <span className={styles.meta} title="Planned start">
                      {slots[index]?.start}
                    </span>
                  )}
                  <span className={styles.itemTitle}>{item.title}</span>
                  <span className={styles.meta}>
                    {[
                      item.submitted > 0
                        ? `${item.submitted} answered`
                        : item.hasStarted
                          ? 'visited'
                          : '',
                      item.minutes === undefined ? '' : `${item.minutes} min`,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </div>
                <div className={styles.actions}>
                  {view.session.phase === 'live' && item.id !== view.round?.id && (
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => void control({ type: 'round.goto', roundId: item.id })}
                    >
                      Go to
                    </button>
                  )}
                  {canEdit && (
                    <>
                      <button
                        type="button"
                        className="button button--small button--quiet"
                        onClick={() => setEditing(item.id)}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        className="button button--icon button--small"
                        aria-label={`Move ${item.title} up`}
                        disabled={index === 0}
                        onClick={() =>
                          void control({
                            type: 'agenda.move',
                            roundId: item.id,
                            toIndex: index - 1,
                          })
                        }
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        className="button button--icon button--small"
                        aria-label={`Move ${item.title} down`}
                        disabled={index === view.agenda.length - 1}
                        onClick={() =>
                          void control({
                            type: 'agenda.move',
                            roundId: item.id,
                            toIndex: index + 1,
                          })
                        }
                      >
                        ↓
                      </button>
                      <button
                        type="button"
                        className="button button--icon button--small"
                        aria-label={`Remove ${item.title}`}
                        disabled={item.id === view.round?.id}
                        onClick={() => {
                          if (confirm(`Remove “${item.title}” from the agenda?`))
                            void control({ type: 'agenda.remove', roundId: item.id });
                        }}
                      >
                        ×
                      </button>
                    </>
                  )}
                </div>
              </>
            )}
          </li>
        ))}
      </ol>
      {!canEdit ? null : adding ? (
        <div className="card stack stack--tight">
          <RoundEditor round={adding} idPrefix="new-round" onChange={setAdding} />
          <div className="actions">
            <button
              type="button"
              className="button button--primary"
              onClick={() =>
                void control({ type: 'agenda.add', round: adding }).then(
                  (ok) => ok && setAdding(null),
                )
              }
            >
              Add to agenda
            </button>
            <button type="button" className="button button--quiet" onClick={() => setAdding(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button" onClick={() => setAdding(newRound())}>
          Add a round
        </button>
      )}
    </section>
  );
}
