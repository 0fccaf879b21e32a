/**
 * Cluster benchmark (`npm run bench:cluster`): three Playfield processes sharing Redis and
 * PostgreSQL (TEST_REDIS_URL / TEST_DATABASE_URL, or REDIS_URL / DATABASE_URL), one session
 * whose console and phones are spread over the three. Prints, for a poll answered by every
 * phone: ack latency (the owner stored it) for phones on the owner and on other processes,
 * answer → console latency, then the failover time: the owner is killed (SIGKILL) and the
 * clock runs until every client has a fresh view from the new owner (phones of the dead
 * process reconnect elsewhere, as the balancer would send them).
 *
 * Figures are from whatever machine runs it; on a shared 2-core box the three processes, the
 * databases and this load generator compete for the same cores: read them as shapes.
 *   PHONES=300 npm run bench:cluster
 */
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type CreatedSession, type JoinedSeat } from '@playfield/shared';
import { startProcess, inspect, type ClusterProcess } from '../cluster/clusterHarness.ts';

process.env.TEST_REDIS_URL ??= process.env.REDIS_URL;
process.env.TEST_DATABASE_URL ??= process.env.DATABASE_URL;
if (!process.env.TEST_REDIS_URL || !process.env.TEST_DATABASE_URL?.startsWith('postgres')) {
  console.log('bench:cluster needs TEST_REDIS_URL and TEST_DATABASE_URL (PostgreSQL): skipped');
  process.exit(0);
}

const PHONES = Number(process.env.PHONES ?? 300);
const LEASE_MS = Number(process.env.CLUSTER_LEASE_MS ?? 3000);

interface Client {
  socket: Socket;
  at: ClusterProcess;
  auth: object;
  /** When the newest view arrived. */
  lastViewAt: number;
}

const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const ms = (value: number) => `${Math.round(value)} ms`;

async function post<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

function connect(at: ClusterProcess, credential: object): Promise<Client> {
  const auth = { protocolVersion: PROTOCOL_VERSION, credential };
  const socket = io(at.url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth,
  });
  const client: Client = { socket, at, auth, lastViewAt: 0 };
  for (const event of ['view.facilitator', 'view.screen', 'view.public'])
    socket.on(event, () => (client.lastViewAt = Date.now()));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', reject);
  });
}

function ack(client: Client, event: string, payload: unknown): Promise<{ ok: boolean }> {
  return client.socket.timeout(20_000).emitWithAck(event, payload) as Promise<{ ok: boolean }>;
}

const processes = await Promise.all(
  ['A', 'B', 'C'].map((name) => startProcess(name, { leaseMs: LEASE_MS })),
);
const look = inspect();
try {
  const [a] = processes as [ClusterProcess];
  const session = await post<CreatedSession>(`${a.url}/api/sessions`, {
    title: 'Cluster bench',
    agenda: [
      {
        kind: 'poll',
        title: 'Channel',
        config: {
          question: 'How do customers reach us first?',
          options: ['Phone', 'Email', 'Chat'],
          isMultipleChoice: false,
          isAnonymous: false,
        },
      },
    ],
  });
  const facilitator = await connect(a, {
    role: 'facilitator',
    sessionId: session.sessionId,
    token: session.facilitatorToken,
  });
  const joinStarted = Date.now();
  const seats: JoinedSeat[] = [];
  for (let i = 0; i < PHONES; i += 50) {
    const batch = Array.from({ length: Math.min(50, PHONES - i) }, (_, k) =>
      post<JoinedSeat>(`${processes[(i + k) % 3]?.url}/api/join`, {
        code: session.code,
        name: `Phone ${i + k + 1}`,
        deviceId: `bench-device-${String(i + k).padStart(8, '0')}`,
      }),
    );
    seats.push(...(await Promise.all(batch)));
  }
  const phones: Client[] = [];
  for (let i = 0; i < seats.length; i += 50)
    phones.push(
      ...(await Promise.all(
        seats.slice(i, i + 50).map((seat, k) =>
          connect(processes[(i + k + 1) % 3] ?? a, {
            role: 'participant',
            resumeToken: seat.resumeToken,
          }),
        ),
      )),
    );
  console.log(
    `joined and connected ${PHONES} phones over 3 processes in ${ms(Date.now() - joinStarted)}`,
  );
  const ownerPid = await look.ownerPid(session.sessionId);
  const owner = processes.find((p) => p.pid === ownerPid);
  console.log(`owner: process ${owner?.name}`);

  // The poll opens; every phone answers at once.
  const roundId = await new Promise<string>((resolve) => {
    facilitator.socket.on('view.facilitator', (m: { view: { round: { id: string } | null } }) => {
      if (m.view.round) resolve(m.view.round.id);
    });
    void ack(facilitator, 'session.control', { type: 'session.start' });
  });
  const sentAt = new Map<number, number>();
  const toConsole: number[] = [];
  let counted = 0;
  const everyAnswer = new Promise<void>((resolve) => {
    facilitator.socket.on(
      'view.facilitator',
      (m: {
        view: {
          round: {
            kind: string;
            view: { results: { respondents?: number; counts: number[] } };
          } | null;
        };
      }) => {
        const results = m.view.round?.view.results;
        const now = results ? results.counts.reduce((x, y) => x + y, 0) : 0;
        const at = Date.now();
        for (let k = counted; k < now; k++) toConsole.push(at - (sentAt.get(k) ?? at));
        counted = Math.max(counted, now);
        if (counted >= PHONES) resolve();
      },
    );
  });
  const local: number[] = [];
  const forwarded: number[] = [];
  let refused = 0;
  const started = Date.now();
  await Promise.all(
    phones.map(async (phone, i) => {
      const t0 = Date.now();
      sentAt.set(i, t0);
      const result = await ack(phone, 'round.act', {
        roundId,
        action: { type: 'answer', choices: [i % 3] },
      });
      if (!result.ok) refused++;
      (phone.at === owner ? local : forwarded).push(Date.now() - t0);
    }),
  );
  await everyAnswer;
  const elapsed = Date.now() - started;
  console.log(
    `poll, ${PHONES} answers in ${ms(elapsed)} (${Math.round((PHONES / elapsed) * 1000)}/s), refused ${refused}`,
  );
  console.log(
    `  ack on the owner: p50 ${ms(percentile(local, 50))}, p99 ${ms(percentile(local, 99))} (${local.length})`,
  );
  console.log(
    `  ack forwarded from another process: p50 ${ms(percentile(forwarded, 50))}, p99 ${ms(percentile(forwarded, 99))} (${forwarded.length})`,
  );
  console.log(
    `  answer → console (ordered approximation): p50 ${ms(percentile(toConsole, 50))}, p99 ${ms(percentile(toConsole, 99))}`,
  );

  // Failover: kill the owner; every client must get a fresh view from the new owner.
  const clients = [facilitator, ...phones];
  const killedAt = Date.now();
  await owner?.kill();
  const survivors = processes.filter((p) => p.isRunning());
  const resumedAfter: number[] = [];
  const CAP_MS = 30_000;
  await Promise.all(
    clients.map(async (first, i) => {
      let client = first;
      if (client.at === owner) {
        client.socket.disconnect();
        const credential = (client.auth as { credential: object }).credential;
        for (;;) {
          try {
            client = await connect(survivors[i % survivors.length] ?? a, credential);
            clients[i] = client;
            break;
          } catch {
            if (Date.now() - killedAt > CAP_MS) return;
          }
        }
      }
      await new Promise<void>((resolve) => {
        const check = () => {
          if (client.lastViewAt > killedAt) {
            resumedAfter.push(client.lastViewAt - killedAt);
            resolve();
          } else if (Date.now() - killedAt > CAP_MS) resolve();
          else setTimeout(check, 20);
        };
        check();
      });
    }),
  );
  console.log(
    `resynced ${resumedAfter.length} of ${clients.length} clients: p50 ${ms(percentile(resumedAfter, 50))}, p99 ${ms(percentile(resumedAfter, 99))}`,
  );
  const failover = Math.max(...resumedAfter);
  const heirPid = await look.ownerPid(session.sessionId);
  console.log(
    `failover: owner killed → the ${resumedAfter.length} clients resynced in ${ms(failover)} (lease ${ms(LEASE_MS)}; new owner ${processes.find((p) => p.pid === heirPid)?.name})`,
  );
  const stored = (await look.events(session.sessionId)).filter(
    (e) => e.type === 'round.acted',
  ).length;
  console.log(`answers in the log after failover: ${stored} of ${PHONES}`);
  for (const client of clients) client.socket.disconnect();
} finally {
  await Promise.all(processes.map((p) => p.kill()));
  await look.close();
}
