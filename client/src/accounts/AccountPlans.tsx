import { useEffect, useState } from 'react';
import { Link } from '../components/Link.tsx';
import { planPath } from '../plans/planLinks.ts';
import { accountApi, type AccountPlan } from './accountApi.ts';
import styles from './Accounts.module.css';

/**
 * The personal plans kept with the account, each a link that opens it on this device
 * (its key rides in the address's fragment, as the plan's own link does). `version`
 * changes after a claim, so the list asks again.
 */
export function AccountPlans({ version }: { version: number }) {
  const [plans, setPlans] = useState<AccountPlan[]>([]);

  useEffect(() => {
    let isCurrent = true;
    void accountApi.plans().then((r) => {
      if (isCurrent && r.ok) setPlans(r.data.plans);
    });
    return () => {
      isCurrent = false;
    };
  }, [version]);

  if (plans.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="plans-heading">
      <h2 id="plans-heading">Your action plans</h2>
      <ul className={styles.list}>
        {plans.map((plan) => (
          <li key={`${plan.sessionId}-${plan.resumeToken.slice(0, 8)}`}>
            <Link className={styles.itemLink} href={planPath(plan.resumeToken)}>
              {plan.workshopTitle}
            </Link>{' '}
            <span className="muted">{new Date(plan.createdAt).toLocaleDateString()}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
