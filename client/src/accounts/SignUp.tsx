import { Link } from '../components/Link.tsx';
import { navigate } from '../router.ts';
import { accountApi } from './accountApi.ts';
import { readReturnPath, withReturnPath } from './returnPath.ts';
import { EmailPasswordForm } from './EmailPasswordForm.tsx';
import { useFormAction } from './useFormAction.ts';

/**
 * A new account. The server answers the same whether or not the address was free (so no
 * one can test addresses); signing in right after tells the person whether it worked.
 */
export function SignUp() {
  const { error, isBusy, run } = useFormAction();

  async function submit(email: string, password: string) {
    if (!(await run(() => accountApi.signUp(email, password)))) return;
    if (await run(() => accountApi.signIn(email, password)))
      navigate(readReturnPath() ?? '/account', { replace: true });
  }

  return (
    <section className="card stack" aria-labelledby="signup-heading">
      <h1 id="signup-heading">Create an account</h1>
      <EmailPasswordForm
        errorId="signup-error"
        password={{ kind: 'newPassword', label: 'Password (at least 10 characters)' }}
        submitLabel="Create account"
        error={error}
        isBusy={isBusy}
        onSubmit={(email, password) => void submit(email, password)}
      />
      <p>
        Have an account? <Link href={withReturnPath('/account', readReturnPath())}>Sign in</Link>
      </p>
    </section>
  );
}
