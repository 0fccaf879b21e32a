import type { ReactNode } from 'react';
import { Link } from './Link.tsx';

/** The head of a top-level page: breadcrumbs back to the start, the title, the page's buttons. */
export function PageHead({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <nav className="crumbs">
        <Link href="/">Playfield</Link> / {title}
      </nav>
      <div className="page__head">
        <h1>{title}</h1>
        {children}
      </div>
    </>
  );
}
