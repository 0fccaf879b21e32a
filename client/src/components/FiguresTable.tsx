import { useId, type ReactNode } from 'react';
import styles from './FiguresTable.module.css';

/** One column of figures in a {@link FiguresTable}. */
export interface FigureColumn {
  /** The heading's full words: shown, or, with `short`, read to screen readers and on hover. */
  label: string;
  /** A shorter heading shown instead of `label`, so a column of figures stays narrow. */
  short?: string;
  /** Words rather than figures (a verdict, a button): left-aligned, wrapping. */
  isText?: boolean;
}

/** One row: its heading (a measure, a step, a group) and one cell per column. */
export interface FigureRow {
  key: string;
  /** The row's heading and accessible name; long ones wrap onto several lines. */
  label: ReactNode;
  cells: readonly ReactNode[];
  /**
   * A control for the row (a button), stacked under its heading rather than in a column of
   * its own; the heading's name stays the label alone.
   */
  action?: ReactNode;
  className?: string | undefined;
}

/**
 * A compact table of figures for the console's middle column (about 400 px at 1366x768):
 * row headings wrap, figures are right-aligned tabular digits, and a heading too wide for
 * its figures shows a short form (the full words stay with screen readers, on hover and in
 * a key under the table). A real table: caption, column and row headers.
 */
export function FiguresTable({
  caption,
  isCaptionHidden = false,
  rowHeading,
  columns,
  rows,
  className,
}: {
  caption: ReactNode;
  /** When a heading or summary beside the table already says what the caption says. */
  isCaptionHidden?: boolean;
  /** The first column's heading: what each row is. */
  rowHeading: string;
  columns: readonly FigureColumn[];
  rows: readonly FigureRow[];
  className?: string | undefined;
}) {
  const id = useId();
  const shortened = columns.filter((c) => c.short !== undefined);
  return (
    <div className={styles.figures}>
      <table className={`table ${styles.table} ${className ?? ''}`}>
        <caption className={isCaptionHidden ? 'visually-hidden' : styles.caption}>
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{rowHeading}</th>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={c.isText ? styles.text : undefined}>
                {c.short === undefined ? (
                  c.label
                ) : (
                  <>
                    <abbr title={c.label} aria-hidden="true">
                      {c.short}
                    </abbr>
                    <span className="visually-hidden">{c.label}</span>
                  </>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={row.key} className={row.className}>
              {row.action === undefined ? (
                <th scope="row">{row.label}</th>
              ) : (
                <th scope="row" aria-labelledby={`${id}-${r}`}>
                  <span id={`${id}-${r}`}>{row.label}</span>
                  <div className={styles.action}>{row.action}</div>
                </th>
              )}
              {columns.map((c, i) => (
                <td key={c.label} className={c.isText ? styles.text : undefined}>
                  {row.cells[i]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {shortened.length > 0 && (
        // The key repeats what screen readers already hear in each heading.
        <p className={styles.key} aria-hidden="true">
          {shortened.map((c) => `${c.short} ${c.label}`).join(' · ')}
        </p>
      )}
    </div>
  );
}
