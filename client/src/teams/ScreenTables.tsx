import { useLayoutEffect, useRef, useState } from 'react';
import type { ScreenTeamView } from '@playfield/shared';
import { QrCode } from '../components/QrCode.tsx';
import styles from './ScreenTables.module.css';

/**
 * The room screen's lobby once there are tables: how to join on the left, the tables and
 * who sits at each on the right. Nothing scrolls: the grid fills what is left of the
 * screen, and each table lists as many names as fit (the same number for every table),
 * ending with "+ 3 more" where they do not all fit. Type never shrinks below the screen's
 * 24 px.
 */
export function ScreenTables({
  teams,
  joinUrl,
  host,
  code,
}: {
  teams: readonly ScreenTeamView[];
  joinUrl: string | null;
  host: string | undefined;
  code: string;
}) {
  const grid = useRef<HTMLUListElement>(null);
  const [shape, setShape] = useState({ width: 16, height: 9 });
  const most = teams.reduce((n, t) => Math.max(n, t.members.length), 0);
  const key = `${teams.map((t) => `${t.id}:${t.members.length}:${t.size}`).join(',')}|${shape.width}x${shape.height}`;
  const [fitted, setFitted] = useState<{ key: string; lines: number; isCompact: boolean } | null>(
    null,
  );
  const lines = fitted?.key === key ? fitted.lines : most;
  const isCompact = fitted?.key === key && fitted.isCompact;

  useLayoutEffect(() => {
    const box = grid.current;
    if (!box) return;
    const measure = () => setShape({ width: box.clientWidth || 16, height: box.clientHeight || 9 });
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);

  // Fewer names per table until no table overflows its cell, then (many tables) smaller
  // table names, never below the screen's 24 px. In a test DOM nothing overflows.
  useLayoutEffect(() => {
    const box = grid.current;
    if (!box) return;
    const cards = [...box.querySelectorAll<HTMLElement>(`.${styles.table}`)];
    if (!cards.some((card) => card.scrollHeight > card.clientHeight + 1)) return;
    // Measured layout is outside React: one step smaller, measured again on the next render
    // (a few renders at most: one per name line, then once for the compact names).
    const next =
      lines > 0 ? { key, lines: lines - 1, isCompact } : { key, lines: 0, isCompact: true };
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (next.lines !== lines || next.isCompact !== isCompact) setFitted(next);
  }, [key, lines, isCompact]);

  // Columns to keep cells about as wide as a name: more tables, more columns.
  const columns = Math.min(
    teams.length,
    Math.max(1, Math.ceil(Math.sqrt((teams.length * shape.width) / shape.height / 2.2))),
  );
  const rows = Math.ceil(teams.length / columns);

  return (
    <div className={styles.lobby}>
      <aside className={styles.join} aria-label="How to join">
        {joinUrl && <QrCode text={joinUrl} size={180} label={`QR code to join: ${joinUrl}`} />}
        <p className={styles.instruction}>Join at</p>
        <p className={styles.host}>{host}</p>
        <p className={styles.instruction}>with the code</p>
        <p className={styles.code} data-testid="join-code">
          {code}
        </p>
      </aside>
      <ul
        ref={grid}
        className={`${styles.grid} ${isCompact ? styles.compact : ''} ${teams.length <= 6 ? styles.roomy : ''}`}
        aria-label="Tables"
        style={{
          gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
          gridTemplateRows: `repeat(${rows}, minmax(0, 1fr))`,
        }}
      >
        {teams.map((team) => {
          const isCut = team.size > lines;
          const shown = isCut ? Math.max(0, lines - 1) : team.members.length;
          return (
            <li key={team.id} className={styles.table}>
              <p className={styles.head}>
                <span className={styles.name}>{team.name}</span>
                <span className={styles.size}>
                  {team.size}
                  <span className={styles.unit}> {team.size === 1 ? 'person' : 'people'}</span>
                </span>
              </p>
              {lines > 0 && shown + (isCut ? 1 : 0) > 0 && (
                <ul className={styles.members}>
                  {team.members.slice(0, shown).map((name, i) => (
                    <li key={i}>{name}</li>
                  ))}
                  {isCut && team.size - shown > 0 && (
                    <li className={styles.more}>+ {team.size - shown} more</li>
                  )}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
