import { useState, type ReactNode } from 'react';
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
  const [target, setTarget] = useState('');
  const [twin, setTwin] = useState('');
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
            value={target}
            onChange={setTarget}
            onRun={(choice) =>
              void run({
                type: 'moveNote',
                noteId: selected.id,
                clusterId: choice === 'none' ? null : choice,
              })
            }
          >
            <option value="">Choose a cluster…</option>
            <option value="none">Not in a cluster</option>
            {view.clusters.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </PickAndRun>
          <PickAndRun
            label="Merge into"
            button="Merge"
            value={twin}
            onChange={setTwin}
            onRun={(choice) =>
              void run({ type: 'mergeNote', noteId: selected.id, intoNoteId: choice })
            }
          >
            <option value="">Choose a similar note…</option>
            {others.map((n) => (
              <option key={n.id} value={n.id}>
                {quote(n.text)}
              </option>
            ))}
          </PickAndRun>
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

/** A labelled select and the button that acts on its choice, disabled until one is made. */
function PickAndRun(props: {
  label: string;
  button: string;
  value: string;
  onChange: (value: string) => void;
  onRun: (value: string) => void;
  /** The options, the first with the value '' asking for a choice. */
  children: ReactNode;
}) {
  return (
    <div className="actions">
      <label className="field field--inline">
        <span>{props.label}</span>
        <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          {props.children}
        </select>
      </label>
      <button
        type="button"
        className="button"
        disabled={props.value === ''}
        onClick={() => props.onRun(props.value)}
      >
        {props.button}
      </button>
    </div>
  );
}
