/**
 * A seeded fuzz of the `/docs` namespace against a real server process: honest Yjs clients
 * edit plans and notebooks concurrently while hostile ones send truncated, mutated and
 * crafted updates and awareness. Afterwards the process must be alive, every request must
 * have had a Result, the honest copies must equal a fresh copy, and a restart must reload
 * the same documents. FUZZ_SEED replays a run; FUZZ_COUNT sets how many messages it sends.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createRandom,
  docIdOf,
  ERROR_CODES,
  type CreatedSession,
  type DocCredential,
  type JoinedSeat,
  type Random,
} from '@playfield/shared';
import {
  addNotebookBlock,
  deleteNotebookBlock,
  notebookBlockMap,
  readBlockFields,
  readNotebook,
  setFollowUp,
} from '@playfield/shared/notebooks/notebook';
import {
  addPlanAction,
  deletePlanAction,
  movePlanAction,
  parsePlan,
  PLAN_ACTION_FIELDS,
  PLAN_LIMITS,
  readPlan,
  setPlanField,
  setPlanFlag,
} from '@playfield/shared/plans/plan';
import {
  ACK_WAIT_MS,
  awarenessUpdate,
  copyOf,
  deepJson,
  editOf,
  HonestEditor,
  HUGE_VARINT,
  isResult,
  mutate,
  nestMaps,
  oddName,
  pick,
  poisonedRoundBlock,
  RawDocSocket,
  Throttle,
  truncate,
  type AckOutcome,
} from './docFuzzKit.ts';
import {
  createSessionAt,
  emitAck,
  facilitatorOf,
  joinAt,
  pollRound,
  postJson,
  requestJson,
  useChildServers,
  type WatchedChildServer,
} from './harness.ts';

// `npm test` replays one fixed seed, so CI is repeatable; `npm run fuzz` draws a new one each run.
const SEED = process.env.FUZZ_SEED ?? 'ci-a';
const COUNT = Number(process.env.FUZZ_COUNT ?? 1_500);
/** Requests in flight at once: enough for concurrent edits, few enough to keep order readable. */
const IN_FLIGHT = 6;
/**
 * Labels of hostile inputs to leave out (comma-separated prefixes, e.g. `[0x00],truncated`):
 * only for looking past a known crash while it is being fixed; the default sends everything.
 */
const SKIP = (process.env.FUZZ_SKIP ?? '').split(',').filter(Boolean);

type Kind = 'notebook' | 'plan';

/** A honest client's place: its credential, its rate key on the server, its current editor. */
interface HonestSlot {
  name: string;
  credential: DocCredential;
  rateKey: () => string;
  editor: HonestEditor;
  reloads: number;
}

/** A hostile client's place: it holds the document with edit rights and sends anything. */
interface HostileSlot {
  name: string;
  credential: DocCredential;
  rateKey: () => string;
  raw: RawDocSocket | null;
}

interface Target {
  kind: Kind;
  docId: string;
  honest: HonestSlot[];
  hostile: HostileSlot[];
}

/** One request's record, for the assertions and for the failure report. */
interface Sent {
  step: number;
  target: string;
  who: string;
  what: string;
  /** The refusal the design requires for this input, if any. */
  mustRefuse: boolean;
  outcome: AckOutcome;
}

/** Everything the document holds, as compared between copies. */
function contentOf(kind: Kind, doc: Y.Doc) {
  return {
    data: kind === 'notebook' ? readNotebook(doc) : readPlan(doc),
    stateVector: [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort((a, b) => a[0] - b[0]),
  };
}

function sameDoc(kind: Kind, a: Y.Doc, b: Y.Doc): boolean {
  return (
    Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b)) &&
    JSON.stringify(contentOf(kind, a)) === JSON.stringify(contentOf(kind, b))
  );
}

/** Resolves once `predicate` holds, checking after every change of `doc`. */
function until(doc: Y.Doc, predicate: () => boolean): Promise<boolean> {
  if (predicate()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      doc.off('update', check);
      resolve(false);
    }, ACK_WAIT_MS);
    const check = () => {
      if (!predicate()) return;
      clearTimeout(timer);
      doc.off('update', check);
      resolve(true);
    };
    doc.on('update', check);
  });
}

/** The base of crafted edits that reference nothing in the document. */
const EMPTY = new Y.Doc();

const VALID_DATES = ['', '2027-01-15', '2028-02-29', '2030-12-31'];
const SNIPPETS = ['ab', 'ç', ' ', '🙂', 'x', 'Call back within a day', '\n'];

/** One honest edit of a notebook: what people do in the editor. */
function honestNotebookEdit(random: Random, doc: Y.Doc, tag: string): string {
  // The blocks' fields without parsing every round summary: editing must stay cheap.
  const blocks = doc
    .getArray<unknown>('blocks')
    .toArray()
    .map(readBlockFields)
    .filter((b) => b !== null);
  const roll = random.next();
  if (roll < 0.15 || blocks.length === 0) {
    const type = pick(random, ['note', 'decision', 'followUp'] as const);
    addNotebookBlock(
      doc,
      { id: `b-${tag}`, type, text: pick(random, SNIPPETS) },
      1,
      blocks.length > 0 && random.next() < 0.5 ? pick(random, blocks).id : null,
    );
    return `add ${type}`;
  }
  const block = pick(random, blocks);
  if (roll < 0.2 && block.type !== 'round') {
    deleteNotebookBlock(doc, block.id);
    return 'delete block';
  }
  if (roll < 0.3 && block.type === 'followUp') {
    setFollowUp(doc, block.id, {
      isDone: random.next() < 0.5,
      owner: pick(random, ['Ana', 'Ben']),
    });
    return 'tick follow-up';
  }
  const text = notebookBlockMap(doc, block.id)?.get('text');
  if (!(text instanceof Y.Text)) return 'nothing';
  if (roll < 0.8 || text.length === 0) {
    text.insert(random.int(text.length + 1), pick(random, SNIPPETS));
    return 'type';
  }
  const at = random.int(text.length);
  text.delete(at, Math.min(1 + random.int(4), text.length - at));
  return 'erase';
}

/** One honest edit of a plan, always within the plan's schema. */
function honestPlanEdit(random: Random, doc: Y.Doc, tag: string): string {
  const actions = parsePlan(doc).data?.actions ?? [];
  const roll = random.next();
  if ((roll < 0.2 && actions.length < 20) || actions.length === 0) {
    addPlanAction(doc, { id: `a${tag}`, text: pick(random, SNIPPETS) });
    return 'add action';
  }
  const action = pick(random, actions);
  if (roll < 0.25) {
    deletePlanAction(doc, action.id);
    return 'delete action';
  }
  if (roll < 0.35) {
    movePlanAction(doc, action.id, random.int(actions.length));
    return 'move action';
  }
  if (roll < 0.4) {
    setPlanFlag(doc, 'isFinished', random.next() < 0.5);
    return 'flag';
  }
  const field = pick(random, PLAN_ACTION_FIELDS);
  setPlanField(
    doc,
    action.id,
    field,
    field === 'due' ? pick(random, VALID_DATES) : pick(random, SNIPPETS),
  );
  return `set ${field}`;
}

/** A valid edit a client could make now, to cut or mutate. */
function validEdit(random: Random, kind: Kind, base: Y.Doc, tag: string): Uint8Array {
  return editOf(base, (doc) =>
    kind === 'notebook' ? honestNotebookEdit(random, doc, tag) : honestPlanEdit(random, doc, tag),
  );
}

/**
 * A hostile update for `kind`, built on `base` (the attacker knows the document). Returns
 * the bytes, a label, and whether the design requires the server to refuse it.
 */
function hostileUpdate(
  random: Random,
  kind: Kind,
  base: Y.Doc,
  knownClients: number[],
  tag: string,
): { update: Uint8Array; what: string; mustRefuse: boolean } {
  const gens: [number, () => { update: Uint8Array; what: string; mustRefuse: boolean }][] = [
    [2, () => ({ update: new Uint8Array([0]), what: '[0x00]', mustRefuse: true })],
    [1, () => ({ update: new Uint8Array(0), what: 'empty', mustRefuse: true })],
    [1, () => ({ update: new Uint8Array([0, 0]), what: 'no-op update', mustRefuse: false })],
    [
      1,
      () => ({
        update: new Uint8Array([...HUGE_VARINT, ...HUGE_VARINT]),
        what: 'huge varints',
        mustRefuse: true,
      }),
    ],
    [
      1,
      () => ({
        update: new Uint8Array([1, ...HUGE_VARINT, 0, 0, 0]),
        what: 'huge struct count',
        mustRefuse: true,
      }),
    ],
    [
      8,
      () => {
        const full = validEdit(random, kind, base, tag);
        // Cutting only the last byte is the classic "lost the end of a frame" case.
        const cut = random.next() < 0.3 ? full.slice(0, -1) : truncate(random, full);
        return {
          update: cut,
          what: `truncated ${cut.byteLength}/${full.byteLength}`,
          mustRefuse: false,
        };
      },
    ],
    [
      10,
      () => ({
        update: mutate(random, validEdit(random, kind, base, tag)),
        what: 'mutated',
        mustRefuse: false,
      }),
    ],
    [
      2,
      () => {
        // An edit whose first half never reached the server: it builds on a missing clock.
        const copy = copyOf(base);
        const write = (value: string) =>
          kind === 'notebook'
            ? copy.getMap('meta').set('title', value)
            : copy.getMap('plan').set('isFinished', value === 'on top');
        write('skipped');
        const after = Y.encodeStateVector(copy);
        write('on top');
        const update = Y.encodeStateAsUpdate(copy, after);
        copy.destroy();
        return { update, what: 'missing clock', mustRefuse: true };
      },
    ],
    [
      2,
      () => {
        // An insert whose left neighbour belongs to a client the server never heard of.
        const stranger = new Y.Doc();
        stranger.getText('scratch').insert(0, 'hello');
        const attacker = new Y.Doc();
        Y.applyUpdate(attacker, Y.encodeStateAsUpdate(base));
        Y.applyUpdate(attacker, Y.encodeStateAsUpdate(stranger));
        const before = Y.encodeStateVector(attacker);
        attacker.getText('scratch').insert(3, 'XYZ');
        const update = Y.encodeStateAsUpdate(attacker, before);
        return { update, what: 'unknown origin client', mustRefuse: true };
      },
    ],
    [
      1,
      () => ({
        // Reuses an honest client's id from clock 0: content that collides with stored items.
        update: (() => {
          const impostor = new Y.Doc();
          if (knownClients.length > 0) impostor.clientID = pick(random, knownClients);
          impostor.getMap('collide').set('x', 'y');
          return Y.encodeStateAsUpdate(impostor);
        })(),
        what: 'reused client id',
        mustRefuse: false,
      }),
    ],
    [
      2,
      () => ({
        update: editOf(base, (doc) => {
          doc.getMap(`extra-${tag}`).set('x', 'y'.repeat(random.int(2_000)));
          doc.getText(`t-${tag}`).insert(0, 'stray');
          doc.getArray(kind === 'notebook' ? 'blocks' : 'stray').push(['not a map', 42]);
        }),
        what: 'extra root types',
        mustRefuse: false,
      }),
    ],
    [
      2,
      () => ({
        update: editOf(base, (doc) => {
          const holder = new Y.Map<unknown>();
          holder.set('id', `deep-${tag}`);
          holder.set('type', 'note');
          holder.set('text', nestMaps(20 + random.int(80)));
          holder.set('summary', deepJson(2_000));
          doc.getArray(kind === 'notebook' ? 'blocks' : 'deep').push([holder]);
        }),
        what: 'deep nesting',
        mustRefuse: false,
      }),
    ],
  ];
  if (kind === 'notebook') {
    gens.push([
      3,
      () => ({
        update: editOf(base, (doc) => poisonedRoundBlock(doc, `poison-${tag}`)),
        what: 'round summary: controlChart without markers',
        mustRefuse: true,
      }),
    ]);
  } else {
    gens.push(
      [
        2,
        () => ({
          update: editOf(base, (doc) => {
            const id =
              parsePlan(doc).data?.actions[0]?.id ??
              addPlanAction(doc, { id: `h${tag}`, text: 'x' });
            setPlanField(doc, id, 'due', pick(random, ['2027-02-30', 'tomorrow', '1999-01-01']));
          }),
          what: 'invalid due date',
          mustRefuse: true,
        }),
      ],
      [
        1,
        () => ({
          update: editOf(base, (doc) => {
            for (let i = 0; i < 31; i++) addPlanAction(doc, { id: `m${tag}x${i}`, text: 'more' });
          }),
          what: 'too many actions',
          mustRefuse: true,
        }),
      ],
      [
        1,
        () => ({
          update: editOf(base, (doc) => doc.getMap('actions').set(`bad${tag}`, 'not a map')),
          what: 'action that is not a map',
          mustRefuse: true,
        }),
      ],
    );
  }
  const total = gens.reduce((sum, [weight]) => sum + weight, 0);
  let roll = random.next() * total;
  for (const [weight, gen] of gens) {
    roll -= weight;
    if (roll < 0) return gen();
  }
  return { update: new Uint8Array([0]), what: '[0x00]', mustRefuse: true };
}

/**
 * A hostile or odd awareness update; `own` is a client id this socket may speak for,
 * `others` ids other sockets announced (which it must not speak for when they belong to
 * other people: `othersAreStrangers`).
 */
function awarenessFor(
  random: Random,
  own: number,
  others: number[],
  othersAreStrangers: boolean,
): { update: Uint8Array; what: string; mustRefuse: boolean } {
  const state = (name: string) =>
    JSON.stringify({ user: { name, color: '#336699' }, cursor: null });
  const valid = () =>
    awarenessUpdate([{ clientID: own, clock: 1 + random.int(1_000), json: state('Ana') }]);
  const roll = random.int(9);
  switch (roll) {
    case 0:
      return { update: valid(), what: 'awareness: valid', mustRefuse: false };
    case 1:
      return { update: truncate(random, valid()), what: 'awareness: truncated', mustRefuse: false };
    case 2:
      return { update: mutate(random, valid()), what: 'awareness: mutated', mustRefuse: false };
    case 3:
      return {
        update: awarenessUpdate([
          {
            clientID: others.length > 0 ? pick(random, others) : own + 1,
            clock: 1_000_000,
            json: state('Impostor'),
          },
        ]),
        what: "awareness: another client's id",
        mustRefuse: others.length > 0 && othersAreStrangers,
      };
    case 4:
      return {
        update: awarenessUpdate([
          { clientID: own, clock: 2_000 + random.int(1_000), json: state(oddName(random)) },
        ]),
        what: 'awareness: odd name',
        mustRefuse: false,
      };
    case 5:
      return {
        update: awarenessUpdate([{ clientID: own, clock: 3_000, json: '{"user":' }]),
        what: 'awareness: broken JSON',
        mustRefuse: true,
      };
    case 6:
      return {
        update: new Uint8Array([...HUGE_VARINT, 1, 2, 3]),
        what: 'awareness: huge varint',
        mustRefuse: true,
      };
    case 7:
      return {
        update: awarenessUpdate(
          Array.from({ length: 40 }, (_, i) => ({
            clientID: own + 1 + i,
            clock: 1,
            json: state(`bot ${i}`),
          })),
        ),
        what: 'awareness: many client ids',
        mustRefuse: false,
      };
    default:
      return {
        update: awarenessUpdate([{ clientID: own, clock: 4_000, json: deepJson(1_500) }]),
        what: 'awareness: deep JSON',
        mustRefuse: false,
      };
  }
}

describe('document fuzz', () => {
  const children = useChildServers();

  it(
    `survives ${COUNT} seeded edits and presence updates, converges and reloads the same`,
    async () => {
      const random = createRandom(SEED);
      const dataDir = children.newDataDir();
      let server: WatchedChildServer = await children.startWatched(dataDir);
      const throttle = new Throttle();
      const sent: Sent[] = [];
      const sockets: { close(): void }[] = [];
      let socketCount = 0;
      const startedAt = performance.now();
      let step = 0;
      let busyMs = 0;
      const buildMs = new Map<string, number>();
      /** Why honest sockets closed (by the server, or by a reload after a refusal). */
      const closings: string[] = [];
      /** What is waiting for an ack now: the suspects when the server dies. */
      const waiting = new Set<string>();
      const report = () =>
        [
          `Doc fuzz with FUZZ_SEED=${SEED} FUZZ_COUNT=${COUNT}: ${sent.length} messages in ${Math.round(performance.now() - startedAt)} ms, stopped at step ${step}.`,
          `Waited ${Math.round(throttle.waitedMs)} ms for rate tokens; ${Math.round(busyMs)} ms building messages.`,
          `Slowest to build: ${[...buildMs]
            .sort((a, b) => b[1] - a[1])
            .slice(0, 5)
            .map(([k, ms]) => `${k} ${Math.round(ms)} ms`)
            .join(', ')}`,
          `Waiting for an ack: ${[...waiting].join('; ') || 'nothing'}`,
          `Last answered: ${sent
            .slice(-4)
            .map((s) => `${s.what} -> ${JSON.stringify(s.outcome).slice(0, 160)}`)
            .join('; ')}`,
          `Server ${server.isRunning() ? 'running' : 'EXITED'}; its output:\n${server.output().slice(-4_000)}`,
        ].join('\n');

      try {
        // A session with three seats, an edit link for the notebook, and the first round running.
        const session: CreatedSession = await createSessionAt(server.url, {
          agenda: [pollRound(), pollRound({ question: 'Which channel is busiest?' }, 'Second')],
        });
        const seats: JoinedSeat[] = [];
        for (const name of ['Ana', 'Ben', 'Chloé'])
          seats.push(await joinAt(server.url, session.code, name));
        const link = await postJson(
          `${server.url}/api/notebooks/${session.sessionId}/links`,
          { rights: 'edit' },
          { authorization: `Bearer ${session.facilitatorToken}` },
        );
        expect(link.status).toBe(201);
        const linkToken = (link.body as { token: string }).token;
        const facilitatorSocket = await children.connect(server.url, facilitatorOf(session));
        expect(
          await emitAck(facilitatorSocket, 'session.control', { type: 'session.start' }),
        ).toMatchObject({ ok: true });

        const linkCredential: DocCredential = { role: 'link', token: linkToken };
        const keyOf = (credential: DocCredential): (() => string) => {
          if (credential.role === 'facilitator') return () => `f:${session.sessionId}`;
          if (credential.role === 'participant') {
            const seat = seats.find((s) => s.resumeToken === credential.resumeToken);
            return () => `p:${seat?.participantId ?? ''}`;
          }
          // A link's budget is per socket: each new socket gets its own key.
          const id = ++socketCount;
          return () => `l:${id}`;
        };

        const openHonest = async (name: string, credential: DocCredential, docId: string) => {
          const rateKey = keyOf(credential);
          const { editor } = await HonestEditor.open(
            server.url,
            credential,
            rateKey(),
            docId,
            throttle,
          );
          sockets.push(editor);
          return { name, credential, rateKey, editor, reloads: 0 } satisfies HonestSlot;
        };
        const notebookId = docIdOf({ kind: 'notebook', sessionId: session.sessionId });
        const facilitatorDocs: DocCredential = {
          role: 'facilitator',
          sessionId: session.sessionId,
          token: session.facilitatorToken,
        };
        const targets: Target[] = [
          {
            kind: 'notebook',
            docId: notebookId,
            honest: [
              await openHonest('console', facilitatorDocs, notebookId),
              await openHonest('link A', linkCredential, notebookId),
              await openHonest('link B', linkCredential, notebookId),
            ],
            hostile: [
              { name: 'evil link 1', credential: linkCredential, rateKey: () => '', raw: null },
              { name: 'evil link 2', credential: linkCredential, rateKey: () => '', raw: null },
            ],
          },
        ];
        for (const seat of seats) {
          const docId = docIdOf({
            kind: 'plan',
            sessionId: session.sessionId,
            participantId: seat.participantId,
          });
          const credential: DocCredential = { role: 'participant', resumeToken: seat.resumeToken };
          targets.push({
            kind: 'plan',
            docId,
            honest: [
              await openHonest(`${seat.name} phone`, credential, docId),
              await openHonest(`${seat.name} laptop`, credential, docId),
            ],
            hostile: [
              { name: `${seat.name} evil tab`, credential, rateKey: keyOf(credential), raw: null },
            ],
          });
        }

        const readerOf = (target: Target): DocCredential =>
          target.kind === 'notebook'
            ? facilitatorDocs
            : (target.honest[0] as HonestSlot).credential;

        /** Sends one request and records its outcome; resolves when it is answered. */
        const record = async (
          target: Target,
          who: string,
          what: string,
          mustRefuse: boolean,
          request: () => Promise<AckOutcome | null>,
        ) => {
          const at = step;
          const label = `step ${at} ${who} on ${target.kind}: ${what}`;
          waiting.add(label);
          const outcome = await request().finally(() => waiting.delete(label));
          if (outcome)
            sent.push({ step: at, target: target.docId, who, what, mustRefuse, outcome });
        };

        /** A hostile socket holding the document, fresh when the old one collected strikes. */
        const hostileSocket = async (target: Target, slot: HostileSlot): Promise<RawDocSocket> => {
          if (slot.raw && slot.raw.connected && slot.raw.strikes < 40) return slot.raw;
          // Its requests in flight are answered first: closing must not lose their acks.
          await slot.raw?.idle();
          slot.raw?.close();
          if (slot.credential.role === 'link') slot.rateKey = keyOf(slot.credential);
          const raw = await RawDocSocket.connect(server.url, slot.credential, slot.rateKey());
          sockets.push(raw);
          await throttle.take(raw.rateKey);
          const opened = await raw.request('doc.open', {
            docId: target.docId,
            stateVector: new Uint8Array([0]),
          });
          sent.push({
            step,
            target: target.docId,
            who: slot.name,
            what: 'open',
            mustRefuse: false,
            outcome: opened,
          });
          slot.raw = raw;
          return raw;
        };

        const reload = async (target: Target, slot: HonestSlot) => {
          // Its edits still in flight are answered first: closing must not lose their acks.
          await slot.editor.idle();
          await slot.editor.raw.idle();
          closings.push(
            ...slot.editor.raw.closings.map((c) => `${slot.name} (step ${step}): ${c}`),
          );
          slot.editor.close();
          const fresh = await openHonest(slot.name, slot.credential, target.docId);
          slot.editor = fresh.editor;
          slot.rateKey = fresh.rateKey;
          slot.reloads++;
        };

        /** Runs `build` and counts its time: building messages must not be the bottleneck. */
        const timed = <T>(build: () => T, label: (result: T) => string): T => {
          const since = performance.now();
          const result = build();
          const ms = performance.now() - since;
          busyMs += ms;
          const key = label(result).replace(/ \d+\/\d+$/, '');
          buildMs.set(key, (buildMs.get(key) ?? 0) + ms);
          return result;
        };

        const inFlight = new Set<Promise<void>>();
        const launch = (work: Promise<void>) => {
          inFlight.add(work);
          void work.finally(() => inFlight.delete(work));
        };

        for (step = 0; sent.length + inFlight.size < COUNT; step++) {
          if (!server.isRunning()) throw new Error('The server process exited during the fuzz');
          while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
          const target =
            random.next() < 0.55 ? (targets[0] as Target) : pick(random, targets.slice(1));
          const roll = random.next();
          const tag = `${step}`;
          if (roll < 0.45) {
            const slot = pick(random, target.honest);
            if (slot.editor.needsReload) await reload(target, slot);
            const edits = 1 + random.int(3);
            timed(
              () => {
                for (let i = 0; i < edits; i++) {
                  if (target.kind === 'notebook')
                    honestNotebookEdit(random, slot.editor.doc, `${tag}-${i}-${slot.name}`);
                  else honestPlanEdit(random, slot.editor.doc, `${tag}${i}${slot.name.length}`);
                }
              },
              () => `honest ${target.kind} edit`,
            );
            // Edits wait in the batch now and then, so copies differ while others send theirs.
            if (random.next() < 0.6) {
              const editor = slot.editor;
              launch(record(target, slot.name, 'honest edit', false, () => editor.flush(throttle)));
            }
          } else if (roll < 0.52) {
            const slot = pick(random, target.honest);
            if (slot.editor.needsReload) continue;
            const editor = slot.editor;
            const update = awarenessUpdate([
              {
                clientID: editor.doc.clientID,
                clock: 1 + step,
                json: JSON.stringify({ user: { name: slot.name, color: '#0a7' } }),
              },
            ]);
            launch(
              record(target, slot.name, 'awareness: own', false, () =>
                editor.raw.request('doc.awareness', { docId: target.docId, update }, throttle),
              ),
            );
          } else {
            const slot = pick(random, target.hostile);
            const raw = await hostileSocket(target, slot);
            const honestIds = target.honest.map((h) => h.editor.doc.clientID);
            const baseEditor = pick(random, target.honest).editor;
            // Most crafted edits stand alone (cheap to build); some build on the whole document.
            const onWholeDoc = random.next() < 0.25;
            const crafted = timed(
              () =>
                random.next() < 0.2
                  ? // On a plan every holder is the same person; on a notebook, other people.
                    awarenessFor(random, 1_000_000 + step, honestIds, target.kind === 'notebook')
                  : hostileUpdate(
                      random,
                      target.kind,
                      onWholeDoc ? baseEditor.doc : EMPTY,
                      honestIds,
                      tag,
                    ),
              (c) => `${c.what} (${target.kind})`,
            );
            // Built on edits the server has not had yet: whatever it references is unknown there.
            if (onWholeDoc && baseEditor.hasUnsent && !crafted.what.startsWith('awareness'))
              crafted.what += ' (on unsent edits)';
            if (SKIP.some((prefix) => crafted.what.startsWith(prefix))) continue;
            const event = crafted.what.startsWith('awareness') ? 'doc.awareness' : 'doc.update';
            launch(
              record(target, slot.name, crafted.what, crafted.mustRefuse, () =>
                raw.request(event, { docId: target.docId, update: crafted.update }, throttle),
              ),
            );
          }
        }
        await Promise.all(inFlight);
        const fuzzMs = performance.now() - startedAt;

        // 1. The process is alive and answers.
        expect(server.isRunning(), report()).toBe(true);
        const health = await requestJson(`${server.url}/healthz`);
        expect(health.status, report()).toBe(200);

        // 2. Every request had a Result: ok, or a typed error other than INTERNAL.
        const unanswered = sent.filter((s) => s.outcome.kind !== 'result');
        const malformed = sent.filter(
          (s) => s.outcome.kind === 'result' && !isResult(s.outcome.result, ERROR_CODES),
        );
        const internal = sent.filter(
          (s) =>
            s.outcome.kind === 'result' &&
            !s.outcome.result.ok &&
            s.outcome.result.error.code === 'INTERNAL',
        );
        const listSent = (list: Sent[]) =>
          list
            .slice(0, 10)
            .map(
              (s) =>
                `step ${s.step} ${s.who} on ${s.target}: ${s.what} -> ${JSON.stringify(s.outcome)}`,
            )
            .join('\n');
        for (const h of targets.flatMap((t) => t.honest))
          closings.push(...h.editor.raw.closings.map((c) => `${h.name}: ${c}`));
        // A document that reached its size limit refuses everyone's edits (TOO_LARGE): long
        // runs fill plans that way. Two devices of one person may each add a plan's 30th
        // action at once, and the server rightly refuses the 31st. The edits that client had in
        // flight then build on the refused one (CONFLICT) until it reloads. Any other refusal
        // of an honest edit is a finding.
        const previousRefused = new Map<string, boolean>();
        const refusedHonest = sent.filter((s) => {
          if (s.what !== 'honest edit' || s.outcome.kind !== 'result') return false;
          const isRefused = !s.outcome.result.ok;
          const excused =
            !s.outcome.result.ok &&
            (s.outcome.result.error.code === 'TOO_LARGE' ||
              s.outcome.result.error.message.includes(`At most ${PLAN_LIMITS.actions} actions`) ||
              previousRefused.get(s.who) === true);
          previousRefused.set(s.who, isRefused);
          return isRefused && !excused;
        });
        expect(
          unanswered.length,
          `${report()}\nNo ack:\n${listSent(unanswered)}\nHonest sockets closed: ${closings.join('; ')}\nHonest edits refused:\n${listSent(refusedHonest)}`,
        ).toBe(0);
        expect(malformed.length, `${report()}\nNot a Result:\n${listSent(malformed)}`).toBe(0);
        expect(internal.length, `${report()}\nINTERNAL errors:\n${listSent(internal)}`).toBe(0);

        // 3. What the design says must be refused was refused.
        const accepted = sent.filter(
          (s) => s.mustRefuse && s.outcome.kind === 'result' && s.outcome.result.ok,
        );
        expect(
          accepted.length,
          `${report()}\nAccepted although invalid:\n${listSent(accepted)}`,
        ).toBe(0);

        // 4. Honest clients were never refused (their edits are valid and within the rate),
        //    except by a full document.
        expect(
          refusedHonest.length,
          `${report()}\nHonest edits refused:\n${listSent(refusedHonest)}`,
        ).toBe(0);

        // 5. Every honest copy equals a fresh copy opened now.
        const stored = new Map<string, ReturnType<typeof contentOf>>();
        for (const target of targets) {
          for (const slot of target.honest) {
            if (slot.editor.needsReload) await reload(target, slot);
            const flushed = await slot.editor.flush(throttle);
            if (flushed)
              sent.push({
                step,
                target: target.docId,
                who: slot.name,
                what: 'honest edit',
                mustRefuse: false,
                outcome: flushed,
              });
            // A refused last batch (a full document) stays in that copy only: reload it, as
            // the browser would, before comparing.
            if (slot.editor.needsReload) await reload(target, slot);
            expect(
              slot.editor.unreadableRelays,
              `${slot.name}: relayed updates it could not apply`,
            ).toEqual([]);
          }
          const credential = readerOf(target);
          const reader = await HonestEditor.open(
            server.url,
            credential,
            keyOf(credential)(),
            target.docId,
            throttle,
          );
          sockets.push(reader.editor);
          const fresh = reader.editor.doc;
          for (const slot of target.honest) {
            const converged = await until(slot.editor.doc, () =>
              sameDoc(target.kind, slot.editor.doc, fresh),
            );
            if (!converged)
              expect(
                contentOf(target.kind, slot.editor.doc),
                `${report()}\n${slot.name} on ${target.docId} did not converge`,
              ).toEqual(contentOf(target.kind, fresh));
          }
          stored.set(target.docId, contentOf(target.kind, fresh));
        }

        // 6. After a hard kill and a restart on the same data, every document reloads the same.
        for (const socket of sockets.splice(0)) socket.close();
        await server.kill();
        server = await children.startWatched(dataDir);
        for (const target of targets) {
          const credential = readerOf(target);
          const { editor } = await HonestEditor.open(
            server.url,
            credential,
            keyOf(credential)(),
            target.docId,
            new Throttle(),
          );
          sockets.push(editor);
          expect(
            contentOf(target.kind, editor.doc),
            `${report()}\n${target.docId} after a restart`,
          ).toEqual(stored.get(target.docId));
        }
        const reloads = targets.flatMap((t) => t.honest).reduce((sum, s) => sum + s.reloads, 0);
        const refusals = new Map<string, number>();
        for (const s of sent)
          if (s.outcome.kind === 'result' && !s.outcome.result.ok)
            refusals.set(
              s.outcome.result.error.code,
              (refusals.get(s.outcome.result.error.code) ?? 0) + 1,
            );
        console.info(
          `Doc fuzz FUZZ_SEED=${SEED}: ${sent.length} messages in ${Math.round(fuzzMs)} ms ` +
            `(${Math.round((sent.length / fuzzMs) * 1000)}/s), refusals ${JSON.stringify(Object.fromEntries(refusals))}, ` +
            `honest reloads ${reloads}, throttled ${Math.round(throttle.waitedMs)} ms, healthz ${JSON.stringify(health.body)}`,
        );
      } catch (error) {
        if (process.env.FUZZ_DUMP)
          (await import('node:fs')).writeFileSync(process.env.FUZZ_DUMP, JSON.stringify(sent));
        // A refused connection usually means the process is going down: let it finish dying
        // (up to a second) so the report shows its exit and its last words.
        await Promise.race([server.exited, new Promise((resolve) => setTimeout(resolve, 1_000))]);
        console.error(report());
        throw error;
      } finally {
        for (const socket of sockets) socket.close();
      }
    },
    Math.max(90_000, COUNT * 60),
  );
});
