import { useState, type FormEvent } from 'react';
import { JOIN_CODE_HINT, normalizeJoinCode } from '@playfield/shared/ids';
import { SignInLink } from '../accounts/SignInLink.tsx';
import { Link } from '../components/Link.tsx';
import { navigate } from '../router.ts';
import { listSeats } from '../storage.ts';
import styles from './Home.module.css';

/** Join with a code, or start running a workshop. */
export function Home() {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const normalized = normalizeJoinCode(code);
    if (!normalized) {
      setError(JOIN_CODE_HINT);
      return;
    }
    navigate(`/join/${normalized}`);
  }

  return (
    <main className="page page--narrow home">
      <header className={styles.brand}>
        <span className={styles.brandMark} aria-hidden="true" />
        <span>Playfield</span>
        <SignInLink />
      </header>
      <ReturnToSession />
      <section className="card stack">
        <h1>Join a workshop</h1>
        <form onSubmit={submit} className="stack" noValidate>
          <label className="field">
            <span>Code on the screen</span>
            <input
              className="code-input"
              value={code}
              onChange={(e) => {
                setCode(e.target.value.toUpperCase());
                setError(null);
              }}
              autoCapitalize="characters"
              autoComplete="off"
              autoCorrect="off"
              spellCheck={false}
              maxLength={12}
              placeholder="ABC234"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'code-error' : undefined}
            />
          </label>
          {error && (
            <p className="error" id="code-error" role="alert">
              {error}
            </p>
          )}
          <button className="button button--primary button--block" type="submit">
            Join
          </button>
        </form>
      </section>
      <section className={`stack ${styles.facilitatorLinks}`}>
        <h2>Running a workshop?</h2>
        <div className="actions">
          <Link className="button" href="/new">
            Create a session
          </Link>
          <Link className="button" href="/new#rehearse">
            Rehearse
          </Link>
          <Link className="button button--quiet" href="/sessions">
            Your sessions
          </Link>
          <Link className="button button--quiet" href="/notebooks">
            Notebooks
          </Link>
        </div>
        <p className="muted">
          Your sessions and notebooks are remembered by this browser. Sign in to keep them with your
          account and open them from any device; each console link you get when you create a session
          keeps working too.
        </p>
      </section>
      <section className="stack" aria-labelledby="about-heading">
        <h2 id="about-heading">What is Playfield?</h2>
        <p>
          Playfield runs live customer-service workshops: polls, dot votes, brainstorms, simulations
          such as the Red Bead Experiment, and personal action plans, with everyone taking part from
          their own phone.
        </p>
        <h3>How a session works</h3>
        <ol>
          <li>The facilitator creates a session from a ready-made workshop or their own agenda.</li>
          <li>The room screen shows a code and a QR code; people join on their phones, no app.</li>
          <li>
            The facilitator moves round by round from the console; answers arrive live and the
            screen shows the results.
          </li>
          <li>Everyone leaves with their action plan; the facilitator keeps the results.</li>
        </ol>
      </section>
    </main>
  );
}

/** The seats this browser holds: back to a session after the back button or a closed tab. */
function ReturnToSession() {
  const [seats] = useState(() => listSeats().slice(0, 3));
  if (seats.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="return-heading">
      <h2 id="return-heading">Return to your session</h2>
      {seats.map(({ code, seat }) => (
        <Link key={code} className="button button--primary button--block" href={`/join/${code}`}>
          Back to {code} as {seat.name}
        </Link>
      ))}
    </section>
  );
}
