import { useEffect, useState } from 'react';
import type { AppError, PlanInfo } from '@playfield/shared';
import { api } from '../api.ts';
import { Loading, Notice } from '../components/Notice.tsx';
import { planPath, readPlanToken, storedSeats } from '../plans/planLinks.ts';
import { SyncedPlanEditor } from '../plans/SyncedPlanEditor.tsx';
import { forgetSeat, type Seat } from '../storage.ts';
import { DeleteMyData, ErasedSummary } from '../lifecycle/DeleteMyData.tsx';
import type { ErasedData } from '../lifecycle/lifecycleApi.ts';
import styles from '../plans/Plans.module.css';

/** A `YYYY-MM-DD` day as people read it, e.g. "12 March 2030" (no time zone shift). */
function formatDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  if (!year || !month || !date) return day;
  return new Date(Date.UTC(year, month - 1, date)).toLocaleDateString(undefined, {
    dateStyle: 'long',
    timeZone: 'UTC',
  });
}

/**
 * /plan: a participant's personal action plan, on any device. The resume token comes from
 * the link's fragment (`#token=`), or from the seats this browser holds.
 */
export default function Plan() {
  const [token, setToken] = useState<string | null>(() => {
    const fromLink = readPlanToken();
    if (fromLink) return fromLink;
    const seats = storedSeats();
    return seats.length === 1 ? (seats[0]?.resumeToken ?? null) : null;
  });

  if (!token) return <ChooseSeat onChoose={setToken} />;
  return <PlanPage key={token} token={token} />;
}

function PlanPage({ token }: { token: string }) {
  const [info, setInfo] = useState<PlanInfo | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [erased, setErased] = useState<ErasedData | null>(null);

  useEffect(() => {
    let isCurrent = true;
    void api.plan(token).then((result) => {
      if (!isCurrent) return;
      if (result.ok) setInfo(result.data);
      else setError(result.error);
    });
    return () => {
      isCurrent = false;
    };
  }, [token]);

  if (error) {
    const isBadLink = error.code === 'UNAUTHORIZED' || error.code === 'BAD_REQUEST';
    return (
      <Notice
        title={isBadLink ? 'This plan link does not work' : 'Your plan cannot be opened now'}
        back={{ href: '/', label: 'Go to the home page' }}
      >
        <p>
          {isBadLink
            ? 'The link is incomplete or its seat no longer exists. Open the link again from the phone you took part with: its page has “My action plan”.'
            : error.message}
        </p>
      </Notice>
    );
  }
  if (!info) return <Loading label="Opening your plan…" />;
  if (erased)
    return (
      <main className="page page--narrow">
        <ErasedSummary erased={erased} />
      </main>
    );

  return (
    <div className={`phone ${styles.planPage}`}>
      <header className="phone__header">
        <div>
          <p className="eyebrow">
            {info.workshopTitle} · {formatDay(info.date)}
          </p>
          <p className="phone__name">{info.name}</p>
        </div>
        <span className="code-chip" aria-label={`Join code ${info.code}`}>
          {info.code}
        </span>
      </header>
      <main className={`page ${styles.planPageMain} stack`}>
        <div className="stack stack--tight">
          <h1>My action plan</h1>
          <p className="muted">
            {info.workshopTitle}, {formatDay(info.date)}. Only you can see this plan unless you
            share it with the team.
          </p>
        </div>
        <SyncedPlanEditor
          seat={{
            sessionId: info.sessionId,
            participantId: info.participantId,
            resumeToken: token,
          }}
        />
        <DeleteMyData
          resumeToken={token}
          name={info.name}
          onDeleted={(data) => {
            forgetSeat(info.code);
            setErased(data);
          }}
        />
      </main>
    </div>
  );
}

/** Without a link: the seats this browser holds, or how to get to a plan. */
function ChooseSeat({ onChoose }: { onChoose: (token: string) => void }) {
  const seats = storedSeats();
  if (seats.length === 0) {
    return (
      <Notice title="No action plan on this device" back={{ href: '/', label: 'Join a session' }}>
        <p>
          Your plan opens from the phone you took part with (“My action plan”), or from its link
          under “Open on another device”.
        </p>
      </Notice>
    );
  }
  return (
    <main className="page page--narrow stack">
      <h1>Which plan?</h1>
      <p className="muted">This device took part in several sessions. Choose one.</p>
      <ul className={styles.planSeats}>
        {seats.map((seat) => (
          <SeatChoice key={seat.resumeToken} seat={seat} onChoose={onChoose} />
        ))}
      </ul>
    </main>
  );
}

function SeatChoice({ seat, onChoose }: { seat: Seat; onChoose: (token: string) => void }) {
  const [info, setInfo] = useState<PlanInfo | null>(null);
  useEffect(() => {
    let isCurrent = true;
    void api.plan(seat.resumeToken).then((r) => isCurrent && r.ok && setInfo(r.data));
    return () => {
      isCurrent = false;
    };
  }, [seat.resumeToken]);
  return (
    <li className={`card ${styles.planSeat}`}>
      <p className={styles.planSeatTitle}>{info?.workshopTitle ?? 'Session'}</p>
      <p className="muted">
        {info ? `${formatDay(info.date)} · ` : ''}as {seat.name}
      </p>
      <a
        className="button button--primary"
        href={planPath(seat.resumeToken)}
        onClick={(event) => {
          event.preventDefault();
          history.replaceState(null, '', planPath(seat.resumeToken));
          onChoose(seat.resumeToken);
        }}
      >
        Open this plan
      </a>
    </li>
  );
}
