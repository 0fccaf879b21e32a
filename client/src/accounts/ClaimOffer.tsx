import { useEffect, useState } from 'react';
import { accountApi, type ClaimCounts } from './accountApi.ts';
import styles from './Accounts.module.css';
import { FormError } from './FormError.tsx';
import { useFormAction } from './useFormAction.ts';
import { plural } from '@playfield/shared/plural';

/** "2 sessions, 1 notebook and 1 plan": the parts that are not zero, joined as a sentence. */
export function describeClaim(counts: ClaimCounts): string {
  const parts = [
    counts.sessions > 0 ? plural(counts.sessions, 'session', 'sessions') : null,
    counts.notebooks > 0 ? plural(counts.notebooks, 'notebook', 'notebooks') : null,
    counts.plans > 0 ? plural(counts.plans, 'plan', 'plans') : null,
  ].filter((p): p is string => p !== null);
  if (parts.length <= 1) return parts[0] ?? 'nothing';
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
}

/**
 * "Add this browser's N sessions, M notebooks and P plans to your account", in one click:
 * the server checks each key this browser holds and records the ones that open something.
 */
export function ClaimOffer({ onClaimed }: { onClaimed?: () => void }) {
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
        Added {describeClaim(added)} to your account.
      </p>
    );
  if (!offer || offer.sessions + offer.notebooks + offer.plans === 0) return null;
  const label = `Add this browser's ${describeClaim(offer)} to your account`;
  return (
    <section className={`card stack ${styles.offer}`} aria-labelledby="claim-heading">
      <h2 id="claim-heading">This browser has things of yours</h2>
      <p>Keep them with your account to open them from any device. Their links keep working.</p>
      <FormError id="claim-error" message={error} />
      <button
        className="button button--primary button--block"
        type="button"
        disabled={isBusy}
        onClick={() =>
          void run(accountApi.claim).then((counts) => {
            if (!counts) return;
            setAdded(counts.data);
            onClaimed?.();
          })
        }
      >
        {label}
      </button>
    </section>
  );
}
