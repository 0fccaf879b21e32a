import { useState } from 'react';
import type { AgendaItemView, RoundInput } from '@playfield/shared';
import { RoundEditor } from '../components/RoundEditor.tsx';

/** Editing one agenda round in place: title, notes and minutes always, its settings before answers. */
export function AgendaItemEditor(props: {
  item: AgendaItemView;
  onSave: (round: RoundInput) => Promise<void>;
  onCancel: () => void;
}) {
  const { item } = props;
  const [round, setRound] = useState<RoundInput>(() => ({
    kind: item.kind,
    title: item.title,
    config: item.config,
    ...(item.notes ? { notes: item.notes } : {}),
    ...(item.minutes !== undefined ? { minutes: item.minutes } : {}),
  }));
  return (
    <div className="stack stack--tight">
      <RoundEditor
        round={round}
        idPrefix={`edit-${item.id}`}
        onChange={setRound}
        isLocked={item.submitted > 0}
      />
      <div className="actions">
        <button
          type="button"
          className="button button--primary button--small"
          onClick={() => void props.onSave(round)}
        >
          Save
        </button>
        <button
          type="button"
          className="button button--quiet button--small"
          onClick={props.onCancel}
        >
          Cancel
        </button>
      </div>
    </div>
  );
}
