import { SessionResults } from '../components/SessionResults.tsx';

/** An ended session's results, in place of the live console. */
export function EndedResults({ sessionId, token }: { sessionId: string; token: string }) {
  return (
    <main className="page stack">
      <h2>Results</h2>
      <SessionResults sessionId={sessionId} token={token} />
    </main>
  );
}
