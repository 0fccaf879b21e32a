import { useSessionStore } from '../stores/useSessionStore.ts';

/** Tells people when the live link is down; answers resume on their own when it is back. */
export function ConnectionBanner() {
  const status = useSessionStore((s) => s.status);
  if (status === 'online' || status === 'failed') return null;
  return (
    <div className="banner" role="status">
      {status === 'connecting' ? 'Connecting…' : 'Connection lost: reconnecting…'}
    </div>
  );
}
