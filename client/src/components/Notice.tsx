import type { ReactNode } from 'react';

/** A full-page message: unknown links, ended sessions, errors. Never a blank page. */
export function Notice(props: { title: string; children?: ReactNode; actions?: ReactNode }) {
  return (
    <main className="page page--narrow notice">
      <h1>{props.title}</h1>
      {props.children}
      {props.actions && <div className="actions">{props.actions}</div>}
    </main>
  );
}

/** Shown while a page waits for its first data. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <main className="page page--narrow" aria-busy="true">
      <p className="muted">{label}</p>
    </main>
  );
}
