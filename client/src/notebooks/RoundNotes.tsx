// zod must be configured before the shared schemas below are built (see zodSetup).
import '../zodSetup.ts';
import { useMemo } from 'react';
import * as Y from 'yjs';
import { docIdOf } from '@playfield/shared/protocol/docs';
import { CollabTextArea } from '../docs/CollabTextArea.tsx';
import { useSyncedDoc } from '../docs/useSyncedDoc.ts';
import { useYValue } from '../docs/useYValue.ts';
import { readHashKey } from '../router.ts';
import { getFacilitated } from '../storage.ts';
import { blockMaps } from './blockModel.ts';
import { getPresenceColor, getSavedName } from './identity.ts';
import { statusText } from './status.ts';
import { usePresence } from './usePresence.ts';
import styles from './Notebook.module.css';

/**
 * "Notes for this round" in the console: the text of the round's block in the session's
 * notebook (`round-<roundId>`, which the server adds as the round is entered), edited live
 * with whoever has the notebook open.
 */
export function RoundNotes({ sessionId, roundId }: { sessionId: string; roundId: string }) {
  const token = useMemo(
    () => readHashKey() ?? getFacilitated().find((s) => s.sessionId === sessionId)?.token ?? null,
    [sessionId],
  );
  const credential = token ? ({ role: 'facilitator', sessionId, token } as const) : null;
  const { synced, state } = useSyncedDoc(credential, docIdOf({ kind: 'notebook', sessionId }));
  const identity = useMemo(
    () => ({ name: getSavedName('facilitator') ?? 'Facilitator', color: getPresenceColor() }),
    [],
  );
  const { focusBlock } = usePresence(synced?.awareness ?? null, identity, true);
  const blocks = useMemo(() => synced?.doc.getArray<unknown>('blocks') ?? null, [synced]);
  // Looked up again whenever blocks are added: the round's arrives shortly after it starts.
  const maps = useYValue(blocks, blockMaps);
  const blockId = `round-${roundId}`;
  const text = useMemo(() => {
    const value = maps?.find((map) => map.get('id') === blockId)?.get('text');
    return value instanceof Y.Text ? value : null;
  }, [maps, blockId]);

  if (!token) return null;
  return (
    <div className={styles.nbRoundNotes}>
      {text ? (
        <CollabTextArea
          key={blockId}
          text={text}
          id={`round-notes-${roundId}`}
          label="Notes for this round"
          rows={3}
          maxLength={10_000}
          placeholder="What the room said, what to follow up… (kept in the notebook)"
          onFocusChange={(isFocused) => focusBlock(isFocused ? blockId : null)}
        />
      ) : (
        <p className="muted">Notes for this round open as soon as the notebook has the round…</p>
      )}
      <p className={`muted ${styles.nbRoundNotesStatus}`}>
        {state.status === 'connecting' ? 'Connecting to the notebook…' : statusText(state, true)}
        {' · '}
        <a href={`/notebook/${sessionId}`} target="_blank" rel="noreferrer">
          Open the notebook
        </a>
      </p>
    </div>
  );
}
