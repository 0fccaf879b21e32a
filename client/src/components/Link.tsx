import type { AnchorHTMLAttributes } from 'react';
import { navigate } from '../router.ts';

/** An in-app link: a real anchor (so it can be opened in a new tab) that navigates without reloading. */
export function Link({
  href,
  onClick,
  ...rest
}: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return (
    <a
      href={href}
      onClick={(event) => {
        onClick?.(event);
        if (
          event.defaultPrevented ||
          event.metaKey ||
          event.ctrlKey ||
          event.shiftKey ||
          rest.target
        )
          return;
        event.preventDefault();
        navigate(href);
      }}
      {...rest}
    />
  );
}
