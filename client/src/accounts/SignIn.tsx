import { Link } from '../components/Link.tsx';
import { readReturnPath, withReturnPath } from './returnPath.ts';
import { accountApi } from './accountApi.ts';
import styles from './Accounts.module.css';
import { EmailPasswordForm } from './EmailPasswordForm.tsx';
import { signInWithPasskey } from './passkeys.ts';
import { useFormAction } from './useFormAction.ts';

/** Email and password, or a passkey. */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const { error, isBusy, run } = useFormAction();

  async function submit(email: string, password: string) {
    if (await run(() => accountApi.signIn(email, password))) onSignedIn();
  }

  async function passkey() {
    if (await run(signInWithPasskey)) onSignedIn();
  }

  return (
    <section className="card stack" aria-labelledby="signin-heading">
      <h1 id="signin-heading">Sign in</h1>
      <p className="muted">
        Your sessions and notebooks, on any device. Participants never need an account.
      </p>
      <EmailPasswordForm
        errorId="signin-error"
        password={{ kind: 'currentPassword', label: 'Password' }}
        emailAutoComplete="username webauthn"
        submitLabel="Sign in"
        error={error}
        isBusy={isBusy}
        onSubmit={(email, password) => void submit(email, password)}
      />
      <p className={styles.or}>or</p>
      <button
        className="button button--block"
        type="button"
        disabled={isBusy}
        onClick={() => void passkey()}
      >
        Sign in with a passkey
      </button>
      <p>
        New here?{' '}
        <Link href={withReturnPath('/account/signup', readReturnPath())}>Create an account</Link>
      </p>
      <p>
        <Link href="/account/reset">Forgot your password?</Link>
      </p>
    </section>
  );
}
