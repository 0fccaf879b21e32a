import type { ControlCommand } from '@playfield/shared';
import styles from './RoomLock.module.css';

/**
 * Locks the room to new joins, or opens it again. Seats already taken keep working; a
 * phone that tries to join while it is locked is told to ask the facilitator.
 */
export function RoomLockToggle({
  isLocked,
  control,
}: {
  isLocked: boolean;
  control: (command: ControlCommand) => Promise<boolean>;
}) {
  return (
    <div className={styles.lock}>
      <button
        type="button"
        className={`button button--small ${isLocked ? 'button--primary' : ''}`}
        aria-pressed={isLocked}
        onClick={() => void control({ type: isLocked ? 'session.unlock' : 'session.lock' })}
      >
        {isLocked ? 'Unlock room' : 'Lock room'}
      </button>
      <p role="status" className={isLocked ? styles.locked : 'muted'}>
        {isLocked ? '🔒 Room locked: no new joins' : 'Room open to new joins'}
      </p>
    </div>
  );
}
