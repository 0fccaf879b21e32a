import { useEffect, useState } from 'react';
import { Link } from '../components/Link.tsx';
import { accountApi, type AccountNotebook } from './accountApi.ts';
import styles from './Accounts.module.css';

/**
 * The notebooks kept with the account through the share links they were opened with, each
 * a link that opens it on this device (the link's secret rides in the fragment, as the
 * share link's own does). Revoked links are not listed. `version` changes after a claim.
 */
export function AccountNotebooks({ version }: { version: number }) {
  const [notebooks, setNotebooks] = useState<AccountNotebook[]>([]);

  useEffect(() => {
    let isCurrent = true;
    void accountApi.notebooks().then((r) => {
      if (isCurrent && r.ok) setNotebooks(r.data.notebooks);
    });
    return () => {
      isCurrent = false;
    };
  }, [version]);

  if (notebooks.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="shared-notebooks-heading">
      <h2 id="shared-notebooks-heading">Notebooks shared with you</h2>
      <ul className={styles.list}>
        {notebooks.map((n) => (
          <li key={n.sessionId}>
            <Link
              className={styles.itemLink}
              href={`/notebook/${encodeURIComponent(n.sessionId)}#link=${n.link}`}
            >
              {n.title}
            </Link>{' '}
            <span className="muted">
              {new Date(n.createdAt).toLocaleDateString()} ·{' '}
              {n.rights === 'edit' ? 'can edit' : 'read-only'}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
