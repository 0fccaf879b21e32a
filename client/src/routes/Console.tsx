import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ConsoleAccess } from '@playfield/shared';
import { ConnectionBanner } from '../components/ConnectionBanner.tsx';
import { Loading, Notice } from '../components/Notice.tsx';
import { AgendaPanel } from '../console/AgendaPanel.tsx';
import { ConsoleHeader } from '../console/ConsoleHeader.tsx';
import { CurrentRoundPanel } from '../console/CurrentRoundPanel.tsx';
import { EndedResults } from '../console/EndedResults.tsx';
import { ConsoleDeleteSession } from '../lifecycle/ConsoleDeleteSession.tsx';
import { SidePanels } from '../console/SidePanels.tsx';
import type { Control } from '../console/types.ts';
import { PlansPanel } from '../plans/PlansPanel.tsx';
import { commandFor } from '../presenter/presenterCommands.ts';
import { ShortcutsOverlay } from '../presenter/ShortcutsOverlay.tsx';
import { useShortcuts } from '../presenter/useShortcuts.ts';
import { useScreenKey } from '../presenter/useScreenKey.ts';
import { connect, type Connection } from '../realtime/connection.ts';
import { readHashKey } from '../router.ts';
import { getFacilitated, rememberFacilitated } from '../storage.ts';
import { useSessionStore } from '../stores/useSessionStore.ts';
import styles from './Console.module.css';

// The console's parts the presenter view shares.
export { FlowActions } from '../console/FlowActions.tsx';
export { RoundResults } from '../console/RoundResults.tsx';
export { RoundStatus, RoundTimer } from '../console/RoundControls.tsx';

/** The presenter view: the same session on one laptop screen, driven by the keyboard. */
const PresenterView = lazy(() => import('../presenter/PresenterView.tsx'));

/**
 * The facilitator console: agenda, current round with its controls and live results side
 * by side, secondary panels in drawers, and the primary actions always in view. With
 * `isPresenter` it shows the presenter view of the same session instead.
 */
export default function Console({
  sessionId,
  isPresenter = false,
}: {
  sessionId: string;
  isPresenter?: boolean;
}) {
  const token = useMemo(
    () => readHashKey() ?? getFacilitated().find((s) => s.sessionId === sessionId)?.token ?? null,
    [sessionId],
  );
  // Opened from a workspace's library (`#member`): the account's cookie and role open it.
  const isMember = useMemo(
    () => new URLSearchParams(location.hash.slice(1)).has('member'),
    // Read once: the hash is not watched.
    [],
  );
  const [access, setAccess] = useState<ConsoleAccess | null>(null);
  const connection = useRef<Connection | null>(null);
  const status = useSessionStore((s) => s.status);
  const connectionError = useSessionStore((s) => s.error);
  const view = useSessionStore((s) => s.facilitator);
  // The sequence number of the view on show: browser tests wait for it, never for time.
  const seq = useSessionStore((s) => s.seqs.facilitator);
  const [error, setError] = useState<string | null>(null);
  const [isHelpOpen, setHelpOpen] = useState(false);
  const [isAgendaOpen, setAgendaOpen] = useState(true);
  const ownScreenKey = useScreenKey(sessionId, token);
  const screenKey = ownScreenKey ?? access?.screenKey ?? undefined;

  useEffect(() => {
    if (!token && !isMember) return;
    const live = connect(
      isMember || !token
        ? { role: 'member', sessionId }
        : { role: 'facilitator', sessionId, token },
    );
    connection.current = live;
    // A member's role changed while open (say, to producer): the controls follow at once.
    const stopWatching = live.onConsoleAccess?.(setAccess);
    return () => {
      stopWatching?.();
      live.close();
    };
  }, [sessionId, token, isMember]);

  // What this console may do (a producer's agenda is read-only), once it is connected.
  const isConnected = !!view;
  useEffect(() => {
    if (!isConnected) return;
    let isCurrent = true;
    void connection.current?.consoleAccess?.().then((r) => {
      if (isCurrent && r.ok) setAccess(r.data);
    });
    return () => {
      isCurrent = false;
    };
  }, [isConnected]);
  const activity = useCallback(() => connection.current?.activity?.(), []);

  useEffect(() => {
    if (token && view) rememberFacilitated({ sessionId, token });
  }, [sessionId, token, view]);

  const control: Control = async (command) => {
    const result = await connection.current?.control(command);
    if (!result) return false;
    setError(result.ok ? null : result.error.message);
    return result.ok;
  };

  useShortcuts((action) => {
    if (action === 'help') {
      setHelpOpen((open) => !open);
      return;
    }
    const current = useSessionStore.getState();
    if (!current.facilitator) return;
    const command = commandFor(action, current.facilitator, Date.now() + current.clockOffsetMs);
    if (command) void control(command);
  }, !!view && !isHelpOpen);

  if (!token && !isMember) {
    return (
      <Notice
        title="This console link has no key"
        back={{ href: '/sessions', label: 'Your sessions' }}
      >
        <p>
          Open the console from the link you got when you created the session, or from “Your
          sessions” on the laptop you used.
        </p>
      </Notice>
    );
  }
  if (status === 'failed') {
    return (
      <Notice title="Cannot open this console" back={{ href: '/sessions', label: 'Your sessions' }}>
        <p>{connectionError?.message}</p>
      </Notice>
    );
  }
  if (!view) return <Loading label="Opening the console…" />;

  const act = (action: unknown) => connection.current?.act(view.round?.id ?? '', action);
  const help = isHelpOpen && <ShortcutsOverlay onClose={() => setHelpOpen(false)} />;
  const errorBar = error && (
    <p className={`error ${styles.error}`} role="alert">
      {error}
      <button
        type="button"
        className="button button--icon"
        aria-label="Dismiss"
        onClick={() => setError(null)}
      >
        ×
      </button>
    </p>
  );

  if (isPresenter && view.session.phase !== 'ended') {
    return (
      <>
        <ConnectionBanner />
        <Suspense fallback={<Loading label="Opening the presenter view…" />}>
          <PresenterView
            view={view}
            screenKey={screenKey}
            control={control}
            act={act}
            error={errorBar}
            onHelp={() => setHelpOpen(true)}
          />
        </Suspense>
        {help}
      </>
    );
  }

  return (
    <div className={styles.console} data-seq={seq}>
      <ConnectionBanner />
      <ConsoleHeader
        view={view}
        screenKey={screenKey}
        control={control}
        onHelp={() => setHelpOpen(true)}
      />
      {errorBar}
      {view.session.phase === 'ended' ? (
        token ? (
          <>
            <EndedResults sessionId={sessionId} token={token} />
            <PlansPanel sessionId={sessionId} token={token} />
            <ConsoleDeleteSession sessionId={sessionId} token={token} title={view.session.title} />
          </>
        ) : (
          <p className="muted">
            This session has ended: its results are in its notebook, from your workspace’s library.
          </p>
        )
      ) : (
        <main className={`${styles.grid} ${isAgendaOpen ? '' : styles.gridWide}`}>
          <AgendaPanel
            view={view}
            sessionId={sessionId}
            token={token}
            control={control}
            isOpen={isAgendaOpen}
            onToggle={() => setAgendaOpen((open) => !open)}
            canEdit={access?.canEditAgenda ?? !isMember}
          />
          <CurrentRoundPanel view={view} control={control} act={act} screenKey={screenKey} />
          <SidePanels
            view={view}
            sessionId={sessionId}
            token={token}
            control={control}
            activity={activity}
          />
        </main>
      )}
      {help}
    </div>
  );
}
