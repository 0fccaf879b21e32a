import { useEffect, useRef } from 'react';
import { SHORTCUTS } from './shortcuts.ts';
import styles from './ShortcutsOverlay.module.css';

/** The `?` overlay: every one-key shortcut of the console and the presenter view. */
export function ShortcutsOverlay({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal?.();
    return () => element?.close?.();
  }, []);
  return (
    <dialog
      ref={dialog}
      className={styles.overlay}
      aria-labelledby="shortcuts-title"
      onClose={onClose}
      onCancel={onClose}
    >
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <p className="muted">They work anywhere on the console, except while you type in a field.</p>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button button--primary" onClick={onClose} autoFocus>
        Close the list
      </button>
    </dialog>
  );
}
