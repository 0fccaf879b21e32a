import { useCallback, useEffect, useRef, useState } from 'react';
import type { CreatedShareLink, ShareLinkListing } from '@playfield/shared';
import { api } from '../api.ts';
import styles from './Notebook.module.css';

/** The address a share link opens: its secret is in the fragment, which no request carries. */
export function shareUrl(sessionId: string, token: string): string {
  return `${location.origin}/notebook/${sessionId}#link=${token}`;
}

const RIGHTS_LABEL = { read: 'Read link', edit: 'Edit link' } as const;

const when = (at: number) =>
  new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * The facilitator's share links: make a read or an edit link (its address is shown once,
 * to copy), see which exist, and revoke one, which cuts its open pages at once.
 */
export function SharingPanel({ sessionId, token }: { sessionId: string; token: string }) {
  const [links, setLinks] = useState<ShareLinkListing[] | null>(null);
  const [created, setCreated] = useState<CreatedShareLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Fetches the list; `isCurrent` says whether its answer still belongs to this panel. */
  const fetchLinks = useCallback(
    (isCurrent: () => boolean = () => true) =>
      api.shareLinks(sessionId, token).then((result) => {
        if (!isCurrent()) return;
        if (result.ok) setLinks([...result.data.links].sort((a, b) => b.createdAt - a.createdAt));
        else setError(result.error.message);
      }),
    [sessionId, token],
  );
  const load = () => fetchLinks();

  useEffect(() => {
    // Fetching the list once on open: only its answer sets the state.
    let isCurrent = true;
    void fetchLinks(() => isCurrent);
    return () => {
      isCurrent = false;
    };
  }, [fetchLinks]);

  const create = async (rights: 'read' | 'edit') => {
    setBusy(true);
    setError(null);
    const result = await api.createShareLink(sessionId, token, rights);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setCreated(result.data);
    await load();
  };

  const revoke = async (link: ShareLinkListing) => {
    const what = link.rights === 'edit' ? 'edit' : 'read';
    if (!confirm(`Revoke this ${what} link? Anyone using it loses access at once.`)) return;
    setError(null);
    const result = await api.revokeShareLink(sessionId, token, link.id);
    if (!result.ok) setError(result.error.message);
    if (created?.id === link.id) setCreated(null);
    await load();
  };

  const live = links?.filter((l) => l.revokedAt === null) ?? [];
  const revoked = links?.filter((l) => l.revokedAt !== null) ?? [];

  return (
    <section className={`panel ${styles.nbPanel}`} aria-labelledby="nb-share-title">
      <h2 id="nb-share-title">Share with the team</h2>
      <p className={`muted ${styles.nbPanelHint}`}>
        A secret link opens this notebook without an account. Revoke it to stop it working.
      </p>
      <div className="actions">
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          onClick={() => void create('read')}
        >
          Create a read link
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          onClick={() => void create('edit')}
        >
          Create an edit link
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {created && (
        <NewLink
          key={created.id}
          link={created}
          url={shareUrl(sessionId, created.token)}
          onDone={() => setCreated(null)}
        />
      )}
      {links === null && !error && <p className="muted">Loading links…</p>}
      {links !== null && live.length === 0 && <p className="muted">No link is active.</p>}
      {live.length > 0 && (
        <ul className={styles.nbLinks} aria-label="Active links">
          {live.map((link) => (
            <li key={link.id} className={styles.nbLinksItem}>
              <span>
                <strong>{RIGHTS_LABEL[link.rights]}</strong>
                <span className="muted"> · created {when(link.createdAt)}</span>
              </span>
              <button
                type="button"
                className="button button--small button--danger"
                aria-label={`Revoke the ${link.rights} link created ${when(link.createdAt)}`}
                onClick={() => void revoke(link)}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      {revoked.length > 0 && (
        <details className={styles.nbRevoked}>
          <summary>Revoked links ({revoked.length})</summary>
          <ul className={styles.nbLinks}>
            {revoked.map((link) => (
              <li key={link.id} className={`${styles.nbLinksItem} muted`}>
                {RIGHTS_LABEL[link.rights]} · created {when(link.createdAt)} · revoked{' '}
                {when(link.revokedAt ?? 0)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function NewLink({
  link,
  url,
  onDone,
}: {
  link: CreatedShareLink;
  url: string;
  onDone: () => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);

  const copy = async () => {
    try {
      // The clipboard API exists only on secure origins (not a plain-http LAN address).
      await navigator.clipboard.writeText(url);
      setCopied('Copied');
    } catch {
      input.current?.select();
      setCopied(document.execCommand('copy') ? 'Copied' : 'Select the address and copy it by hand');
    }
  };

  const id = `nb-newlink-${link.id}`;
  return (
    <div className={`${styles.nbNewlink} stack stack--tight`}>
      <label className="field" htmlFor={id}>
        <span>
          New {link.rights === 'edit' ? 'edit' : 'read'} link: copy it now, it is shown once
        </span>
        <input id={id} ref={input} readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <div className="actions">
        <button
          type="button"
          className="button button--small button--primary"
          onClick={() => void copy()}
        >
          Copy link
        </button>
        <button type="button" className="button button--small button--quiet" onClick={onDone}>
          Done
        </button>
        <span className="muted" role="status">
          {copied}
        </span>
      </div>
    </div>
  );
}
