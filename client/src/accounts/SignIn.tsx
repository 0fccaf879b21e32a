import { useState, type FormEvent } from 'react';
import { Link } from '../components/Link.tsx';
import { readReturnPath, withReturnPath } from './returnPath.ts';
import { accountApi } from './accountApi.ts';
import styles from './Accounts.module.css';
import { CredentialField } from './CredentialField.tsx';
import { FormError } from './FormError.tsx';
import { signInWithPasskey } from './passkeys.ts';
import { useFormAction } from './useFormAction.ts';

/** Email and password, or a passkey. */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { error, isBusy, run } = useFormAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
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
      <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
        <CredentialField
          kind="email"
          label="Email"
          value={email}
          onChange={setEmail}
          error={error}
          errorId="signin-error"
          isRequired
          autoComplete="username webauthn"
        />
        <CredentialField
          kind="currentPassword"
          label="Password"
          value={password}
          onChange={setPassword}
          error={error}
          errorId="signin-error"
          isRequired
        />
        <FormError id="signin-error" message={error} />
        <button className="button button--primary button--block" type="submit" disabled={isBusy}>
          Sign in
        </button>
      </form>
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
