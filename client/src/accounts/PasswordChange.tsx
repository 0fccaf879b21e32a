import { useState, type FormEvent } from 'react';
import { accountApi } from './accountApi.ts';
import styles from './Accounts.module.css';
import { CredentialField } from './CredentialField.tsx';
import { FormError } from './FormError.tsx';
import { useFormAction } from './useFormAction.ts';

/** A new password; every other browser signed in to the account is signed out. */
export function PasswordChange() {
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { error, isBusy, run } = useFormAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const answer = await run(() => accountApi.changePassword(current, password));
    if (answer) {
      setDone(answer.data.message);
      setCurrent('');
      setPassword('');
    }
  }

  return (
    <section className="card stack" aria-labelledby="password-heading">
      <h2 id="password-heading">Change password</h2>
      <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
        <CredentialField
          kind="currentPassword"
          label="Current password"
          value={current}
          onChange={setCurrent}
          error={error}
          errorId="password-error"
        />
        <CredentialField
          kind="newPassword"
          label="New password (at least 10 characters)"
          value={password}
          onChange={setPassword}
          error={error}
          errorId="password-error"
        />
        <FormError id="password-error" message={error} />
        {done && (
          <p className={styles.done} role="status">
            {done}
          </p>
        )}
        <button className="button button--block" type="submit" disabled={isBusy}>
          Change password
        </button>
      </form>
    </section>
  );
}
