import { useMemo, type CSSProperties, type ReactNode } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { useYValue } from '../docs/useYValue.ts';
import type { PresenceColor } from '@playfield/shared/protocol/presence';
import { presenceColorVar, type Identity } from './identity.ts';
import { NotebookBlocks } from './NotebookBlocks.tsx';
import type { Peer } from './presence.ts';
import { usePresence } from './usePresence.ts';
import styles from './Notebook.module.css';

/**
 * A notebook on screen: its header (title, day, join code, agenda), who else is here, and
 * its blocks, editable or read only. The Y.Doc and its awareness come from the caller (the
 * route's synced document, or a test's), and stay here, at the editor's boundary.
 */
export function NotebookView({
  doc,
  awareness,
  identity,
  canEdit,
  status,
  crumbs,
  side,
}: {
  doc: Y.Doc;
  awareness: Awareness | null;
  identity: Identity;
  canEdit: boolean;
  /** The status line: Saved, Saving…, Offline… */
  status: string;
  crumbs?: ReactNode;
  side?: ReactNode;
}) {
  const { peers, focusBlock } = usePresence(awareness, identity, canEdit);
  return (
    <div className={styles.notebook}>
      <header className={styles.notebookTop}>
        {crumbs && <nav className="crumbs">{crumbs}</nav>}
        <NotebookHeader doc={doc} canEdit={canEdit} status={status} />
        <PresenceChips self={identity} peers={peers} />
      </header>
      <div className={styles.notebookLayout}>
        <main className={styles.notebookDoc} aria-labelledby="nb-title">
          <Agenda doc={doc} />
          <NotebookBlocks doc={doc} canEdit={canEdit} peers={peers} onFocusBlock={focusBlock} />
        </main>
        {side && (
          <aside className={styles.notebookSide} aria-label="Notebook tools">
            {side}
          </aside>
        )}
      </div>
    </div>
  );
}

function useMeta(doc: Y.Doc) {
  const meta = useMemo(() => doc.getMap<unknown>('meta'), [doc]);
  // Re-read when the meta map changes.
  return useYValue(meta, readMeta);
}

/** The session's title, code, date and agenda from the notebook's meta map (untrusted). */
function readMeta(meta: Y.Map<unknown>) {
  const title = meta.get('title');
  const code = meta.get('code');
  const createdAt = meta.get('createdAt');
  let agenda: { title: string }[] = [];
  try {
    const raw = meta.get('agenda');
    const parsed: unknown = JSON.parse(typeof raw === 'string' ? raw : '[]');
    if (Array.isArray(parsed))
      agenda = parsed.filter(
        (r): r is { title: string } =>
          typeof r === 'object' &&
          r !== null &&
          typeof (r as { title?: unknown }).title === 'string',
      );
  } catch {
    // A malformed agenda is left out; the blocks still show every round.
  }
  return {
    title: typeof title === 'string' && title ? title : 'Untitled session',
    code: typeof code === 'string' ? code : '',
    createdAt: typeof createdAt === 'number' ? createdAt : null,
    agenda,
  };
}

function NotebookHeader({
  doc,
  canEdit,
  status,
}: {
  doc: Y.Doc;
  canEdit: boolean;
  status: string;
}) {
  const { title, code, createdAt } = useMeta(doc);
  return (
    <div className={styles.notebookTitlebar}>
      <div className={styles.notebookTitles}>
        <p className="eyebrow">Session notebook</p>
        <h1 id="nb-title">{title}</h1>
        <p className="muted">
          {createdAt !== null && (
            <time dateTime={new Date(createdAt).toISOString()}>
              {new Date(createdAt).toLocaleDateString(undefined, { dateStyle: 'long' })}
            </time>
          )}
          {code && (
            <>
              {createdAt !== null && ' · '}join code <span className={styles.nbCode}>{code}</span>
            </>
          )}
        </p>
      </div>
      <div className={styles.notebookState}>
        {!canEdit && <span className={styles.nbBadge}>Read only</span>}
        <p className={styles.nbStatus} role="status" data-testid="nb-status">
          {status}
        </p>
      </div>
    </div>
  );
}

function Agenda({ doc }: { doc: Y.Doc }) {
  const { agenda } = useMeta(doc);
  if (agenda.length === 0) return null;
  return (
    <section className={styles.nbAgenda} aria-labelledby="nb-agenda-title">
      <h2 id="nb-agenda-title">Agenda</h2>
      <ol>
        {agenda.map((round, i) => (
          <li key={i}>{round.title}</li>
        ))}
      </ol>
    </section>
  );
}

/** Who has the notebook open: this person first, then the others, each a name chip. */
export function PresenceChips({ self, peers }: { self: Identity; peers: Peer[] }) {
  return (
    <div className={styles.nbPresence}>
      <span className="muted">Here now:</span>
      <ul className={styles.nbChips} aria-label="Who is here">
        <Chip name={`${self.name} (you)`} color={self.color} />
        {peers.map((p) => (
          <Chip key={p.clientId} name={p.name} color={p.color} />
        ))}
      </ul>
    </div>
  );
}

function Chip({ name, color }: { name: string; color: PresenceColor }) {
  return (
    <li className={styles.nbChip} style={{ '--nb-peer': presenceColorVar(color) } as CSSProperties}>
      <span className={styles.nbChipDot} aria-hidden="true" />
      {name}
    </li>
  );
}
