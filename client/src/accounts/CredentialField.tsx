/** What a credential field holds: an email address, the current password or a new one. */
type Kind = 'email' | 'currentPassword' | 'newPassword';

const INPUT: Record<
  Kind,
  { type: string; autoComplete: string; maxLength: number; minLength?: number }
> = {
  email: { type: 'email', autoComplete: 'username', maxLength: 254 },
  currentPassword: { type: 'password', autoComplete: 'current-password', maxLength: 200 },
  newPassword: { type: 'password', autoComplete: 'new-password', maxLength: 200, minLength: 10 },
};

/**
 * A labelled email or password input of an account form, described by the form's error
 * (`errorId`) while there is one. `isRequired` marks it required and, on an error, invalid.
 */
export function CredentialField({
  kind,
  label,
  value,
  onChange,
  error,
  errorId,
  isRequired = false,
  autoComplete,
}: {
  kind: Kind;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | null;
  errorId: string;
  isRequired?: boolean;
  /** Instead of the kind's own, e.g. `username webauthn` where a passkey may fill it. */
  autoComplete?: string;
}) {
  const input = INPUT[kind];
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type={input.type}
        autoComplete={autoComplete ?? input.autoComplete}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        minLength={input.minLength}
        maxLength={input.maxLength}
        required={isRequired || undefined}
        aria-invalid={isRequired && error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      />
    </label>
  );
}
