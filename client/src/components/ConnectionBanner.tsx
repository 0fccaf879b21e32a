import { useSessionStore } from '../stores/useSessionStore.ts';
import styles from './ConnectionBanner.module.css';

/**
 * Tells people when the live link is down; answers resume on their own when it is back.
 * `detail` says what that means on this page (a phone's buttons wait for the link).
 */
export function ConnectionBanner({ detail }: { detail?: string } = {}) {
  const status = useSessionStore((s) => s.status);
  if (status === 'online' || status === 'failed') return null;
  return (
    <div className={styles.banner} role="status">
      {status === 'connecting' ? 'Connecting…' : 'Connection lost: reconnecting…'}
      {status === 'offline' && detail ? ` ${detail}` : ''}
    </div>
  );
}
