import type { RoundSummary, SummaryBlock } from '@playfield/shared';
import styles from './ByTable.module.css';

/**
 * "By table": the current round's results per table under its live results on the console
 * (poll and dot-vote counts per table). Counts and table names only, never people.
 */
export function ByTable({ summary }: { summary: RoundSummary }) {
  const blocks: unknown = summary.blocks;
  const tables = (Array.isArray(blocks) ? (blocks as SummaryBlock[]) : []).filter(
    (b): b is Extract<SummaryBlock, { type: 'table' }> => b.type === 'table',
  );
  if (tables.length === 0) return null;
  return (
    <section className={styles.byTable} aria-label="Results by table">
      <h3>By table</h3>
      {tables.map((block, i) => (
        // Focusable, so a keyboard can scroll a wide table sideways.
        <div key={i} className={styles.scroll} tabIndex={0} role="group" aria-label="By table">
          <table className={`table ${styles.grid}`}>
            <thead>
              <tr>
                {block.columns.map((c, j) => (
                  <th key={j} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) =>
                    c === 0 ? (
                      <th key={c} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={c}>{cell}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
