import type { ReactNode } from 'react';
import { Link } from './Link.tsx';

/**
 * A full-page message: unknown links, ended sessions, errors. Never a blank page. `back` is
 * the usual way on, a link button (home, your sessions); `actions` anything else.
 */
export function Notice(props: {
  title: string;
  children?: ReactNode;
  back?: { href: string; label: string };
  actions?: ReactNode;
}) {
  const { back } = props;
  const actions = back ? (
    <Link className="button" href={back.href}>
      {back.label}
    </Link>
  ) : (
    props.actions
  );
  return (
    <main className="page page--narrow notice">
      <h1>{props.title}</h1>
      {props.children}
      {actions && <div className="actions">{actions}</div>}
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
