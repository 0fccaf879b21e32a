import { useState, type FormEvent } from 'react';
import { Link } from '../components/Link.tsx';
import { accountApi } from './accountApi.ts';
import styles from './Accounts.module.css';
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
        <label className="field">
          <span>Email</span>
          <input
            type="email"
            autoComplete="username webauthn"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            maxLength={254}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'signin-error' : undefined}
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            maxLength={200}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'signin-error' : undefined}
          />
        </label>
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
        New here? <Link href="/account/signup">Create an account</Link>
      </p>
      <p>
        <Link href="/account/reset">Forgot your password?</Link>
      </p>
    </section>
  );
}
