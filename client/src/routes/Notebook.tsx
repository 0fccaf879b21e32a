import '../zodSetup.ts';
import { useEffect, useMemo, useState } from 'react';
import { Link } from '../components/Link.tsx';
import { Loading, Notice } from '../components/Notice.tsx';
import { useSyncedDoc } from '../docs/useSyncedDoc.ts';
import { ExportPanel } from '../notebooks/ExportPanel.tsx';
import {
  getPresenceColor,
  getSavedName,
  saveName,
  type Identity,
  type NotebookRole,
} from '../notebooks/identity.ts';
import { NameForm } from '../notebooks/NameForm.tsx';
import { NotebookView } from '../notebooks/NotebookView.tsx';
import { SharingPanel } from '../notebooks/SharingPanel.tsx';
import { statusText } from '../notebooks/status.ts';
import { useNotebookAccess, type NotebookAccess } from '../notebooks/useNotebookAccess.ts';
import { rememberFacilitated } from '../storage.ts';
import styles from '../notebooks/Notebook.module.css';

type ReadyAccess = Extract<NotebookAccess, { status: 'ready' }>;

/**
 * A session's notebook: the facilitator's (key from this browser or the address) or a
 * team member's through a share link (`#link=…`), edited together live.
 */
export default function Notebook({ sessionId }: { sessionId: string }) {
  const { access, retry, forgetLink } = useNotebookAccess(sessionId);
  switch (access.status) {
    case 'loading':
      return <Loading label="Opening the notebook…" />;
    case 'noKey':
      return (
        <Notice
          title="This notebook link has no key"
          back={{ href: '/notebooks', label: 'Your notebooks' }}
        >
          <p>
            Open the notebook from the console or from “Your notebooks” on the browser you ran the
            session from, or ask the facilitator for a share link.
          </p>
        </Notice>
      );
    case 'linkGone':
      return <RevokedNotice message={access.message} />;
    case 'error':
      return (
        <Notice
          title="Cannot open this notebook"
          actions={
            <button type="button" className="button button--primary" onClick={retry}>
              Try again
            </button>
          }
        >
          <p>{access.message}</p>
        </Notice>
      );
    case 'ready':
      return <NotebookSession sessionId={sessionId} access={access} onRevoked={forgetLink} />;
  }
}

function RevokedNotice({ message }: { message: string }) {
  return (
    <Notice
      title="This link has been revoked"
      actions={
        <a className="button" href="/">
          Go to the home page
        </a>
      }
    >
      <p>{message}. Ask the facilitator for a new link.</p>
    </Notice>
  );
}

function NotebookSession({
  sessionId,
  access,
  onRevoked,
}: {
  sessionId: string;
  access: ReadyAccess;
  onRevoked: () => void;
}) {
  const role: NotebookRole = access.role;
  const [name, setName] = useState(() => getSavedName(role));
  const color = useMemo(() => getPresenceColor(), []);
  const identity = useMemo<Identity | null>(() => (name ? { name, color } : null), [name, color]);
  const rename = (next: string) => {
    saveName(role, next);
    setName(next);
  };

  if (!identity) {
    // A link holder is asked once which name the others should see.
    return (
      <main className="page page--narrow notice">
        <p className="eyebrow">Session notebook</p>
        <h1>What name should the others see?</h1>
        <p>The team sees who is here and who is writing where.</p>
        <NameForm
          id="nb-first-name"
          initial=""
          label="Your name"
          submitLabel="Open the notebook"
          onSave={rename}
        />
      </main>
    );
  }
  return (
    <OpenNotebook
      sessionId={sessionId}
      access={access}
      identity={identity}
      onRename={rename}
      onRevoked={onRevoked}
    />
  );
}

function OpenNotebook({
  sessionId,
  access,
  identity,
  onRename,
  onRevoked,
}: {
  sessionId: string;
  access: ReadyAccess;
  identity: Identity;
  onRename: (name: string) => void;
  onRevoked: () => void;
}) {
  const { synced, state } = useSyncedDoc(access.credential, access.docId);
  const isLink = access.role === 'link';
  const isRevoked =
    state.status === 'revoked' ||
    (isLink && state.status === 'failed' && state.error?.code === 'UNAUTHORIZED');
  const isOpened = state.rights !== null;

  useEffect(() => {
    if (!isRevoked) return;
    // A revoked link's holder must not keep the notebook on this device.
    synced?.discardLocal();
    onRevoked();
  }, [isRevoked, synced, onRevoked]);

  useEffect(() => {
    // A key that came in the address is remembered, so the notebook shows in "Your notebooks".
    if (access.role === 'facilitator' && access.isKeyFromUrl && isOpened)
      rememberFacilitated({ sessionId, token: access.token });
  }, [access, isOpened, sessionId]);

  if (isRevoked)
    return <RevokedNotice message={state.error?.message ?? 'This link has been revoked'} />;
  if (state.status === 'failed' && !isOpened) {
    return (
      <Notice
        title="Cannot open this notebook"
        back={{
          href: isLink ? '/' : '/notebooks',
          label: isLink ? 'Go to the home page' : 'Your notebooks',
        }}
      >
        <p>{state.error?.message ?? 'The server refused to open it.'}</p>
      </Notice>
    );
  }
  const hasCopy = synced?.doc.getMap('meta').has('sessionId') ?? false;
  if (!synced || (!isOpened && !hasCopy)) return <Loading label="Opening the notebook…" />;

  const rights = state.rights ?? access.rights;
  const canEdit = rights === 'edit';
  return (
    <NotebookView
      doc={synced.doc}
      awareness={synced.awareness}
      identity={identity}
      canEdit={canEdit}
      status={statusText(state, canEdit)}
      crumbs={
        isLink ? (
          <Link href="/">Playfield</Link>
        ) : (
          <>
            <Link href="/notebooks">Your notebooks</Link> ·{' '}
            <a href={`/console/${sessionId}`}>Console</a>
          </>
        )
      }
      side={
        <>
          <section className={`panel ${styles.nbPanel}`} aria-labelledby="nb-you-title">
            <h2 id="nb-you-title">You</h2>
            <NameForm
              id="nb-name"
              initial={identity.name}
              label="Your name, as the others see it"
              submitLabel="Change name"
              onSave={onRename}
            />
          </section>
          <ExportPanel sessionId={sessionId} token={access.token} />
          {access.role === 'facilitator' && (
            <SharingPanel sessionId={sessionId} token={access.token} />
          )}
        </>
      }
    />
  );
}
