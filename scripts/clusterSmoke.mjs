// Tries a running cluster through its balancer, as phones behind a proxy that blocks
// WebSockets would: long-polling only. Creates a session, seats phones, runs a poll and
// checks every answer reaches the console. Long-polling across several processes works only
// if the balancer keeps each connection on one process (the sticky cookie).
//   node scripts/clusterSmoke.mjs http://localhost:PORT [phones]
import { io } from 'socket.io-client';

const base = process.argv[2];
const phones = Number(process.argv[3] ?? 9);
if (!base) {
  console.error('usage: node scripts/clusterSmoke.mjs http://localhost:PORT [phones]');
  process.exit(2);
}
const health = await (await fetch(`${base}/healthz`)).json();
const PROTOCOL_VERSION = health.protocolVersion;

async function post(path, body) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A polling-only socket; `withCredentials` keeps the balancer's cookie between requests. */
function connect(credential) {
  const socket = io(base, {
    transports: ['polling'],
    withCredentials: true,
    reconnection: false,
    forceNew: true,
    auth: { protocolVersion: PROTOCOL_VERSION, credential },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

const session = await post('/api/sessions', {
  title: 'Cluster smoke test',
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
const facilitator = await connect({
  role: 'facilitator',
  sessionId: session.sessionId,
  token: session.facilitatorToken,
});
const seats = [];
for (let i = 0; i < phones; i++)
  seats.push(
    await post('/api/join', {
      code: session.code,
      name: `Phone ${i + 1}`,
      deviceId: `smoke-device-${String(i).padStart(8, '0')}`,
    }),
  );
const sockets = await Promise.all(
  seats.map((seat) => connect({ role: 'participant', resumeToken: seat.resumeToken })),
);
let roundId = null;
const allCounted = new Promise((resolve, reject) => {
  const timer = setTimeout(
    () => reject(new Error('answers did not all reach the console')),
    15_000,
  );
  facilitator.on('view.facilitator', ({ view }) => {
    roundId ??= view.round?.id ?? null;
    const counts = view.round?.view?.results?.counts ?? [];
    if (counts.reduce((a, b) => a + b, 0) === phones) {
      clearTimeout(timer);
      resolve(counts);
    }
  });
});
const started = await facilitator.timeout(10_000).emitWithAck('session.control', {
  type: 'session.start',
});
if (!started.ok) throw new Error(`start: ${started.error.message}`);
while (!roundId) await new Promise((resolve) => setTimeout(resolve, 50));
const answers = await Promise.all(
  sockets.map((socket, i) =>
    socket
      .timeout(10_000)
      .emitWithAck('round.act', { roundId, action: { type: 'answer', choices: [i % 3] } }),
  ),
);
const refused = answers.filter((a) => !a.ok);
if (refused.length) throw new Error(`refused: ${JSON.stringify(refused[0])}`);
console.log(`long-polling through ${base}: ${phones} answers on the console`, await allCounted);
for (const socket of [facilitator, ...sockets]) socket.disconnect();
process.exit(0);
