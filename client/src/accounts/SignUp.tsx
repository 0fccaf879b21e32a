import { useState, type FormEvent } from 'react';
import { Link } from '../components/Link.tsx';
import { navigate } from '../router.ts';
import { accountApi } from './accountApi.ts';
import styles from './Accounts.module.css';
import { FormError } from './FormError.tsx';
import { useFormAction } from './useFormAction.ts';

/**
 * A new account. The server answers the same whether or not the address was free (so no
 * one can test addresses); signing in right after tells the person whether it worked.
 */
export function SignUp() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { error, isBusy, run } = useFormAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!(await run(() => accountApi.signUp(email, password)))) return;
    if (await run(() => accountApi.signIn(email, password))) navigate('/account');
  }

  return (
    <section className="card stack" aria-labelledby="signup-heading">
      <h1 id="signup-heading">Create an account</h1>
      <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
        <label className="field">
          <span>Email</span>
          <input
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            maxLength={254}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'signup-error' : undefined}
          />
        </label>
        <label className="field">
          <span>Password (at least 10 characters)</span>
          <input
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            minLength={10}
            maxLength={200}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'signup-error' : undefined}
          />
        </label>
        <FormError id="signup-error" message={error} />
        <button className="button button--primary button--block" type="submit" disabled={isBusy}>
          Create account
        </button>
      </form>
      <p>
        Have an account? <Link href="/account">Sign in</Link>
      </p>
    </section>
  );
}
