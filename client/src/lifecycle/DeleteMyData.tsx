import { useState } from 'react';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { lifecycleApi, type ErasedData } from './lifecycleApi.ts';

/**
 * A participant's "Delete my data": a confirmation that says what goes and what stays,
 * then the erasure with their own resume token. `onDeleted` gets what was erased.
 */
export function DeleteMyData({
  resumeToken,
  name,
  onDeleted,
}: {
  resumeToken: string;
  name: string;
  onDeleted: (erased: ErasedData) => void;
}) {
  const [isOpen, setOpen] = useState(false);
  return (
    <section className="stack stack--tight" aria-label="Your data">
      <button type="button" className="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Delete my data
      </button>
      {isOpen && (
        <ConfirmDialog
          title="Delete your data from this session?"
          confirmLabel="Delete my data"
          onCancel={() => setOpen(false)}
          onConfirm={async () => {
            const result = await lifecycleApi.deleteMyData(resumeToken);
            if (!result.ok) return result.error.message;
            setOpen(false);
            onDeleted(result.data);
            return null;
          }}
        >
          <p>This cannot be undone. Playfield will delete:</p>
          <ul>
            <li>your action plan, its share links and its place in any account that kept it;</li>
            <li>your name “{name}”: your seat becomes “Deleted participant”;</li>
            <li>what you typed: notes, comments and questions;</li>
            <li>this phone’s link to the session.</li>
          </ul>
          <p>Counts stay (how many answered, votes), without your name.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** What was erased, shown once the erasure is done. */
export function ErasedSummary({ erased }: { erased: ErasedData }) {
  return (
    <section className="stack stack--tight" aria-live="polite">
      <h1>Your data was deleted</h1>
      <ul>
        <li>{erased.plan ? 'Your action plan: deleted.' : 'You had no action plan.'}</li>
        <li>Your name: replaced by “Deleted participant”.</li>
        <li>
          What you typed: erased ({erased.events} {erased.events === 1 ? 'entry' : 'entries'}{' '}
          rewritten).
        </li>
        <li>This phone’s link to the session: deleted.</li>
      </ul>
    </section>
  );
}
