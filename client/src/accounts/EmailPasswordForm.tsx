import { useState, type FormEvent } from 'react';
import styles from './Accounts.module.css';
import { CredentialField } from './CredentialField.tsx';
import { FormError } from './FormError.tsx';

/**
 * An email and a password sent together (signing in, creating an account): one error
 * describes both fields, one button submits.
 */
export function EmailPasswordForm({
  errorId,
  password,
  emailAutoComplete,
  submitLabel,
  error,
  isBusy,
  onSubmit,
}: {
  /** The id of the form's error, which the fields point to. */
  errorId: string;
  password: { kind: 'currentPassword' | 'newPassword'; label: string };
  /** Instead of the email field's own, e.g. `username webauthn` where a passkey may fill it. */
  emailAutoComplete?: string;
  submitLabel: string;
  error: string | null;
  isBusy: boolean;
  onSubmit: (email: string, password: string) => void;
}) {
  const [email, setEmail] = useState('');
  const [secret, setSecret] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(email, secret);
  };
  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <CredentialField
        kind="email"
        label="Email"
        value={email}
        onChange={setEmail}
        error={error}
        errorId={errorId}
        isRequired
        {...(emailAutoComplete ? { autoComplete: emailAutoComplete } : {})}
      />
      <CredentialField
        kind={password.kind}
        label={password.label}
        value={secret}
        onChange={setSecret}
        error={error}
        errorId={errorId}
        isRequired
      />
      <FormError id={errorId} message={error} />
      <button className="button button--primary button--block" type="submit" disabled={isBusy}>
        {submitLabel}
      </button>
    </form>
  );
}
