import { useEffect, useState } from 'react';
import type { RoundResult } from '@playfield/shared';
import { api } from '../api.ts';
import { RoundSummaryView } from './RoundSummaryView.tsx';

/** The results of every round a session ran, fetched with the facilitator's token. */
export function SessionResults({ sessionId, token }: { sessionId: string; token: string }) {
  const [rounds, setRounds] = useState<RoundResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api
      .results(sessionId, token)
      .then((r) => (r.ok ? setRounds(r.data.rounds) : setError(r.error.message)));
  }, [sessionId, token]);
  if (error) return <p className="error">{error}</p>;
  if (!rounds) return <p className="muted">Loading results…</p>;
  if (rounds.length === 0) return <p className="muted">No round has been run yet.</p>;
  return (
    <div className="stack">
      {rounds.map((r) => (
        <RoundSummaryView key={r.roundId} result={r} />
      ))}
    </div>
  );
}
