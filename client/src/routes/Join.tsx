import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AppError, SessionHeader } from '@playfield/shared';
import { JOIN_CODE_HINT, normalizeJoinCode } from '@playfield/shared/ids';
import { LIMITS } from '@playfield/shared/limits';
import { api } from '../api.ts';
import { Link } from '../components/Link.tsx';
import { Loading, Notice } from '../components/Notice.tsx';
import { getSeat, saveSeat, type Seat } from '../storage.ts';
import { seatFromLink } from '../rehearsal/link.ts';
import { Participant } from './Participant.tsx';

/** /join/CODE: back to a kept seat, or pick a display name and take a new one. */
export function Join({ code: rawCode }: { code: string }) {
  const code = normalizeJoinCode(rawCode);
  const [seat, setSeat] = useState<Seat | null>(() => {
    if (!code) return null;
    // A rehearsal seat the facilitator took over arrives in the link: keep it as this phone's.
    const taken = seatFromLink();
    if (taken) saveSeat(code, taken);
    return taken ?? getSeat(code);
  });
  if (!code) {
    return (
      <Notice title="That is not a join code" back={{ href: '/', label: 'Enter a code' }}>
        <p>{JOIN_CODE_HINT}</p>
      </Notice>
    );
  }
  if (seat) return <Participant code={code} seat={seat} onLeft={() => setSeat(null)} />;
  return (
    <JoinForm
      code={code}
      onJoined={(joined) => {
        saveSeat(code, joined);
        setSeat(joined);
      }}
    />
  );
}

/** The session id a QR code or join link carries (`?s=`), if this page was opened from one. */
function sessionIdOfLink(): string | undefined {
  const id = new URLSearchParams(location.search).get('s');
  return id && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : undefined;
}

function JoinForm({ code, onJoined }: { code: string; onJoined: (seat: Seat) => void }) {
  const [sessionId] = useState(sessionIdOfLink);
  const [session, setSession] = useState<SessionHeader | null>(null);
  const [lookupError, setLookupError] = useState<AppError | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  const nameField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let isCurrent = true;
    void api.lookup(code, sessionId).then((result) => {
      if (!isCurrent) return;
      if (result.ok) setSession(result.data);
      else setLookupError(result.error);
    });
    return () => {
      isCurrent = false;
    };
  }, [code, sessionId]);

  async function join(event: FormEvent | null, chosen = name) {
    event?.preventDefault();
    if (!chosen.trim()) {
      setError({ code: 'BAD_REQUEST', message: 'Enter the name you want others to see.' });
      return;
    }
    setSubmitting(true);
    const result = await api.join(code, chosen, sessionId);
    setSubmitting(false);
    if (result.ok) onJoined(result.data);
    else setError(result.error);
  }

  // The name is the only thing to type here: the keyboard opens without another tap.
  useEffect(() => {
    if (session) nameField.current?.focus();
  }, [session]);

  if (lookupError) {
    const isEnded = lookupError.code === 'SESSION_ENDED';
    // Only NOT_FOUND means the code is wrong: offline or rate-limited phones may hold a good one.
    const isUnknown = lookupError.code === 'NOT_FOUND';
    return (
      <Notice
        title={
          isEnded
            ? 'This session has ended'
            : isUnknown
              ? 'No session with that code'
              : 'Could not open this session'
        }
        actions={
          <Link className="button" href="/">
            Enter another code
          </Link>
        }
      >
        <p>
          {isEnded
            ? lookupError.message + ' Thank you for taking part.'
            : isUnknown
              ? `We could not find ${code}. ${lookupError.message}`
              : lookupError.message}
        </p>
      </Notice>
    );
  }
  if (!session) return <Loading label="Finding the session…" />;

  return (
    <main className="page page--narrow">
      <section className="card stack">
        <p className="eyebrow">Joining {code}</p>
        <h1>{session.title}</h1>
        <form onSubmit={(e) => void join(e)} className="stack" noValidate>
          <label className="field">
            <span>Your name, as the room will see it</span>
            <input
              ref={nameField}
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                setError(null);
              }}
              maxLength={LIMITS.nameLength}
              autoComplete="given-name"
              enterKeyHint="go"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'name-error' : undefined}
            />
          </label>
          {error && (
            <div className="error" id="name-error" role="alert">
              {error.code === 'ROOM_LOCKED' && (
                <p>
                  <strong>This room is locked</strong>
                </p>
              )}
              <p>{error.message}</p>
              {error.suggestion && (
                <button
                  type="button"
                  className="button button--quiet"
                  disabled={isSubmitting}
                  onClick={() => {
                    setName(error.suggestion ?? '');
                    void join(null, error.suggestion);
                  }}
                >
                  Join as {error.suggestion}
                </button>
              )}
            </div>
          )}
          <button
            className="button button--primary button--block"
            type="submit"
            disabled={isSubmitting}
          >
            {isSubmitting ? 'Joining…' : 'Join'}
          </button>
        </form>
      </section>
    </main>
  );
}
