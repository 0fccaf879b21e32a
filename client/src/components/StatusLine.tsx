import type { ReactNode } from 'react';

/**
 * A phone's status line under its answer, read out as it changes: the server's refusal if
 * there is one, else `closed` once the round no longer takes answers, else `children` (what
 * the phone has saved, or nothing).
 */
export function StatusLine({
  error = null,
  isOpen,
  closed,
  children,
}: {
  error?: string | null;
  isOpen: boolean;
  /** "Answers are locked." */
  closed: string;
  children?: ReactNode;
}) {
  return (
    <p className="status-line" role="status">
      {error ?? (isOpen ? children : closed)}
    </p>
  );
}
