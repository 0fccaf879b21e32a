import type { ReactNode } from 'react';

/**
 * A captioned table inside a focusable region, so a keyboard can scroll the table sideways
 * when it is wider than its column. `children` are the table's head and body.
 */
export function ScrollTable({
  label,
  caption,
  className,
  testId,
  children,
}: {
  /** What the region is called for a screen reader (", scrollable" is added). */
  label: string;
  caption: ReactNode;
  /** A class for the table, beside the global `table`. */
  className?: string | undefined;
  testId?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div
      className="table-scroll"
      role="region"
      aria-label={`${label}, scrollable`}
      tabIndex={0}
      data-testid={testId}
    >
      <table className={className === undefined ? 'table' : `table ${className}`}>
        <caption>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
