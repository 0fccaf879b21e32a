import type { ReactNode } from 'react';
import styles from './RoleCard.module.css';

/**
 * A participant's part on the phone (Red Bead, Fine Line, role-play): a small heading
 * (`eyebrow`), the part's name in large, then what it means (`children`).
 */
export function RoleCard({
  eyebrow,
  name,
  children,
}: {
  eyebrow: ReactNode;
  name: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className={styles.card}>
      <p className="eyebrow">{eyebrow}</p>
      <p className={styles.name} data-testid="role-name">
        {name}
      </p>
      {children}
    </div>
  );
}
