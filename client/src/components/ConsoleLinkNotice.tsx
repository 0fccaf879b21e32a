import { useState } from 'react';
import styles from './ConsoleLinkNotice.module.css';
import { copyText } from './copyText.ts';

/**
 * Until there are accounts, a console opens only from its link (the key is in it) and
 * "Your sessions" lives in one browser: say so where the link is, and offer to copy it.
 */
export function ConsoleLinkNotice({ href = window.location.href }: { href?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  async function copy() {
    setState((await copyText(href)) ? 'copied' : 'failed');
  }

  return (
    <aside className={styles.notice} aria-labelledby="console-link-heading">
      <h2 id="console-link-heading" className={styles.heading}>
        Keep this console link
      </h2>
      <p>
        It is the way back to this console from another browser, unless you sign in and add this
        browser&apos;s sessions to your account. Save it somewhere safe, not where participants can
        see it.
      </p>
      <div className={styles.row}>
        <label className={styles.field}>
          <span>Console link</span>
          <input readOnly value={href} onFocus={(e) => e.currentTarget.select()} />
        </label>
        <button type="button" className="button" onClick={() => void copy()}>
          Copy console link
        </button>
      </div>
      <p role="status" className={styles.status}>
        {state === 'copied' && 'Copied.'}
        {state === 'failed' && 'Could not copy: select the link above and copy it by hand.'}
      </p>
    </aside>
  );
}
