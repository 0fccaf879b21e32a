import { useState, type FormEvent } from 'react';
import { Link } from '../components/Link.tsx';
import { navigate } from '../router.ts';
import { accountApi } from './accountApi.ts';
import { readReturnPath, withReturnPath } from './returnPath.ts';
import styles from './Accounts.module.css';
import { CredentialField } from './CredentialField.tsx';
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
    if (await run(() => accountApi.signIn(email, password)))
      navigate(readReturnPath() ?? '/account', { replace: true });
  }

  return (
    <section className="card stack" aria-labelledby="signup-heading">
      <h1 id="signup-heading">Create an account</h1>
      <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
        <CredentialField
          kind="email"
          label="Email"
          value={email}
          onChange={setEmail}
          error={error}
          errorId="signup-error"
          isRequired
        />
        <CredentialField
          kind="newPassword"
          label="Password (at least 10 characters)"
          value={password}
          onChange={setPassword}
          error={error}
          errorId="signup-error"
          isRequired
        />
        <FormError id="signup-error" message={error} />
        <button className="button button--primary button--block" type="submit" disabled={isBusy}>
          Create account
        </button>
      </form>
      <p>
        Have an account? <Link href={withReturnPath('/account', readReturnPath())}>Sign in</Link>
      </p>
    </section>
  );
}
