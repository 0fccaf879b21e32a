import styles from './Drawer.module.css';

/** A secondary panel the facilitator can fold away (open to begin with). */
export function Drawer({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <details className={styles.drawer} open>
      <summary className={styles.drawerTitle}>{title}</summary>
      {children}
    </details>
  );
}
