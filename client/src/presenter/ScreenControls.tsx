import type { ControlCommand, FacilitatorView } from '@playfield/shared';
import { screenModeOf } from './presenterCommands.ts';
import styles from './ScreenControls.module.css';
import { screenUrl } from './useScreenKey.ts';

const MODE_LABEL = {
  live: 'Room screen: live',
  blank: 'Room screen: blank (join code only)',
  frozen: 'Room screen: frozen on its last view',
} as const;

/**
 * The room screen from the laptop: open it in a second window for the projector ("one
 * laptop"), blank it, freeze it. Blank and freeze are session commands, so every room
 * screen obeys them wherever it was opened.
 */
export function ScreenControls({
  view,
  control,
  screenKey,
  isInline = false,
}: {
  view: FacilitatorView;
  control: (command: ControlCommand) => Promise<boolean>;
  screenKey: string | undefined;
  /** On one line (the presenter's bar) rather than stacked. */
  isInline?: boolean;
}) {
  const mode = screenModeOf(view);
  const openWindow = () => {
    if (!screenKey) return;
    // A separate window, not a tab: drag it to the projector and make it full screen; the
    // console stays usable on the laptop. `noopener` would make window.open return null.
    window.open(
      screenUrl(view.session.id, screenKey),
      `playfield-screen-${view.session.id}`,
      'popup,width=1280,height=720',
    );
  };
  return (
    <div
      className={`${styles.controls} ${isInline ? styles.inline : ''}`}
      role="group"
      aria-label="Room screen"
    >
      <p role="status" className={mode === 'live' ? 'muted' : styles.notice}>
        {mode !== 'live' && '● '}
        {MODE_LABEL[mode]}
      </p>
      <div className={styles.buttons}>
        <button
          type="button"
          className="button button--small"
          disabled={!screenKey}
          onClick={openWindow}
        >
          Open room screen window
        </button>
        {view.session.phase !== 'ended' && (
          <>
            <button
              type="button"
              className={`button button--small ${mode === 'blank' ? 'button--primary' : ''}`}
              aria-pressed={mode === 'blank'}
              onClick={() =>
                void control({ type: 'clock.screen', mode: mode === 'blank' ? 'live' : 'blank' })
              }
            >
              Blank screen
            </button>
            <button
              type="button"
              className={`button button--small ${mode === 'frozen' ? 'button--primary' : ''}`}
              aria-pressed={mode === 'frozen'}
              onClick={() =>
                void control({
                  type: 'clock.screen',
                  mode: mode === 'frozen' ? 'live' : 'frozen',
                })
              }
            >
              Freeze screen
            </button>
          </>
        )}
      </div>
    </div>
  );
}
