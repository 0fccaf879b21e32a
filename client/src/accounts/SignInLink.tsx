import { Link } from '../components/Link.tsx';
import styles from './SignInLink.module.css';

/**
 * "Sign in" in the home page's header, for facilitators. Eager (the home page is on the
 * phone's path), so it holds nothing but the link: the pages load on demand.
 */
export function SignInLink() {
  return (
    <Link className={styles.link} href="/account">
      Sign in
    </Link>
  );
}
