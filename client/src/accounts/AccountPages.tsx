import { useCallback, useEffect, useState } from 'react';
import { Link } from '../components/Link.tsx';
import { navigate, usePathname } from '../router.ts';
import { readReturnPath } from './returnPath.ts';
import { accountApi, syncAccountSessions, type AccountInfo } from './accountApi.ts';
import { AccountHome } from './AccountHome.tsx';
import { ResetPassword } from './ResetPassword.tsx';
import { SignIn } from './SignIn.tsx';
import { SignUp } from './SignUp.tsx';

/**
 * The accounts' pages, loaded on demand (the WebAuthn library with them, never on a
 * phone joining a workshop): /account (sign in, or the account), /account/signup,
 * /account/reset.
 */
export default function AccountPages() {
  const pathname = usePathname().replace(/\/+$/, '');
  const [account, setAccount] = useState<AccountInfo | null | undefined>(undefined);

  const refresh = useCallback(() => {
    void accountApi.me().then(async (r) => {
      // Signed in: this device's lists gain the account's sessions.
      if (r.ok) await syncAccountSessions();
      setAccount(r.ok ? r.data.account : null);
    });
  }, []);
  useEffect(refresh, [refresh]);

  let page;
  if (pathname === '/account/signup') page = <SignUp />;
  else if (pathname === '/account/reset') page = <ResetPassword />;
  else if (account === undefined) page = <p className="muted">Loading…</p>;
  else if (account === null)
    page = (
      <SignIn
        onSignedIn={() => {
          // Back to where sign-in was asked for (an invitation), when that is on this site.
          const next = readReturnPath();
          if (next) navigate(next, { replace: true });
          else refresh();
        }}
      />
    );
  else page = <AccountHome account={account} onChanged={refresh} />;

  return (
    <main className="page page--narrow stack">
      <nav className="crumbs">
        <Link href="/">Playfield</Link> / Account
      </nav>
      {page}
    </main>
  );
}
