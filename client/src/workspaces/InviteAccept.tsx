import { useEffect, useState } from 'react';
import { FormError } from '../accounts/FormError.tsx';
import { useFormAction } from '../accounts/useFormAction.ts';
import { Link } from '../components/Link.tsx';
import { navigate } from '../router.ts';
import { ROLE_HINTS, ROLE_NAMES } from './roles.ts';
import { workspaceApi, type InvitationOffer } from './workspaceApi.ts';

/** The invitation's secret, from the address's fragment (`#token=…`). */
function readInvitationToken(): string | null {
  return new URLSearchParams(location.hash.slice(1)).get('token');
}

/** /invite#token=…: what the invitation offers, and joining with one click. */
export function InviteAccept() {
  const [token] = useState(readInvitationToken);
  const [offer, setOffer] = useState<InvitationOffer | null>(null);
  const [problem, setProblem] = useState<string | null>(
    token ? null : 'This invitation link is incomplete: copy the whole link again',
  );
  const accept = useFormAction();

  useEffect(() => {
    if (!token) return;
    void workspaceApi.peek(token).then((r) => {
      if (r.ok) setOffer(r.data);
      else setProblem(r.error.message);
    });
  }, [token]);

  async function join() {
    if (!token) return;
    const done = await accept.run(() => workspaceApi.accept(token));
    if (done) navigate(`/workspaces/${done.data.workspaceId}`, { replace: true });
  }

  return (
    <section className="card stack" aria-labelledby="invite-heading">
      <h1 id="invite-heading">Join a workspace</h1>
      <FormError id="invite-problem" message={problem} />
      {!offer && !problem && <p className="muted">Reading the invitation…</p>}
      {offer && (
        <>
          <p>
            You are invited to <strong>{offer.workspaceName}</strong> as a{' '}
            <strong>{ROLE_NAMES[offer.role].toLowerCase()}</strong>: a {offer.role}{' '}
            {ROLE_HINTS[offer.role]}.
          </p>
          {offer.isMember && offer.workspaceId ? (
            <p>
              You are already a member.{' '}
              <Link href={`/workspaces/${offer.workspaceId}`}>Open the workspace</Link>
            </p>
          ) : (
            <>
              <p className="muted">
                The link works once, until {new Date(offer.expiresAt).toLocaleDateString()}.
              </p>
              <FormError id="accept-error" message={accept.error} />
              <button
                className="button button--primary"
                type="button"
                disabled={accept.isBusy}
                onClick={() => void join()}
              >
                Join {offer.workspaceName}
              </button>
            </>
          )}
        </>
      )}
    </section>
  );
}
