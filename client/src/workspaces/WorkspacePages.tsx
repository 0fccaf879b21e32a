import { useEffect, useState } from 'react';
import { withReturnPath } from '../accounts/returnPath.ts';
import { Link } from '../components/Link.tsx';
import { InviteAccept } from './InviteAccept.tsx';
import { WorkspaceList } from './WorkspaceList.tsx';
import { WorkspaceView } from './WorkspaceView.tsx';
import { workspaceApi } from './workspaceApi.ts';

/**
 * The workspaces' pages, loaded on demand: /workspaces (yours, and a new one),
 * /workspaces/:id (members, library, templates) and /invite#token=… (accepting an
 * invitation). Each needs a signed-in account; signed out, they say where to sign in.
 */
export default function WorkspacePages({
  workspaceId,
  isInvite = false,
}: {
  workspaceId: string | null;
  isInvite?: boolean;
}) {
  const [email, setEmail] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    void workspaceApi.me().then((r) => setEmail(r.ok ? r.data.email : null));
  }, []);

  /** Signed out, sign-in brings the reader back here (an invitation with its secret). */
  const back = `${location.pathname}${location.hash}`;
  let page;
  if (email === undefined) page = <p className="muted">Loading…</p>;
  else if (email === null)
    page = (
      <section className="card stack" aria-labelledby="signin-needed">
        <h1 id="signin-needed">{isInvite ? 'Join a workspace' : 'Workspaces'}</h1>
        <p>
          {isInvite
            ? 'Sign in (or create an account) first: you come back to this invitation.'
            : 'Sign in to see your team’s workspaces.'}
        </p>
        <div className="actions">
          <Link className="button button--primary" href={withReturnPath('/account', back)}>
            Sign in
          </Link>
          <Link className="button" href={withReturnPath('/account/signup', back)}>
            Create an account
          </Link>
        </div>
      </section>
    );
  else if (isInvite) page = <InviteAccept />;
  else if (workspaceId) page = <WorkspaceView key={workspaceId} workspaceId={workspaceId} />;
  else page = <WorkspaceList />;

  return (
    <main className={`page stack ${workspaceId ? '' : 'page--narrow'}`}>
      <nav className="crumbs" aria-label="Breadcrumbs">
        <Link href="/">Playfield</Link> / <Link href="/account">Account</Link> /{' '}
        {workspaceId ? <Link href="/workspaces">Workspaces</Link> : 'Workspaces'}
      </nav>
      {page}
    </main>
  );
}
