// zod must be configured before the shared schemas below are built (see zodSetup).
import '../zodSetup.ts';
import { useEffect, useMemo, useRef, useState, type CSSProperties, type FocusEvent } from 'react';
import type * as Y from 'yjs';
import {
  NOTEBOOK_BLOCK_LABELS,
  parseRoundSummary,
  readBlockFields,
  type NotebookBlockFields,
  type NotebookBlockType,
} from '@playfield/shared/notebooks/notebook';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { RoundSummaryView } from '../components/RoundSummaryView.tsx';
import { CollabTextArea } from '../docs/CollabTextArea.tsx';
import { useYValue } from '../docs/useYValue.ts';
import { blockMaps } from './blockModel.ts';
import { presenceColorVar } from './identity.ts';
import { LiveText } from './LiveText.tsx';
import {
  ADD_LABELS,
  ADDED_BLOCK_TYPES,
  addBlock,
  removeBlock,
  setDue,
  setOwner,
  textAreaId,
  tickFollowUp,
  type AddedBlockType,
} from './notebookActions.ts';
import { editingLabel, type Peer } from './presence.ts';
import styles from './Notebook.module.css';

/** Longest note, decision or follow-up: one paste of it still fits in one edit message. */
const MAX_TEXT_LENGTH = 10_000;
const MAX_OWNER_LENGTH = 80;

/** Each kind of block has its own edge and tint (and its heading says which it is). */
const KIND_CLASS: Record<NotebookBlockType, string | undefined> = {
  round: styles.nbBlockRound,
  note: styles.nbBlockNote,
  decision: styles.nbBlockDecision,
  followUp: styles.nbBlockFollowUp,
};

interface BlockProps {
  doc: Y.Doc;
  canEdit: boolean;
  /** Who else is in this block right now. */
  editors: Peer[];
  onFocusBlock: (blockId: string | null) => void;
  onAdd: (type: AddedBlockType, afterId: string | null) => void;
}

/**
 * The notebook's blocks in order: rounds with their results and notes, then whatever the
 * team added. Each block follows its own Y.Map; this list re-renders only when blocks are
 * added, removed or moved.
 */
export function NotebookBlocks({
  doc,
  canEdit,
  peers,
  onFocusBlock = () => undefined,
}: {
  doc: Y.Doc;
  canEdit: boolean;
  peers: Peer[];
  onFocusBlock?: (blockId: string | null) => void;
}) {
  const blocks = useMemo(() => doc.getArray<unknown>('blocks'), [doc]);
  // The list is re-read whenever the array changes, never copied elsewhere.
  const maps = useYValue(blocks, numberedBlocks);
  // The block just added, whose text area takes the focus once it is on the page.
  const pendingFocus = useRef<string | null>(null);

  useEffect(() => {
    const id = pendingFocus.current;
    const area = id ? document.getElementById(textAreaId(id)) : null;
    if (!area) return;
    area.focus();
    pendingFocus.current = null;
  }, [maps]);

  const onAdd = (type: AddedBlockType, afterId: string | null) => {
    pendingFocus.current = addBlock(doc, type, afterId);
  };

  return (
    <>
      {maps.length === 0 ? (
        <p className={`muted ${styles.nbEmpty}`}>
          Nothing here yet. Each round’s results are written in as it starts and ends
          {canEdit ? '; add notes, decisions and follow-ups below.' : '.'}
        </p>
      ) : (
        <ol className={styles.nbBlocks} aria-label="Notebook blocks">
          {maps.map(({ map, id, roundNumber }) => {
            return (
              <li key={id} className="nb-blocks__item">
                {/* One malformed block (a stored notebook is untrusted) costs only itself. */}
                <ErrorBoundary label={`notebook block ${id}`}>
                  <Block
                    map={map}
                    doc={doc}
                    canEdit={canEdit}
                    roundNumber={roundNumber}
                    editors={peers.filter((p) => p.blockId === id)}
                    onFocusBlock={onFocusBlock}
                    onAdd={onAdd}
                  />
                </ErrorBoundary>
              </li>
            );
          })}
        </ol>
      )}
      {canEdit && (
        <div
          className={`${styles.nbAdd} ${styles.nbAddEnd}`}
          role="group"
          aria-label="Add to the end"
        >
          <AddButtons onAdd={(type) => onAdd(type, null)} />
        </div>
      )}
    </>
  );
}

/** Each block with its id, and rounds with their number in the notebook (Round 1, 2…). */
function numberedBlocks(blocks: Y.Array<unknown>) {
  let rounds = 0;
  return blockMaps(blocks).map((map) => ({
    map,
    id: String(map.get('id')),
    roundNumber: map.get('type') === 'round' ? ++rounds : null,
  }));
}

function AddButtons({ onAdd }: { onAdd: (type: AddedBlockType) => void }) {
  return (
    <div className="actions">
      {ADDED_BLOCK_TYPES.map((type) => (
        <button
          key={type}
          type="button"
          className="button button--small"
          onClick={() => onAdd(type)}
        >
          {ADD_LABELS[type]}
        </button>
      ))}
    </div>
  );
}

function Block({
  map,
  roundNumber,
  ...props
}: BlockProps & { map: Y.Map<unknown>; roundNumber: number | null }) {
  // Follows this block's own fields (owner, tick, results); its text follows itself.
  const fields = useYValue(map, readBlockFields);
  if (!fields) return null;
  return <BlockBody fields={fields} roundNumber={roundNumber} {...props} />;
}

function BlockBody({
  fields,
  roundNumber,
  doc,
  canEdit,
  editors,
  onFocusBlock,
  onAdd,
}: BlockProps & { fields: NotebookBlockFields; roundNumber: number | null }) {
  const [isAdding, setIsAdding] = useState(false);
  const { id, type } = fields;
  const label = NOTEBOOK_BLOCK_LABELS[type];
  const headingId = `nb-head-${id}`;
  const editing = editingLabel(editors.map((p) => p.name));
  const marker = editors[0] && presenceColorVar(editors[0].color);

  // Presence follows focus anywhere inside the block (text, owner, tick).
  const onFocus = () => onFocusBlock(id);
  const onBlur = (event: FocusEvent<HTMLElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget)) onFocusBlock(null);
  };

  const remove = () => {
    const hasText = (fields.text?.length ?? 0) > 0;
    if (!hasText || confirm(`Delete this ${label.toLowerCase()}? Its text goes with it.`))
      removeBlock(doc, id);
  };

  return (
    <article
      className={`${styles.nbBlock} ${KIND_CLASS[type]}${editors.length ? ` ${styles.isBeingEdited}` : ''}${fields.isDone ? ' is-done' : ''}`}
      data-kind={type}
      {...(type === 'round'
        ? { 'aria-label': `Round ${roundNumber}: ${fields.title || 'Untitled round'}` }
        : { 'aria-labelledby': headingId })}
      style={marker ? ({ '--nb-peer': marker } as CSSProperties) : undefined}
      onFocus={onFocus}
      onBlur={onBlur}
    >
      <div className={styles.nbBlockHead}>
        {type === 'round' ? (
          <p className="eyebrow">Round {roundNumber}</p>
        ) : (
          <p className={styles.nbBlockKind} id={headingId}>
            {label}
            {type === 'followUp' && fields.isDone && (
              <span className={styles.nbDonePill}>Done</span>
            )}
          </p>
        )}
        {editing && (
          <p className={styles.nbEditing}>
            <span className={styles.nbEditingDot} aria-hidden="true" />
            {editing}
          </p>
        )}
        {canEdit && type !== 'round' && (
          <button
            type="button"
            className={`button button--small button--quiet ${styles.nbBlockDelete}`}
            aria-label={`Delete this ${label.toLowerCase()}`}
            onClick={remove}
          >
            Delete
          </button>
        )}
      </div>

      {type === 'round' && <RoundResults fields={fields} />}

      {type === 'followUp' ? (
        <FollowUp fields={fields} doc={doc} canEdit={canEdit} />
      ) : (
        <BlockText
          fields={fields}
          label={type === 'round' ? 'Notes' : label}
          canEdit={canEdit}
          empty={type === 'round' ? 'No notes.' : 'Empty.'}
        />
      )}

      {canEdit && (
        <div className={styles.nbAdd}>
          <button
            type="button"
            className="button button--small button--quiet"
            aria-expanded={isAdding}
            aria-label={`Add below this ${type === 'round' ? 'round' : label.toLowerCase()}`}
            onClick={() => setIsAdding(!isAdding)}
          >
            {isAdding ? 'Cancel' : '+ Add below'}
          </button>
          {isAdding && (
            <AddButtons
              onAdd={(added) => {
                setIsAdding(false);
                onAdd(added, id);
              }}
            />
          )}
        </div>
      )}
    </article>
  );
}

function RoundResults({ fields }: { fields: NotebookBlockFields }) {
  const summary = useMemo(() => parseRoundSummary(fields.summaryJson), [fields.summaryJson]);
  if (!summary) {
    return (
      <>
        <h3>{fields.title || 'Untitled round'}</h3>
        <p className="muted">The results are written in as the round runs and ends.</p>
      </>
    );
  }
  return (
    <RoundSummaryView
      result={{
        roundId: fields.id,
        kind: fields.kind as Parameters<typeof RoundSummaryView>[0]['result']['kind'],
        title: fields.title || 'Untitled round',
        summary,
      }}
    />
  );
}

function BlockText({
  fields,
  label,
  canEdit,
  empty,
}: {
  fields: NotebookBlockFields;
  label: string;
  canEdit: boolean;
  empty: string;
}) {
  if (!canEdit || !fields.text) return <LiveText text={fields.text} label={label} empty={empty} />;
  return (
    <CollabTextArea
      text={fields.text}
      id={textAreaId(fields.id)}
      label={label}
      rows={fields.type === 'round' ? 3 : 2}
      maxLength={MAX_TEXT_LENGTH}
    />
  );
}

function FollowUp({
  fields,
  doc,
  canEdit,
}: {
  fields: NotebookBlockFields;
  doc: Y.Doc;
  canEdit: boolean;
}) {
  const { id } = fields;
  if (!canEdit) {
    return (
      <div className={`${styles.nbFollowup} ${styles.nbFollowupRead}`}>
        <LiveText text={fields.text} label="Follow-up" empty="Empty." />
        <p>
          <span className={styles.nbFollowupKey}>Owner:</span> {fields.owner || 'nobody yet'}
          {' · '}
          <span className={styles.nbFollowupKey}>Due:</span> {fields.due || 'no date'}
          {' · '}
          <span className={styles.nbFollowupKey}>Status:</span> {fields.isDone ? 'done' : 'open'}
        </p>
      </div>
    );
  }
  return (
    <div className={styles.nbFollowup}>
      <label className={`check ${styles.nbFollowupDone}`}>
        <input
          type="checkbox"
          checked={fields.isDone}
          onChange={(e) => tickFollowUp(doc, id, e.target.checked)}
        />
        <span>Done</span>
      </label>
      {fields.text && (
        <CollabTextArea
          text={fields.text}
          id={textAreaId(id)}
          label="Follow-up"
          rows={2}
          maxLength={MAX_TEXT_LENGTH}
          placeholder="What will be done"
        />
      )}
      <label className={`field ${styles.nbFollowupOwner}`} htmlFor={`nb-owner-${id}`}>
        <span>Owner</span>
        <input
          id={`nb-owner-${id}`}
          value={fields.owner}
          maxLength={MAX_OWNER_LENGTH}
          placeholder="Who does it"
          autoComplete="off"
          onChange={(e) => setOwner(doc, id, e.target.value)}
        />
      </label>
      <label className={`field ${styles.nbFollowupOwner}`} htmlFor={`nb-due-${id}`}>
        <span>Due</span>
        <input
          id={`nb-due-${id}`}
          type="date"
          value={fields.due}
          onChange={(e) => setDue(doc, id, e.target.value)}
        />
      </label>
    </div>
  );
}
