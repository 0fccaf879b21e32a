import { useState } from 'react';
import { Link } from '../components/Link.tsx';
import { navigate } from '../router.ts';
import { accountApi, type AccountInfo } from './accountApi.ts';
import styles from './Accounts.module.css';
import { AccountNotebooks } from './AccountNotebooks.tsx';
import { AccountPlans } from './AccountPlans.tsx';
import { ClaimOffer } from './ClaimOffer.tsx';
import { FormError } from './FormError.tsx';
import { PasswordChange } from './PasswordChange.tsx';
import { addPasskey } from './passkeys.ts';
import { useFormAction } from './useFormAction.ts';

/** The signed-in account: claiming, its plans, the library's links, passkeys, password, sign-out. */
export function AccountHome({
  account,
  onChanged,
}: {
  account: AccountInfo;
  onChanged: () => void;
}) {
  const passkeys = useFormAction();
  const signOut = useFormAction();
  const [added, setAdded] = useState(false);
  const [claims, setClaims] = useState(0);

  async function leave(everywhere: boolean) {
    const done = await signOut.run(everywhere ? accountApi.signOutEverywhere : accountApi.signOut);
    if (done) navigate('/');
  }

  return (
    <>
      <section className="card stack" aria-labelledby="account-heading">
        <h1 id="account-heading">Your account</h1>
        <p>
          Signed in as <strong>{account.email}</strong>
        </p>
        <div className="actions">
          <Link className="button" href="/sessions">
            Your sessions
          </Link>
          <Link className="button" href="/notebooks">
            Notebooks
          </Link>
          <Link className="button" href="/workspaces">
            Workspaces
          </Link>
        </div>
      </section>
      <ClaimOffer onClaimed={() => setClaims((n) => n + 1)} />
      <AccountNotebooks version={claims} />
      <AccountPlans version={claims} />
      <section className="card stack" aria-labelledby="passkeys-heading">
        <h2 id="passkeys-heading">Passkeys</h2>
        <p className="muted">
          Sign in with your fingerprint, face or device PIN instead of a password.
        </p>
        {account.passkeys.length > 0 && (
          <ul className={styles.list}>
            {account.passkeys.map((p) => (
              <li key={p.id}>Passkey added {new Date(p.createdAt).toLocaleDateString()}</li>
            ))}
          </ul>
        )}
        <FormError id="passkey-error" message={passkeys.error} />
        {added && (
          <p className={styles.done} role="status">
            Passkey added.
          </p>
        )}
        <button
          className="button button--block"
          type="button"
          disabled={passkeys.isBusy}
          onClick={() =>
            void passkeys.run(addPasskey).then((done) => {
              if (done) {
                setAdded(true);
                onChanged();
              }
            })
          }
        >
          Add a passkey
        </button>
      </section>
      <PasswordChange />
      <section className="card stack" aria-labelledby="signout-heading">
        <h2 id="signout-heading">Sign out</h2>
        <FormError id="signout-error" message={signOut.error} />
        <div className="actions">
          <button className="button" type="button" onClick={() => void leave(false)}>
            Sign out
          </button>
          <button className="button button--danger" type="button" onClick={() => void leave(true)}>
            Sign out everywhere
          </button>
        </div>
      </section>
    </>
  );
}
