import { useEffect, useState } from 'react';
import { accountApi, type ClaimCounts } from './accountApi.ts';
import styles from './Accounts.module.css';
import { FormError } from './FormError.tsx';
import { useFormAction } from './useFormAction.ts';
import { plural } from '@playfield/shared/plural';

/**
 * "Add this browser's N sessions and M notebooks to your account", in one click: the
 * server checks each key this browser holds and records the ones that open something.
 */
export function ClaimOffer() {
  const [offer, setOffer] = useState<ClaimCounts | null>(null);
  const [added, setAdded] = useState<ClaimCounts | null>(null);
  const { error, isBusy, run } = useFormAction();

  useEffect(() => {
    void accountApi.previewClaim().then((r) => {
      if (r.ok) setOffer(r.data);
    });
  }, []);

  if (added)
    return (
      <p className={styles.done} role="status">
        Added {plural(added.sessions, 'session', 'sessions')}
        {added.notebooks > 0 ? ` and ${plural(added.notebooks, 'notebook', 'notebooks')}` : ''} to
        your account.
      </p>
    );
  if (!offer || offer.sessions === 0) return null;
  const notebooks =
    offer.notebooks > 0 ? ` and ${plural(offer.notebooks, 'notebook', 'notebooks')}` : '';
  const label = `Add this browser's ${plural(offer.sessions, 'session', 'sessions')}${notebooks} to your account`;
  return (
    <section className={`card stack ${styles.offer}`} aria-labelledby="claim-heading">
      <h2 id="claim-heading">This browser has sessions of yours</h2>
      <p>Keep them with your account to open them from any device. Their links keep working.</p>
      <FormError id="claim-error" message={error} />
      <button
        className="button button--primary button--block"
        type="button"
        disabled={isBusy}
        onClick={() =>
          void run(accountApi.claim).then((counts) => {
            if (counts) setAdded(counts.data);
          })
        }
      >
        {label}
      </button>
    </section>
  );
}
