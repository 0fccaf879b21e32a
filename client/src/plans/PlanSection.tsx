import type { ReactNode } from 'react';
import styles from './Plans.module.css';

/** One titled part of the plan page, named for screen readers by its heading. */
export function PlanSection({
  id,
  title,
  children,
}: {
  /** The heading's id, which names the section. */
  id: string;
  title: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className={`${styles.planSection} stack stack--tight`} aria-labelledby={id}>
      <h2 id={id} className={styles.planSectionTitle}>
        {title}
      </h2>
      {children}
    </section>
  );
}
