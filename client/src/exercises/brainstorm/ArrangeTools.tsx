import { useState } from 'react';
import type {
  BrainstormFacilitatorView,
  ConsoleEntry,
} from '@playfield/shared/exercises/brainstorm/index';
import { BRAINSTORM_LIMITS } from '@playfield/shared/exercises/brainstorm/limits';
import { quote, type Action, type Send } from './consoleKit.ts';
import styles from './Facilitator.module.css';

/** The new-cluster form, and what can be done with the selected note. */
export function ArrangeTools(props: {
  view: BrainstormFacilitatorView;
  selected: ConsoleEntry | null;
  roots: ConsoleEntry[];
  send: Send;
  onDone: () => void;
}) {
  const { view, selected, send } = props;
  const [name, setName] = useState('');
  const others = props.roots.filter((n) => n.id !== selected?.id);
  const run = async (action: Action) => {
    if (await send(action)) props.onDone();
  };
  return (
    <div className={`stack stack--tight ${styles.tools}`}>
      <form
        className="actions"
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          void send({
            type: 'createCluster',
            name,
            ...(selected ? { noteIds: [selected.id] } : {}),
          }).then((isDone) => {
            if (!isDone) return;
            setName('');
            props.onDone();
          });
        }}
      >
        <label className="field field--inline">
          <span>New cluster</span>
          <input
            value={name}
            maxLength={BRAINSTORM_LIMITS.clusterNameLength}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <button type="submit" className="button" disabled={!name.trim()}>
          {selected ? 'Add cluster with the selected note' : 'Add cluster'}
        </button>
      </form>
      {selected ? (
        <section className={styles.selected} aria-label="Selected note">
          <p>
            <strong>Selected:</strong> {quote(selected.text)}
          </p>
          <PickAndRun
            label="Move to"
            button="Move to cluster"
            placeholder="Choose a cluster…"
            options={[
              { value: 'none', label: 'Not in a cluster' },
              ...view.clusters.map((c) => ({ value: c.id, label: c.name })),
            ]}
            onRun={(choice) =>
              void run({
                type: 'moveNote',
                noteId: selected.id,
                clusterId: choice === 'none' ? null : choice,
              })
            }
          />
          <PickAndRun
            label="Merge into"
            button="Merge"
            placeholder="Choose a similar note…"
            options={others.map((n) => ({ value: n.id, label: quote(n.text) }))}
            onRun={(choice) =>
              void run({ type: 'mergeNote', noteId: selected.id, intoNoteId: choice })
            }
          />
          <div className="actions">
            <button
              type="button"
              className="button button--danger"
              onClick={() => void run({ type: 'hideNote', noteId: selected.id, isHidden: true })}
            >
              Hide from the room
            </button>
            <button type="button" className="button button--quiet" onClick={props.onDone}>
              Deselect
            </button>
          </div>
        </section>
      ) : (
        <p className="muted">
          Drag a note onto a cluster, or select a note to move, merge or hide it.
        </p>
      )}
    </div>
  );
}

/**
 * A labelled select and the button that acts on its choice, disabled until one is made; the
 * choice starts at `placeholder` (the value '').
 */
function PickAndRun(props: {
  label: string;
  button: string;
  placeholder: string;
  options: readonly { value: string; label: string }[];
  onRun: (value: string) => void;
}) {
  const [value, setValue] = useState('');
  return (
    <div className="actions">
      <label className="field field--inline">
        <span>{props.label}</span>
        <select value={value} onChange={(e) => setValue(e.target.value)}>
          <option value="">{props.placeholder}</option>
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="button"
        disabled={value === ''}
        onClick={() => props.onRun(value)}
      >
        {props.button}
      </button>
    </div>
  );
}
