import { useState, type FormEvent } from 'react';
import { Link } from '../components/Link.tsx';
import { accountApi } from './accountApi.ts';
import styles from './Accounts.module.css';
import { FormError } from './FormError.tsx';
import { useFormAction } from './useFormAction.ts';

/** The reset token from the link's fragment (never sent to the server in the URL). */
function linkToken(): string | null {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  return token && /^[A-Za-z0-9_-]{16,128}$/.test(token) ? token : null;
}

/** With a reset link: a new password. Without: ask for a link. */
export function ResetPassword() {
  const [token] = useState(linkToken);
  const [value, setValue] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { error, isBusy, run } = useFormAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (token) {
      if (await run(() => accountApi.reset(token, value)))
        setDone('Your password is changed: sign in with it.');
    } else {
      const answer = await run(() => accountApi.requestReset(value));
      if (answer) setDone(answer.data.message);
    }
  }

  return (
    <section className="card stack" aria-labelledby="reset-heading">
      <h1 id="reset-heading">{token ? 'Choose a new password' : 'Reset your password'}</h1>
      {done ? (
        <>
          <p className={styles.done} role="status">
            {done}
          </p>
          <Link className="button button--primary button--block" href="/account">
            Sign in
          </Link>
        </>
      ) : (
        <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
          <label className="field">
            <span>{token ? 'New password (at least 10 characters)' : 'Email'}</span>
            <input
              type={token ? 'password' : 'email'}
              autoComplete={token ? 'new-password' : 'username'}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              maxLength={token ? 200 : 254}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'reset-error' : undefined}
            />
          </label>
          <FormError id="reset-error" message={error} />
          <button className="button button--primary button--block" type="submit" disabled={isBusy}>
            {token ? 'Set password' : 'Send me a reset link'}
          </button>
        </form>
      )}
    </section>
  );
}
